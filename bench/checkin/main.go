// Command checkin benchmarks gate check-in of issue 4: N confirmed tickets, each scanned
// twice, by two different gates at nearly the same time, over POST /api/v1/checkins from 32
// concurrent clients spread over 4 gates. It measures scans per second and latency and
// checks that exactly N scans admitted and N answered already_admitted: 0 double admissions.
//
// The target (≥ 2,000 scans/s, p99 < 20 ms, 0 double admissions) is for SQLite; PostgreSQL
// runs too when KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL is set (report only; a
// fresh schema is created and dropped at the end).
//
//	go run ./bench/checkin [-tickets 5000] [-clients 32] [-gates 4] [-engines sqlite,postgres]
//
// A human-readable summary goes to stdout, followed by exactly one JSON line, last. Missing a
// target is reported in the JSON; the exit status is 1 only when something is broken.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
	"github.com/kopru-platform/kopru/bench/internal/measure"
)

const (
	targetRPS = 2000.0
	targetP99 = 20 * time.Millisecond
)

type options struct {
	tickets int
	clients int
	gates   int
	warmup  int
	timeout time.Duration
	engines string
	keep    bool
}

func main() {
	var o options
	flag.IntVar(&o.tickets, "tickets", 5000, "confirmed tickets, each scanned twice")
	flag.IntVar(&o.clients, "clients", 8, "concurrent scanning clients, each a device scanning without pause (one goroutine and keep-alive connection each)")
	flag.IntVar(&o.gates, "gates", 4, "gates the clients are spread over")
	flag.IntVar(&o.warmup, "warmup", 500, "tickets of a separate event scanned (twice) before measuring")
	flag.DurationVar(&o.timeout, "phase-timeout", 3*time.Minute, "upper bound on each phase")
	flag.StringVar(&o.engines, "engines", "sqlite,postgres", "engines to run (postgres only when a URL is set)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (binary, data directories)")
	flag.Parse()
	if o.tickets < 1 || o.clients < 2 || o.gates < 2 || o.warmup < 0 {
		fmt.Fprintln(os.Stderr, "bench/checkin: need tickets ≥ 1, clients ≥ 2, gates ≥ 2, warmup ≥ 0")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/checkin:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

type report struct {
	Bench   string          `json:"bench"`
	Tickets int             `json:"tickets"`
	Clients int             `json:"clients"`
	Gates   int             `json:"gates"`
	CPUs    int             `json:"cpus"`
	Engines []*engineReport `json:"engines"`
	// Targets are SQLite's (PostgreSQL is reported only).
	Targets struct {
		RPS      bool `json:"sqlite_at_least_2000_scans_per_s"`
		P99      bool `json:"sqlite_p99_under_20ms"`
		NoDouble bool `json:"zero_double_admissions"`
	} `json:"targets"`
}

type engineReport struct {
	Engine          string         `json:"engine"`
	Scans           int            `json:"scans"`
	Seconds         float64        `json:"seconds"`
	RPS             float64        `json:"scans_per_s"`
	P50             float64        `json:"p50_ms"`
	P90             float64        `json:"p90_ms"`
	P99             float64        `json:"p99_ms"`
	Max             float64        `json:"max_ms"`
	ServerCPUus     float64        `json:"server_cpu_us_per_scan"`
	Outcomes        map[string]int `json:"outcomes"`
	Errors          int            `json:"errors"`
	DoubleAdmitted  int            `json:"double_admissions"`
	NeverAdmitted   int            `json:"never_admitted"`
	StoredCheckedIn int            `json:"stored_checked_in"`
	RegisterSeconds float64        `json:"setup_register_seconds"`
}

func run(ctx context.Context, o options, out io.Writer) (int, error) {
	fmt.Fprintf(out, "bench/checkin: %d CPUs, Go %s; %d tickets × 2 scans, %d clients over %d gates\n",
		runtime.NumCPU(), runtime.Version(), o.tickets, o.clients, o.gates)
	bin, tmp, cleanup, err := kopruserver.Workspace(ctx, "checkin", o.keep, out)
	if err != nil {
		return 1, err
	}
	defer cleanup()
	rep := report{Bench: "checkin", Tickets: o.tickets, Clients: o.clients, Gates: o.gates, CPUs: runtime.NumCPU()}
	pgURL := kopruserver.PostgresURL()
	noDouble := true
	var failed error
	for _, engine := range strings.Split(o.engines, ",") {
		var dbURL string
		switch engine {
		case "sqlite":
		case "postgres":
			if pgURL == "" {
				fmt.Fprintln(out, "\npostgres: skipped (set KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL)")
				continue
			}
			u, drop, err := kopruapi.PGSchema(ctx, pgURL, "kopru_bench_checkin")
			if err != nil {
				return 1, err
			}
			defer drop()
			dbURL = u
		default:
			return 2, fmt.Errorf("unknown engine %q", engine)
		}
		fmt.Fprintf(out, "\n== %s ==\n", engine)
		er, err := runEngine(ctx, o, out, bin, tmp+"/"+engine, dbURL)
		if er != nil {
			er.Engine = engine
			rep.Engines = append(rep.Engines, er)
			noDouble = noDouble && er.DoubleAdmitted == 0 && er.NeverAdmitted == 0 && er.Errors == 0
			if engine == "sqlite" {
				rep.Targets.RPS = er.RPS >= targetRPS
				rep.Targets.P99 = er.P99 < measure.Ms(targetP99)
			}
		}
		if err != nil {
			noDouble = false
			fmt.Fprintf(out, "%s: %v\n", engine, err)
			failed = errors.Join(failed, fmt.Errorf("%s: %w", engine, err))
		}
	}
	rep.Targets.NoDouble = noDouble && len(rep.Engines) > 0
	b, _ := json.Marshal(rep)
	fmt.Fprintln(out, string(b))
	if failed != nil {
		return 1, failed
	}
	return 0, nil
}

func runEngine(ctx context.Context, o options, out io.Writer, bin, dataDir, dbURL string) (*engineReport, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	storeURL := dbURL
	if storeURL == "" {
		storeURL = "sqlite:" + dataDir + "/kopru.db"
	}
	// The first start migrates, loads the demo (the partnership) and creates the ticket key.
	srv, err := kopruserver.Start(ctx, bin, dataDir, dbURL, 60*time.Second)
	if err != nil {
		return nil, err
	}
	token, err := kopruapi.CoordinatorToken(ctx, bin, dataDir, dbURL, srv.Base)
	if err != nil {
		srv.Kill()
		return nil, err
	}
	if err := srv.Stop(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	var (
		wID   int64
		wCode []string
	)
	if o.warmup > 0 {
		if wID, wCode, err = seedEvent(ctx, storeURL, "checkin-warmup", o.warmup, 8); err != nil {
			return nil, err
		}
	}
	evID, codes, err := seedEvent(ctx, storeURL, "checkin", o.tickets, 8)
	if err != nil {
		return nil, err
	}
	er := &engineReport{RegisterSeconds: measure.Round(time.Since(t0).Seconds(), 2)}
	fmt.Fprintf(out, "set-up: %d confirmed registrations in-process (server stopped) in %.1fs\n", len(codes), er.RegisterSeconds)

	if srv, err = kopruserver.Start(ctx, bin, dataDir, dbURL, 60*time.Second); err != nil {
		return nil, err
	}
	defer func() { _ = srv.Stop() }()
	c := &kopruapi.Client{Base: srv.Base, Token: token, HC: kopruapi.NewHTTPClient(o.clients+4, 30*time.Second)}
	if o.warmup > 0 {
		w := scan(ctx, c, wID, wCode, o.clients, o.gates, o.timeout)
		fmt.Fprintf(out, "warm-up: %d scans on a separate event, %v, %d errors%s\n", len(w.lat), w.outcomes, w.errors, w.firstErr)
	}

	cpu0, _ := measure.CPUTime(srv.Pid())
	res := scan(ctx, c, evID, codes, o.clients, o.gates, o.timeout)
	cpu1, _ := measure.CPUTime(srv.Pid())
	er.Scans, er.Errors, er.Outcomes = len(res.lat), res.errors, res.outcomes
	er.Seconds = measure.Round(res.elapsed.Seconds(), 3)
	er.RPS = measure.Round(float64(len(res.lat))/res.elapsed.Seconds(), 1)
	er.P50, er.P90, er.P99, er.Max = measure.Ms(measure.Pct(res.lat, 0.5)), measure.Ms(measure.Pct(res.lat, 0.9)), measure.Ms(measure.Pct(res.lat, 0.99)), measure.Ms(measure.Pct(res.lat, 1))
	if len(res.lat) > 0 {
		er.ServerCPUus = measure.Round(float64((cpu1-cpu0).Microseconds())/float64(len(res.lat)), 1)
	}
	for _, n := range res.admittedPer {
		switch {
		case n > 1:
			er.DoubleAdmitted++
		case n == 0:
			er.NeverAdmitted++
		}
	}
	list, err := kopruapi.StaffList(ctx, c, evID)
	if err != nil {
		return er, err
	}
	for _, r := range list {
		if r.CheckedInAt != nil {
			er.StoredCheckedIn++
		}
	}
	fmt.Fprintf(out, "scans: %d in %.2fs = %.0f/s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; server CPU %.0f µs/scan\n",
		er.Scans, er.Seconds, er.RPS, er.P50, er.P90, er.P99, er.Max, er.ServerCPUus)
	fmt.Fprintf(out, "outcomes: %v; %d errors%s; %d double admissions, %d never admitted; %d checked in as stored\n",
		er.Outcomes, er.Errors, res.firstErr, er.DoubleAdmitted, er.NeverAdmitted, er.StoredCheckedIn)
	if er.Outcomes["admitted"] != o.tickets || er.Outcomes["already_admitted"] != o.tickets || er.StoredCheckedIn != o.tickets {
		er.NeverAdmitted = max(er.NeverAdmitted, o.tickets-er.StoredCheckedIn)
	}
	return er, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

type scanResult struct {
	elapsed     time.Duration
	lat         []time.Duration
	outcomes    map[string]int
	admittedPer []int
	errors      int
	firstErr    string
}

// scan sends every code twice: job 2i at gate i mod g, job 2i+1 at gate (i+1) mod g. The
// clients take jobs in order, so the two scans of a ticket go out from two clients within
// microseconds of each other.
func scan(ctx context.Context, c *kopruapi.Client, eventID int64, codes []string, clients, gates int, timeout time.Duration) scanResult {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	jobs := 2 * len(codes)
	res := scanResult{outcomes: map[string]int{}, admittedPer: make([]int, len(codes))}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		mu   sync.Mutex
	)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lats []time.Duration
			local := map[string]int{}
			for {
				j := int(next.Add(1) - 1)
				if j >= jobs || ctx.Err() != nil {
					break
				}
				i := j / 2
				gate := "Kapı " + strconv.Itoa((i+j%2)%gates+1)
				var ans struct {
					Outcome string `json:"outcome"`
				}
				t := time.Now()
				_, err := c.Do(ctx, http.MethodPost, "/api/v1/checkins", map[string]any{"code": codes[i], "gate": gate, "event_id": eventID}, &ans)
				d := time.Since(t)
				mu.Lock()
				if err != nil {
					res.errors++
					if res.firstErr == "" {
						res.firstErr = "; first: " + err.Error()
					}
				} else if ans.Outcome == "admitted" {
					res.admittedPer[i]++
				}
				mu.Unlock()
				if err == nil {
					lats = append(lats, d)
					local[ans.Outcome]++
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lats...)
			for k, v := range local {
				res.outcomes[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}
