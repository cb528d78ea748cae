// Command search benchmarks the site search (internal/platform/search) at the size the
// issue sets: 100,000 documents in Turkish, Azerbaijani and English. On a fresh SQLite
// file, and on a fresh PostgreSQL schema when KOPRU_BENCH_POSTGRES_URL (or
// KOPRU_TEST_POSTGRES_URL) is set, it times Reindex of the generated corpus, then a fixed
// set of queries through Search and, as the baseline in the same run, through BareQuery
// (the engine's own ranked full-text match and nothing else).
//
// Run from the repository:
//
//	go run ./bench/search [-docs 100000] [-rounds 5] [-seed 1986]
//
// A human-readable summary goes to stdout, followed by exactly one JSON line, last.
// Missing a target is reported in the JSON; the exit status is 1 only when something is
// broken.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/measure"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// The targets from issue 3.
const (
	targetSQLiteP95   = 15 * time.Millisecond
	targetPostgresP95 = 25 * time.Millisecond
	targetRatio       = 2.0
	targetReindex     = 60 * time.Second
)

type options struct {
	docs, rounds, limit int
	seed                uint64
	postgres            string
	keep                bool
	skipSQLite          bool
}

func main() {
	var o options
	flag.IntVar(&o.docs, "docs", 100_000, "documents to index (things in three languages; a source's last thing may have fewer)")
	flag.IntVar(&o.rounds, "rounds", 5, "measured rounds over the query set, after one warm-up round")
	flag.IntVar(&o.limit, "limit", search.DefaultLimit, "hits per search, as the search page asks")
	flag.Uint64Var(&o.seed, "seed", 1986, "corpus seed")
	flag.StringVar(&o.postgres, "postgres", firstEnv("KOPRU_BENCH_POSTGRES_URL", "KOPRU_TEST_POSTGRES_URL"), "PostgreSQL server URL; empty skips PostgreSQL")
	flag.BoolVar(&o.keep, "keep", false, "keep the SQLite file and the PostgreSQL schema")
	flag.BoolVar(&o.skipSQLite, "skip-sqlite", false, "measure PostgreSQL only (while tuning it)")
	flag.Parse()
	if o.docs < 1 || o.rounds < 1 || o.limit < 1 || o.limit > search.MaxLimit {
		fmt.Fprintln(os.Stderr, "bench/search: -docs and -rounds must be positive, -limit 1…100")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// engineReport holds one engine's figures; times in milliseconds unless named _s.
type engineReport struct {
	ReindexS       float64            `json:"reindex_s"`
	ReindexDocsS   float64            `json:"reindex_docs_per_s"`
	IndexMB        float64            `json:"index_mb"`
	Samples        int                `json:"samples"`
	SearchP50      float64            `json:"search_p50_ms"`
	SearchP95      float64            `json:"search_p95_ms"`
	SearchP99      float64            `json:"search_p99_ms"`
	BareP50        float64            `json:"bare_p50_ms"`
	BareP95        float64            `json:"bare_p95_ms"`
	BareP99        float64            `json:"bare_p99_ms"`
	Ratio          float64            `json:"ratio_p95_search_to_bare"`
	SearchP95Class map[string]float64 `json:"search_p95_ms_by_class"`
	BareP95Class   map[string]float64 `json:"bare_p95_ms_by_class"`
	ZeroHitQueries int                `json:"zero_hit_queries"`
	AvgHits        float64            `json:"avg_hits"`
	OwnLangFirst   int                `json:"queries_with_own_language_first"`
	Slowest        []string           `json:"slowest_search_queries_median"`
}

type report struct {
	Bench    string        `json:"bench"`
	Docs     int           `json:"docs"`
	Queries  int           `json:"queries"`
	Rounds   int           `json:"rounds"`
	Limit    int           `json:"limit"`
	Seed     uint64        `json:"seed"`
	CPUs     int           `json:"cpus"`
	SQLite   *engineReport `json:"sqlite"`
	Postgres *engineReport `json:"postgres"` // null when no server was given
	Targets  struct {
		SQLiteP95     bool  `json:"sqlite_p95_under_15ms"`
		SQLiteRatio   bool  `json:"sqlite_ratio_at_most_2"`
		SQLiteReindex bool  `json:"sqlite_reindex_under_60s"`
		PostgresP95   *bool `json:"postgres_p95_under_25ms"`
		PostgresRatio *bool `json:"postgres_ratio_at_most_2"`
	} `json:"targets"`
}

func run(ctx context.Context, o options, out io.Writer) error {
	c := newCorpus(o.seed)
	qs := queries(c)
	rep := report{Bench: "search", Docs: o.docs, Queries: len(qs), Rounds: o.rounds, Limit: o.limit, Seed: o.seed, CPUs: runtime.NumCPU()}
	fmt.Fprintf(out, "bench/search: %d documents, %d queries × %d rounds, %d CPUs, Go %s\n", o.docs, len(qs), o.rounds, rep.CPUs, runtime.Version())

	tmp, err := os.MkdirTemp("", "kopru-bench-search-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(out, "SQLite file kept in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if !o.skipSQLite {
		path := filepath.Join(tmp, "kopru.db")
		rep.SQLite, err = bench(ctx, "sqlite", "sqlite:"+path, c, qs, o, out)
		if err != nil {
			return err
		}
		rep.SQLite.IndexMB = fileMB(path, path+"-wal")
		rep.Targets.SQLiteP95 = rep.SQLite.SearchP95 < measure.Ms(targetSQLiteP95)
		rep.Targets.SQLiteRatio = rep.SQLite.Ratio <= targetRatio
		rep.Targets.SQLiteReindex = rep.SQLite.ReindexS < targetReindex.Seconds()
	}

	if o.postgres == "" {
		fmt.Fprintln(out, "postgres: skipped (set KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL)")
	} else {
		schemaURL, drop, err := freshSchema(ctx, o.postgres, o.keep)
		if err != nil {
			return err
		}
		rep.Postgres, err = bench(ctx, "postgres", schemaURL, c, qs, o, out)
		if derr := drop(); err == nil {
			err = derr
		}
		if err != nil {
			return err
		}
		p95, ratio := rep.Postgres.SearchP95 < measure.Ms(targetPostgresP95), rep.Postgres.Ratio <= targetRatio
		rep.Targets.PostgresP95, rep.Targets.PostgresRatio = &p95, &ratio
	}
	line, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, string(line))
	return nil
}

// bench indexes the corpus into the database at rawURL and times the queries.
func bench(ctx context.Context, engine, rawURL string, c *corpus, qs []query, o options, out io.Writer) (*engineReport, error) {
	d, err := db.Open(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	if err := d.Migrate(ctx); err != nil {
		return nil, err
	}
	ix := search.New(d)
	r := &engineReport{}

	fmt.Fprintf(out, "%s: reindexing %d documents\n", engine, o.docs)
	next := 0
	t0 := time.Now()
	err = ix.Reindex(ctx, c.sources(o.docs), func(done, total int) {
		if done*10 >= next*total {
			fmt.Fprintf(out, "  %3d%%  %6d/%d  %5.1fs\n", done*100/total, done, total, time.Since(t0).Seconds())
			next = done*10/total + 1
		}
	})
	took := time.Since(t0)
	if err != nil {
		return nil, err
	}
	r.ReindexS = measure.Round(took.Seconds(), 2)
	r.ReindexDocsS = measure.Round(float64(o.docs)/took.Seconds(), 0)
	if d.Dialect == db.Postgres {
		var bytes int64
		if err := d.QueryRow(ctx, `SELECT pg_total_relation_size('search_documents')`).Scan(&bytes); err == nil {
			r.IndexMB = measure.Round(float64(bytes)/(1<<20), 1)
		}
	}

	fmt.Fprintf(out, "%s: %d queries × %d rounds through Search and BareQuery\n", engine, len(qs), o.rounds)
	s, b, st, err := runQueries(ctx, ix, qs, o.rounds, o.limit, out)
	if err != nil {
		return nil, err
	}
	r.Samples = len(s.all)
	r.SearchP50, r.SearchP95, r.SearchP99 = measure.Ms(percentile(s.all, .50)), measure.Ms(percentile(s.all, .95)), measure.Ms(percentile(s.all, .99))
	r.BareP50, r.BareP95, r.BareP99 = measure.Ms(percentile(b.all, .50)), measure.Ms(percentile(b.all, .95)), measure.Ms(percentile(b.all, .99))
	r.Ratio = measure.Round(r.SearchP95/r.BareP95, 2)
	r.SearchP95Class, r.BareP95Class = map[string]float64{}, map[string]float64{}
	for class, ds := range s.byClass {
		r.SearchP95Class[class] = measure.Ms(percentile(ds, .95))
		r.BareP95Class[class] = measure.Ms(percentile(b.byClass[class], .95))
	}
	r.ZeroHitQueries, r.AvgHits, r.OwnLangFirst = st.zeroHits, measure.Round(st.avgHits, 1), st.ownLangTop
	r.Slowest = s.slowest(5)

	fmt.Fprintf(out, "%s: reindex %.1fs (%.0f docs/s)\n", engine, r.ReindexS, r.ReindexDocsS)
	fmt.Fprintf(out, "  search p50 %.2f  p95 %.2f  p99 %.2f ms\n", r.SearchP50, r.SearchP95, r.SearchP99)
	fmt.Fprintf(out, "  bare   p50 %.2f  p95 %.2f  p99 %.2f ms   ratio p95 %.2f\n", r.BareP50, r.BareP95, r.BareP99, r.Ratio)
	classes := make([]string, 0, len(r.SearchP95Class))
	for class := range r.SearchP95Class {
		classes = append(classes, class)
	}
	slices.Sort(classes)
	for _, class := range classes {
		fmt.Fprintf(out, "  p95 %-15s search %6.2f  bare %6.2f ms\n", class, r.SearchP95Class[class], r.BareP95Class[class])
	}
	fmt.Fprintf(out, "  slowest searches (median): %s\n", strings.Join(r.Slowest, ", "))
	fmt.Fprintf(out, "  %d queries without hits, %.1f hits on average, own language first in %d\n", r.ZeroHitQueries, r.AvgHits, r.OwnLangFirst)
	return r, nil
}

// freshSchema creates an empty schema on the server and returns a URL that uses it, and
// the function that drops it again.
func freshSchema(ctx context.Context, base string, keep bool) (string, func() error, error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "kopru_bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("postgres: create schema: %w", err)
	}
	drop := func() error {
		defer admin.Close()
		if keep {
			fmt.Println("PostgreSQL schema kept:", schema)
			return nil
		}
		// Not ctx: the schema goes also when the run was interrupted.
		_, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		return err
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

func fileMB(paths ...string) float64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return measure.Round(float64(n)/(1<<20), 1)
}
