package e2e

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

const (
	envE2E   = "KOPRU_E2E"       // "1": a missing browser fails instead of skipping
	envShots = "KOPRU_E2E_SHOTS" // directory for screenshots; a temporary one otherwise

	// testTimeout bounds everything one journey does in the browser.
	testTimeout = 60 * time.Second
)

// chromium finds Debian's chromium, or skips the test (fails it under KOPRU_E2E=1).
func chromium(t *testing.T) string {
	t.Helper()
	required := os.Getenv(envE2E) == "1"
	if testing.Short() && !required {
		t.Skip("browser tests skipped in -short mode (set " + envE2E + "=1 to run them anyway)")
	}
	path := "/usr/bin/chromium"
	if _, err := os.Stat(path); err != nil {
		if path, err = exec.LookPath("chromium"); err != nil {
			msg := "browser tests skipped: install Debian's chromium (apt-get install chromium) or set " + envE2E + "=1 to make this a failure"
			if required {
				t.Fatal("browser tests need Debian's chromium (apt-get install chromium), and " + envE2E + "=1 is set")
			}
			t.Skip(msg)
		}
	}
	return path
}

// engines runs body once per database engine, as the subtests "sqlite" and "postgres"; the
// PostgreSQL one skips with a message unless KOPRU_TEST_POSTGRES_URL is set.
func engines(t *testing.T, body func(t *testing.T, databaseURL string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		body(t, "sqlite:"+filepath.Join(t.TempDir(), "kopru.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		base := os.Getenv(dbtest.EnvPostgres)
		if base == "" {
			t.Skip("PostgreSQL browser tests skipped: set " + dbtest.EnvPostgres + " (for example postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
		}
		body(t, dbtest.FreshSchema(t, base))
	})
}

// server is the real platform serving on a free loopback port.
type server struct {
	App *app.App
	URL string // base URL, no trailing slash
}

// startServer opens and migrates the database at databaseURL, builds the platform without
// demo data and serves it with its background workers until the test ends. The server log
// is printed when the test fails.
func startServer(t *testing.T, databaseURL string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	cfg := config.Default()
	cfg.Addr = ln.Addr().String()
	cfg.Data = t.TempDir()
	cfg.Database = databaseURL
	cfg.BaseURL = "http://" + cfg.Addr
	cfg.Demo = "off"
	if err := cfg.Validate(); err != nil {
		ln.Close()
		t.Fatalf("config: %v", err)
	}

	logs := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	ctx, cancel := context.WithCancel(context.Background())
	d, err := app.Open(ctx, cfg)
	if err != nil {
		cancel()
		ln.Close()
		t.Fatalf("open database: %v", err)
	}
	// Registered after FreshSchema's cleanup, so the pool closes before the schema is dropped.
	t.Cleanup(func() { d.Close() })
	a, err := app.New(cfg, d, logger)
	if err != nil {
		cancel()
		ln.Close()
		t.Fatalf("app.New: %v", err)
	}
	if loaded, err := a.LoadDemoIfEmpty(ctx); err != nil || loaded {
		cancel()
		ln.Close()
		t.Fatalf("demo is off, yet LoadDemoIfEmpty = %v, %v", loaded, err)
	}

	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server stopped with: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("server did not stop within 20s of its context ending")
		}
	})
	return &server{App: a, URL: cfg.BaseURL}
}

// browser is one headless chromium with one tab, a fresh profile and a console watch: every
// uncaught exception, console.error and error-level browser log entry (CSP violations, failed
// loads) is recorded, and the test fails at its end if any was seen that it did not expect.
type browser struct {
	t    *testing.T
	ctx  context.Context // the tab; carries the test's deadline
	base string

	mu       sync.Mutex
	problems []string
	expected []expectedError
}

// expectedError is a browser log error the test provoked on purpose, such as the 401 of a
// protected page opened after logging out.
type expectedError struct {
	url    string
	status int
}

func newBrowser(t *testing.T, execPath, baseURL string) *browser {
	t.Helper()
	return newBrowserWithin(t, execPath, baseURL, testTimeout)
}

// newBrowserWithin is newBrowser for a journey that needs another bound than testTimeout.
func newBrowserWithin(t *testing.T, execPath, baseURL string, timeout time.Duration) *browser {
	t.Helper()
	b := &browser{t: t, base: baseURL}
	output := &syncBuffer{}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	// This machine's network is closed: nothing may try to reach Google's services, and
	// the profile is fresh (chromedp makes a new user-data-dir and removes it afterwards).
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		// A synthetic camera that needs no permission prompt, for the gate's camera scanning.
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(output),
	)
	logf := func(format string, args ...any) { fmt.Fprintf(output, "chromedp: "+format+"\n", args...) }
	tabCtx, cancelTab := chromedp.NewContext(allocCtx,
		chromedp.WithListener(b.observe),
		chromedp.WithLogf(logf), chromedp.WithErrorf(logf),
	)
	b.ctx = tabCtx
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to exit
		cancelTimeout()
		if t.Failed() {
			t.Logf("browser output:\n%s", output.String())
		}
	})
	// Cleanups run last-in first-out: this check runs before the browser closes.
	t.Cleanup(b.checkConsole)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start chromium %s: %v", execPath, err)
	}
	return b
}

// observe runs in chromedp's read loop: it only records, fast.
func (b *browser) observe(ev any) {
	var problem string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		problem = fmt.Sprintf("uncaught JavaScript exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Description != "" {
				parts = append(parts, a.Description)
			} else {
				parts = append(parts, string(a.Value))
			}
		}
		problem = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			return
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, x := range b.expected {
			if e.Source == log.EntrySourceNetwork && e.URL == x.url && strings.Contains(e.Text, fmt.Sprintf(" %d ", x.status)) {
				return
			}
		}
		b.problems = append(b.problems, fmt.Sprintf("browser log error [%s] %s (%s)", e.Source, e.Text, e.URL))
		return
	default:
		return
	}
	b.mu.Lock()
	b.problems = append(b.problems, problem)
	b.mu.Unlock()
}

// expectStatus tells the console watch that the browser will report status for path, on
// purpose.
func (b *browser) expectStatus(path string, status int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expected = append(b.expected, expectedError{url: b.base + path, status: status})
}

// takeConsoleProblems returns what the console watch has recorded so far and forgets it.
func (b *browser) takeConsoleProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

func (b *browser) checkConsole() {
	for _, p := range b.takeConsoleProblems() {
		b.t.Errorf("browser console: %s", p)
	}
}

// must stops the test with what failed.
func (b *browser) must(err error, what string, args ...any) {
	b.t.Helper()
	if err != nil {
		b.t.Fatalf("%s: %v", fmt.Sprintf(what, args...), err)
	}
}

// open navigates to path (on the server) and returns the HTTP response of the page.
func (b *browser) open(path string) *network.Response {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	b.must(err, "open %s", path)
	return resp
}

// click clicks the first visible element matching the CSS selector and waits for the page
// it leads to; it returns that page's HTTP response (after redirects).
func (b *browser) click(css string) *network.Response {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
	b.must(err, "click %s", css)
	if resp == nil {
		b.t.Fatalf("click %s: no page loaded", css)
	}
	return resp
}

// tick clicks a checkbox (no navigation) and checks that it is now ticked.
func (b *browser) tick(css string) {
	b.t.Helper()
	b.must(chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible)), "tick %s", css)
	checked, err := chromedp.Run(b.ctx, chromedp.JavascriptAttribute[bool](chromedp.CSS(css), "checked"))
	b.must(err, "read %s", css)
	if !checked {
		b.t.Fatalf("%s is not ticked after clicking it", css)
	}
}

// typeInto types text into the field matching the CSS selector.
func (b *browser) typeInto(css, text string) {
	b.t.Helper()
	b.must(chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.CSS(css), text, chromedp.NodeVisible)), "type into %s", css)
}

// choose selects value in the select matching the CSS selector.
func (b *browser) choose(css, value string) {
	b.t.Helper()
	b.must(chromedp.Do(b.ctx, chromedp.SetValue(chromedp.CSS(css), value, chromedp.NodeVisible)), "choose %q in %s", value, css)
}

// value returns the current value of the form field matching the CSS selector.
func (b *browser) value(css string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(css), chromedp.NodeVisible))
	b.must(err, "read value of %s", css)
	return v
}

// attr returns an attribute of the first visible element matching the CSS selector ("" if
// the element does not have it).
func (b *browser) attr(css, name string) string {
	b.t.Helper()
	res, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(css), name, chromedp.NodeVisible))
	b.must(err, "read %s of %s", name, css)
	return res.Value
}

// upload sets files on the file input matching the CSS selector, as choosing them would.
func (b *browser) upload(css string, files ...string) {
	b.t.Helper()
	b.must(chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS(css), files, chromedp.NodeVisible)), "set files on %s", css)
}

// text returns the visible text of the first element matching the CSS selector.
func (b *browser) text(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
	b.must(err, "read text of %s", css)
	return strings.TrimSpace(s)
}

// count returns how many elements match the CSS selector now, without waiting.
func (b *browser) count(css string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", css)))
	b.must(err, "count %s", css)
	return n
}

// path returns the path and query of the current page.
func (b *browser) path() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	b.must(err, "read location")
	if !strings.HasPrefix(loc, b.base) {
		b.t.Fatalf("browser left the server: at %s", loc)
	}
	return strings.TrimPrefix(loc, b.base)
}

// htmlLang returns the lang attribute of the document element.
func (b *browser) htmlLang() string {
	b.t.Helper()
	lang, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
	b.must(err, "read <html lang>")
	return lang
}

// screenshot saves a full-page PNG under $KOPRU_E2E_SHOTS or the test's temporary directory.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	b.must(err, "screenshot %s", name)
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		b.t.Fatalf("screenshot %s is not a PNG", name)
	}
	dir := os.Getenv(envShots)
	if dir == "" {
		dir = b.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatalf("screenshot dir: %v", err)
	}
	file := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(b.t.Name())+"_"+name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatalf("write screenshot: %v", err)
	}
	b.t.Logf("screenshot: %s", file)
}

// syncBuffer is a bytes.Buffer safe for the server's and the browser's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}
