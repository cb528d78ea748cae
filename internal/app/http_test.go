package app

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

const pw = "uzun-bir-sifre-2026"

// user makes a confirmed account with roles.
func user(t *testing.T, a *App, email string, roles ...string) *identity.User {
	t.Helper()
	u, err := a.Identity.CreateUser(context.Background(), email, "Test "+email, pw, "tr", roles)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (c *client) login(email string) {
	c.t.Helper()
	c.post("/tr/login", url.Values{"email": {email}, "password": {pw}}).must(c.t, http.StatusSeeOther)
}

func TestRootRedirectsByCookieThenAcceptLanguage(t *testing.T) {
	c := newClient(t, newTestApp(t))
	r := c.get("/", "Accept-Language", "az-AZ,az;q=0.9,en;q=0.5")
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/az/" {
		t.Fatalf("Accept-Language az: %d %q", r.Status, r.Header.Get("Location"))
	}
	if r := c.get("/"); r.Header.Get("Location") != "/tr/" {
		t.Fatalf("default: %q", r.Header.Get("Location"))
	}
	c.get("/en/").must(t, http.StatusOK) // sets the language cookie
	if r := c.get("/", "Accept-Language", "az"); r.Header.Get("Location") != "/en/" {
		t.Fatalf("cookie must win over Accept-Language: %q", r.Header.Get("Location"))
	}
}

func TestLocalizedErrorPages(t *testing.T) {
	c := newClient(t, newTestApp(t))
	c.get("/az/no-such-page").must(t, http.StatusNotFound, `lang="az"`, "Səhifə tapılmadı")
	c.get("/en/no-such-page").must(t, http.StatusNotFound, `lang="en"`, "Page not found")
	// An unknown language prefix is a 404 in the visitor's language.
	c.get("/de/", "Accept-Language", "tr").must(t, http.StatusNotFound, `lang="tr"`, "Sayfa bulunamadı")
	c.get("/api/v1/nothing", "Accept-Language", "en").must(t, http.StatusNotFound, `"status":404`)
}

func TestLanguageSwitcherKeepsThePage(t *testing.T) {
	c := newClient(t, newTestApp(t))
	r := c.get("/tr/login?next=%2Ftr%2Fme")
	r.must(t, http.StatusOK, `href="/az/login?next=%2Ftr%2Fme"`, `href="/en/login?next=%2Ftr%2Fme"`, `hreflang="az"`)
}

func TestSecurityHeaders(t *testing.T) {
	c := newClient(t, newTestApp(t))
	r := c.get("/tr/login")
	csp := r.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self' 'nonce-") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("CSP: %q", csp)
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" || r.Header.Get("X-Request-ID") == "" {
		t.Fatalf("headers: %v", r.Header)
	}
	if strings.Contains(r.Body, "<script>") || strings.Contains(r.Body, " style=") {
		t.Fatal("inline script or style in a page")
	}
}

func TestRegisterConfirmLoginLogoutOverHTTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		c := newClient(t, a)
		form := url.Values{"name": {"Leyla Nümunə"}, "email": {"leyla@example.org"}, "password": {pw}, "locale": {"az"}, "privacy": {"yes"}}
		// Without the privacy acknowledgement nothing is created and the form keeps its input.
		noPrivacy := url.Values{}
		for k, v := range form {
			if k != "privacy" {
				noPrivacy[k] = v
			}
		}
		c.post("/az/register", noPrivacy).must(t, http.StatusUnprocessableEntity, "Leyla Nümunə", `aria-invalid="true"`)
		c.post("/az/register", form).must(t, http.StatusOK, "leyla@example.org")
		c.post("/az/register", form).must(t, http.StatusUnprocessableEntity, "artıq hesab var")

		mail, err := a.Outbox.Latest(context.Background(), "leyla@example.org")
		if err != nil {
			t.Fatal(err)
		}
		link := mail.Text[strings.Index(mail.Text, "/az/confirm?token="):]
		link = strings.Fields(link)[0]
		c.get(link).must(t, http.StatusSeeOther)
		c.get("/az/login").must(t, http.StatusOK, "təsdiqləndi")         // the flash
		c.get(link).must(t, http.StatusBadRequest, "Keçid etibarsızdır") // single use

		bad := c.post("/az/login", url.Values{"email": {"leyla@example.org"}, "password": {"wrong-password-1"}})
		unknown := c.post("/az/login", url.Values{"email": {"nobody@example.org"}, "password": {"wrong-password-1"}})
		bad.must(t, http.StatusUnauthorized, "yanlışdır")
		unknown.must(t, http.StatusUnauthorized, "yanlışdır")

		r := c.post("/az/login", url.Values{"email": {"leyla@example.org"}, "password": {pw}})
		r.must(t, http.StatusSeeOther)
		if r.Header.Get("Location") != "/az/me" {
			t.Fatalf("after login: %q", r.Header.Get("Location"))
		}
		c.get("/az/me").must(t, http.StatusOK, "Leyla Nümunə", "leyla@example.org")
		c.post("/az/logout", nil).must(t, http.StatusSeeOther)
		c.get("/az/me").must(t, http.StatusUnauthorized, `name="next" value="/az/me"`)
	})
}

func TestLoginIsRateLimited(t *testing.T) {
	c := newClient(t, newTestApp(t))
	limited := false
	for range 15 {
		r := c.post("/tr/login", url.Values{"email": {"x@example.org"}, "password": {"wrong-password-1"}})
		if r.Status == http.StatusTooManyRequests {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("15 wrong passwords in a row were never rate-limited")
	}
}

func TestBadInput(t *testing.T) {
	a := newTestApp(t)
	c := newClient(t, a)
	big := strings.Repeat("a", maxBody+10)
	c.post("/tr/register", url.Values{"name": {big}}).must(t, http.StatusRequestEntityTooLarge, "çok büyük")
	c.api("POST", "/api/v1/session", `{"email":"`+big+`"}`, "").must(t, http.StatusRequestEntityTooLarge, `"status":413`)
	c.api("POST", "/api/v1/session", `{"email": "a@b.org",`, "").must(t, http.StatusBadRequest, `"status":400`)
	c.api("POST", "/api/v1/session", `{"email":"a@b.org","password":"x","admin":true}`, "").must(t, http.StatusBadRequest)
	c.api("POST", "/api/v1/session", "{\"email\":\"\xff\xfe\",\"password\":\"x\"}", "").must(t, http.StatusBadRequest, "UTF-8")
	req := c.newRequest("POST", "/api/v1/session", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "text/plain")
	if r := c.do(req); r.Status != http.StatusUnsupportedMediaType {
		t.Fatalf("text/plain body: %d", r.Status)
	}
	r := c.post("/tr/register", url.Values{"name": {"a\xffb"}, "email": {"u@example.org"}, "password": {pw}, "privacy": {"yes"}})
	r.must(t, http.StatusBadRequest)
	var n int
	_ = a.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM users").Scan(&n)
	if n != 0 {
		t.Fatalf("%d users written by bad requests", n)
	}
	if ct := c.api("POST", "/api/v1/session", `{`, "").Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("error content type %q", ct)
	}
}

func TestCrossOriginRequestWithSessionIsRefused(t *testing.T) {
	a := newTestApp(t)
	user(t, a, "victim@example.org")
	c := newClient(t, a)
	c.login("victim@example.org")
	req := c.newRequest("POST", "/tr/me/tokens", strings.NewReader("token_name=stolen"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	c.do(req).must(t, http.StatusForbidden)
	var n int
	_ = a.DB.QueryRow(context.Background(), "SELECT COUNT(*) FROM api_tokens").Scan(&n)
	if n != 0 {
		t.Fatal("a cross-site request created a token")
	}
}

func TestAdminIsForStaffOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		user(t, a, "admin@example.org", identity.RoleAdmin)
		user(t, a, "member@example.org")
		user(t, a, "coord@example.org", identity.RoleCoordinator)

		anon := newClient(t, a)
		anon.get("/tr/admin/users").must(t, http.StatusUnauthorized)
		anon.api("GET", "/api/v1/admin/users", "", "").must(t, http.StatusUnauthorized, `"status":401`)
		if r := anon.get("/tr/admin/users"); strings.Contains(r.Body, "member@example.org") {
			t.Fatal("anonymous saw user data")
		}

		member := newClient(t, a)
		member.login("member@example.org")
		for _, p := range []string{"/tr/admin", "/tr/admin/users", "/tr/admin/organisations", "/tr/admin/outbox"} {
			r := member.get(p)
			r.must(t, http.StatusForbidden)
			if strings.Contains(r.Body, "admin@example.org") {
				t.Fatalf("%s leaked data to a member", p)
			}
		}
		member.api("GET", "/api/v1/admin/users", "", "").must(t, http.StatusForbidden, `"status":403`)
		member.post("/tr/admin/users/1/roles", url.Values{"role": {"admin"}}).must(t, http.StatusForbidden)

		coord := newClient(t, a)
		coord.login("coord@example.org")
		coord.get("/tr/admin/organisations").must(t, http.StatusOK)
		coord.get("/tr/admin/users").must(t, http.StatusForbidden)

		admin := newClient(t, a)
		admin.login("admin@example.org")
		admin.get("/tr/admin/users").must(t, http.StatusOK, "member@example.org")
		r := admin.post("/tr/admin/organisations", url.Values{"name": {"Yaşar Üniversitesi"}, "kind": {"university"}, "city": {"İzmir"}, "country": {"TR"}})
		r.must(t, http.StatusSeeOther)
		admin.get(r.Header.Get("Location")).must(t, http.StatusOK, "Yaşar Üniversitesi")
	})
}

func TestAPISessionTokensAndMe(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		user(t, a, "api@example.org", identity.RoleReviewer)
		c := newClient(t, a)
		c.api("GET", "/api/v1/me", "", "").must(t, http.StatusUnauthorized)
		c.api("POST", "/api/v1/session", `{"email":"api@example.org","password":"nope-nope-nope"}`, "").must(t, http.StatusUnauthorized)
		c.api("POST", "/api/v1/session", `{"email":"api@example.org","password":"`+pw+`"}`, "").must(t, http.StatusOK, `"email":"api@example.org"`)
		c.api("GET", "/api/v1/me", "", "").must(t, http.StatusOK, `"reviewer"`, `"member"`)

		r := c.api("POST", "/api/v1/tokens", `{"name":"rapor"}`, "")
		r.must(t, http.StatusCreated)
		var tok struct{ Token string }
		_ = json.Unmarshal([]byte(r.Body), &tok)
		c.api("DELETE", "/api/v1/session", "", "").must(t, http.StatusNoContent)
		c.api("GET", "/api/v1/me", "", "").must(t, http.StatusUnauthorized)

		bearer := newClient(t, a)
		bearer.api("GET", "/api/v1/me", "", tok.Token).must(t, http.StatusOK, `"api@example.org"`)
		bearer.api("GET", "/api/v1/me", "", "kopru_not-a-real-token-at-all").must(t, http.StatusUnauthorized)
		bearer.api("GET", "/api/v1/partnerships", "", "").must(t, http.StatusOK)
	})
}

func TestOperationsEndpoints(t *testing.T) {
	a := newTestApp(t)
	c := newClient(t, a)
	c.get("/healthz").must(t, http.StatusOK, "ok")
	c.get("/readyz").must(t, http.StatusOK, "ready")
	c.get("/tr/login")
	c.get("/tr/nope")
	m := c.get("/metrics")
	m.must(t, http.StatusOK, `kopru_http_requests_total{method="GET",route="GET /tr/login",status="200"} 1`,
		`route="/"`, "kopru_http_request_duration_seconds_bucket", "go_sql_open_connections")
	css := c.get(a.Assets.URL("css/site.css"))
	css.must(t, http.StatusOK)
	if !strings.Contains(css.Header.Get("Cache-Control"), "immutable") || css.Header.Get("ETag") == "" {
		t.Fatalf("static caching headers: %v", css.Header)
	}
	req := c.newRequest("GET", "/static/css/site.css", nil)
	req.Header.Set("If-None-Match", css.Header.Get("ETag"))
	if r := c.do(req); r.Status != http.StatusNotModified {
		t.Fatalf("revalidation: %d", r.Status)
	}
}

func TestPublicPagesAreCachedOnlyForAnonymousVisitors(t *testing.T) {
	a := newTestApp(t)
	if err := a.Partnership.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	user(t, a, "reader@example.org")
	anon := newClient(t, a)
	first := anon.get("/az/")
	first.must(t, http.StatusOK, "Bakı")
	second := anon.get("/az/")
	if second.Header.Get("X-Cache") != "hit" || second.Body != first.Body || second.Header.Get("Content-Language") != "az" {
		t.Fatalf("second anonymous request not served from the cache: %v", second.Header)
	}
	if second.Header.Get("Content-Security-Policy") == first.Header.Get("Content-Security-Policy") {
		t.Fatal("a cached page must still get a fresh CSP nonce")
	}
	signed := newClient(t, a)
	signed.login("reader@example.org")
	for range 2 {
		if r := signed.get("/az/"); r.Header.Get("X-Cache") == "hit" || !strings.Contains(r.Body, "/az/me") {
			t.Fatal("a signed-in visitor got the anonymous cached page")
		}
	}
}

func TestSearchFindsTurkishAndAzerbaijaniSpellings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, a)
		for _, q := range []string{"IZMIR", "İZMİR", "izmir", "İzmir"} {
			r := c.get("/tr/search?q=" + url.QueryEscape(q))
			r.must(t, http.StatusOK, "<mark>İzmir</mark>")
		}
		c.get("/tr/search?q=baku").must(t, http.StatusOK, "<mark>Bakü</mark>")
		c.get("/az/search?q=BAKI").must(t, http.StatusOK, "<mark>Bakı</mark>")
		// Operator characters are plain text: never an error, never a 500.
		c.get("/tr/search?q="+url.QueryEscape(`"NEAR(İzmir* -: OR`)).must(t, http.StatusOK)
		c.get("/tr/search?q="+url.QueryEscape(`"*-:()`)).must(t, http.StatusUnprocessableEntity, `aria-invalid="true"`)
		c.get("/tr/search?q="+strings.Repeat("x", 10000)).must(t, http.StatusUnprocessableEntity, "200")

		r := c.get("/api/v1/search?q=IZAZDER&lang=az")
		r.must(t, http.StatusOK, `"lang":"az"`, `"kind":"milestone"`)
		var res struct {
			Groups []struct {
				Kind string
				Hits []struct{ Lang, URL string }
			}
		}
		if err := json.Unmarshal([]byte(r.Body), &res); err != nil || len(res.Groups) == 0 {
			t.Fatalf("search API: %v %s", err, r.Body)
		}
		seen := map[string]bool{}
		for _, g := range res.Groups {
			for _, h := range g.Hits {
				if seen[h.URL[3:]] {
					t.Fatalf("one thing listed twice: %s", h.URL)
				}
				seen[h.URL[3:]] = true
			}
		}
		if h := res.Groups[0].Hits[0]; h.Lang != "az" {
			t.Fatalf("the reader's language must come first: %+v", h)
		}
		c.api("GET", "/api/v1/search?q=%20", "", "").must(t, http.StatusUnprocessableEntity, `"q"`)
	})
}

func TestWrongMethodIsALocalizedAnswer(t *testing.T) {
	c := newClient(t, newTestApp(t))
	r := c.get("/az/logout")
	r.must(t, http.StatusMethodNotAllowed, `lang="az"`)
	if !strings.Contains(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(r.Header.Get("Allow"), "POST") {
		t.Fatalf("405 headers: %v", r.Header)
	}
	c.api("GET", "/api/v1/session", "", "").must(t, http.StatusMethodNotAllowed, `"status":405`)
}
