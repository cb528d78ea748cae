package app

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// delegationSite is the platform mailing through a real SMTP server, with a coordinator and
// two companies: Leyla's İzmir exporter (Leyla and Murat) and Rəşad's Bakü carrier.
type delegationSite struct {
	a                     *App
	smtp                  *mailtest.Sink
	exporter, carrier     int64
	users                 map[string]*identity.User
	coord, leyla, rashad  *client
	murat, anon, stranger *client
}

func newDelegationSite(t *testing.T, d *db.DB) *delegationSite {
	t.Helper()
	ctx := context.Background()
	s := &delegationSite{smtp: mailtest.Start(t), users: map[string]*identity.User{}}
	cfg := config.Default()
	cfg.Data, cfg.Demo, cfg.SMTP = t.TempDir(), "off", s.smtp.URL
	_ = cfg.Validate()
	var err error
	if s.a, err = New(cfg, d, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{"leyla@example.org", "murat@example.org", "rashad@example.org", "yabanci@example.org"} {
		s.users[e] = user(t, s.a, e)
	}
	s.users["koordinator@example.org"] = user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	for _, o := range []struct {
		name, city, country string
		members             []string
		dst                 *int64
	}{{"Ege Zeytinyağı İhracat (demo)", "İzmir", "TR", []string{"leyla@example.org", "murat@example.org"}, &s.exporter},
		{"Xəzər Logistika (demo)", "Bakı", "AZ", []string{"rashad@example.org"}, &s.carrier}} {
		org, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: o.name, Kind: "company", City: o.city, Country: o.country})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range o.members {
			if err := s.a.Identity.AddMemberByID(ctx, org.ID, s.users[m].ID, "member"); err != nil {
				t.Fatal(err)
			}
		}
		*o.dst = org.ID
	}
	login := func(email string) *client {
		c := newClient(t, s.a)
		if email != "" {
			c.login(email)
		}
		return c
	}
	s.coord, s.leyla, s.rashad = login("koordinator@example.org"), login("leyla@example.org"), login("rashad@example.org")
	s.murat, s.anon, s.stranger = login("murat@example.org"), login(""), login("yabanci@example.org")
	return s
}

// delegationForm is the editor's form for an İzmir→Bakü delegation a month from now.
func delegationForm(status string) url.Values {
	start := time.Now().AddDate(0, 1, 0)
	return url.Values{"direction": {"izmir_baku"}, "status": {status}, "slug": {"baku-gida-heyeti"},
		"starts_on": {start.Format(time.DateOnly)}, "ends_on": {start.AddDate(0, 0, 3).Format(time.DateOnly)},
		"deadline": {start.AddDate(0, 0, -7).Format("2006-01-02") + "T18:00"},
		"title_tr": {"Bakü Gıda Heyeti"}, "title_az": {"Bakı Qida Nümayəndə Heyəti"}, "title_en": {"Bakü Food Delegation"},
		"purpose_tr": {"İzmirli zeytinyağı üreticilerini Bakülü alıcılarla buluşturmak."},
		"purpose_az": {"İzmirli zeytun yağı istehsalçılarını Bakılı alıcılarla görüşdürmək."},
		"host":       {"Bakı Şəhəri İcra Hakimiyyəti"}, "sectors": {"10"}}
}

func TestDelegationJourneyThroughThePages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newDelegationSite(t, d)
		ctx := context.Background()

		// A member of a company cannot reach the editor; a coordinator's mistake comes back
		// localized with everything typed still there.
		s.leyla.post("/tr/admin/delegations", delegationForm("announced")).must(t, http.StatusForbidden)
		bad := delegationForm("announced")
		bad.Set("ends_on", time.Now().Format(time.DateOnly))
		s.coord.post("/az/admin/delegations", bad).must(t, http.StatusUnprocessableEntity,
			"Qayıdış günü gediş günündən əvvəl ola bilməz.", "İzmirli zeytun yağı istehsalçılarını", "Bakı Şəhəri İcra Hakimiyyəti")
		// The sector search posts the form back with the matches to tick, keeping what was typed.
		search := delegationForm("draft")
		search.Set("action", "sectors")
		search.Set("sector_q", "DEPOLAMA")
		s.coord.post("/tr/admin/delegations", search).must(t, http.StatusOK, `value="52"`, "Bakü Gıda Heyeti")
		s.coord.post("/tr/admin/delegations", delegationForm("draft")).must(t, http.StatusSeeOther)
		s.anon.get("/tr/delegations/baku-gida-heyeti").must(t, http.StatusNotFound)
		dl, err := s.a.Delegations.BySlug(ctx, identity.Viewer(s.users["koordinator@example.org"]), "baku-gida-heyeti")
		if err != nil {
			t.Fatal(err)
		}
		admin := fmt.Sprintf("/tr/admin/delegations/%d", dl.ID)
		s.coord.post(admin, delegationForm("announced")).must(t, http.StatusSeeOther)

		// Everyone sees the announced delegation and its public itinerary.
		s.anon.get("/az/delegations").must(t, http.StatusOK, "Bakı Qida Nümayəndə Heyəti", "İzmir → Bakı")
		s.anon.get("/tr/delegations/baku-gida-heyeti").must(t, http.StatusOK, "Bakü Gıda Heyeti", "Başvurmak için giriş yapın", "10 Gıda ürünlerinin imalatı")

		// Rəşad cannot apply for Leyla's company; the form says so in his language.
		form := url.Values{"organisation_id": {fmt.Sprint(s.exporter)}, "traveller": {fmt.Sprint(s.users["leyla@example.org"].ID)},
			fmt.Sprintf("passport_name_%d", s.users["leyla@example.org"].ID): {"LEYLA HASANOVA"},
			fmt.Sprintf("nationality_%d", s.users["leyla@example.org"].ID):   {"Türkiye"}, "motivation": {"Zeytinyağı"}}
		s.rashad.post("/az/delegations/baku-gida-heyeti/apply", form).must(t, http.StatusUnprocessableEntity,
			"Yalnız üzvü olduğunuz təşkilat adından müraciət edə bilərsiniz.")
		// Rəşad applies for his own company, in Azerbaijani; a missing nationality keeps the rest.
		rid := s.users["rashad@example.org"].ID
		own := url.Values{"organisation_id": {fmt.Sprint(s.carrier)}, "traveller": {fmt.Sprint(rid)},
			fmt.Sprintf("passport_name_%d", rid): {"RASAD MAMMADOV"}, "motivation": {"Xəzər üzərindən daşıma"}}
		s.rashad.post("/az/delegations/baku-gida-heyeti/apply", own).must(t, http.StatusUnprocessableEntity,
			"Bu sahə mütləqdir.", "RASAD MAMMADOV", "Xəzər üzərindən daşıma")
		own.Set(fmt.Sprintf("nationality_%d", rid), "Azərbaycan")
		s.rashad.post("/az/delegations/baku-gida-heyeti/apply", own).must(t, http.StatusSeeOther)
		s.rashad.post("/az/delegations/baku-gida-heyeti/apply", own).must(t, http.StatusUnprocessableEntity,
			"Bu təşkilat artıq bu heyətə müraciət edib.")
		s.leyla.post("/tr/delegations/baku-gida-heyeti/apply", form).must(t, http.StatusSeeOther)

		// The coordinator approves Rəşad's application and rejects Leyla's with a reason; each
		// applicant is mailed in the language they applied in, through the SMTP server.
		apps, err := s.a.Delegations.Applications(ctx, identity.Viewer(s.users["koordinator@example.org"]), dl.ID)
		if err != nil || len(apps) != 2 {
			t.Fatalf("applications %v %v", apps, err)
		}
		s.leyla.post(fmt.Sprintf("%s/applications/%d", admin, apps[0].ID), url.Values{"decision": {"approve"}}).must(t, http.StatusForbidden)
		s.coord.post(fmt.Sprintf("%s/applications/%d", admin, apps[0].ID), url.Values{"decision": {"approve"}}).must(t, http.StatusSeeOther)
		s.coord.post(fmt.Sprintf("%s/applications/%d", admin, apps[1].ID), url.Values{"decision": {"reject"}, "reason": {"Kontenjan doldu"}}).must(t, http.StatusSeeOther)
		runQueuedJobs(t, s.a)
		if _, err := s.a.Outbox.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := s.smtp.All()
		if len(got) != 2 {
			t.Fatalf("%d mails reached the SMTP server", len(got))
		}
		byTo := map[string]string{}
		for _, m := range got {
			byTo[m.To] = m.Subject + "\n" + m.Text
		}
		if m := byTo["rashad@example.org"]; !strings.Contains(m, "Müraciətiniz təsdiq edildi: Bakı Qida Nümayəndə Heyəti") || !strings.Contains(m, "RASAD MAMMADOV") ||
			!strings.Contains(m, "/az/delegations/baku-gida-heyeti/mine") {
			t.Fatalf("approval mail:\n%s", m)
		}
		if m := byTo["leyla@example.org"]; !strings.Contains(m, "Başvurunuz hakkında: Bakü Gıda Heyeti") || !strings.Contains(m, "Gerekçe: Kontenjan doldu") {
			t.Fatalf("rejection mail:\n%s", m)
		}
		// Running the jobs again mails nobody twice.
		runQueuedJobs(t, s.a)
		if n := mailCount(t, s.a, "rashad@example.org"); n != 1 {
			t.Fatalf("%d mails to Rəşad", n)
		}

		// A meeting arranged for Rəşad alone: on his page, not on the public one.
		members, _ := s.a.Delegations.Members(ctx, identity.Viewer(s.users["koordinator@example.org"]), dl.ID)
		if len(members) != 1 || members[0].PassportName != "RASAD MAMMADOV" {
			t.Fatalf("members %+v", members)
		}
		day := dl.StartsOn.Format(time.DateOnly)
		item := url.Values{"kind": {"meeting"}, "starts_at": {day + "T15:00"}, "ends_at": {day + "T16:00"}, "place": {"Bakı Limanı"},
			"title_tr": {"Liman idaresiyle görüşme"}, "members": {fmt.Sprint(members[0].ID)}}
		s.coord.post(admin+"/itinerary", item).must(t, http.StatusSeeOther)
		item.Set("title_tr", "Bakü Limanı ziyareti")
		item.Del("members")
		item.Set("starts_at", day+"T10:00")
		item.Set("ends_at", day+"T09:00")
		s.coord.post(admin+"/itinerary", item).must(t, http.StatusUnprocessableEntity, "Bitiş başlangıçtan sonra olmalı.", "Bakü Limanı ziyareti")
		item.Set("ends_at", day+"T12:00")
		s.coord.post(admin+"/itinerary", item).must(t, http.StatusSeeOther)
		// Times in Bakü with İzmir's beside them.
		pub := s.anon.get("/tr/delegations/baku-gida-heyeti")
		pub.must(t, http.StatusOK, "Bakü Limanı ziyareti", "10:00 Bakü · 09:00 İzmir")
		if strings.Contains(pub.Body, "Liman idaresiyle görüşme") {
			t.Fatal("a restricted item is on the public page")
		}
		s.rashad.get("/az/delegations/baku-gida-heyeti/mine").must(t, http.StatusOK, "Liman idaresiyle görüşme", "15:00 Bakı · 14:00 İzmir", "Sizə xüsusi")
		s.leyla.get("/tr/delegations/baku-gida-heyeti/mine").must(t, http.StatusNotFound)

		// The coordinators' pages, and the way in for applicants.
		items, _ := s.a.Delegations.Itinerary(ctx, identity.Viewer(s.users["koordinator@example.org"]), dl.ID)
		s.coord.get("/tr/admin/delegations").must(t, http.StatusOK, "Bakü Gıda Heyeti", "Duyuruldu")
		s.coord.get("/tr/admin/delegations/new").must(t, http.StatusOK, "Yeni heyet", "İzmir → Bakü")
		s.coord.get(admin).must(t, http.StatusOK, "Bakı Şəhəri İcra Hakimiyyəti", "10 Gıda ürünlerinin imalatı")
		s.coord.get(admin+"/people").must(t, http.StatusOK, "RASAD MAMMADOV", "Kontenjan doldu", "Heyet üyesi")
		s.coord.get(admin+"/itinerary").must(t, http.StatusOK, "Liman idaresiyle görüşme", "Yalnızca seçilen üyeler", "Test rashad@example.org")
		s.coord.get(fmt.Sprintf("%s/itinerary/%d", admin, items[0].ID)).must(t, http.StatusOK, "Program maddesini düzenle", day+"T10:00")
		s.coord.get("/az/admin/delegations").must(t, http.StatusOK, "Bakı Qida Nümayəndə Heyəti")
		s.leyla.get("/tr/admin/delegations").must(t, http.StatusForbidden)
		s.leyla.get(admin+"/people").must(t, http.StatusForbidden)
		s.murat.get("/tr/delegations/baku-gida-heyeti").must(t, http.StatusOK, "Ege Zeytinyağı İhracat (demo) başvurusu", "Reddedildi", "Kontenjan doldu")
		s.stranger.get("/en/delegations/baku-gida-heyeti/apply").must(t, http.StatusOK, "you belong to none that has not applied yet")

		// The invitation letter: Rəşad's and the coordinator's to download, nobody else's.
		letter := fmt.Sprintf("/tr/delegations/baku-gida-heyeti/members/%d/letter", members[0].ID)
		for _, c := range []*client{s.rashad, s.coord} {
			r := c.get(letter + "?lang=az")
			if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.Body, "%PDF-") {
				t.Fatalf("letter: %d %q", r.Status, r.Header.Get("Content-Type"))
			}
		}
		s.leyla.get(letter).must(t, http.StatusNotFound)
		s.stranger.get(letter).must(t, http.StatusNotFound)
		if r := s.anon.get(letter); r.Status != http.StatusUnauthorized {
			t.Fatalf("anonymous letter: %d", r.Status)
		}
	})
}

func TestDelegationAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newDelegationSite(t, d)
		start := time.Now().AddDate(0, 1, 0)
		body := func(deadline time.Time) string {
			b, _ := json.Marshal(map[string]any{"direction": "baku_izmir", "status": "announced",
				"starts_on": start.Format(time.DateOnly), "ends_on": start.AddDate(0, 0, 2).Format(time.DateOnly),
				"title": i18n.Text{TR: "İzmir Lojistik Heyeti", AZ: "İzmir Logistika Heyəti"}, "purpose": i18n.Text{AZ: "Liman əməkdaşlığı"},
				"host": "İzmir Büyükşehir Belediyesi", "sectors": []string{"52"}, "deadline": deadline})
			return string(b)
		}
		s.leyla.api("POST", "/api/v1/delegations", body(start.AddDate(0, 0, -5)), "").must(t, http.StatusForbidden)
		s.coord.api("POST", "/api/v1/delegations", `{"direction":"north"}`, "").must(t, http.StatusUnprocessableEntity, "direction")
		r := s.coord.api("POST", "/api/v1/delegations", body(start.AddDate(0, 0, -5)), "")
		r.must(t, http.StatusCreated, `"slug":"izmir-lojistik-heyeti"`, `"zone":"Europe/Istanbul"`)
		var dl struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &dl)
		base := fmt.Sprintf("/api/v1/delegations/%d", dl.ID)
		s.anon.api("GET", "/api/v1/delegations", "", "").must(t, http.StatusOK, "İzmir Lojistik Heyeti")

		rid := s.users["rashad@example.org"].ID
		apply := func(org int64) string {
			return fmt.Sprintf(`{"organisation_id":%d,"travellers":[{"user_id":%d,"passport_name":"RASAD MAMMADOV","nationality":"Azərbaycan"}],"motivation":"Liman"}`, org, rid)
		}
		s.rashad.api("POST", base+"/applications", apply(s.exporter), "").must(t, http.StatusUnprocessableEntity, "organisation_id")
		r = s.rashad.api("POST", base+"/applications", apply(s.carrier), "")
		r.must(t, http.StatusCreated, `"status":"pending"`, "Xəzər Logistika (demo)")
		var app struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &app)
		s.rashad.api("POST", base+"/applications", apply(s.carrier), "").must(t, http.StatusUnprocessableEntity, "organisation_id")
		s.rashad.api("GET", base+"/applications", "", "").must(t, http.StatusForbidden)
		s.coord.api("GET", base+"/applications", "", "").must(t, http.StatusOK, "RASAD MAMMADOV")
		s.rashad.api("POST", fmt.Sprintf("/api/v1/delegation-applications/%d/approve", app.ID), "", "").must(t, http.StatusForbidden)
		s.coord.api("POST", fmt.Sprintf("/api/v1/delegation-applications/%d/reject", app.ID), `{"reason":""}`, "").must(t, http.StatusUnprocessableEntity, "reason")
		s.coord.api("POST", fmt.Sprintf("/api/v1/delegation-applications/%d/approve", app.ID), "", "").must(t, http.StatusOK, `"status":"approved"`)

		// Members: the approved traveller, then an interpreter added by a coordinator.
		s.stranger.api("GET", base+"/members", "", "").must(t, http.StatusForbidden)
		s.rashad.api("GET", base+"/members", "", "").must(t, http.StatusOK, `"role":"member"`)
		s.coord.api("POST", base+"/members", `{"email":"yabanci@example.org","passport_name":"TERCUMAN","nationality":"Türkiye","role":"interpreter"}`, "").
			must(t, http.StatusCreated, `"role":"interpreter"`, `"organisation":null`)
		var members []struct {
			ID   int64
			Role string
		}
		_ = json.Unmarshal([]byte(s.coord.api("GET", base+"/members", "", "").Body), &members)
		if len(members) != 2 {
			t.Fatalf("members %+v", members)
		}
		mpath := fmt.Sprintf("/api/v1/delegation-members/%d", members[0].ID)
		s.rashad.api("PUT", mpath, `{"role":"head"}`, "").must(t, http.StatusForbidden)
		s.coord.api("PUT", mpath, `{"role":"head"}`, "").must(t, http.StatusOK, `"role":"head"`)

		// The itinerary: a public visit and a meeting for the interpreter only, in İzmir time.
		izmir := i18n.MustLocation("Europe/Istanbul")
		at := func(h int) string {
			return time.Date(start.Year(), start.Month(), start.Day(), h, 0, 0, 0, izmir).Format(time.RFC3339)
		}
		item := func(title string, h int, who string) string {
			return fmt.Sprintf(`{"kind":"visit","starts_at":%q,"ends_at":%q,"place":"Alsancak Limanı","title":{"tr":%q},"members":[%s]}`, at(h), at(h+1), title, who)
		}
		s.rashad.api("POST", base+"/itinerary", item("Liman ziyareti", 10, ""), "").must(t, http.StatusForbidden)
		s.coord.api("POST", base+"/itinerary", item("Liman ziyareti", 10, ""), "").must(t, http.StatusCreated)
		r = s.coord.api("POST", base+"/itinerary", item("Tercümanlar toplantısı", 14, fmt.Sprint(members[1].ID)), "")
		r.must(t, http.StatusCreated)
		var it struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &it)
		if r := s.anon.api("GET", base+"/itinerary", "", ""); r.Status != http.StatusOK || strings.Contains(r.Body, "Tercümanlar") || !strings.Contains(r.Body, "Liman ziyareti") {
			t.Fatalf("public itinerary %d %s", r.Status, r.Body)
		}
		s.stranger.api("GET", base+"/itinerary", "", "").must(t, http.StatusOK, "Tercümanlar toplantısı")
		s.coord.api("PUT", fmt.Sprintf("/api/v1/delegation-items/%d", it.ID), item("Tercümanlar toplantısı", 24*5, ""), "").
			must(t, http.StatusUnprocessableEntity, "starts_at")
		s.rashad.api("DELETE", fmt.Sprintf("/api/v1/delegation-items/%d", it.ID), "", "").must(t, http.StatusForbidden)
		s.coord.api("DELETE", fmt.Sprintf("/api/v1/delegation-items/%d", it.ID), "", "").must(t, http.StatusNoContent)
		s.coord.api("DELETE", mpath, "", "").must(t, http.StatusNoContent)

		// After the deadline the application is refused, whoever sends it.
		s.coord.api("PUT", base, body(time.Now().Add(-time.Hour)), "").must(t, http.StatusOK)
		leylaApp := fmt.Sprintf(`{"organisation_id":%d,"travellers":[{"user_id":%d,"passport_name":"LEYLA","nationality":"Türkiye"}],"motivation":"x"}`,
			s.exporter, s.users["leyla@example.org"].ID)
		s.leyla.api("POST", base+"/applications", leylaApp, "").must(t, http.StatusUnprocessableEntity, "delegation")
		// A draft disappears from the public API.
		draft := strings.Replace(body(start.AddDate(0, 0, -5)), `"announced"`, `"draft"`, 1)
		s.coord.api("PUT", base, draft, "").must(t, http.StatusOK)
		s.anon.api("GET", base, "", "").must(t, http.StatusNotFound)
	})
}

func TestDemoHasAnAnnouncedDelegationWithAnItinerary(t *testing.T) {
	a := newTestApp(t)
	for range 2 { // loading the demo twice changes nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, a)
	r := c.get("/az/delegations")
	r.must(t, http.StatusOK, "İzmir–Bakı Ticarət Nümayəndə Heyəti: Qida, Logistika və Limanlar")
	if n := strings.Count(r.Body, "event-card"); n != 1 {
		t.Fatalf("%d delegations after loading the demo twice", n)
	}
	// The port visit in Bakü time with İzmir's beside it.
	c.get("/tr/delegations/izmir-baku-ticaret-heyeti-2026").must(t, http.StatusOK,
		"Bakü Uluslararası Deniz Ticaret Limanı gezisi", "10:00 Bakü · 09:00 İzmir", "Bakı Şəhəri İcra Hakimiyyəti")
	c.api("GET", "/api/v1/delegations", "", "").must(t, http.StatusOK, `"slug":"izmir-baku-ticaret-heyeti-2026"`, `"status":"announced"`)
}
