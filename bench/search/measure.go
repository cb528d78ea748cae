package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/search"
)

// timings are the measured durations of one method, overall and per query class.
type timings struct {
	all     []time.Duration
	byClass map[string][]time.Duration
	byQuery map[string][]time.Duration
}

func (t *timings) add(q query, d time.Duration) {
	if t.byClass == nil {
		t.byClass, t.byQuery = map[string][]time.Duration{}, map[string][]time.Duration{}
	}
	t.all = append(t.all, d)
	t.byClass[q.class] = append(t.byClass[q.class], d)
	t.byQuery[q.text] = append(t.byQuery[q.text], d)
}

// slowest returns the n queries with the highest median, for finding what to tune.
func (t *timings) slowest(n int) []string {
	type qm struct {
		text string
		med  time.Duration
	}
	var all []qm
	for text, ds := range t.byQuery {
		all = append(all, qm{text, percentile(ds, .5)})
	}
	slices.SortFunc(all, func(a, b qm) int { return int(b.med - a.med) })
	var out []string
	for _, q := range all[:min(n, len(all))] {
		out = append(out, fmt.Sprintf("%s %.1fms", q.text, float64(q.med.Microseconds())/1000))
	}
	return out
}

// percentile is the nearest-rank percentile of ds (sorted in place).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(p*float64(len(ds))+0.999999) - 1
	return ds[max(0, min(i, len(ds)-1))]
}

// queryStats is what one run of the query set found, for the report.
type queryStats struct {
	zeroHits   int // queries Search answered with no hit
	avgHits    float64
	ownLangTop int // queries whose first hit is in the asked language
}

// runQueries times every query through Search and BareQuery, rounds times after one
// unmeasured warm-up round. The two alternate which goes first, so neither always finds
// the caches warmed by the other.
func runQueries(ctx context.Context, ix *search.Index, qs []query, rounds, limit int, out io.Writer) (s, b timings, st queryStats, err error) {
	hits := 0
	for round := range rounds + 1 {
		for i, q := range qs {
			lang := langs[i%3]
			var ds, dbare time.Duration
			searchOnce := func() error {
				t0 := time.Now()
				hs, err := ix.Search(ctx, search.Query{Text: q.text, Lang: lang, Limit: limit})
				ds = time.Since(t0)
				if err != nil {
					return fmt.Errorf("search %q: %w", q.text, err)
				}
				if round == 0 {
					hits += len(hs)
					if len(hs) == 0 {
						st.zeroHits++
					} else if hs[0].Lang == lang {
						st.ownLangTop++
					}
				}
				return nil
			}
			bareOnce := func() error {
				t0 := time.Now()
				_, err := ix.BareQuery(ctx, q.text, limit)
				dbare = time.Since(t0)
				if err != nil {
					return fmt.Errorf("bare %q: %w", q.text, err)
				}
				return nil
			}
			first, second := searchOnce, bareOnce
			if (i+round)%2 == 1 {
				first, second = bareOnce, searchOnce
			}
			if err = first(); err == nil {
				err = second()
			}
			if err != nil {
				return s, b, st, err
			}
			if round > 0 {
				s.add(q, ds)
				b.add(q, dbare)
			}
		}
		if round == 0 {
			fmt.Fprintf(out, "  warm-up round done\n")
		}
	}
	st.avgHits = float64(hits) / float64(len(qs))
	return s, b, st, nil
}
