package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/measure"
)

// newLoadClient is the keep-alive client all workers share: one idle connection per worker
// stays open, so the run measures requests, not TCP handshakes.
func newLoadClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        conns * 2,
			MaxIdleConnsPerHost: conns * 2,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true, // the server does not compress; keep the request plain
			ForceAttemptHTTP2:   false,
		},
		// No cookie jar: every request is an anonymous first visit, the page a search engine
		// or a new visitor gets. Redirects would hide a wrong URL, so they are errors.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// result is one load phase against one URL.
type result struct {
	Name      string
	URL       string
	Requests  int64
	Errors    int64
	FirstErrs []string
	Bytes     int64
	Elapsed   time.Duration
	Lat       []time.Duration // sorted
	ServerCPU time.Duration   // CPU the server process used during the phase
	ClientCPU time.Duration   // CPU the bench process used during the phase
	LogBytes  int64           // server stderr bytes written during the phase (pipe mode)
	OtherCPU  time.Duration   // CPU used by other processes on the machine during the phase
}

func (r *result) merge(o *result) {
	r.Requests += o.Requests
	r.Errors += o.Errors
	r.FirstErrs = append(r.FirstErrs, o.FirstErrs...)
	r.Bytes += o.Bytes
	r.Elapsed += o.Elapsed
	r.Lat = append(r.Lat, o.Lat...)
	slices.Sort(r.Lat)
	r.ServerCPU += o.ServerCPU
	r.ClientCPU += o.ClientCPU
	r.LogBytes += o.LogBytes
	r.OtherCPU += o.OtherCPU
}

func (r *result) rps() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// pct is the p-quantile (0<p≤1) of the sorted latencies, nearest rank.
func (r *result) pct(p float64) time.Duration {
	n := len(r.Lat)
	if n == 0 {
		return 0
	}
	i := int(float64(n)*p+0.999999) - 1
	return r.Lat[max(0, min(i, n-1))]
}

// otherShare is the share of the machine's CPU time other processes took during the phase.
func (r *result) otherShare() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return r.OtherCPU.Seconds() / (r.Elapsed.Seconds() * float64(runtime.NumCPU()))
}

func (r *result) cpuPerReq(d time.Duration) float64 { // µs
	if r.Requests == 0 {
		return 0
	}
	return float64(d.Microseconds()) / float64(r.Requests)
}

// runLoad sends GET url from conns workers until dur has passed or maxReq requests have been
// started, whichever comes first. Every response must be 200; its body is read to the end.
func runLoad(ctx context.Context, c *http.Client, s *server, name, url string, conns int, dur time.Duration, maxReq int64) *result {
	res := &result{Name: name, URL: url}
	var (
		started atomic.Int64
		nerr    atomic.Int64
		nbytes  atomic.Int64
		mu      sync.Mutex
		lats    = make([][]time.Duration, conns)
	)
	cpu0, _ := measure.CPUTime(s.pid())
	self0 := selfCPUTime()
	log0 := s.logBytes.Load()
	busy0 := machineBusy()
	ctx, cancel := context.WithTimeout(ctx, dur+15*time.Second) // hard stop even if a request hangs
	defer cancel()

	t0 := time.Now()
	deadline := t0.Add(dur)
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := make([]time.Duration, 0, min(maxReq/int64(conns)+1, 1<<20))
			defer func() { lats[w] = own }()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				panic(err)
			}
			for {
				if started.Add(1) > maxReq || time.Now().After(deadline) || ctx.Err() != nil {
					return
				}
				t := time.Now()
				resp, err := c.Do(req)
				if err == nil {
					var n int64
					n, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					nbytes.Add(n)
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
					}
				}
				if err != nil && errors.Is(ctx.Err(), context.Canceled) {
					return // interrupted (Ctrl+C): not a server error; a hung request (deadline) still counts
				}
				own = append(own, time.Since(t))
				if err != nil {
					if nerr.Add(1) <= 5 {
						mu.Lock()
						res.FirstErrs = append(res.FirstErrs, err.Error())
						mu.Unlock()
					}
				}
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(t0)
	cpu1, _ := measure.CPUTime(s.pid())
	res.ServerCPU = cpu1 - cpu0
	res.ClientCPU = selfCPUTime() - self0
	res.LogBytes = s.logBytes.Load() - log0
	res.OtherCPU = max(0, machineBusy()-busy0-res.ServerCPU-res.ClientCPU)
	for _, l := range lats {
		res.Lat = append(res.Lat, l...)
	}
	slices.Sort(res.Lat)
	res.Requests = int64(len(res.Lat))
	res.Errors = nerr.Load()
	res.Bytes = nbytes.Load()
	return res
}
