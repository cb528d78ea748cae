// Command podcast measures the podcast module against the targets of issue 9: the feed of
// a show with 1,000 episodes uncached (< 30 ms) and revalidated with If-None-Match (< 2 ms),
// and one audio file served to 64 concurrent range-requesting clients with the server's
// peak RSS under 100 MB. The last line it prints is one JSON object. See README.md.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
	"github.com/kopru-platform/kopru/bench/internal/measure"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// engine is the database the server runs on (-db).
var engine string

const (
	targetFeedMs  = 30.0
	targetRevalMs = 2.0
	targetRSSMB   = 100.0
)

type report struct {
	Engine     string  `json:"engine"`
	Episodes   int     `json:"episodes"`
	FeedBytes  int     `json:"feed_bytes"`
	FeedP50    float64 `json:"feed_p50_ms"`
	FeedP95    float64 `json:"feed_p95_ms"`
	FeedP99    float64 `json:"feed_p99_ms"`
	RevalP50   float64 `json:"revalidate_p50_ms"`
	RevalP95   float64 `json:"revalidate_p95_ms"`
	RevalP99   float64 `json:"revalidate_p99_ms"`
	HealthP50  float64 `json:"baseline_healthz_p50_ms"`
	FeedRatio  float64 `json:"feed_p50_over_healthz"`
	RevalRatio float64 `json:"revalidate_p50_over_healthz"`
	AudioMB    float64 `json:"audio_file_mb"`
	Clients    int     `json:"range_clients"`
	RangeReqs  int64   `json:"range_requests"`
	RangeMBs   float64 `json:"range_mb_per_s"`
	PeakRSS    float64 `json:"peak_rss_mb"`
	SampledRSS float64 `json:"max_sampled_rss_mb"`
	IdleRSS    float64 `json:"idle_rss_mb_before_load"`
	// The range clients are 64 distinct podcast-app listeners on one address: the
	// statistics must count each once (IAB rule), however many ranges it asks for.
	Counted  int `json:"downloads_counted"`
	Expected int `json:"downloads_expected"`
	Targets  struct {
		Feed   bool `json:"feed_under_30ms"`
		Feed95 bool `json:"feed_p95_under_30ms"`
		Reval  bool `json:"revalidate_under_2ms"`
		RSS    bool `json:"rss_under_100mb"`
		Count  bool `json:"downloads_counted_once_each"`
	} `json:"targets"`
}

func main() {
	episodes := flag.Int("episodes", 1000, "episodes to publish in the show")
	samples := flag.Int("samples", 200, "timed feed requests of each kind")
	clients := flag.Int("clients", 64, "concurrent range-requesting clients")
	duration := flag.Duration("duration", 10*time.Second, "length of the range load")
	audioMB := flag.Int("audio-mb", 50, "size of the audio file served under load")
	keep := flag.Bool("keep", false, "keep the temporary directory")
	flag.StringVar(&engine, "db", "sqlite", "database engine: sqlite, or postgres (KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *episodes, *samples, *clients, *duration, *audioMB, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench/podcast:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, episodes, samples, clients int, duration time.Duration, audioMB int, keep bool) error {
	out := os.Stdout
	bin, tmp, cleanup, err := kopruserver.Workspace(ctx, "podcast", keep, out)
	if err != nil {
		return err
	}
	defer cleanup()
	data := filepath.Join(tmp, "data")
	dbURL := ""
	switch engine {
	case "sqlite":
	case "postgres":
		base := kopruserver.PostgresURL()
		if base == "" {
			return errors.New("-db postgres: set KOPRU_BENCH_POSTGRES_URL or KOPRU_TEST_POSTGRES_URL")
		}
		u, drop, err := kopruapi.PGSchema(ctx, base, "kopru_bench_podcast")
		if err != nil {
			return err
		}
		defer drop()
		dbURL = u
	default:
		return fmt.Errorf("-db %q: want sqlite or postgres", engine)
	}
	srv, err := kopruserver.Start(ctx, bin, data, dbURL, 60*time.Second)
	if err != nil {
		return err
	}
	token, err := kopruapi.CoordinatorToken(ctx, bin, data, dbURL, srv.Base)
	if err != nil {
		srv.Stop()
		return err
	}
	hc := kopruapi.NewHTTPClient(clients, 2*time.Minute)
	api := &kopruapi.Client{Base: srv.Base, Token: token, HC: hc}
	var shows struct {
		Shows []struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
		} `json:"shows"`
	}
	if _, err := api.Do(ctx, http.MethodGet, "/api/v1/podcast/shows", nil, &shows); err != nil || len(shows.Shows) == 0 {
		srv.Stop()
		return fmt.Errorf("the demo show is missing: %v", err)
	}
	show := shows.Shows[0]
	rep := report{Engine: engine, Episodes: episodes, Clients: clients, AudioMB: float64(audioMB)}

	fmt.Fprintf(out, "publishing %d episodes in %s …\n", episodes, show.Slug)
	if err := publishMany(ctx, api, show.ID, episodes); err != nil {
		srv.Stop()
		return err
	}
	feedURL := srv.Base + "/podcast/" + show.Slug + "/feed.xml"
	if err := timeFeed(ctx, hc, srv.Base, feedURL, samples, &rep); err != nil {
		srv.Stop()
		return err
	}

	// The demo show carries made-up statistics: only what the load adds is compared.
	before, err := countedDownloads(ctx, api, show.ID)
	if err != nil {
		srv.Stop()
		return err
	}
	fmt.Fprintf(out, "uploading a %d MB episode …\n", audioMB)
	audioPath, audioSize, err := uploadLarge(ctx, api, show.ID, audioMB)
	if err != nil {
		srv.Stop()
		return err
	}
	// A restart, so the peak RSS measured is that of serving, not of the upload before it.
	if err := srv.Stop(); err != nil {
		return err
	}
	if srv, err = kopruserver.Start(ctx, bin, data, dbURL, 60*time.Second); err != nil {
		return err
	}
	defer srv.Stop()
	minBytes := podcast.MinBytes(audioSize, largeDuration(audioMB))
	if err := rangeLoad(ctx, hc, srv, srv.Base+audioPath, audioSize, minBytes, clients, duration, &rep); err != nil {
		return err
	}
	api.Base = srv.Base // the restarted server listens on a new port
	if rep.Counted, err = countedDownloads(ctx, api, show.ID); err != nil {
		return err
	}
	rep.Counted -= before
	rep.Targets.Feed = rep.FeedP50 < targetFeedMs
	rep.Targets.Feed95 = rep.FeedP95 < targetFeedMs
	rep.Targets.Reval = rep.RevalP50 < targetRevalMs
	rep.Targets.RSS = rep.PeakRSS < targetRSSMB
	rep.Targets.Count = rep.Counted == rep.Expected
	fmt.Fprintf(out, "feed of %d episodes (%d bytes): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms   target < %.0f ms: %v\n", episodes+2, rep.FeedBytes, rep.FeedP50, rep.FeedP95, rep.FeedP99, targetFeedMs, rep.Targets.Feed)
	fmt.Fprintf(out, "revalidation (304): p50 %.3f ms, p95 %.3f ms, p99 %.3f ms   target < %.0f ms: %v\n", rep.RevalP50, rep.RevalP95, rep.RevalP99, targetRevalMs, rep.Targets.Reval)
	fmt.Fprintf(out, "baseline /healthz: p50 %.3f ms\n", rep.HealthP50)
	fmt.Fprintf(out, "%d clients, %s of ranges on a %d MB file: %d requests, %.1f MB/s; peak RSS %.1f MB (sampled max %.1f, idle %.1f)   target < %.0f MB: %v\n",
		clients, duration, audioMB, rep.RangeReqs, rep.RangeMBs, rep.PeakRSS, rep.SampledRSS, rep.IdleRSS, targetRSSMB, rep.Targets.RSS)
	fmt.Fprintf(out, "statistics: %d downloads counted for %d listeners that passed the minimum of %d bytes: %v\n", rep.Counted, rep.Expected, minBytes, rep.Targets.Count)
	line, _ := json.Marshal(rep)
	fmt.Fprintln(out, string(line))
	return nil
}

// publishMany uploads n small episodes through the API, eight at a time, and publishes each.
func publishMany(ctx context.Context, api *kopruapi.Client, showID int64, n int) error {
	mp3 := podcast.SilentMP3(2 * time.Second)
	next := atomic.Int64{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1))
				if i > n || ctx.Err() != nil {
					return
				}
				id, err := upload(ctx, api, showID, map[string]string{"title": "Bölüm " + strconv.Itoa(i), "language": "tr",
					"season": "2", "number": strconv.Itoa(i), "notes_tr": "İzmir ile **Bakü** arasında " + strconv.Itoa(i) + ". bölüm."}, mp3)
				if err == nil {
					_, err = api.Do(ctx, http.MethodPost, "/api/v1/podcast/episodes/"+strconv.FormatInt(id, 10)+"/publish", nil, nil)
				}
				if err != nil {
					errs <- fmt.Errorf("episode %d: %w", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// upload posts one multipart episode and returns its id.
func upload(ctx context.Context, api *kopruapi.Client, showID int64, fields map[string]string, audio []byte) (int64, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("audio", "bolum.mp3")
	_, _ = part.Write(audio)
	_ = w.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/v1/podcast/shows/%d/episodes", api.Base, showID), &body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+api.Token)
	res, err := api.HC.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var e struct {
		ID       int64  `json:"id"`
		AudioURL string `json:"audio_url"`
	}
	if res.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(res.Body)
		return 0, fmt.Errorf("upload: %s: %s", res.Status, b)
	}
	err = json.NewDecoder(res.Body).Decode(&e)
	return e.ID, err
}

// timeFeed times whole feed downloads and 304 revalidations, one request at a time.
func timeFeed(ctx context.Context, hc *http.Client, base, feedURL string, samples int, rep *report) error {
	get := func(url, etag string) (time.Duration, *http.Response, []byte, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		start := time.Now()
		res, err := hc.Do(req)
		if err != nil {
			return 0, nil, nil, err
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		return time.Since(start), res, b, err
	}
	var feed, reval, health []time.Duration
	etag := ""
	for i := range samples + 10 { // the first ten warm up
		d, res, b, err := get(feedURL, "")
		if err != nil || res.StatusCode != http.StatusOK {
			return fmt.Errorf("feed: %v %v", err, res)
		}
		etag, rep.FeedBytes = res.Header.Get("ETag"), len(b)
		if i >= 10 {
			feed = append(feed, d)
		}
	}
	if c := strings.Count(string(feed0(ctx, hc, feedURL)), "<item>"); c < rep.Episodes {
		return fmt.Errorf("the feed lists %d items, want at least %d", c, rep.Episodes)
	}
	for i := range samples + 10 {
		d, res, _, err := get(feedURL, etag)
		if err != nil || res.StatusCode != http.StatusNotModified {
			return fmt.Errorf("revalidation: %v %v", err, res)
		}
		if i >= 10 {
			reval = append(reval, d)
		}
		d, res, _, err = get(base+"/healthz", "")
		if err != nil || res.StatusCode != http.StatusOK {
			return fmt.Errorf("healthz: %v", err)
		}
		if i >= 10 {
			health = append(health, d)
		}
	}
	rep.FeedP50, rep.FeedP95, rep.FeedP99 = measure.Ms(pct(feed, 50)), measure.Ms(pct(feed, 95)), measure.Ms(pct(feed, 99))
	rep.RevalP50, rep.RevalP95, rep.RevalP99 = measure.Ms(pct(reval, 50)), measure.Ms(pct(reval, 95)), measure.Ms(pct(reval, 99))
	rep.HealthP50 = measure.Ms(pct(health, 50))
	rep.FeedRatio = measure.Round(rep.FeedP50/rep.HealthP50, 2)
	rep.RevalRatio = measure.Round(rep.RevalP50/rep.HealthP50, 2)
	return nil
}

func feed0(ctx context.Context, hc *http.Client, url string) []byte {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := hc.Do(req)
	if err != nil {
		return nil
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return b
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// uploadLarge uploads and publishes one episode of about mb megabytes and returns the path
// and size of its audio.
func uploadLarge(ctx context.Context, api *kopruapi.Client, showID int64, mb int) (string, int64, error) {
	mp3 := podcast.SilentMP3(largeDuration(mb))
	id, err := upload(ctx, api, showID, map[string]string{"title": "Uzun bölüm", "language": "tr", "type": "bonus"}, mp3)
	if err != nil {
		return "", 0, err
	}
	var e struct {
		AudioURL string `json:"audio_url"`
	}
	if _, err := api.Do(ctx, http.MethodPost, "/api/v1/podcast/episodes/"+strconv.FormatInt(id, 10)+"/publish", nil, &e); err != nil {
		return "", 0, err
	}
	i := strings.Index(e.AudioURL, "/podcast/")
	if i < 0 {
		return "", 0, fmt.Errorf("audio url %q", e.AudioURL)
	}
	return e.AudioURL[i:], int64(len(mp3)), nil
}

// largeDuration is the length of an mb-megabyte file of SilentMP3's 417-byte frames
// (1,152 samples at 44.1 kHz each).
func largeDuration(mb int) time.Duration {
	return time.Duration(mb<<20/417) * 1152 * time.Second / 44100
}

// countedDownloads asks the statistics API for the show's downloads of the last 30 days.
func countedDownloads(ctx context.Context, api *kopruapi.Client, showID int64) (int, error) {
	var st struct {
		Downloads int `json:"downloads"`
	}
	if _, err := api.Do(ctx, http.MethodGet, "/api/v1/podcast/shows/"+strconv.FormatInt(showID, 10)+"/stats", nil, &st); err != nil {
		return 0, fmt.Errorf("statistics: %w", err)
	}
	return st.Downloads, nil
}

// rangeLoad runs clients goroutines that each ask for random 256 KiB–1 MiB ranges of the
// file until duration is over, while the server's RSS is sampled every 50 ms. Each client
// is its own podcast app (a distinct user agent), so the statistics see clients listeners.
func rangeLoad(ctx context.Context, hc *http.Client, srv *kopruserver.Server, url string, size, minBytes int64, clients int, duration time.Duration, rep *report) error {
	idle, _, err := memKB(srv.Pid())
	if err != nil {
		return err
	}
	rep.IdleRSS = measure.Round(float64(idle)/1024, 1)
	var maxKB atomic.Int64
	sampling, stopSampling := context.WithCancel(ctx)
	var sampled sync.WaitGroup
	sampled.Add(1)
	go func() {
		defer sampled.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if rss, _, err := memKB(srv.Pid()); err == nil && rss > maxKB.Load() {
				maxKB.Store(rss)
			}
			select {
			case <-sampling.Done():
				return
			case <-t.C:
			}
		}
	}()
	deadline := time.Now().Add(duration)
	var reqs, bytesRead atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	var passed atomic.Int64 // clients that received at least minBytes
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ua := fmt.Sprintf("AntennaPod/3.5.0 (bench listener %d; Linux; Android 14)", c)
			var mine int64
			defer func() {
				if mine >= minBytes {
					passed.Add(1)
				}
			}()
			for time.Now().Before(deadline) && ctx.Err() == nil {
				n := int64(256<<10 + rand.IntN(768<<10))
				from := rand.Int64N(size - n)
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", from, from+n-1))
				req.Header.Set("User-Agent", ua)
				res, err := hc.Do(req)
				if err == nil {
					var got int64
					got, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && (res.StatusCode != http.StatusPartialContent || got != n) {
						err = fmt.Errorf("range: %s, %d bytes of %d", res.Status, got, n)
					}
					bytesRead.Add(got)
					mine += got
				}
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				reqs.Add(1)
			}
		}()
	}
	wg.Wait()
	stopSampling()
	sampled.Wait()
	if firstErr != nil {
		return firstErr
	}
	_, hwm, err := memKB(srv.Pid())
	if err != nil {
		return err
	}
	rep.RangeReqs = reqs.Load()
	rep.Expected = int(passed.Load())
	rep.RangeMBs = measure.Round(float64(bytesRead.Load())/(1<<20)/duration.Seconds(), 1)
	rep.SampledRSS = measure.Round(float64(maxKB.Load())/1024, 1)
	rep.PeakRSS = measure.Round(float64(max(hwm, maxKB.Load()))/1024, 1)
	return nil
}

// memKB reads VmRSS and VmHWM (kB) of pid from /proc.
func memKB(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	if hwm == 0 {
		return 0, 0, errors.New("no VmHWM in /proc status")
	}
	return rss, hwm, sc.Err()
}
