// Command b2brecommend benchmarks meeting recommendations
// (internal/b2b/recommend) at the size issue 5 sets: every participant's top
// 20 for 2,000 participants and 4,000 opportunities in under 2 s.
//
// Run from the repository:
//
//	go run ./bench/b2brecommend [-participants 2000] [-opportunities 4000] [-k 20] [-rounds 3] [-seed 1986]
//
// Each round builds the index from the generated programme and ranks every
// participant; the target counts both, since a page that shows suggestions
// after a profile change pays for both. A summary goes to stdout, then one
// JSON line, last. The exit status is 1 only when something breaks.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b/recommend"
)

const target = 2 * time.Second

type options struct {
	participants, opportunities, k, rounds int
	seed                                   uint64
}

type report struct {
	Participants   int       `json:"participants"`
	Opportunities  int       `json:"opportunities"`
	K              int       `json:"k"`
	Rounds         int       `json:"rounds"`
	GOMAXPROCS     int       `json:"gomaxprocs"`
	Load1          float64   `json:"load1_at_start"`
	BuildMS        []float64 `json:"build_ms"`
	RankMS         []float64 `json:"rank_ms"`
	CPUMS          []float64 `json:"cpu_ms"`
	TotalBestMS    float64   `json:"total_best_ms"`
	TotalMedianMS  float64   `json:"total_median_ms"`
	AllocsPerRound uint64    `json:"allocs_per_round"`
	AllocMBRound   float64   `json:"alloc_mb_per_round"`
	PeakHeapMB     float64   `json:"peak_heap_mb"`
	MaxRSSMB       float64   `json:"max_rss_mb"`
	Suggestions    int       `json:"suggestions"`
	EmptyLists     int       `json:"empty_lists"`
	OneMedianMS    float64   `json:"one_participant_median_ms"`
	TopSameTheme   float64   `json:"top1_same_theme_share"`
	TopCrossCity   float64   `json:"top1_cross_city_share"`
	TopTextReason  float64   `json:"top1_text_reason_share"`
	TargetMS       float64   `json:"target_ms"`
	TargetMet      bool      `json:"target_met"`
}

func main() {
	var o options
	flag.IntVar(&o.participants, "participants", 2000, "participants in the programme")
	flag.IntVar(&o.opportunities, "opportunities", 4000, "offers and requests")
	flag.IntVar(&o.k, "k", 20, "suggestions per participant")
	flag.IntVar(&o.rounds, "rounds", 3, "measured rounds (build + rank all), after one warm-up")
	flag.Uint64Var(&o.seed, "seed", 1986, "generator seed")
	flag.Parse()
	if o.participants < 1 || o.opportunities < 0 || o.k < 1 || o.rounds < 1 {
		fmt.Fprintln(os.Stderr, "bench/b2brecommend: -participants, -k and -rounds must be positive, -opportunities not negative")
		os.Exit(2)
	}
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/b2brecommend:", err)
		os.Exit(1)
	}
}

func run(o options, out io.Writer) error {
	rep := report{Participants: o.participants, Opportunities: o.opportunities, K: o.k, Rounds: o.rounds,
		GOMAXPROCS: runtime.GOMAXPROCS(0), Load1: load1(), TargetMS: ms(target)}
	in, themeOf := generate(o.seed, o.participants, o.opportunities)

	// Warm-up: page in the code and grow the heap once, unmeasured.
	if _, err := round(in, o.k); err != nil {
		return err
	}
	peak := watchHeap()
	var totals []float64
	var lists [][]recommend.Suggestion
	for range o.rounds {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		cpu := cpuTime()
		r, err := round(in, o.k)
		if err != nil {
			return err
		}
		rep.CPUMS = append(rep.CPUMS, ms(cpuTime()-cpu))
		runtime.ReadMemStats(&after)
		rep.BuildMS = append(rep.BuildMS, ms(r.build))
		rep.RankMS = append(rep.RankMS, ms(r.rank))
		totals = append(totals, ms(r.build+r.rank))
		rep.AllocsPerRound = after.Mallocs - before.Mallocs
		rep.AllocMBRound = float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
		lists = r.lists
	}
	rep.PeakHeapMB = peak() / (1 << 20)
	one, err := onePage(in, o.k)
	if err != nil {
		return err
	}
	rep.OneMedianMS = one
	rep.MaxRSSMB = maxRSS()
	slices.Sort(totals)
	rep.TotalBestMS, rep.TotalMedianMS = totals[0], totals[len(totals)/2]
	rep.TargetMet = rep.TotalMedianMS < ms(target)
	quality(&rep, in, themeOf, lists)
	return print(out, rep)
}

type result struct {
	build, rank time.Duration
	lists       [][]recommend.Suggestion
}

func round(in recommend.Input, k int) (result, error) {
	start := time.Now()
	x, err := recommend.Build(in)
	if err != nil {
		return result{}, err
	}
	built := time.Now()
	lists := x.All(k)
	return result{build: built.Sub(start), rank: time.Since(built), lists: lists}, nil
}

// onePage times For on a built index, as a participant's page asks for
// their own list: the median over up to 200 participants.
func onePage(in recommend.Input, k int) (float64, error) {
	x, err := recommend.Build(in)
	if err != nil {
		return 0, err
	}
	var times []float64
	for i := 0; i < len(in.Participants) && i < 200; i++ {
		start := time.Now()
		if _, err := x.For(in.Participants[i].ID, k); err != nil {
			return 0, err
		}
		times = append(times, ms(time.Since(start)))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

// quality gives a rough sense that the ranking is sensible: how often the
// first suggestion shares the participant's main theme, is in the sister
// city, and is explained by text.
func quality(rep *report, in recommend.Input, themeOf []int, lists [][]recommend.Suggestion) {
	pos := map[string]int{}
	for i, p := range in.Participants {
		pos[p.ID] = i
	}
	var same, cross, text, firsts int
	for i, l := range lists {
		rep.Suggestions += len(l)
		if len(l) == 0 {
			rep.EmptyLists++
			continue
		}
		firsts++
		j := pos[l[0].Participant]
		if themeOf[i] == themeOf[j] {
			same++
		}
		if in.Participants[i].Country != in.Participants[j].Country && sisterCity(in.Participants[i].City) && sisterCity(in.Participants[j].City) {
			cross++
		}
		if k := l[0].Why[0].Key; k == "b2b.why.offer_matches_request" || k == "b2b.why.request_matches_offer" {
			text++
		}
	}
	if firsts > 0 {
		rep.TopSameTheme = float64(same) / float64(firsts)
		rep.TopCrossCity = float64(cross) / float64(firsts)
		rep.TopTextReason = float64(text) / float64(firsts)
	}
}

func sisterCity(c string) bool {
	switch c {
	case "İzmir", "IZMIR", "Bakı", "Baku", "Bakü":
		return true
	}
	return false
}

// watchHeap samples the live heap every millisecond until the returned
// function is called, which stops it and returns the largest sample in
// bytes. runtime/metrics reads do not stop the world, unlike ReadMemStats.
func watchHeap() func() float64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	return func() float64 {
		close(stop)
		wg.Wait()
		return float64(peak)
	}
}

// cpuTime is the CPU time the process has used (user and system, all
// threads): unlike wall time it hardly moves with what else runs on the
// machine, so it tells whether a round would fit in the target on one core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSS is the process's peak resident set in MB (Linux reports KiB).
func maxRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}

// load1 is the one-minute load average, so a figure can be read against
// what else ran on the shared machine; -1 when unknown.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	v, err := strconv.ParseFloat(strings.SplitN(string(b), " ", 2)[0], 64)
	if err != nil {
		return -1
	}
	return v
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func print(out io.Writer, r report) error {
	fmt.Fprintf(out, "b2b recommendations: %d participants, %d opportunities, top %d, %d rounds, GOMAXPROCS %d, load %.2f\n",
		r.Participants, r.Opportunities, r.K, r.Rounds, r.GOMAXPROCS, r.Load1)
	fmt.Fprintf(out, "  build index   %v ms\n", r.BuildMS)
	fmt.Fprintf(out, "  rank all      %v ms\n", r.RankMS)
	fmt.Fprintf(out, "  CPU time      %v ms (all threads, build + rank)\n", r.CPUMS)
	fmt.Fprintf(out, "  build + rank  best %.1f ms, median %.1f ms (target < %.0f ms: %v)\n", r.TotalBestMS, r.TotalMedianMS, r.TargetMS, r.TargetMet)
	fmt.Fprintf(out, "  one list      median %.2f ms (For on a built index)\n", r.OneMedianMS)
	fmt.Fprintf(out, "  per round     %d allocations, %.1f MB allocated; peak live heap %.1f MB, max RSS %.1f MB\n",
		r.AllocsPerRound, r.AllocMBRound, r.PeakHeapMB, r.MaxRSSMB)
	fmt.Fprintf(out, "  lists         %d suggestions, %d empty; first suggestion: same theme %.0f%%, sister city %.0f%%, text reason %.0f%%\n",
		r.Suggestions, r.EmptyLists, 100*r.TopSameTheme, 100*r.TopCrossCity, 100*r.TopTextReason)
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, string(b))
	return err
}
