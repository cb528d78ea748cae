// Command pages benchmarks what a visitor of Köprü waits for: the cold start of
// `kopru serve` on an empty SQLite database (migrations and demo included) until /readyz
// answers, and the localized home page /tr/ and the demo's news article (the report of the
// 12 January 2026 meeting, found through the news list /tr/news) and the event list
// /tr/events (with a year of events added over the API) under 32 concurrent
// keep-alive connections, each against a static file served by the same process in the
// same run as the baseline.
//
// Run from the repository:
//
//	go run ./bench/pages [-duration 10s] [-max 2000000] [-conns 32] [-coldstarts 5]
//
// A human-readable summary goes to stdout, followed by exactly one JSON line, last.
// Missing a target is reported in the JSON and the exit status is still 0; the exit status
// is 1 only when something is broken (build, start-up, a non-200 response).
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
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
	"github.com/kopru-platform/kopru/bench/internal/measure"
)

// The targets from the issue.
const (
	targetColdStart = time.Second
	targetRatio     = 0.4
	targetHomeP99   = 25 * time.Millisecond
	targetArticle   = 0.4 // issue 3: the article page at ≥ 40 % of static-file throughput
	targetEvents    = 0.4 // issue 4: the event list at ≥ 40 % of static-file throughput
	targetRSSMB     = 100.0
)

type options struct {
	duration   time.Duration
	maxReq     int64
	conns      int
	coldStarts int
	warmup     time.Duration
	rounds     int
	stderr     string
	compareLog bool
	keep       bool
	cpuProfile string
	waitQuiet  time.Duration
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured load phase")
	flag.Int64Var(&o.maxReq, "max", 2_000_000, "upper bound on requests per load phase")
	flag.IntVar(&o.conns, "conns", 32, "concurrent keep-alive connections (one worker goroutine each)")
	flag.IntVar(&o.coldStarts, "coldstarts", 5, "number of cold starts to time")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load on each URL before measuring")
	flag.IntVar(&o.rounds, "rounds", 1, "measured rounds; round 1 runs static, home, article, events, round 2 events, article, home, static, …")
	flag.StringVar(&o.stderr, "stderr", "pipe", `where the server's log goes: "pipe" (drained by the bench, like a log collector) or "null" (/dev/null)`)
	flag.BoolVar(&o.compareLog, "compare-logging", false, "afterwards, run the home page once more on a server whose log goes to the other -stderr destination")
	flag.Func("server-env", "KEY=VALUE for the server's environment, repeatable (e.g. GOGC=400, GOMEMLIMIT=80MiB); by default KOPRU_* and Go runtime settings are removed", func(v string) error {
		if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
			return errors.New("want KEY=VALUE")
		}
		extraServerEnv = append(extraServerEnv, v)
		return nil
	})
	flag.DurationVar(&o.waitQuiet, "wait-quiet", 0, "before the cold starts and each load phase, wait up to this long for other processes to use < 15% of the CPUs")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (binary, data directories)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the bench process (the load generator) to this file")
	flag.Parse()
	if o.stderr != "pipe" && o.stderr != "null" {
		fmt.Fprintln(os.Stderr, `bench/pages: -stderr must be "pipe" or "null"`)
		os.Exit(2)
	}
	if o.conns < 1 || o.rounds < 1 || o.coldStarts < 1 || o.maxReq < 1 || o.duration <= 0 {
		fmt.Fprintln(os.Stderr, "bench/pages: -conns, -rounds, -coldstarts, -max and -duration must be positive")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/pages:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// report is the last line of output.
type report struct {
	Bench           string   `json:"bench"`
	ColdStartMin    float64  `json:"cold_start_ms_min"`
	ColdStartMedian float64  `json:"cold_start_ms_median"`
	ColdStartMax    float64  `json:"cold_start_ms_max"`
	ColdStartSelf   float64  `json:"cold_start_self_reported_ms_median"`
	StaticURL       string   `json:"static_url"`
	StaticRequests  int64    `json:"static_requests"`
	StaticRPS       float64  `json:"static_rps"`
	StaticP50       float64  `json:"static_p50_ms"`
	StaticP90       float64  `json:"static_p90_ms"`
	StaticP99       float64  `json:"static_p99_ms"`
	StaticCPUus     float64  `json:"static_server_cpu_us_per_req"`
	HomeURL         string   `json:"home_url"`
	HomeRequests    int64    `json:"home_requests"`
	HomeRPS         float64  `json:"home_rps"`
	HomeP50         float64  `json:"home_p50_ms"`
	HomeP90         float64  `json:"home_p90_ms"`
	HomeP99         float64  `json:"home_p99_ms"`
	HomeCPUus       float64  `json:"home_server_cpu_us_per_req"`
	Ratio           float64  `json:"home_to_static_ratio"`
	ArticleURL      string   `json:"article_url"`
	ArticleRequests int64    `json:"article_requests"`
	ArticleRPS      float64  `json:"article_rps"`
	ArticleP50      float64  `json:"article_p50_ms"`
	ArticleP90      float64  `json:"article_p90_ms"`
	ArticleP99      float64  `json:"article_p99_ms"`
	ArticleCPUus    float64  `json:"article_server_cpu_us_per_req"`
	ArticleRatio    float64  `json:"article_to_static_ratio"`
	EventsURL       string   `json:"events_url"`
	EventsListed    int      `json:"events_listed"`
	EventsRequests  int64    `json:"events_requests"`
	EventsRPS       float64  `json:"events_rps"`
	EventsP50       float64  `json:"events_p50_ms"`
	EventsP90       float64  `json:"events_p90_ms"`
	EventsP99       float64  `json:"events_p99_ms"`
	EventsCPUus     float64  `json:"events_server_cpu_us_per_req"`
	EventsRatio     float64  `json:"events_to_static_ratio"`
	PeakRSS         float64  `json:"peak_rss_mb"`
	LoadRSS         float64  `json:"max_sampled_rss_under_load_mb"`
	EndRSS          float64  `json:"rss_after_load_mb"`
	GCGoalStart     float64  `json:"gc_goal_before_load_mb,omitempty"`
	HeapInuseEnd    float64  `json:"heap_inuse_after_load_mb,omitempty"`
	Errors          int64    `json:"errors"`
	Conns           int      `json:"conns"`
	DurationS       float64  `json:"duration_s"`
	Rounds          int      `json:"rounds"`
	Stderr          string   `json:"server_stderr"`
	ServerEnv       []string `json:"server_env,omitempty"`
	OtherLoadStatic float64  `json:"other_processes_cpu_share_static"`
	OtherLoadHome   float64  `json:"other_processes_cpu_share_home"`
	OtherLoadArt    float64  `json:"other_processes_cpu_share_article"`
	OtherLoadEvents float64  `json:"other_processes_cpu_share_events"`
	CPUs            int      `json:"cpus"`
	OtherLogHomeRPS float64  `json:"home_rps_other_stderr,omitempty"`
	OtherLogStderr  string   `json:"other_stderr,omitempty"`
	Targets         struct {
		ColdStart bool `json:"cold_start_under_1s"`
		Ratio     bool `json:"ratio_at_least_0_4"`
		HomeP99   bool `json:"home_p99_under_25ms"`
		RSS       bool `json:"rss_under_100mb"`
		Article   bool `json:"article_ratio_at_least_0_4"`
		Events    bool `json:"events_ratio_at_least_0_4"`
	} `json:"targets"`
}

func run(ctx context.Context, o options, out io.Writer) (int, error) {
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return 1, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 1, err
		}
		defer pprof.StopCPUProfile()
	}
	root, err := kopruserver.ModuleRoot(ctx)
	if err != nil {
		return 1, err
	}
	tmp, err := os.MkdirTemp("", "kopru-bench-pages-")
	if err != nil {
		return 1, err
	}
	if o.keep {
		fmt.Fprintln(out, "temporary directory kept:", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	fmt.Fprintf(out, "bench/pages: %d CPUs (%s), Go %s, load average %s\n", runtime.NumCPU(), cpuModel(), runtime.Version(), loadAvg())
	if len(extraServerEnv) > 0 {
		fmt.Fprintf(out, "server environment adds: %s\n", strings.Join(extraServerEnv, " "))
	}
	fmt.Fprintln(out, "building ./cmd/kopru …")
	bin, err := kopruserver.Build(ctx, root, tmp)
	if err != nil {
		return 1, err
	}

	rep := report{Bench: "pages", Conns: o.conns, DurationS: o.duration.Seconds(), Rounds: o.rounds, Stderr: o.stderr, CPUs: runtime.NumCPU(), ServerEnv: extraServerEnv}

	quiet := func(pid int, what string) {
		if o.waitQuiet > 0 {
			share := waitQuiet(ctx, pid, o.waitQuiet, 0.15)
			fmt.Fprintf(out, "  (before %s: other processes at %.0f%% of the CPUs)\n", what, 100*share)
		}
	}

	// 1. Cold start: fresh empty data directory each time, process start → /readyz 200.
	fmt.Fprintf(out, "\ncold start, %d runs (empty SQLite database, migrations + demo, until /readyz = 200):\n", o.coldStarts)
	var cold, self []time.Duration
	for i := range o.coldStarts {
		quiet(0, fmt.Sprintf("cold start %d", i+1))
		s, err := startServer(ctx, bin, filepath.Join(tmp, fmt.Sprintf("run-%d", i)), o.stderr, 30*time.Second)
		if err != nil {
			return 1, fmt.Errorf("cold start %d: %w", i+1, err)
		}
		if err := s.stop(); err != nil {
			return 1, err
		}
		cold = append(cold, s.ready)
		self = append(self, time.Duration(s.selfMS)*time.Millisecond)
		fmt.Fprintf(out, "  run %d: %7.1f ms  (the binary's own \"ready in\": %d ms)\n", i+1, float64(s.ready.Microseconds())/1000, s.selfMS)
	}
	slices.Sort(cold)
	slices.Sort(self)
	rep.ColdStartMin, rep.ColdStartMedian, rep.ColdStartMax = measure.Ms(cold[0]), measure.Ms(cold[len(cold)/2]), measure.Ms(cold[len(cold)-1])
	rep.ColdStartSelf = measure.Ms(self[len(self)/2])
	rep.Targets.ColdStart = cold[len(cold)-1] < targetColdStart

	// 2. Throughput: one server, demo loaded; static file first as the baseline, then /tr/,
	// the demo's news article and the event list.
	loadDir := filepath.Join(tmp, "load")
	s, err := startServer(ctx, bin, loadDir, o.stderr, 30*time.Second)
	if err != nil {
		return 1, fmt.Errorf("load server: %w", err)
	}
	defer s.stop()
	client := newLoadClient(o.conns)
	home := s.base + "/tr/"
	css, err := stylesheetURL(ctx, client, home)
	if err != nil {
		return 1, err
	}
	static := s.base + css
	articlePath, err := meetingArticleURL(ctx, client, s.base+"/tr/news")
	if err != nil {
		return 1, err
	}
	article := s.base + articlePath
	if err := seedEventYear(ctx, bin, loadDir, s.base); err != nil {
		return 1, fmt.Errorf("events for the list: %w", err)
	}
	events := s.base + "/tr/events"
	if rep.EventsListed, err = countEventCards(ctx, client, events); err != nil {
		return 1, err
	}
	fmt.Fprintf(out, "event list: %d events on /tr/events (%d added over the API, the rest from the demo)\n", rep.EventsListed, yearEvents)
	rep.StaticURL, rep.HomeURL, rep.ArticleURL, rep.EventsURL = css, "/tr/", articlePath, "/tr/events"

	if m := goMem(ctx, client, s.base); m != nil {
		rep.GCGoalStart = measure.Round(m["go_memstats_next_gc_bytes"]/(1<<20), 1)
	}
	rss := sampleRSS(s.pid(), 50*time.Millisecond)
	fmt.Fprintf(out, "\nload: %d connections, %s per phase (at most %d requests), server log → %s\n", o.conns, o.duration, o.maxReq, o.stderr)
	if o.warmup > 0 {
		for _, u := range []string{static, home, article, events} {
			w := runLoad(ctx, client, s, "warm-up", u, o.conns, o.warmup, o.maxReq)
			if w.Errors > 0 {
				rss.stop()
				return 1, fmt.Errorf("warm-up on %s: %d errors, first: %s", u, w.Errors, strings.Join(w.FirstErrs, "; "))
			}
		}
	}
	urls := map[string]string{"static": static, "home": home, "article": article, "events": events}
	phases := map[string]*result{}
	for r := range o.rounds {
		order := []string{"static", "home", "article", "events"}
		if r%2 == 1 {
			slices.Reverse(order)
		}
		for _, name := range order {
			quiet(s.pid(), name)
			res := runLoad(ctx, client, s, name, urls[name], o.conns, o.duration, o.maxReq)
			printPhase(out, fmt.Sprintf("round %d", r+1), res)
			if phases[name] == nil {
				phases[name] = res
			} else {
				phases[name].merge(res)
			}
			if ctx.Err() != nil {
				rss.stop()
				return 1, ctx.Err()
			}
		}
	}
	rss.stop()
	endRSS, hwm, err := memKB(s.pid())
	if err != nil {
		return 1, fmt.Errorf("reading VmHWM: %w", err)
	}
	rep.EndRSS = measure.Round(float64(endRSS)/1024, 1)
	if m := goMem(ctx, client, s.base); m != nil {
		rep.HeapInuseEnd = measure.Round(m["go_memstats_heap_inuse_bytes"]/(1<<20), 1)
	}
	if err := s.stop(); err != nil {
		return 1, err
	}
	rep.LoadRSS = measure.Round(float64(rss.maxKB.Load())/1024, 1)
	rep.PeakRSS = measure.Round(float64(max(hwm, rss.maxKB.Load()))/1024, 1)
	rep.Targets.RSS = rep.PeakRSS < targetRSSMB

	st, hp, ap, ep := phases["static"], phases["home"], phases["article"], phases["events"]

	rep.StaticRequests, rep.StaticRPS, rep.StaticP50, rep.StaticP90, rep.StaticP99, rep.StaticCPUus, _ = pageFigures(st, st)
	rep.HomeRequests, rep.HomeRPS, rep.HomeP50, rep.HomeP90, rep.HomeP99, rep.HomeCPUus, rep.Ratio = pageFigures(hp, st)
	rep.Targets.Ratio = rep.Ratio >= targetRatio
	rep.Targets.HomeP99 = hp.pct(.99) < targetHomeP99
	rep.ArticleRequests, rep.ArticleRPS, rep.ArticleP50, rep.ArticleP90, rep.ArticleP99, rep.ArticleCPUus, rep.ArticleRatio = pageFigures(ap, st)
	rep.Targets.Article = rep.ArticleRatio >= targetArticle
	rep.EventsRequests, rep.EventsRPS, rep.EventsP50, rep.EventsP90, rep.EventsP99, rep.EventsCPUus, rep.EventsRatio = pageFigures(ep, st)
	rep.Targets.Events = rep.EventsRatio >= targetEvents
	rep.Errors = st.Errors + hp.Errors + ap.Errors + ep.Errors
	rep.OtherLoadStatic, rep.OtherLoadHome, rep.OtherLoadArt = measure.Round(st.otherShare(), 3), measure.Round(hp.otherShare(), 3), measure.Round(ap.otherShare(), 3)
	rep.OtherLoadEvents = measure.Round(ep.otherShare(), 3)

	// Optional: the same home-page phase on a server whose log goes elsewhere.
	if o.compareLog && rep.Errors == 0 {
		other := map[string]string{"pipe": "null", "null": "pipe"}[o.stderr]
		s2, err := startServer(ctx, bin, filepath.Join(tmp, "load-"+other), other, 30*time.Second)
		if err != nil {
			return 1, fmt.Errorf("comparison server: %w", err)
		}
		if o.warmup > 0 {
			runLoad(ctx, client, s2, "warm-up", s2.base+"/tr/", o.conns, o.warmup, o.maxReq)
		}
		res := runLoad(ctx, client, s2, "home", s2.base+"/tr/", o.conns, o.duration, o.maxReq)
		_ = s2.stop()
		printPhase(out, "log → "+other, res)
		rep.OtherLogHomeRPS, rep.OtherLogStderr = measure.Round(res.rps(), 1), other
		rep.Errors += res.Errors
	}

	printSummary(out, &rep, cold)
	line, err := json.Marshal(rep)
	if err != nil {
		return 1, err
	}
	fmt.Fprintln(out, string(line))
	if rep.Errors > 0 {
		return 1, fmt.Errorf("%d requests failed or did not answer 200", rep.Errors)
	}
	return 0, nil
}

// pageFigures are one phase's figures for the report: requests, requests/s, p50/p90/p99 in
// ms, server CPU µs per request, and the throughput against the static phase.
func pageFigures(p, static *result) (n int64, rps, p50, p90, p99, cpuUS, ratio float64) {
	if static.rps() > 0 {
		ratio = measure.Round(p.rps()/static.rps(), 3)
	}
	return p.Requests, measure.Round(p.rps(), 1), measure.Ms(p.pct(.5)), measure.Ms(p.pct(.9)), measure.Ms(p.pct(.99)), measure.Round(p.cpuPerReq(p.ServerCPU), 1), ratio
}

// meetingDate is the publication date of the demo's news article, as the news list writes
// it in <time datetime="…">: the report of the 12 January 2026 meeting.
const meetingDate = "2026-01-12"

var (
	newsCard    = regexp.MustCompile(`(?s)<li class="[^"]*news-card[^"]*">.*?</li>`)
	articleLink = regexp.MustCompile(`href="(/tr/news/[^"?#]+)"`)
)

// meetingArticleURL finds the demo's article the way a visitor does: on the news list, the
// card dated 12 January 2026, and the path its link leads to. It checks that the article
// answers 200 without a redirect.
func meetingArticleURL(ctx context.Context, c *http.Client, newsList string) (string, error) {
	body, err := get(ctx, c, newsList)
	if err != nil {
		return "", err
	}
	for _, card := range newsCard.FindAll(body, -1) {
		if !strings.Contains(string(card), `datetime="`+meetingDate) {
			continue
		}
		m := articleLink.FindSubmatch(card)
		if m == nil {
			return "", fmt.Errorf("the news card dated %s on %s links no /tr/news/… article", meetingDate, newsList)
		}
		u, _, _ := strings.Cut(newsList, "/tr/news")
		if _, err := get(ctx, c, u+string(m[1])); err != nil {
			return "", err
		}
		return string(m[1]), nil
	}
	return "", fmt.Errorf("%s lists no article dated %s (the demo's meeting report)", newsList, meetingDate)
}

// get fetches url and wants 200.
func get(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return body, nil
}

var eventCard = regexp.MustCompile(`<li class="card event-card">`)

// countEventCards fetches the event list and counts its cards, upcoming and past.
func countEventCards(ctx context.Context, c *http.Client, list string) (int, error) {
	body, err := get(ctx, c, list)
	if err != nil {
		return 0, err
	}
	n := len(eventCard.FindAll(body, -1))
	if n < yearEvents {
		return n, fmt.Errorf("%s shows %d events, want at least the %d added", list, n, yearEvents)
	}
	return n, nil
}

var cssLink = regexp.MustCompile(`href="(/static/css/site\.css\?v=[^"]+)"`)

// stylesheetURL fetches the home page once and takes the versioned stylesheet URL from it,
// the very URL a browser would request next.
func stylesheetURL(ctx context.Context, c *http.Client, home string) (string, error) {
	body, err := get(ctx, c, home)
	if err != nil {
		return "", err
	}
	m := cssLink.FindSubmatch(body)
	if m == nil {
		return "", errors.New("the home page links no /static/css/site.css?v=…")
	}
	return string(m[1]), nil
}

func printPhase(out io.Writer, label string, r *result) {
	fmt.Fprintf(out, "  %-9s %-6s %8d req in %5.2fs = %8.1f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d\n",
		label, r.Name, r.Requests, r.Elapsed.Seconds(), r.rps(), measure.Ms(r.pct(.5)), measure.Ms(r.pct(.9)), measure.Ms(r.pct(.99)), measure.Ms(r.pct(1)), r.Errors)
	fmt.Fprintf(out, "  %-9s %-6s server CPU %.0f µs/req, bench CPU %.0f µs/req, %.1f KB/resp, server log %.0f B/req, other processes %.0f%% of the CPUs\n",
		"", "", r.cpuPerReq(r.ServerCPU), r.cpuPerReq(r.ClientCPU), float64(r.Bytes)/float64(max(r.Requests, 1))/1024, float64(r.LogBytes)/float64(max(r.Requests, 1)), 100*r.otherShare())
	for _, e := range r.FirstErrs {
		fmt.Fprintln(out, "    error:", e)
	}
}

func printSummary(out io.Writer, rep *report, cold []time.Duration) {
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	fmt.Fprintln(out, "\nsummary")
	fmt.Fprintf(out, "  cold start to /readyz:  min %.0f / median %.0f / max %.0f ms   target max < 1000 ms: %s\n",
		rep.ColdStartMin, rep.ColdStartMedian, rep.ColdStartMax, mark(rep.Targets.ColdStart))
	fmt.Fprintf(out, "  static %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms\n", rep.StaticURL, rep.StaticRPS, rep.StaticP50, rep.StaticP99)
	fmt.Fprintf(out, "  home /tr/: %.0f req/s, p50 %.2f ms, p99 %.2f ms\n", rep.HomeRPS, rep.HomeP50, rep.HomeP99)
	fmt.Fprintf(out, "  home/static throughput: %.3f   target ≥ %.2f: %s\n", rep.Ratio, targetRatio, mark(rep.Targets.Ratio))
	fmt.Fprintf(out, "  home p99: %.2f ms   target < 25 ms: %s\n", rep.HomeP99, mark(rep.Targets.HomeP99))
	fmt.Fprintf(out, "  article %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms\n", rep.ArticleURL, rep.ArticleRPS, rep.ArticleP50, rep.ArticleP99)
	fmt.Fprintf(out, "  article/static throughput: %.3f   target ≥ %.2f: %s\n", rep.ArticleRatio, targetArticle, mark(rep.Targets.Article))
	fmt.Fprintf(out, "  events %s (%d events): %.0f req/s, p50 %.2f ms, p99 %.2f ms\n", rep.EventsURL, rep.EventsListed, rep.EventsRPS, rep.EventsP50, rep.EventsP99)
	fmt.Fprintf(out, "  events/static throughput: %.3f   target ≥ %.2f: %s\n", rep.EventsRatio, targetEvents, mark(rep.Targets.Events))
	fmt.Fprintf(out, "  server peak RSS (VmHWM): %.1f MB (max sampled under load %.1f MB, %.1f MB after the load)   target < 100 MB: %s\n", rep.PeakRSS, rep.LoadRSS, rep.EndRSS, mark(rep.Targets.RSS))
	if rep.GCGoalStart > 0 {
		fmt.Fprintf(out, "  Go heap: GC goal %.1f MB when the load began, %.1f MB in use after it\n", rep.GCGoalStart, rep.HeapInuseEnd)
	}
	if rep.OtherLogStderr != "" {
		fmt.Fprintf(out, "  home with server log → %s: %.0f req/s (vs %.0f with log → %s)\n", rep.OtherLogStderr, rep.OtherLogHomeRPS, rep.HomeRPS, rep.Stderr)
	}
	if rep.OtherLoadStatic > 0.05 || rep.OtherLoadHome > 0.05 || rep.OtherLoadArt > 0.05 || rep.OtherLoadEvents > 0.05 {
		fmt.Fprintf(out, "  warning: other processes took %.0f%% / %.0f%% / %.0f%% / %.0f%% of the CPUs during the static / home / article / events phases; figures are disturbed\n",
			100*rep.OtherLoadStatic, 100*rep.OtherLoadHome, 100*rep.OtherLoadArt, 100*rep.OtherLoadEvents)
	}
	fmt.Fprintln(out, "  (the load generator shares the CPUs with the server: absolute figures are conservative, the ratio is what counts)")
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// selfCPUTime is the user+system CPU time of this process so far.
func selfCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
