package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruserver"
	"github.com/kopru-platform/kopru/bench/internal/measure"
)

// extraServerEnv holds the -server-env settings (GOGC=…, GOMEMLIMIT=…, KOPRU_DEBUG=1).
var extraServerEnv []string

// serverEnv is the bench's environment without KOPRU_* and Go runtime tuning settings, so
// a developer's KOPRU_DEBUG, KOPRU_DATABASE_URL or GOGC cannot change what is measured,
// plus whatever -server-env asked for.
func serverEnv() []string {
	return append(kopruserver.Env(), extraServerEnv...)
}

// server is one running `kopru serve`.
type server struct {
	cmd     *exec.Cmd
	base    string        // http://127.0.0.1:PORT
	started time.Time     // just before fork/exec
	ready   time.Duration // process start to first /readyz 200
	selfMS  int           // "ready in …" as the binary printed it (0 if not seen)

	exited   chan struct{} // closed when the process has been waited for
	waitErr  error
	logBytes atomic.Int64 // stderr bytes drained (stderr mode "pipe")
	logLines atomic.Int64
	stderrMu sync.Mutex
	stderrTl []string // last stderr lines, for error reports
	outDone  sync.WaitGroup
}

// startServer starts the binary on a fresh data directory and a free port and waits for
// /readyz to answer 200, polling every 5 ms. stderrMode is "pipe" (drained by the bench) or
// "null" (/dev/null).
func startServer(ctx context.Context, bin, dataDir, stderrMode string, timeout time.Duration) (*server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if err := os.RemoveAll(dataDir); err != nil {
			return nil, err
		}
		s, err := startOnce(ctx, bin, dataDir, stderrMode, timeout)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, lastErr
}

func startOnce(ctx context.Context, bin, dataDir, stderrMode string, timeout time.Duration) (*server, error) {
	port, err := kopruserver.FreePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	s := &server{base: "http://" + addr, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "--data", dataDir, "--addr", addr)
	s.cmd.Env = serverEnv()
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr io.ReadCloser
	if stderrMode == "null" {
		devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		defer devnull.Close()
		s.cmd.Stderr = devnull
	} else {
		if stderr, err = s.cmd.StderrPipe(); err != nil {
			return nil, err
		}
	}

	s.started = time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	readyIn := make(chan int, 1)
	s.outDone.Add(1)
	go func() { // stdout: the URL, the demo credentials, "ready in …"; parse one figure, discard the rest
		defer s.outDone.Done()
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if _, after, ok := strings.Cut(line, "(ready in "); ok {
				if d, err := time.ParseDuration(strings.TrimSuffix(after, ")")); err == nil {
					select {
					case readyIn <- int(d.Milliseconds()):
					default:
					}
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	if stderr != nil {
		s.outDone.Add(1)
		go func() { // stderr: always drained so the server never blocks on a full pipe
			defer s.outDone.Done()
			r := bufio.NewReaderSize(stderr, 64<<10)
			for {
				line, err := r.ReadSlice('\n')
				s.logBytes.Add(int64(len(line)))
				if len(line) > 0 && line[len(line)-1] == '\n' {
					s.logLines.Add(1)
				}
				if s.logLines.Load() < 50 || !bytes.Contains(line, []byte("msg=request")) {
					s.keepStderr(string(line))
				}
				if err == bufio.ErrBufferFull {
					continue
				}
				if err != nil {
					return
				}
			}
		}()
	}
	go func() {
		s.outDone.Wait() // Wait closes the pipes; read them to the end first
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()

	poll := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if ok := kopruserver.Get200(ctx, poll, s.base+"/readyz"); ok {
			s.ready = time.Since(s.started)
			break
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("server exited before it was ready (%v): %s", s.waitErr, s.stderrTail())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("server not ready after %s: %s", timeout, s.stderrTail())
		}
	}
	select {
	case s.selfMS = <-readyIn:
	case <-time.After(time.Second):
	}
	return s, nil
}

func (s *server) keepStderr(line string) {
	s.stderrMu.Lock()
	defer s.stderrMu.Unlock()
	s.stderrTl = append(s.stderrTl, strings.TrimRight(line, "\n"))
	if len(s.stderrTl) > 20 {
		s.stderrTl = s.stderrTl[len(s.stderrTl)-20:]
	}
}

func (s *server) stderrTail() string {
	s.stderrMu.Lock()
	defer s.stderrMu.Unlock()
	if len(s.stderrTl) == 0 {
		return "(no stderr captured)"
	}
	return strings.Join(s.stderrTl, "\n")
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// stop sends SIGTERM and waits up to 15 s (the server drains for up to 10 s), then kills.
func (s *server) stop() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return nil
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
		return errors.New("server ignored SIGTERM for 15 s and was killed")
	}
}

// memKB reads VmRSS and VmHWM (peak RSS) of pid from /proc, in kB.
func memKB(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	return rss, hwm, nil
}

// clockTicks is USER_HZ, 100 on every Linux the bench is meant for.
const clockTicks = 100

// rssSampler reads VmRSS every interval until stopped and remembers the highest value.
type rssSampler struct {
	pid     int
	maxKB   atomic.Int64
	samples atomic.Int64
	stopc   chan struct{}
	done    chan struct{}
}

func sampleRSS(pid int, every time.Duration) *rssSampler {
	r := &rssSampler{pid: pid, stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if rss, _, err := memKB(pid); err == nil {
				r.samples.Add(1)
				if rss > r.maxKB.Load() {
					r.maxKB.Store(rss)
				}
			}
			select {
			case <-r.stopc:
				return
			case <-t.C:
			}
		}
	}()
	return r
}

func (r *rssSampler) stop() { close(r.stopc); <-r.done }

// machineBusy is the CPU time all processes used so far (user, nice, system, irq, softirq,
// steal), from the first line of /proc/stat.
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for i, v := range f[1:9] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// waitQuiet waits, at most maxWait, until the other processes on the machine use less than
// threshold of the CPUs over one second; it returns the last share it saw. The bench shares
// the machine with whatever else runs (tests, browsers), which disturbs every figure.
func waitQuiet(ctx context.Context, pid int, maxWait time.Duration, threshold float64) float64 {
	ncpu := float64(len(cpuList()))
	deadline := time.Now().Add(maxWait)
	share := 0.0
	for {
		b0, s0 := machineBusy(), selfCPUTime()
		var p0 time.Duration
		if pid > 0 {
			p0, _ = measure.CPUTime(pid)
		}
		select {
		case <-ctx.Done():
			return share
		case <-time.After(time.Second):
		}
		var p1 time.Duration
		if pid > 0 {
			p1, _ = measure.CPUTime(pid)
		}
		other := machineBusy() - b0 - (selfCPUTime() - s0) - (p1 - p0)
		share = max(0, other.Seconds()) / ncpu
		if share < threshold || time.Now().After(deadline) {
			return share
		}
	}
}

// cpuList returns one entry per CPU line of /proc/stat ("cpu0", "cpu1", …).
func cpuList() []string {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return []string{"cpu0"}
	}
	var cpus []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "cpu") && len(line) > 3 && line[3] >= '0' && line[3] <= '9' {
			cpus = append(cpus, strings.Fields(line)[0])
		}
	}
	if len(cpus) == 0 {
		return []string{"cpu0"}
	}
	return cpus
}

// goMem reads a few Go runtime figures of the server from its /metrics (Prometheus text);
// nil if the endpoint does not answer.
func goMem(ctx context.Context, c *http.Client, base string) map[string]float64 {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	want := map[string]bool{"go_memstats_heap_inuse_bytes": true, "go_memstats_next_gc_bytes": true, "go_memstats_heap_released_bytes": true, "go_memstats_heap_sys_bytes": true}
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		if ok && want[name] {
			if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
				m[name] = f
			}
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return m
}
