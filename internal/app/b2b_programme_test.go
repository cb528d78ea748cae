package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// b2bForum is the demo Bakü forum's id (3 December 2026, 10:00–17:30 Bakü) and the demo
// festival's, which is no forum.
func b2bForum(t *testing.T, a *App) (forum, festival int64) {
	t.Helper()
	ctx := context.Background()
	f, err := a.Events.BySlug(ctx, nil, "baku-izmir-is-forumu")
	if err != nil {
		t.Fatal(err)
	}
	g, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
	if err != nil {
		t.Fatal(err)
	}
	return f.ID, g.ID
}

// setupForm is a valid set-up: 12 slots of 20 minutes from 11:00 Bakü, a 15-minute break
// after the sixth, ten tables (the second named).
func setupForm() url.Values {
	return url.Values{
		"mode": {"batch"}, "opens_at": {"2026-11-20T09:00"}, "closes_at": {"2026-12-02T18:00"},
		"max_open_requests": {"15"}, "table_count": {"10"}, "table_names": {"\nLiman ve Lojistik Masası"},
		"session_id_0": {""}, "session_date_0": {"2026-12-03"}, "session_start_0": {"11:00"},
		"session_slot_minutes_0": {"20"}, "session_slots_0": {"12"}, "session_cap_0": {"8"}, "session_breaks_0": {"6=15"},
		"session_id_1": {""}, "session_date_1": {""}, "session_start_1": {""}, "session_slot_minutes_1": {""},
		"session_slots_1": {""}, "session_cap_1": {""}, "session_breaks_1": {""},
	}
}

func TestB2BSetupPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		forum, festival := b2bForum(t, a)
		page := fmt.Sprintf("/%%s/admin/events/%d/b2b", forum)
		user(t, a, "koordinator@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")

		anon := newClient(t, a)
		if r := anon.get(fmt.Sprintf(page, "tr")); r.Status != http.StatusUnauthorized {
			t.Fatalf("anonymous: %d", r.Status)
		}
		member := newClient(t, a)
		member.login("uye@example.org")
		member.get(fmt.Sprintf(page, "tr")).must(t, http.StatusForbidden)
		member.post(fmt.Sprintf(page, "tr"), setupForm()).must(t, http.StatusForbidden)

		c := newClient(t, a)
		c.login("koordinator@example.org")
		c.get(fmt.Sprintf("/tr/admin/events/%d", forum)).must(t, http.StatusOK, fmt.Sprintf(page, "tr"), "B2B programı")
		c.get(fmt.Sprintf(page, "tr")).must(t, http.StatusOK, "henüz B2B programı yok", `value="2026-12-03"`, "Asia/Baku")

		// Mistakes come back with everything typed and a message by each field, in every language.
		bad := setupForm()
		bad.Set("session_slot_minutes_0", "2")
		bad.Set("session_breaks_0", "altıdan sonra")
		bad.Set("closes_at", "2026-12-03T12:00")
		for lang, msgs := range map[string][]string{
			"tr": {"Görüşme süresi 5 ile 240 dakika", "6=15 biçiminde"},
			"az": {"Görüşün müddəti 5 ilə 240 dəqiqə", "6=15 şəklində"},
			"en": {"A meeting lasts from 5 to 240 minutes", "Write breaks as 6=15"},
		} {
			r := c.post(fmt.Sprintf(page, lang), bad)
			r.must(t, http.StatusUnprocessableEntity, append(msgs, `value="altıdan sonra"`, "Liman ve Lojistik Masası", `value="2026-12-03T12:00"`)...)
		}
		// With the format right, the service's rules speak: the window closes after the start.
		bad.Set("session_slot_minutes_0", "20")
		bad.Set("session_breaks_0", "6=15")
		c.post(fmt.Sprintf(page, "en"), bad).must(t, http.StatusUnprocessableEntity, "Requests must close before the first session starts.")

		r := c.post(fmt.Sprintf(page, "tr"), setupForm())
		if r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.2000s", r.Status, r.Body)
		}
		// Slot times in Bakü with İzmir beside them; the seventh slot comes after the break.
		c.get(fmt.Sprintf(page, "tr")).must(t, http.StatusOK, "B2B programı kaydedildi", "kurulu",
			"11:00 Bakü · 10:00 İzmir – 11:20", "13:15 Bakü · 12:15 İzmir – 13:35", `value="6=15"`, "Liman ve Lojistik Masası")
		c.get(fmt.Sprintf(page, "az")).must(t, http.StatusOK, "11:00 Bakı · 10:00 İzmir", "Görüş sessiyaları")
		c.get(fmt.Sprintf(page, "en")).must(t, http.StatusOK, "11:00 Baku · 10:00 İzmir", "Meeting sessions")

		// Removing the only session is refused, and nothing is lost.
		form := setupForm()
		_, p, err := a.B2B.Programme(context.Background(), nil, forum)
		if err != nil {
			t.Fatal(err)
		}
		form.Set("session_id_0", fmt.Sprint(p.Sessions[0].ID))
		form.Set("session_remove_0", "1")
		c.post(fmt.Sprintf(page, "en"), form).must(t, http.StatusUnprocessableEntity, "Add at least one meeting session.")
		if _, p2, _ := a.B2B.Programme(context.Background(), nil, forum); len(p2.Sessions) != 1 {
			t.Fatalf("sessions after a refused removal: %+v", p2.Sessions)
		}

		// A festival takes no programme.
		c.post(fmt.Sprintf("/en/admin/events/%d/b2b", festival), setupForm()).must(t, http.StatusUnprocessableEntity,
			"only be attached to a business forum")
	})
}

func TestB2BProgrammeAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		forum, festival := b2bForum(t, a)
		path := fmt.Sprintf("/api/v1/events/%d/b2b", forum)
		user(t, a, "koordinator@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")
		body := `{"mode":"instant","opens_at":"2026-11-20T06:00:00Z","closes_at":"2026-12-02T14:00:00Z","max_open_requests":0,
			"sessions":[{"starts_at":"2026-12-03T07:00:00Z","slot_minutes":30,"slots":4,"breaks":[{"after_slot":2,"minutes":30}]}],
			"table_count":5,"table_names":["","Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi"]}`

		anon := newClient(t, a)
		anon.api("GET", path, "", "").must(t, http.StatusNotFound)
		anon.api("PUT", path, body, "").must(t, http.StatusUnauthorized)
		member := newClient(t, a)
		member.login("uye@example.org")
		member.api("PUT", path, body, "").must(t, http.StatusForbidden)

		c := newClient(t, a)
		c.login("koordinator@example.org")
		c.api("PUT", fmt.Sprintf("/api/v1/events/%d/b2b", festival), body, "").must(t, http.StatusUnprocessableEntity, `"event"`)
		c.api("PUT", path, strings.Replace(body, `"slots":4`, `"slots":0`, 1), "").must(t, http.StatusUnprocessableEntity, `"session_slots_0"`)
		c.api("PUT", path, strings.Replace(body, `"table_count":5`, `"table_count":1`, 1), "").must(t, http.StatusUnprocessableEntity, `"table_names"`)
		c.api("PUT", path, `{"mode":`, "").must(t, http.StatusBadRequest)
		c.api("PUT", path, body, "").must(t, http.StatusOK)

		r := anon.api("GET", path, "", "")
		r.must(t, http.StatusOK)
		var got struct {
			Mode     string `json:"mode"`
			Zone     string `json:"zone"`
			Sessions []struct {
				ID        int64 `json:"id"`
				SlotTimes []struct {
					Number   int    `json:"number"`
					StartsAt string `json:"starts_at"`
				} `json:"slot_times"`
			} `json:"sessions"`
			Tables []struct {
				Number int    `json:"number"`
				Name   string `json:"name"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Mode != "instant" || got.Zone != "Asia/Baku" || len(got.Sessions) != 1 || len(got.Sessions[0].SlotTimes) != 4 ||
			got.Sessions[0].SlotTimes[2].StartsAt != "2026-12-03T08:30:00Z" || len(got.Tables) != 5 || got.Tables[1].Name == "" {
			t.Fatalf("programme: %s", r.Body)
		}
	})
}

func TestDemoForumHasAB2BProgramme(t *testing.T) {
	a := newTestApp(t)
	for range 2 { // loading the demo twice changes nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	forum, _ := b2bForum(t, a)
	r := newClient(t, a).api("GET", fmt.Sprintf("/api/v1/events/%d/b2b", forum), "", "")
	r.must(t, http.StatusOK, `"mode":"batch"`, `"number":10,"name":""`, `"breaks":[{"after_slot":5,"minutes":10}]`)
	if n := strings.Count(r.Body, `"slot_minutes"`); n != 1 {
		t.Fatalf("%d sessions after loading the demo twice:\n%s", n, r.Body)
	}
	// The demo companies are validated participants with an offer and a request.
	c := newClient(t, a)
	_, password, ok := a.DemoCredentials() // one password for every demo account
	if !ok {
		t.Fatal("no demo credentials")
	}
	c.post("/tr/login", url.Values{"email": {demoCarrierEmail}, "password": {password}}).must(t, http.StatusSeeOther)
	c.get("/tr/b2b/baku-izmir-is-forumu/participants").must(t, http.StatusOK, "Örnek Zeytinyağı İhracat A.Ş. (demo)", "Nümunə Logistika MMC (demo)")
	r = c.get("/az/b2b/baku-izmir-is-forumu/opportunities")
	r.must(t, http.StatusOK, "Zeytun yağı üçün Azərbaycanda distribusiya tərəfdaşı", "İzmirdə anbar və soyuducu anbar tərəfdaşı",
		"İzmirdə anbar və soyuducu anbar şirkətləri ilə tanışlıq")
	if n := strings.Count(r.Body, `class="card"`); n != 3 {
		t.Fatalf("%d opportunities after loading the demo twice", n)
	}
	// The association's offer answers the carrier's request: the recommendations page is not empty.
	c.get("/az/b2b/baku-izmir-is-forumu/recommendations").must(t, http.StatusOK, "İzmir Azerbaycan Derneği (İZAZDER)")
}

// TestB2BForumPageLinksToProgramme: a business forum's page leads to its B2B pages once
// the forum has a programme, and not before.
func TestB2BForumPageLinksToProgramme(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		forum, _ := b2bForum(t, a)
		anon := newClient(t, a)
		page := "/az/events/baku-izmir-is-forumu"
		if r := anon.get(page); strings.Contains(r.Body, "/az/b2b/baku-izmir-is-forumu/join") {
			t.Fatal("a forum without a programme links to B2B pages")
		}
		if err := a.B2B.SeedDemo(context.Background(), forum); err != nil {
			t.Fatal(err)
		}
		a.pageCache.Purge() // a new programme shows within the cache's 15 s; the test need not wait
		anon.get(page).must(t, http.StatusOK, `href="/az/b2b/baku-izmir-is-forumu/join"`, "İkitərəfli işgüzar görüşlər")
	})
}
