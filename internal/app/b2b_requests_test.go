package app

import (
	"context"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// reqSite is a business forum in Bakü ten days from now with requests open: Leyla (Turkish
// interface) for an İzmir food exporter, Rəşad (Azerbaijani) for a Bakü carrier, both
// validated; Kamran's firm takes no part.
type reqSite struct {
	a                     *App
	forum                 *events.Event
	base                  string // /b2b/{slug}, without the language
	leyla, rashad, kamran *client
	exporter, carrier     int64 // profiles
	leylaUser, rashadUser *identity.User
	coordinator           *identity.User
}

func newReqSite(t *testing.T, d *db.DB) *reqSite {
	t.Helper()
	ctx := context.Background()
	s := &reqSite{a: eventsSite(t, d)}
	p, err := s.a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.coordinator = user(t, s.a, "duzenleyen@example.org", identity.RoleCoordinator)
	org := identity.Viewer(s.coordinator)
	start := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour)
	s.forum, err = s.a.Events.Create(ctx, org, events.Input{PartnershipID: p.ID, Kind: events.BusinessForum, Slug: "ileri-forum",
		Title: i18n.Text{TR: "İleri İş Forumu", AZ: "Qabaqcıl Biznes Forumu", EN: "Forward Business Forum"},
		Venue: events.Venue{Name: "Bakı Ekspo Mərkəzi", City: "Bakı"}, Zone: "Asia/Baku",
		StartsAt: start, EndsAt: start.Add(8 * time.Hour), Status: events.Published, Visibility: events.Public})
	if err != nil {
		t.Fatal(err)
	}
	s.base = "/b2b/ileri-forum"
	_, err = s.a.B2B.SaveProgramme(ctx, org, s.forum.ID, b2b.ProgrammeInput{Mode: b2b.Batch,
		OpensAt: time.Now().Add(-time.Hour), ClosesAt: start.Add(-24 * time.Hour),
		Sessions: []b2b.Session{{StartsAt: start.Add(time.Hour), SlotMinutes: 20, Slots: 4}}, Tables: b2b.NumberedTables(3, nil)})
	if err != nil {
		t.Fatal(err)
	}
	s.leylaUser = user(t, s.a, "leyla@example.org")
	s.rashadUser, err = s.a.Identity.CreateUser(ctx, "rashad@example.org", "Rəşad Quliyev", pw, "az", nil)
	if err != nil {
		t.Fatal(err)
	}
	kamran := user(t, s.a, "kamran@example.org")
	s.exporter = s.participant(t, "Ege Gıda İhracat (demo)", "İzmir", "TR", s.leylaUser)
	s.carrier = s.participant(t, "Xəzər Logistika (demo)", "Bakı", "AZ", s.rashadUser)
	s.member(t, "Gəncə Aqro (demo)", "Gəncə", "AZ", kamran)
	s.leyla, s.rashad, s.kamran = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.leyla.login("leyla@example.org")
	s.rashad.login("rashad@example.org")
	s.kamran.login("kamran@example.org")
	return s
}

func (s *reqSite) member(t *testing.T, name, city, country string, u *identity.User) int64 {
	t.Helper()
	ctx := context.Background()
	o, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: name, Kind: "company", City: city, Country: country})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.Identity.AddMemberByID(ctx, o.ID, u.ID, "member"); err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func (s *reqSite) participant(t *testing.T, name, city, country string, u *identity.User) int64 {
	t.Helper()
	ctx := context.Background()
	orgID := s.member(t, name, city, country, u)
	prof, err := s.a.B2B.Join(ctx, identity.Viewer(u), s.forum.ID, b2b.ProfileInput{OrganisationID: orgID, Attendees: []int64{u.ID},
		Type: "seller", Sectors: []string{"10", "49"}, City: city, Country: country, Languages: []string{"tr", "az"},
		Description: i18n.Text{TR: "Gıda ürünleri ve taşımacılık (demo)."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.B2B.Validate(ctx, identity.Viewer(s.coordinator), prof.ID); err != nil {
		t.Fatal(err)
	}
	return prof.ID
}

// lastMailTo delivers what is due and returns the newest mail that arrived for to.
func lastMailTo(t *testing.T, a *App, sink *mailtest.Sink, to string) (subject, body string) {
	t.Helper()
	got := deliverMail(t, a, sink)
	for i := len(got) - 1; i >= 0; i-- {
		if got[i].To == to {
			return got[i].Subject, got[i].Text
		}
	}
	t.Fatalf("no mail to %s among %d", to, len(got))
	return "", ""
}

var requestIDs = regexp.MustCompile(`/requests/(\d+)/`)

func TestB2BRequestPagesAndMails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newReqSite(t, d)
		sink := mailtest.Start(t)
		tr, az := "/tr"+s.base, "/az"+s.base

		// Each participant card has the request form; one's own card has none.
		s.leyla.get(tr+"/participants").must(t, http.StatusOK, "Toplantı iste", fmt.Sprintf(`name="to" value="%d"`, s.carrier))
		if r := s.leyla.get(tr + "/participants"); strings.Contains(r.Body, fmt.Sprintf(`name="to" value="%d"`, s.exporter)) {
			t.Fatal("a request form on one's own card")
		}
		s.leyla.get(fmt.Sprintf("%s/requests/new?to=%d", tr, s.carrier)).must(t, http.StatusOK, "Talebi gönder", "Xəzər Logistika (demo)")
		if r := s.kamran.get(fmt.Sprintf("%s/requests/new?to=%d", tr, s.carrier)); r.Status != http.StatusSeeOther {
			t.Fatalf("a non-participant's request form: %d", r.Status)
		}
		// Too short a message: a Turkish error and the text kept.
		s.leyla.post(tr+"/requests", url.Values{"to": {fmt.Sprint(s.carrier)}, "message": {"Selam"}, "priority": {"high"}}).
			must(t, http.StatusUnprocessableEntity, "En az 10 karakter yazın.", ">Selam</textarea>", "Xəzər Logistika (demo)")
		// Oneself: the error names it.
		s.leyla.post(tr+"/requests", url.Values{"to": {fmt.Sprint(s.exporter)}, "message": {"Kendimizle görüşelim."}}).
			must(t, http.StatusUnprocessableEntity, "Kendi kuruluşunuzla toplantı isteyemezsiniz.")
		r := s.leyla.post(tr+"/requests", url.Values{"to": {fmt.Sprint(s.carrier)}, "message": {"Zeytinyağı taşımacılığını konuşalım."}, "priority": {"high"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != tr+"/requests" {
			t.Fatalf("send: %d %q", r.Status, r.Header.Get("Location"))
		}
		// Both sides see it pending, each in their language.
		s.leyla.get(tr+"/requests").must(t, http.StatusOK, "Yanıt bekliyor", "Talebi geri çek", "Yüksek")
		page := s.rashad.get(az + "/requests")
		page.must(t, http.StatusOK, "Cavab gözləyir", "Zeytinyağı taşımacılığını konuşalım.", "Qəbul et")
		m := requestIDs.FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatal("no answer form on the addressed side's page")
		}
		id := m[1]

		// Rəşad's mail is in Azerbaijani, with the message and the link to answer.
		subject, body := lastMailTo(t, s.a, sink, "rashad@example.org")
		if subject != "Ege Gıda İhracat (demo) sizinlə görüş istəyir" || !strings.Contains(body, "Zeytinyağı taşımacılığını konuşalım.") ||
			!strings.Contains(body, "/az/b2b/ileri-forum/requests") {
			t.Fatalf("received mail: %q\n%s", subject, body)
		}

		// The wrong people cannot answer: the sender's side is told, a stranger finds nothing.
		s.leyla.post(tr+"/requests/"+id+"/accept", nil).must(t, http.StatusUnprocessableEntity, "Bu talep başka bir kuruluşa gönderildi")
		if r := s.kamran.post(tr+"/requests/"+id+"/accept", nil); r.Status != http.StatusNotFound {
			t.Fatalf("a stranger accepts: %d", r.Status)
		}
		if r := s.kamran.get(tr + "/requests"); r.Status != http.StatusSeeOther {
			t.Fatalf("a stranger lists requests: %d", r.Status)
		}
		// A too-long reason comes back with the text kept.
		long := strings.Repeat("ə", 501)
		s.rashad.post(az+"/requests/"+id+"/decline", url.Values{"reason": {long}}).must(t, http.StatusUnprocessableEntity, long+"</textarea>")
		s.rashad.post(az+"/requests/"+id+"/decline", url.Values{"reason": {"Bu ay yük qəbul etmirik."}}).must(t, http.StatusSeeOther)
		subject, body = lastMailTo(t, s.a, sink, "leyla@example.org")
		if subject != "Xəzər Logistika (demo) toplantı talebinizi reddetti" || !strings.Contains(body, "Bu ay yük qəbul etmirik.") {
			t.Fatalf("declined mail: %q\n%s", subject, body)
		}

		// Through the API: a new request, accepted; then cancelled from the page.
		created := s.leyla.api(http.MethodPost, fmt.Sprintf("/api/v1/events/%d/b2b/requests", s.forum.ID),
			fmt.Sprintf(`{"to_profile_id": %d, "message": "İkinci kez deneyelim, uygun musunuz?", "priority": "must"}`, s.carrier), "")
		created.must(t, http.StatusCreated, `"status":"pending"`, `"priority":"must"`)
		id2 := regexp.MustCompile(`^\{"id":(\d+)`).FindStringSubmatch(created.Body)[1]
		s.leyla.api(http.MethodPost, "/api/v1/b2b/requests/"+id2+"/accept", "", "").must(t, http.StatusUnprocessableEntity, "request")
		s.rashad.api(http.MethodPost, "/api/v1/b2b/requests/"+id2+"/accept", "", "").
			must(t, http.StatusOK, `"status":"accepted"`, `"slot":null`)
		subject, body = lastMailTo(t, s.a, sink, "leyla@example.org")
		if subject != "Xəzər Logistika (demo) toplantı talebinizi kabul etti" || !strings.Contains(body, "organizatörler planlayacak") {
			t.Fatalf("accepted mail: %q\n%s", subject, body)
		}
		s.leyla.post(tr+"/requests/"+id2+"/cancel", url.Values{"reason": {" "}}).must(t, http.StatusUnprocessableEntity, "Bir gerekçe yazın.")
		s.leyla.post(tr+"/requests/"+id2+"/cancel", url.Values{"reason": {"Uçuşumuz değişti."}}).must(t, http.StatusSeeOther)
		subject, body = lastMailTo(t, s.a, sink, "rashad@example.org")
		if subject != "Ege Gıda İhracat (demo) ilə görüşünüz ləğv edildi" || !strings.Contains(body, "Uçuşumuz değişti.") {
			t.Fatalf("cancelled mail: %q\n%s", subject, body)
		}
		list := s.rashad.api(http.MethodGet, fmt.Sprintf("/api/v1/events/%d/b2b/requests", s.forum.ID), "", "")
		list.must(t, http.StatusOK, `"status":"cancelled"`, `"status":"declined"`, `"incoming":true`)
		if r := s.kamran.api(http.MethodGet, fmt.Sprintf("/api/v1/events/%d/b2b/requests", s.forum.ID), "", ""); r.Status != http.StatusForbidden {
			t.Fatalf("a stranger lists requests through the API: %d", r.Status)
		}
		// Organisers see every request, and answer none.
		org := newClient(t, s.a)
		org.login("duzenleyen@example.org")
		org.get(tr+"/requests").must(t, http.StatusOK, "Diğer katılımcılar arasındaki talepler", "Ege Gıda İhracat (demo) → Xəzər Logistika (demo)")
	})
}

func TestB2BAvailabilityAndRecommendationPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newReqSite(t, d)
		tr := "/tr" + s.base
		// Slots in Bakü time with İzmir time beside.
		s.leyla.get(tr+"/availability").must(t, http.StatusOK, "Oturum 1", "1. görüşme", "4. görüşme", "İzmir", `name="slot" value="3"`)
		s.leyla.post(tr+"/availability", url.Values{"slot": {"1", "9"}}).
			must(t, http.StatusUnprocessableEntity, "Seçilen zamanlardan biri programda yok.", `value="1" checked`)
		s.leyla.post(tr+"/availability", url.Values{"slot": {"1", "2"}}).must(t, http.StatusSeeOther)
		s.leyla.get(tr+"/availability").must(t, http.StatusOK, `value="1" checked`, `value="2" checked`)
		s.leyla.api(http.MethodGet, fmt.Sprintf("/api/v1/events/%d/b2b/availability", s.forum.ID), "", "").
			must(t, http.StatusOK, `"unavailable":[1,2]`, `"slots":4`)
		s.leyla.api(http.MethodPut, fmt.Sprintf("/api/v1/events/%d/b2b/availability", s.forum.ID), `{"unavailable":[-1]}`, "").
			must(t, http.StatusUnprocessableEntity, "slots")
		if r := s.kamran.get(tr + "/availability"); r.Status != http.StatusSeeOther {
			t.Fatalf("a non-participant's availability page: %d", r.Status)
		}

		// The carrier is suggested with a reason and a request form, until a request joins them.
		s.leyla.get(tr+"/recommendations").must(t, http.StatusOK, "Xəzər Logistika (demo)", "Neden", fmt.Sprintf(`name="to" value="%d"`, s.carrier))
		s.leyla.api(http.MethodGet, fmt.Sprintf("/api/v1/events/%d/b2b/recommendations", s.forum.ID), "", "").
			must(t, http.StatusOK, fmt.Sprintf(`"profile_id":%d`, s.carrier), `"why":"`)
		s.leyla.post(tr+"/requests", url.Values{"to": {fmt.Sprint(s.carrier)}, "message": {"Lojistik işbirliği üzerine görüşelim."}}).must(t, http.StatusSeeOther)
		if r := s.leyla.get(tr + "/recommendations"); strings.Contains(r.Body, fmt.Sprintf(`name="to" value="%d"`, s.carrier)) {
			t.Fatal("a participant already asked is still suggested")
		}
		// Auto-accept on the requests page.
		s.rashad.post("/az"+s.base+"/requests/auto-accept", url.Values{"auto_accept": {"1"}}).must(t, http.StatusSeeOther)
		s.rashad.get("/az"+s.base+"/requests").must(t, http.StatusOK, `name="auto_accept" value="1" checked`)
	})
}

func TestDemoForumHasMeetingRequests(t *testing.T) {
	a := newTestApp(t)
	for range 2 { // loading the demo twice adds nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	_, password, ok := a.DemoCredentials()
	if !ok {
		t.Fatal("no demo credentials")
	}
	c := newClient(t, a)
	c.post("/tr/login", url.Values{"email": {demoExporterEmail}, "password": {password}}).must(t, http.StatusSeeOther)
	// The exporter has an accepted request to the carrier and one waiting from the association.
	r := c.get("/tr/b2b/baku-izmir-is-forumu/requests")
	r.must(t, http.StatusOK, "Nümunə Logistika MMC (demo)", "Kabul edildi", "İzmir Azerbaycan Derneği (İZAZDER)", "Yanıt bekliyor", "Kabul et")
	if !regexp.MustCompile(`<time datetime="[^"]+">\d\d\.\d\d\.\d{4} \d\d:\d\d Bakü · \d\d:\d\d İzmir</time>`).MatchString(r.Body) {
		t.Fatal("a request's time is not shown in both cities' zones")
	}
	if n := strings.Count(r.Body, `class="card" id="request-`); n != 2 {
		t.Fatalf("%d requests after loading the demo twice", n)
	}
}

// TestDemoForumHasAPublishedSchedule: the demo organiser has scheduled and published the
// accepted demo meeting (the demo's only one), so both companies' agendas show it at the
// same time and table, in both cities' zones; loading the demo again changes nothing.
func TestDemoForumHasAPublishedSchedule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		for range 2 {
			if err := a.LoadDemo(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		_, password, ok := a.DemoCredentials()
		if !ok {
			t.Fatal("no demo credentials")
		}
		for _, email := range []string{demoExporterEmail, demoCarrierEmail} {
			c := newClient(t, a)
			c.post("/tr/login", url.Values{"email": {email}, "password": {password}}).must(t, http.StatusSeeOther)
			r := c.get("/tr/b2b/baku-izmir-is-forumu/agenda")
			r.must(t, http.StatusOK, "Masa 1", "13:30 Bakü · 12:30 İzmir")
			if strings.Contains(r.Body, "henüz yayımlamadı") {
				t.Fatalf("%s: the demo schedule is not published", email)
			}
			ics := c.get("/en/b2b/baku-izmir-is-forumu/agenda.ics")
			ics.must(t, http.StatusOK, "DTSTART;TZID=Asia/Baku:20261203T133000", "Table 1")
			if n := strings.Count(ics.Body, "BEGIN:VEVENT"); n != 1 {
				t.Fatalf("%s: %d meetings after loading the demo twice", email, n)
			}
		}
	})
}
