// Package kopruserver builds ./cmd/kopru once and starts, stops and kills `kopru serve`
// processes on free loopback ports, for the programs under bench/.
package kopruserver

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ModuleRoot finds the directory holding go.mod, so the bench works from any directory
// inside the module.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the kopru module; run from the repository")
	}
	return filepath.Dir(gomod), nil
}

// Build compiles ./cmd/kopru once into dir.
func Build(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "kopru")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/kopru")
	cmd.Dir = root
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kopru: %w", err)
	}
	return bin, nil
}

// FreePort asks the kernel for a free loopback port. Another process may take it before
// the server binds it; Start retries in that case.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Env is the bench's environment without KOPRU_* and Go runtime tuning settings, so
// a developer's KOPRU_DEBUG, KOPRU_DATABASE_URL or GOGC cannot change what is measured.
func Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "KOPRU_"), k == "GOGC", k == "GOMEMLIMIT", k == "GODEBUG", k == "GOMAXPROCS":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// DBArgs are the --data and --db flags every subcommand gets.
func DBArgs(dataDir, dbURL string) []string {
	args := []string{"--data", dataDir}
	if dbURL != "" {
		args = append(args, "--db", dbURL)
	}
	return args
}

// Run runs a short subcommand (user create) and returns its combined output.
func Run(ctx context.Context, bin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = Env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("kopru %s: %w: %s", args[0], err, out)
	}
	return string(out), nil
}

// Server is one running `kopru serve`.
type Server struct {
	cmd      *exec.Cmd
	Base     string // http://127.0.0.1:PORT
	Ready    time.Duration
	exited   chan struct{}
	waitErr  error
	stderrMu sync.Mutex
	stderrTl []string
	outDone  sync.WaitGroup
}

// Start starts the binary on dataDir (kept as it is: a restart sees the same data)
// and a free port, and waits for /readyz to answer 200.
func Start(ctx context.Context, bin, dataDir, dbURL string, timeout time.Duration) (*Server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s, err := startOnce(ctx, bin, dataDir, dbURL, timeout)
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

func startOnce(ctx context.Context, bin, dataDir, dbURL string, timeout time.Duration) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	s := &Server{Base: "http://" + addr, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr}, DBArgs(dataDir, dbURL)...)...)
	s.cmd.Env = Env()
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	started := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s.outDone.Add(2)
	go func() { defer s.outDone.Done(); _, _ = io.Copy(io.Discard, stdout) }()
	go func() { // always drained (like a log collector), last lines kept for error reports
		defer s.outDone.Done()
		r := bufio.NewReaderSize(stderr, 64<<10)
		for {
			line, err := r.ReadString('\n')
			if line != "" && !strings.Contains(line, "msg=request") {
				s.keepStderr(line)
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		s.outDone.Wait()
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()

	poll := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if Get200(ctx, poll, s.Base+"/readyz") {
			s.Ready = time.Since(started)
			return s, nil
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("server exited before it was ready (%v): %s", s.waitErr, s.stderrTail())
		case <-ctx.Done():
			s.Kill()
			return nil, ctx.Err()
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			s.Kill()
			return nil, fmt.Errorf("server not ready after %s: %s", timeout, s.stderrTail())
		}
	}
}

// Get200 reports whether a GET of url answers 200.
func Get200(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (s *Server) keepStderr(line string) {
	s.stderrMu.Lock()
	defer s.stderrMu.Unlock()
	s.stderrTl = append(s.stderrTl, strings.TrimRight(line, "\n"))
	if len(s.stderrTl) > 20 {
		s.stderrTl = s.stderrTl[len(s.stderrTl)-20:]
	}
}

func (s *Server) stderrTail() string {
	s.stderrMu.Lock()
	defer s.stderrMu.Unlock()
	if len(s.stderrTl) == 0 {
		return "(no stderr captured)"
	}
	return strings.Join(s.stderrTl, "\n")
}

// Stop sends SIGTERM and waits up to 15 s (the server drains for up to 10 s), then kills.
func (s *Server) Stop() error {
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
		s.Kill()
		return errors.New("server ignored SIGTERM for 15 s and was killed")
	}
}

// Kill sends SIGKILL (no shutdown, no flush) and waits for the process to be gone.
func (s *Server) Kill() {
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
	}
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Exited is closed once the process has exited and been waited for.
func (s *Server) Exited() <-chan struct{} { return s.exited }

// Workspace makes a temporary directory named after bench (for the binary and the data
// directories) and builds the server into it. The returned cleanup removes the directory
// unless keep is set (then it says where it is).
func Workspace(ctx context.Context, bench string, keep bool, out io.Writer) (bin, tmp string, cleanup func(), err error) {
	root, err := ModuleRoot(ctx)
	if err != nil {
		return "", "", nil, err
	}
	tmp, err = os.MkdirTemp("", "kopru-bench-"+bench+"-")
	if err != nil {
		return "", "", nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	if keep {
		fmt.Fprintln(out, "temporary directory kept:", tmp)
		cleanup = func() {}
	}
	fmt.Fprintln(out, "building ./cmd/kopru …")
	if bin, err = Build(ctx, root, tmp); err != nil {
		cleanup()
		return "", "", nil, err
	}
	return bin, tmp, cleanup, nil
}

// PostgresURL is the server benches run on besides SQLite: KOPRU_BENCH_POSTGRES_URL, else
// KOPRU_TEST_POSTGRES_URL; empty means SQLite only.
func PostgresURL() string {
	if u := os.Getenv("KOPRU_BENCH_POSTGRES_URL"); u != "" {
		return u
	}
	return os.Getenv("KOPRU_TEST_POSTGRES_URL")
}
