package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleWatchCatchesCSPViolationsAndErrors makes sure the journeys' console watch is
// not blind: a page that breaks its own Content-Security-Policy and throws must be caught.
func TestConsoleWatchCatchesCSPViolationsAndErrors(t *testing.T) {
	chrome := chromium(t)
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'nonce-e2e'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><html lang="en"><head><title>untouched</title></head><body><h1>watch</h1>
<script>document.title = "inline script ran";</script>
<script nonce="e2e">throw new Error("thrown by the page");</script>
</body></html>`))
	})
	ts := httptest.NewServer(page)
	t.Cleanup(ts.Close)

	b := newBrowser(t, chrome, ts.URL)
	b.open("/")
	if got := b.text("h1"); got != "watch" {
		t.Fatalf("page not shown: h1 %q", got)
	}
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	b.must(err, "read title")
	problems := b.takeConsoleProblems()
	if title == "inline script ran" {
		t.Errorf("the browser ran an inline script that the CSP forbids")
	}
	has := func(s string) bool {
		for _, p := range problems {
			if strings.Contains(p, s) {
				return true
			}
		}
		return false
	}
	if !has("Content Security Policy") {
		t.Errorf("CSP violation not caught; the watch saw %q", problems)
	}
	if !has("thrown by the page") {
		t.Errorf("uncaught exception not caught; the watch saw %q", problems)
	}
}
