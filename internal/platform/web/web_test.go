package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestIsEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"ad@ornek.org": true, "leyla.numune@baku.az": true,
		"": false, "ad": false, "ad@localhost": false, "Ad <ad@ornek.org>": false, "a b@ornek.org": false,
	} {
		if IsEmail(s) != want {
			t.Errorf("IsEmail(%q) = %v", s, !want)
		}
	}
}

func TestParseFormRefusesInvalidUTF8AndOversize(t *testing.T) {
	post := func(body string, limit int64) (*Form, error) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, limit)
		return ParseForm(r)
	}
	if _, err := post("name=%FF%FE", 1000); !errors.Is(err, ErrInvalidUTF8) {
		t.Fatalf("invalid UTF-8: %v", err)
	}
	if _, err := post("name="+strings.Repeat("a", 2000), 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversize: %v", err)
	}
	f, err := post("name=+%C4%B0zmir+&email=x", 1000)
	if err != nil || f.Get("name") != "İzmir" {
		t.Fatalf("valid form: %v %q", err, f.Get("name"))
	}
	f.Required("name", "missing")
	f.Email("email")
	f.OneOf("name", "Bakü")
	if f.Valid() || f.Errors["missing"] != "form.required" || f.Errors["email"] != "form.email" || f.Errors["name"] != "form.choice" {
		t.Fatalf("errors: %v", f.Errors)
	}
}

func TestDecodeJSON(t *testing.T) {
	type in struct {
		Name string `json:"name"`
	}
	cases := []struct {
		body, ctype string
		status      int
	}{
		{`{"name":"Bakı"}`, "application/json", 0},
		{`{"name":"x"`, "application/json", 400},
		{`{"name":"x","extra":1}`, "application/json", 400},
		{`{"name":"x"} {"name":"y"}`, "application/json", 400},
		{"{\"name\":\"\xff\"}", "application/json", 400},
		{`{"name":"x"}`, "text/plain", 415},
		{`{"name":"` + strings.Repeat("a", 100) + `"}`, "application/json", 413},
	}
	for _, c := range cases {
		r := httptest.NewRequest("POST", "/", strings.NewReader(c.body))
		r.Header.Set("Content-Type", c.ctype)
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 64)
		var v in
		err := DecodeJSON(r, &v)
		got := 0
		if err != nil {
			got = StatusOf(err)
		}
		if got != c.status {
			t.Errorf("%.30q as %s: status %d, want %d (%v)", c.body, c.ctype, got, c.status, err)
		}
	}
}

func TestStatusOf(t *testing.T) {
	cases := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("x: %w", fail.NotFound), 404}, {fail.Forbidden, 403}, {fail.Unauthorized, 401},
		{fail.Conflict, 409}, {fmt.Errorf("x: %w", fail.Fields{"a": "b"}), 422}, {errors.New("boom"), 500},
	}
	for _, c := range cases {
		if got := StatusOf(c.err); got != c.want {
			t.Errorf("StatusOf(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Date(2026, 1, 12, 16, 3, 0, 0, time.UTC)
	l := NewRateLimiter(6, 3) // one token every 10 s, bursts of 3
	l.now = func() time.Time { return now }
	for i := range 3 {
		if !l.Allow("1.2.3.4") {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if l.Allow("1.2.3.4") {
		t.Fatal("fourth request allowed")
	}
	if !l.Allow("5.6.7.8") {
		t.Fatal("another client was limited")
	}
	now = now.Add(10 * time.Second)
	if !l.Allow("1.2.3.4") || l.Allow("1.2.3.4") {
		t.Fatal("refill should allow exactly one more")
	}
}

func TestPager(t *testing.T) {
	r := httptest.NewRequest("GET", "/?page=3", nil)
	p := NewPager(r, 20)
	p.Total = 45
	if p.Offset() != 40 || p.Pages() != 3 || p.HasNext() || !p.HasPrev() {
		t.Fatalf("pager: %+v offset %d pages %d", p, p.Offset(), p.Pages())
	}
	for _, bad := range []string{"-1", "x", "99999999999"} {
		if NewPager(httptest.NewRequest("GET", "/?page="+url.QueryEscape(bad), nil), 20).Page != 1 {
			t.Errorf("page=%s not reset to 1", bad)
		}
	}
}

func TestLimitBodyAnswersBeforeReadingHugeBodies(t *testing.T) {
	called := false
	h := LimitBody(10, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(413) })(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { called = true }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("x", 100))))
	if w.Code != 413 || called {
		t.Fatalf("status %d, handler called %v", w.Code, called)
	}
}

func TestRequestIDKeepsSaneIncomingIDs(t *testing.T) {
	var seen string
	h := RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = RequestIDOf(r.Context()) }))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-ID", "proxy-123")
	h.ServeHTTP(httptest.NewRecorder(), r)
	if seen != "proxy-123" {
		t.Fatalf("kept %q", seen)
	}
	r.Header.Set("X-Request-ID", "bad id\nwith newline")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if seen == "bad id\nwith newline" || w.Header().Get("X-Request-ID") != seen {
		t.Fatalf("unsafe id kept: %q", seen)
	}
}
