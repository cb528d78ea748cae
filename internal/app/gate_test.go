package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var coordinator = &web.Viewer{ID: 1, Roles: []string{identity.RoleCoordinator}}

var scannerLink = regexp.MustCompile(`/tr/gate/([A-Za-z0-9_-]+)`)

// scannerAPI calls a gate route with a scanner token in its header.
func (c *client) scannerAPI(method, path, body, token string) response {
	c.t.Helper()
	var req *http.Request
	if body != "" {
		req = c.newRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	} else {
		req = c.newRequest(method, path, nil)
	}
	req.Header.Set(events.ScannerHeader, token)
	return c.do(req)
}

func register(t *testing.T, a *App, e *events.Event, name, email string) *events.Registration {
	t.Helper()
	r, err := a.Events.Register(context.Background(), nil, events.RegisterInput{EventID: e.ID, Name: name, Email: email, Locale: "tr"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestScannerTokenIsLimitedToItsEvent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		if err := a.Partnership.SeedDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		concert, other := smallEvent(t, a, "konser", 10), smallEvent(t, a, "baska", 10)
		ayse := register(t, a, concert, "Ayşe Yılmaz", "ayse@example.org")
		stranger := register(t, a, other, "Əli Həsənov", "ali@example.org")

		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		checkin := fmt.Sprintf("/tr/admin/events/%d/checkin", concert.ID)
		created := staff.post(fmt.Sprintf("/tr/admin/events/%d/scanners", concert.ID), url.Values{"token_gate": {"Kuzey Kapısı"}})
		created.must(t, http.StatusOK, "<svg", "Kuzey Kapısı")
		m := scannerLink.FindStringSubmatch(created.Body)
		if m == nil {
			t.Fatalf("no scanner link shown:\n%.3000s", created.Body)
		}
		token := m[1]
		if strings.Contains(staff.get(checkin).Body, token) {
			t.Fatal("the scanner link is shown again")
		}

		// The gate phone, without an account: its page, its event, its gate.
		phone := newClient(t, a)
		page := phone.get("/tr/gate/" + token)
		page.must(t, http.StatusOK, `name="code"`, "autofocus", "Kuzey Kapısı", `src="/static/js/checkin`, `nonce="`)
		phone.post("/tr/gate/"+token, url.Values{"code": {ayse.Ticket}, "gate": {"Başka"}}).
			must(t, http.StatusOK, "GİRİŞ ONAYLANDI", "Ayşe Yılmaz", "Toplam giriş: 1")
		phone.post("/tr/gate/"+token, url.Values{"code": {stranger.Ticket}}).must(t, http.StatusOK, "BAŞKA ETKİNLİK")
		api := fmt.Sprintf("/api/v1/events/%d/gate", concert.ID)
		phone.scannerAPI("POST", api+"/scans", `{"code":"`+ayse.Ticket+`"}`, token).
			must(t, http.StatusOK, `"outcome":"already_admitted"`, `"gate":"Kuzey Kapısı"`)
		phone.scannerAPI("GET", api+"/counters", "", token).must(t, http.StatusOK, `"admitted":1`)

		// Another event: refused, whatever the route.
		otherAPI := fmt.Sprintf("/api/v1/events/%d/gate", other.ID)
		phone.scannerAPI("POST", otherAPI+"/scans", `{"code":"`+stranger.Ticket+`"}`, token).must(t, http.StatusForbidden, "başka bir etkinliğe")
		phone.scannerAPI("GET", otherAPI+"/tickets", "", token).must(t, http.StatusForbidden)
		// Any other API: the token is no account.
		phone.scannerAPI("GET", fmt.Sprintf("/api/v1/events/%d/registrations", concert.ID), "", token).must(t, http.StatusUnauthorized)
		phone.api("GET", "/api/v1/me", "", token).must(t, http.StatusUnauthorized)
		phone.api("POST", "/api/v1/checkins", fmt.Sprintf(`{"code":%q,"gate":"A","event_id":%d}`, ayse.Ticket, concert.ID), token).
			must(t, http.StatusUnauthorized)
		phone.get(fmt.Sprintf("/tr/admin/events/%d/checkin", concert.ID)).must(t, http.StatusUnauthorized)
		phone.get(fmt.Sprintf("/tr/admin/events/%d/checkin", other.ID)).must(t, http.StatusUnauthorized)

		// Revoked: the page and the API refuse it at once.
		toks, err := a.Events.ScannerTokens(context.Background(), coordinator, concert.ID)
		if err != nil || len(toks) != 1 {
			t.Fatalf("tokens: %v %v", toks, err)
		}
		staff.post(fmt.Sprintf("/tr/admin/events/%d/scanners/%d/revoke", concert.ID, toks[0].ID), nil).must(t, http.StatusSeeOther)
		phone.get("/tr/gate/"+token).must(t, http.StatusUnauthorized)
		phone.scannerAPI("POST", api+"/scans", `{"code":"`+ayse.Ticket+`"}`, token).must(t, http.StatusUnauthorized)
		// A member may not make scanner links.
		user(t, a, "uye@example.org")
		member := newClient(t, a)
		member.login("uye@example.org")
		member.post(fmt.Sprintf("/tr/admin/events/%d/scanners", concert.ID), url.Values{}).must(t, http.StatusForbidden)
		member.api("GET", api+"/tickets", "", "").must(t, http.StatusForbidden)
	})
}

func TestGateNameSearchFoldsTurkishLetters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		if err := a.Partnership.SeedDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		e := smallEvent(t, a, "arama", 10)
		ayse := register(t, a, e, "Ayşe Işıklı", "ayse@example.org")
		register(t, a, e, "Gülşən Məmmədova", "gulsen@example.org")
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		checkin := fmt.Sprintf("/tr/admin/events/%d/checkin", e.ID)
		r := staff.get(checkin + "?q=AYSE")
		r.must(t, http.StatusOK, "Ayşe Işıklı", fmt.Sprintf(`name="reg" value="%d"`, ayse.ID))
		if strings.Contains(r.Body, "Gülşən") {
			t.Fatal("search found an unrelated name")
		}
		staff.get(checkin+"?q=isikli").must(t, http.StatusOK, "Ayşe Işıklı")
		staff.get(checkin+"?q=gulsen+mem").must(t, http.StatusOK, "Gülşən Məmmədova")
		staff.get(checkin+"?q=Zeynep").must(t, http.StatusOK, "Bu etkinlikte bu isimde kayıt yok.")
		// Admitting by clicking the found name.
		staff.post(checkin, url.Values{"reg": {fmt.Sprint(ayse.ID)}, "gate": {"Doğu"}}).must(t, http.StatusOK, "GİRİŞ ONAYLANDI", "Ayşe Işıklı")
		staff.post(checkin, url.Values{"reg": {fmt.Sprint(ayse.ID)}, "gate": {"Batı"}}).must(t, http.StatusOK, "DAHA ÖNCE GİRİŞ YAPILDI", "Doğu")
	})
}

func TestOfflineUploadReportsConflicts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		ctx := context.Background()
		if err := a.Partnership.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		e := smallEvent(t, a, "cevrimdisi", 10)
		one := register(t, a, e, "Ayşe Yılmaz", "ayse@example.org")
		two := register(t, a, e, "Rəşad Əliyev", "resad@example.org")
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		api := fmt.Sprintf("/api/v1/events/%d/gate", e.ID)

		// Gate B goes offline and admits both from its list; meanwhile gate A, online,
		// admits the second one (after B's offline scan).
		offlineAt := time.Now().Add(-10 * time.Minute).UTC().Truncate(time.Second)
		staff.api("POST", api+"/scans", `{"code":"`+two.Ticket+`","gate":"A"}`, "").must(t, http.StatusOK, `"outcome":"admitted"`)
		batch := fmt.Sprintf(`{"scans":[
			{"code":%q,"gate":"B","scanned_at":%q,"shown":"admitted"},
			{"code":%q,"gate":"B","scanned_at":%q,"shown":"admitted"},
			{"code":"sahte.kod","gate":"B","scanned_at":%q,"shown":"forged"},
			{"code":%q,"gate":"B","scanned_at":%q,"shown":"already_admitted"}]}`,
			one.Ticket, offlineAt.Format(time.RFC3339), two.Ticket, offlineAt.Add(time.Minute).Format(time.RFC3339), offlineAt.Format(time.RFC3339),
			one.Ticket, offlineAt.Add(2*time.Minute).Format(time.RFC3339)) // the list's own "already admitted": no conflict
		var res struct {
			Results []struct {
				Outcome  string `json:"outcome"`
				Conflict bool   `json:"conflict"`
				Gate     string `json:"gate"`
				Repeated bool   `json:"repeated"`
			} `json:"results"`
			Conflicts int `json:"conflicts"`
		}
		decode := func(r response) {
			t.Helper()
			r.must(t, http.StatusOK)
			if err := json.Unmarshal([]byte(r.Body), &res); err != nil {
				t.Fatal(err)
			}
		}
		decode(staff.api("POST", api+"/uploads", batch, ""))
		if len(res.Results) != 4 || res.Conflicts != 1 ||
			res.Results[3].Outcome != "already_admitted" || res.Results[3].Conflict || res.Results[3].Repeated ||
			res.Results[0].Outcome != "admitted" || res.Results[0].Conflict ||
			res.Results[1].Outcome != "already_admitted" || !res.Results[1].Conflict || res.Results[1].Gate != "A" ||
			res.Results[2].Outcome != "forged" || res.Results[2].Conflict {
			t.Fatalf("upload results: %+v", res)
		}
		// The first admission keeps its original time and gate.
		reg, err := a.Events.Registration(ctx, coordinator, one.ID)
		if err != nil || reg.Gate != "B" || reg.CheckedInAt == nil || !reg.CheckedInAt.Equal(offlineAt) {
			t.Fatalf("offline admission: %v %+v", err, reg)
		}
		// The same batch again (its answer was lost): applied once, nothing counted twice.
		decode(staff.api("POST", api+"/uploads", batch, ""))
		if !res.Results[0].Repeated || res.Results[0].Conflict || res.Results[0].Outcome != "admitted" {
			t.Fatalf("re-upload: %+v", res)
		}
		c, err := a.Events.Counters(ctx, coordinator, e.ID)
		if err != nil || c.Admitted != 2 {
			t.Fatalf("counters: %+v %v", c, err)
		}
		for _, g := range c.Gates {
			if g.Gate == "B" && g.Admitted != 1 {
				t.Fatalf("gate B admitted %d, want 1: %+v", g.Admitted, c)
			}
		}
	})
}

func TestGateTicketListIsSigned(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		ctx := context.Background()
		if err := a.Partnership.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		e := smallEvent(t, a, "liste", 1)
		register(t, a, e, "Ayşe Yılmaz", "ayse@example.org")
		register(t, a, e, "Rəşad Əliyev", "resad@example.org") // waiting list
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		r := staff.api("GET", fmt.Sprintf("/api/v1/events/%d/gate/tickets", e.ID), "", "")
		r.must(t, http.StatusOK, `"status":"confirmed"`, `"status":"waiting"`, "Rəşad Əliyev")
		var signed events.SignedGateList
		if err := json.Unmarshal([]byte(r.Body), &signed); err != nil {
			t.Fatal(err)
		}
		key, err := secret(ctx, d, "tickets")
		if err != nil {
			t.Fatal(err)
		}
		verifier := events.NewTicketSigner(key)
		if !verifier.VerifyList(signed.List, signed.Signature) || !a.Events.VerifyGateList(signed.List, signed.Signature) {
			t.Fatal("the list does not verify with the installation secret")
		}
		tampered := strings.Replace(string(signed.List), `"status":"waiting"`, `"status":"confirmed"`, 1)
		if tampered == string(signed.List) || verifier.VerifyList([]byte(tampered), signed.Signature) {
			t.Fatal("a tampered list verifies")
		}
		other := make([]byte, 32)
		if events.NewTicketSigner(append(other, 1)).VerifyList(signed.List, signed.Signature) {
			t.Fatal("the list verifies with another secret")
		}
	})
}
