package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// TestGateKeepsScanningOffline walks the offline half of issue 4's gate check-in: a phone
// opens the gate page through a scanner token (no account), downloads the event's signed
// ticket list, loses the network, and keeps scanning against the list: admitted, already
// admitted, cancelled, forged. Meanwhile another gate admits a ticket the phone's list still
// shows as unused, so the phone admits it too. Back online, the phone uploads its scans: the
// server applies them at their original time, keeps the earlier admission of the contested
// ticket and the phone lists that scan as a conflict instead of merging it silently.
func TestGateKeepsScanningOffline(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a := srv.App
		ctx := context.Background()
		msg := func(key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has("tr", key) {
				t.Fatalf("message %s is missing in tr", key)
			}
			return a.Catalog.T("tr", key, args...)
		}

		coord, e := gateFestival(t, srv, 100)
		people := []struct{ name, email string }{
			{"Aysel Məmmədova", "aysel.m@example.org"},
			{"Şükrü Çağlayan", "sukru.c@example.org"},
			{"İlkin Həsənli", "ilkin.h@example.org"},
		}
		var regs []*events.Registration
		for _, p := range people {
			r, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: e.ID, Name: p.name, Email: p.email, Locale: "tr"})
			if err != nil {
				t.Fatalf("register %s: %v", p.name, err)
			}
			if r.Status != events.Confirmed {
				t.Fatalf("%s is %s, want confirmed", p.name, r.Status)
			}
			regs = append(regs, r)
		}
		ayselA, sukruB, ilkinC := regs[0], regs[1], regs[2]
		if _, _, err := a.Events.Cancel(ctx, coord, ilkinC.ID); err != nil {
			t.Fatalf("cancel %s: %v", ilkinC.Name, err)
		}
		token, err := a.Events.CreateScannerToken(ctx, coord, e.ID, "Kapı C")
		if err != nil {
			t.Fatalf("scanner token: %v", err)
		}

		// The phone opens its gate and keeps the signed list.
		b := newBrowser(t, chrome, srv.URL)
		b.open("/tr/gate/" + token.Secret)
		listKey := fmt.Sprintf("kopru-gate-list-%d", e.ID)
		b.waitFor(fmt.Sprintf(`localStorage.getItem(%q) !== null`, listKey), "the gate to download the ticket list")

		// Another gate admits Şükrü while the phone's list still has the ticket unused.
		if scan, err := a.Events.CheckIn(ctx, coord, e.ID, sukruB.Ticket, "Kapı A"); err != nil || scan.Outcome != events.Admitted {
			t.Fatalf("admit %s at Kapı A: %+v, %v", sukruB.Name, scan, err)
		}

		// The network drops.
		b.setOffline(true)
		b.waitFor(`!document.getElementById("gate-offline").hidden`, "the offline notice")

		scan := func(code string) (outcome, detail string) {
			t.Helper()
			queued := b.queued(e.ID)
			b.must(chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.CSS("#f-code"), code+"\r", chromedp.NodeVisible)), "scan offline")
			// Every offline scan joins the upload queue, then paints its banner.
			b.waitFor(fmt.Sprintf(`JSON.parse(localStorage.getItem("kopru-gate-queue-%d") || "[]").length > %d`, e.ID, queued), "the scan to be queued")
			if got := b.path(); got != "/tr/gate/"+token.Secret {
				t.Fatalf("an offline scan navigated to %s; it must stay on the gate page", got)
			}
			return b.text("#gate-result .scan-outcome"), b.text("#gate-result .scan-result")
		}
		forged := []byte(ayselA.Ticket)
		i := strings.IndexByte(ayselA.Ticket, '.') - 3 // inside the payload: another nonce
		forged[i] ^= 1
		if forged[i] == '.' || forged[i] == '\x00' {
			forged[i] = 'Q'
		}

		steps := []struct {
			code    string
			outcome events.Outcome
			name    string
		}{
			{ayselA.Ticket, events.Admitted, ayselA.Name},
			{ayselA.Ticket, events.AlreadyAdmitted, ayselA.Name},
			{sukruB.Ticket, events.Admitted, sukruB.Name}, // the stale list admits: the conflict
			{ilkinC.Ticket, events.TicketCancelled, ilkinC.Name},
			{string(forged), events.Forged, ""},
		}
		for n, s := range steps {
			outcome, detail := scan(s.code)
			if want := msg("events.scan." + string(s.outcome) + ".title"); outcome != want {
				t.Fatalf("offline scan %d says %q, want %q", n+1, outcome, want)
			}
			if s.name != "" && !strings.Contains(detail, s.name) {
				t.Errorf("offline scan %d does not name %q: %q", n+1, s.name, detail)
			}
			if s.name == "" && strings.Contains(detail, ayselA.Name) {
				t.Errorf("a forged code names the ticket's holder: %q", detail)
			}
		}
		if got := b.text("#gate-queue strong"); got != fmt.Sprint(len(steps)) {
			t.Errorf("the queue shows %q scans waiting, want %d", got, len(steps))
		}
		b.screenshot("gate_offline")
		if r, _, err := a.Events.ByTicket(ctx, ayselA.Ticket); err != nil || r.CheckedInAt != nil {
			t.Fatalf("while offline the server already knows %s's scan: %+v, %v", ayselA.Name, r, err)
		}
		// The failed requests of the offline spell are the browser's own network errors.
		for _, p := range b.takeConsoleProblems() {
			if !strings.Contains(p, "ERR_INTERNET_DISCONNECTED") {
				t.Errorf("browser console while offline: %s", p)
			}
		}

		// The network is back: the queue goes up, the contested scan comes back as a conflict.
		b.setOffline(false)
		b.waitFor(`document.getElementById("gate-queue").hidden && !document.getElementById("gate-conflicts").hidden`,
			"the upload and its conflict report")
		conflicts := b.text("#gate-conflicts ul")
		if !strings.Contains(conflicts, sukruB.Name) {
			t.Errorf("the conflict list %q does not name %s", conflicts, sukruB.Name)
		}
		if want := msg("events.scan.already_admitted.title"); !strings.Contains(conflicts, want) {
			t.Errorf("the conflict list %q does not give the server's verdict %q in the page's language", conflicts, want)
		}
		if strings.Contains(conflicts, ayselA.Name) || strings.Contains(conflicts, ilkinC.Name) {
			t.Errorf("the conflict list %q names scans the server agreed with", conflicts)
		}
		b.waitFor(fmt.Sprintf(`document.querySelector(".counter-total").textContent.startsWith(%q)`, msg("events.checkin.admitted_total", 2)),
			"the counters to show both admissions")
		if got := b.text(".counter-total"); !strings.HasSuffix(got, fmt.Sprintf("/ %d", e.Capacity)) {
			t.Errorf("the refreshed counter reads %q; the capacity (/ %d) went missing", got, e.Capacity)
		}
		b.screenshot("gate_conflict")

		a1, _, err := a.Events.ByTicket(ctx, ayselA.Ticket)
		if err != nil || a1.CheckedInAt == nil || a1.Gate != "Kapı C" {
			t.Fatalf("after the upload %s is checked in at %v, gate %q (%v); want the phone's gate", ayselA.Name, a1.CheckedInAt, a1.Gate, err)
		}
		b1, _, err := a.Events.ByTicket(ctx, sukruB.Ticket)
		if err != nil || b1.Gate != "Kapı A" {
			t.Fatalf("after the upload %s's admission is at gate %q (%v); the earlier one at Kapı A must stand", sukruB.Name, b1.Gate, err)
		}
		c, err := a.Events.Counters(ctx, coord, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Admitted != 2 {
			t.Errorf("after the upload %d are admitted, want 2 (one per ticket, never twice)", c.Admitted)
		}
	})
}

// gateFestival makes a coordinator and a published festival taking guest registrations.
func gateFestival(t *testing.T, srv *server, capacity int) (*web.Viewer, *events.Event) {
	t.Helper()
	a, ctx := srv.App, context.Background()
	u, err := a.Identity.CreateUser(ctx, "kapi.sorumlusu@example.org", "Kapı Sorumlusu", "kordonda kapı nöbeti", "tr", []string{identity.RoleCoordinator})
	if err != nil {
		t.Fatalf("create the coordinator: %v", err)
	}
	if err := a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatalf("seed the partnership: %v", err)
	}
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatalf("default partnership: %v", err)
	}
	v := identity.Viewer(u)
	start := time.Now().Add(2 * time.Hour).Truncate(time.Minute)
	opens := time.Now().Add(-time.Hour)
	e, err := a.Events.Create(ctx, v, events.Input{
		PartnershipID: p.ID, Kind: events.Festival,
		Title:       i18n.Text{TR: "Alsancak Gece Konseri", AZ: "Alsancaqda gecə konserti", EN: "Alsancak night concert"},
		Description: i18n.Text{TR: "Açık havada konser.", AZ: "Açıq havada konsert.", EN: "An open-air concert."},
		Venue:       events.Venue{Name: "Kültürpark Açıkhava", City: "İzmir"},
		Zone:        "Europe/Istanbul", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Status: events.Published, Visibility: events.Public, Capacity: capacity, AllowGuests: true, OpensAt: &opens,
	})
	if err != nil {
		t.Fatalf("create the festival: %v", err)
	}
	return v, e
}

// waitFor polls a JavaScript condition until it holds, failing the test with what it waited for.
func (b *browser) waitFor(condition, what string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](condition, chromedp.WithPollingInterval(50*time.Millisecond)))
	b.must(err, "wait for %s", what)
}

// queued returns how many offline scans the page keeps for event id.
func (b *browser) queued(id int64) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf(`JSON.parse(localStorage.getItem("kopru-gate-queue-%d") || "[]").length`, id)))
	b.must(err, "read the offline queue")
	return n
}

// setOffline cuts the tab's network (every request fails) and tells the page, as a phone
// leaving the gate's Wi-Fi would; false restores both.
func (b *browser) setOffline(offline bool) {
	b.t.Helper()
	var rules []*network.Conditions
	if offline {
		rules = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	}
	_, err := chromedp.Call(b.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules})
	b.must(err, "network conditions offline=%v", offline)
	_, err = chromedp.Call[network.OverrideNetworkStateParams, cdp.Empty](b.ctx, network.OverrideNetworkState,
		network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
	b.must(err, "navigator.onLine=%v", !offline)
}
