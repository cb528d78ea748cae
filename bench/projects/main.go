// Command projects benchmarks the public accountability tracker at the size issue 6 sets:
// 10,000 projects and 200,000 progress updates, generated in bulk in one transaction per
// engine. It serves the whole platform in-process on a loopback port and measures the
// filtered list page /tr/projects under several filter combinations (one keep-alive client,
// a bounded number of requests and time), against /healthz in the same run as the
// baseline, and counts the queries the summary on top of the list sends at 100 and at
// 10,000 projects: the same fixed number at both sizes.
//
// Run from the repository:
//
//	go run ./bench/projects [-requests 200] [-budget 60s]
//	KOPRU_BENCH_POSTGRES_URL='postgres://…' go run ./bench/projects   # SQLite, then PostgreSQL
//
// A summary goes to stdout, then exactly one JSON line, last. A missed target shows in the
// JSON; the exit status is 1 only when something breaks.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
)

// targetP95 is the target for the filtered list page.
const targetP95 = 30 * time.Millisecond

type options struct {
	projects, updates int
	requests          int           // per filter combination
	budget            time.Duration // per engine, for all the requests together
	postgres          string
	seed              int64
}

type engineReport struct {
	Engine         string             `json:"engine"`
	Projects       int                `json:"projects"`
	Updates        int                `json:"updates"`
	GenerateS      float64            `json:"generate_s"`
	Requests       int                `json:"requests"`
	P50Ms          float64            `json:"p50_ms"`
	P95Ms          float64            `json:"p95_ms"`
	P99Ms          float64            `json:"p99_ms"`
	P95ByFilterMs  map[string]float64 `json:"p95_by_filter_ms"`
	HealthzP95Ms   float64            `json:"healthz_p95_ms"`
	RatioToHealthz float64            `json:"p95_ratio_to_healthz"`
	SummaryQueries [2]int             `json:"summary_queries_at_100_and_all"`
	SummaryFixed   bool               `json:"summary_queries_fixed"`
	TargetP95Met   bool               `json:"target_p95_met"`
}

func main() {
	var o options
	flag.IntVar(&o.projects, "projects", 10_000, "projects to generate")
	flag.IntVar(&o.updates, "updates", 200_000, "progress updates to generate")
	flag.IntVar(&o.requests, "requests", 200, "measured requests per filter combination")
	flag.DurationVar(&o.budget, "budget", 60*time.Second, "time limit for the measured requests of one engine")
	flag.StringVar(&o.postgres, "postgres", kopruserver.PostgresURL(), "PostgreSQL server URL; empty: SQLite only")
	flag.Int64Var(&o.seed, "seed", 1986, "generator seed")
	flag.Parse()
	ctx := context.Background()
	var reports []engineReport
	engines := []string{"sqlite"}
	if o.postgres != "" {
		engines = append(engines, "postgres")
	}
	for _, engine := range engines {
		r, err := runEngine(ctx, engine, o)
		if err != nil {
			fmt.Fprintln(os.Stderr, engine+":", err)
			os.Exit(1)
		}
		printReport(r)
		reports = append(reports, r)
	}
	all := true
	for _, r := range reports {
		all = all && r.TargetP95Met && r.SummaryFixed
	}
	line, _ := json.Marshal(map[string]any{"bench": "projects", "engines": reports, "target_p95_ms": 30, "all_targets_met": all})
	fmt.Println(string(line))
}

func printReport(r engineReport) {
	fmt.Printf("%s: %d projects, %d updates generated in %.1f s\n", r.Engine, r.Projects, r.Updates, r.GenerateS)
	fmt.Printf("  /tr/projects: %d requests, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (target p95 < 30 ms: %v)\n",
		r.Requests, r.P50Ms, r.P95Ms, r.P99Ms, r.TargetP95Met)
	for _, name := range slices.Sorted(maps.Keys(r.P95ByFilterMs)) {
		fmt.Printf("    %-28s p95 %.2f ms\n", name, r.P95ByFilterMs[name])
	}
	fmt.Printf("  /healthz p95 %.3f ms; list p95 / healthz p95 = %.1f\n", r.HealthzP95Ms, r.RatioToHealthz)
	fmt.Printf("  summary queries at 100 and %d projects: %v (fixed: %v)\n", r.Projects, r.SummaryQueries, r.SummaryFixed)
}
