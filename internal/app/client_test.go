package app

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// client is a browser-like test client against a running app: it keeps cookies and does
// not follow redirects, so tests see each step.
type client struct {
	t   *testing.T
	srv *httptest.Server
	hc  *http.Client
	app *App
}

func newClient(t *testing.T, a *App) *client {
	t.Helper()
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{t: t, srv: srv, hc: hc, app: a}
}

// response is a finished request: status, headers and the whole body.
type response struct {
	Status int
	Header http.Header
	Body   string
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

func (c *client) newRequest(method, path string, body io.Reader) *http.Request {
	c.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, c.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	return req
}

func (c *client) get(path string, headers ...string) response {
	req := c.newRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

// post submits a form the way a browser on this site does.
func (c *client) post(path string, form url.Values) response {
	req := c.newRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// api sends a JSON request; token, when given, goes in the Authorization header.
func (c *client) api(method, path, body, token string) response {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := c.newRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return c.do(req)
}

func (r response) must(t *testing.T, status int, contains ...string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body:\n%.2000s", r.Status, status, r.Body)
	}
	for _, s := range contains {
		if !strings.Contains(r.Body, s) {
			t.Fatalf("body does not contain %q:\n%.3000s", s, r.Body)
		}
	}
}
