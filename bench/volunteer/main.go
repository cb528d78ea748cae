// Command volunteer benchmarks volunteer sign-up (issue 7): 32 concurrent clients sign up
// distinct volunteers for one shift through the HTTP API, each with their own API token,
// and the bench checks that the shift is never overfilled: exactly its places confirmed,
// everyone else waiting, and the shift's confirmed counter equal to the confirmed rows.
// Target: at least 100 sign-ups per second on SQLite and on PostgreSQL. Then it gives some
// of the confirmed volunteers approved hours and times their certificate PDFs, issued and
// reused, in the three languages (target: under 50 ms each, certificates.go).
//
// The whole platform (app.New, with its job and mail workers) is served in-process on a
// loopback port. PostgreSQL runs when KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL
// is set (a fresh schema, dropped at the end).
//
//	go run ./bench/volunteer [-signups 2000] [-clients 32] [-places 500] [-budget 60s] [-engines sqlite,postgres]
//
// A summary goes to stdout, then exactly one JSON line, last. A missed target is reported
// in the JSON; the exit status is 1 only when something is broken (errors, overfill).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// targetRPS is the target: sign-ups per second for one shift from 32 clients.
const targetRPS = 100

type options struct {
	signups, clients, places int
	certificates             int // volunteers whose certificate is timed
	budget                   time.Duration
	engines                  string
}

func main() {
	var o options
	flag.IntVar(&o.signups, "signups", 2000, "sign-ups (distinct volunteers) per engine")
	flag.IntVar(&o.clients, "clients", 32, "concurrent clients, one keep-alive connection each")
	flag.IntVar(&o.places, "places", 500, "places of the shift")
	flag.DurationVar(&o.budget, "budget", 60*time.Second, "upper bound on the measured sign-ups per engine")
	flag.IntVar(&o.certificates, "certificates", 60, "confirmed volunteers whose certificate PDF is timed")
	flag.StringVar(&o.engines, "engines", "sqlite,postgres", "engines to run (postgres only when a URL is set)")
	flag.Parse()
	if o.signups < 1 || o.clients < 1 || o.places < 1 || o.places > o.signups {
		fmt.Fprintln(os.Stderr, "bench/volunteer: need signups ≥ places ≥ 1 and clients ≥ 1")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/volunteer:", err)
	}
	os.Exit(code)
}

// report is the JSON line. Each part of the volunteer module that measures something adds
// its figures here as one more field.
type report struct {
	Bench   string          `json:"bench"`
	Signups int             `json:"signups"`
	Clients int             `json:"clients"`
	Places  int             `json:"places"`
	CPUs    int             `json:"cpus"`
	GoVer   string          `json:"go"`
	Engines []*engineReport `json:"engines"`
	AllMet  bool            `json:"all_targets_met"`
}

func run(ctx context.Context, o options, out io.Writer) (int, error) {
	fmt.Fprintf(out, "bench/volunteer: %d CPUs, Go %s; %d sign-ups from %d clients for %d places\n",
		runtime.NumCPU(), runtime.Version(), o.signups, o.clients, o.places)
	rep := report{Bench: "volunteer", Signups: o.signups, Clients: o.clients, Places: o.places,
		CPUs: runtime.NumCPU(), GoVer: runtime.Version(), AllMet: true}
	var failed error
	for _, engine := range strings.Split(o.engines, ",") {
		er, err := runEngine(ctx, o, out, engine)
		if errors.Is(err, errSkipped) {
			fmt.Fprintf(out, "%s: skipped (set KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL)\n", engine)
			continue
		}
		if er != nil {
			rep.Engines = append(rep.Engines, er)
			rep.AllMet = rep.AllMet && er.Targets.all()
		}
		if err != nil {
			fmt.Fprintf(out, "%s: %v\n", engine, err)
			failed = errors.Join(failed, fmt.Errorf("%s: %w", engine, err))
			rep.AllMet = false
		}
	}
	b, _ := json.Marshal(rep)
	fmt.Fprintln(out, string(b))
	if failed != nil {
		return 1, failed
	}
	return 0, nil
}
