package app

import (
	"bytes"
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
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// eventsSite is an app with the demo partnership and its demo events.
func eventsSite(t *testing.T, d *db.DB) *App {
	t.Helper()
	a := newTestAppOn(t, d)
	ctx := context.Background()
	if err := a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // loading the demo twice changes nothing
		if err := a.Events.SeedDemo(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// smallEvent is a published event in İzmir two days from now, open to guests.
func smallEvent(t *testing.T, a *App, slug string, capacity int) *events.Event {
	t.Helper()
	ctx := context.Background()
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
	e, err := a.Events.Create(ctx, identityViewer(t, a, "kurucu-"+slug+"@example.org", identity.RoleCoordinator), events.Input{
		PartnershipID: p.ID, Kind: events.Ceremony, Slug: slug,
		Title: i18n.Text{TR: "Küçük Konser", AZ: "Kiçik Konsert", EN: "Small Concert"},
		Venue: events.Venue{Name: "Ahmed Adnan Saygun Sanat Merkezi", City: "İzmir"}, Zone: "Europe/Istanbul",
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), Status: events.Published, Visibility: events.Public,
		Capacity: capacity, AllowGuests: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// latestMail is the newest mail to an address, once the queued mail jobs have run (as the
// app's workers would have done by then).
func latestMail(t *testing.T, a *App, to string) mail.Entry {
	t.Helper()
	runQueuedJobs(t, a)
	m, err := a.Outbox.Latest(context.Background(), to)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var manageLink = regexp.MustCompile(`/registrations/manage\?token=([A-Za-z0-9_%-]+)`)

func manageToken(t *testing.T, m mail.Entry) string {
	t.Helper()
	found := manageLink.FindStringSubmatch(m.Text)
	if found == nil {
		t.Fatalf("no manage link in mail:\n%s", m.Text)
	}
	token, _ := url.QueryUnescape(found[1])
	return token
}

func TestSecretIsMadeOnceAndShared(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		first, err := secret(ctx, d, "tickets")
		if err != nil {
			t.Fatal(err)
		}
		again, err := secret(ctx, d, "tickets")
		if err != nil {
			t.Fatal(err)
		}
		other, _ := secret(ctx, d, "other")
		if len(first) != 32 || !bytes.Equal(first, again) || bytes.Equal(first, other) {
			t.Fatalf("secrets: %x %x %x", first, again, other)
		}
	})
}

func TestEventPagesShowBothCitiesTimes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newClient(t, eventsSite(t, d))
		// A forum in Bakü shows Bakü time first, İzmir beside it.
		c.get("/tr/events").must(t, http.StatusOK, "İzmir–Bakü Kültür Festivali", "18:00 İzmir · 19:00 Bakü",
			"Bakü–İzmir İş Forumu", "10:00 Bakü · 09:00 İzmir", `href="/tr/events"`)
		c.get("/az/events?kind=business_forum").must(t, http.StatusOK, "Bakı–İzmir Biznes Forumu", "10:00 Bakı · 09:00 İzmir")
		if r := c.get("/tr/events?kind=business_forum"); strings.Contains(r.Body, "Kültür Festivali") {
			t.Fatal("kind filter ignored")
		}
		if r := c.get("/tr/events?month=2027-01"); strings.Contains(r.Body, "Kültür Festivali") {
			t.Fatal("month filter ignored")
		}
		r := c.get("/tr/events/izmir-baku-kultur-festivali")
		r.must(t, http.StatusOK, "<h1 id=\"event-title\">İzmir–Bakü Kültür Festivali", "12.12.2026 18:00 İzmir · 19:00 Bakü",
			`<script type="application/ld+json" nonce="`, `"@type":"Event"`, `"startDate":"2026-12-12T18:00:00+03:00"`,
			"https://www.openstreetmap.org/?mlat=38.433700", `href="/tr/privacy/account"`, "Basın", `name="email"`)
		c.get("/en/events/baku-izmir-is-forumu").must(t, http.StatusOK, "10:00 Baku · 09:00 İzmir", `"startDate":"2026-12-03T10:00:00+04:00"`)
		c.get("/tr/events/yok-boyle").must(t, http.StatusNotFound)
		ics := c.get("/tr/events/izmir-baku-kultur-festivali.ics")
		ics.must(t, http.StatusOK, "BEGIN:VCALENDAR")
	})
}

func TestRegisterWaitCancelPromote(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		smallEvent(t, a, "kucuk-konser", 1)
		ayse, eli := newClient(t, a), newClient(t, a)

		r := ayse.post("/tr/events/kucuk-konser/register", url.Values{"name": {"Ayşe Yılmaz"}, "email": {"Ayse@Example.org"}})
		r.must(t, http.StatusSeeOther)
		ticketPath := r.Header.Get("Location")
		if !strings.HasPrefix(ticketPath, "/tr/tickets/") {
			t.Fatalf("confirmed registration goes to %q", ticketPath)
		}
		ayse.get(ticketPath).must(t, http.StatusOK, "Ayşe Yılmaz", "Küçük Konser", `<figure class="ticket-qr"`, "<svg", "<path fill=\"#000\" d=\"M")
		confirmation := latestMail(t, a, "ayse@example.org")
		if !strings.Contains(confirmation.Subject, "Biletiniz: Küçük Konser") || !strings.Contains(confirmation.Text, "http://127.0.0.1:8080"+ticketPath) ||
			!strings.Contains(confirmation.Text, "/tr/events/kucuk-konser.ics") {
			t.Fatalf("confirmation mail:\n%s\n%s", confirmation.Subject, confirmation.Text)
		}
		firstToken := manageToken(t, confirmation)

		// The event is full: the next person waits, in their own language.
		eli.post("/az/events/kucuk-konser/register", url.Values{"name": {"Əli Həsənov"}, "email": {"eli@example.org"}}).
			must(t, http.StatusOK, "Gözləmə siyahısında 1-ci sıradasınız.")
		if m := latestMail(t, a, "eli@example.org"); m.Locale != "az" || !strings.Contains(m.Subject, "Gözləmə siyahısındasınız") {
			t.Fatalf("waiting mail: %s %q", m.Locale, m.Subject)
		}

		// The same address twice is refused politely; the ticket goes only to the mailbox.
		stranger := newClient(t, a)
		code := strings.TrimPrefix(ticketPath, "/tr/tickets/")
		r = stranger.post("/tr/events/kucuk-konser/register", url.Values{"name": {"Başkası"}, "email": {"ayse@example.org"}})
		r.must(t, http.StatusConflict, "zaten kayıt yapılmış", "Biletimi yeniden gönder")
		if strings.Contains(r.Body, code) {
			t.Fatal("the refusal shows the existing ticket")
		}
		r = stranger.post("/tr/events/kucuk-konser/resend", url.Values{"email": {"ayse@example.org"}})
		r.must(t, http.StatusOK, "E-postanızı kontrol edin")
		if strings.Contains(r.Body, code) {
			t.Fatal("the re-send page shows the ticket")
		}
		resent := latestMail(t, a, "ayse@example.org")
		if resent.ID == confirmation.ID || !strings.Contains(resent.Text, ticketPath) {
			t.Fatalf("ticket not re-sent:\n%s", resent.Text)
		}
		stranger.post("/tr/events/kucuk-konser/resend", url.Values{"email": {"kimse@example.org"}}).must(t, http.StatusOK, "E-postanızı kontrol edin")
		token := manageToken(t, resent)
		ayse.get("/tr/registrations/manage?token="+url.QueryEscape(firstToken)).must(t, http.StatusNotFound) // replaced

		// Cancelling through the mail's link promotes the next person, who is mailed in Azerbaijani.
		ayse.get("/tr/registrations/manage?token="+url.QueryEscape(token)).must(t, http.StatusOK, "Ayşe Yılmaz", "Kaydımı iptal et")
		ayse.post("/tr/registrations/manage", url.Values{"token": {token}}).must(t, http.StatusOK, "Kaydınız iptal edildi")
		promoted := latestMail(t, a, "eli@example.org")
		if promoted.Locale != "az" || !strings.Contains(promoted.Subject, "Yer boşaldı, qeydiyyatınız təsdiqləndi: Kiçik Konsert") ||
			!strings.Contains(promoted.Text, "Salam, Əli Həsənov!") || !strings.Contains(promoted.Text, "/az/tickets/") {
			t.Fatalf("promotion mail: %s %q\n%s", promoted.Locale, promoted.Subject, promoted.Text)
		}
		ayse.get(ticketPath).must(t, http.StatusOK, "İptal edildi")
		if r := ayse.get(ticketPath); strings.Contains(r.Body, "<svg") {
			t.Fatal("a cancelled ticket still shows its QR code")
		}
		ayse.get("/tr/tickets/bozuk.kod").must(t, http.StatusNotFound)
	})
}

func TestEventStaffPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		fest, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
		if err != nil {
			t.Fatal(err)
		}
		reg, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: fest.ID, Name: "Şükrü Çağlar Öztürk", Email: "sukru@example.org", Locale: "tr"})
		if err != nil || reg.Status != events.Confirmed {
			t.Fatalf("register: %v %+v", err, reg)
		}
		if _, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: fest.ID, Name: "=HYPERLINK(\"x\")", Email: "formul@example.org", Locale: "az"}); err != nil {
			t.Fatal(err)
		}

		user(t, a, "uye@example.org")
		member := newClient(t, a)
		member.login("uye@example.org")
		admin := fmt.Sprintf("/tr/admin/events/%d", fest.ID)
		member.get("/tr/admin/events").must(t, http.StatusForbidden)
		member.get("/tr/admin/events/new").must(t, http.StatusForbidden)
		member.post("/tr/admin/events", url.Values{"title_tr": {"Benim etkinliğim"}}).must(t, http.StatusForbidden)
		member.get(admin+"/checkin").must(t, http.StatusForbidden)
		member.post(admin+"/checkin", url.Values{"code": {reg.Ticket}, "gate": {"A"}}).must(t, http.StatusForbidden)
		member.get(admin+"/registrations.csv").must(t, http.StatusForbidden)
		member.api("POST", "/api/v1/events", `{"kind":"festival","title":{"tr":"X","az":"","en":""},"zone":"Europe/Istanbul","starts_at":"2026-12-20T10:00:00Z","ends_at":"2026-12-20T12:00:00Z"}`, "").
			must(t, http.StatusForbidden)
		newClient(t, a).get(admin+"/checkin").must(t, http.StatusUnauthorized, `name="password"`)

		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		staff.get("/tr/admin/events").must(t, http.StatusOK, "İzmir–Bakü Kültür Festivali", "2 / 500")

		// The editor: three languages, local times in the venue's zone stored as UTC.
		form := url.Values{"title_tr": {"Gençlik Kampı"}, "title_az": {"Gənclik Düşərgəsi"}, "title_en": {"Youth Camp"},
			"kind": {"youth_programme"}, "venue_name": {"Şəhər Gənclik Mərkəzi"}, "venue_city": {"Bakı"}, "zone": {"Asia/Baku"},
			"starts_at": {"2026-12-20T10:00"}, "ends_at": {"2026-12-20T18:00"}, "capacity": {"30"}, "visibility": {"public"},
			"status": {"published"}, "allow_guests": {"1"},
			"type_name_tr_0": {"Katılımcı"}, "type_name_az_0": {"İştirakçı"}, "type_name_en_0": {"Participant"}, "type_quota_0": {"0"},
			"type_name_tr_1": {""}, "type_name_az_1": {""}, "type_name_en_1": {""}, "type_quota_1": {""}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("ends_at", "2026-12-20T09:00")
		staff.post("/tr/admin/events", bad).must(t, http.StatusUnprocessableEntity, "Bitiş başlangıçtan sonra olmalı.")
		r := staff.post("/tr/admin/events", form)
		r.must(t, http.StatusSeeOther)
		staff.get(r.Header.Get("Location")).must(t, http.StatusOK, `value="Gənclik Düşərgəsi"`, `value="2026-12-20T10:00"`, "Etkinlik kaydedildi.")
		camp, err := a.Events.BySlug(ctx, nil, "genclik-kampi")
		if err != nil || !camp.StartsAt.Equal(time.Date(2026, 12, 20, 6, 0, 0, 0, time.UTC)) {
			t.Fatalf("camp: %v %v", err, camp)
		}

		// Check-in: admitted once, then "already admitted" with the time and gate.
		staff.get(admin+"/checkin").must(t, http.StatusOK, `name="code"`, "autofocus")
		staff.post(admin+"/checkin", url.Values{"code": {reg.Ticket}, "gate": {"Kuzey Kapısı"}}).
			must(t, http.StatusOK, "GİRİŞ ONAYLANDI", "Şükrü Çağlar Öztürk", "Toplam giriş: 1")
		staff.post(admin+"/checkin", url.Values{"code": {reg.Ticket}, "gate": {"Güney Kapısı"}}).
			must(t, http.StatusOK, "DAHA ÖNCE GİRİŞ YAPILDI", "Kuzey Kapısı kapısında kullanıldı", "Toplam giriş: 1")
		staff.post(admin+"/checkin", url.Values{"code": {reg.Ticket[:len(reg.Ticket)-2] + "AA"}, "gate": {"Güney Kapısı"}}).
			must(t, http.StatusOK, "GEÇERSİZ KOD")
		staff.post(fmt.Sprintf("/tr/admin/events/%d/checkin", camp.ID), url.Values{"code": {reg.Ticket}, "gate": {"A"}}).
			must(t, http.StatusOK, "BAŞKA ETKİNLİK")

		// The registrations list and its spreadsheet export.
		staff.get(admin+"/registrations").must(t, http.StatusOK, "Şükrü Çağlar Öztürk", "registrations.csv")
		csv := staff.get(admin + "/registrations.csv")
		csv.must(t, http.StatusOK)
		if !strings.HasPrefix(csv.Body, "\uFEFF#;Ad soyad;E-posta;") || !strings.Contains(csv.Body, ";Şükrü Çağlar Öztürk;sukru@example.org;Genel;Onaylandı;") ||
			!strings.Contains(csv.Body, ";\"'=HYPERLINK") || !strings.Contains(csv.Header.Get("Content-Type"), "text/csv; charset=utf-8") {
			t.Fatalf("CSV:\n%q", csv.Body)
		}
	})
}

func TestEventsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff, anon := newClient(t, a), newClient(t, a)
		staff.login("koord@example.org")

		anon.api("GET", "/api/v1/events", "", "").must(t, http.StatusOK, `"slug":"baku-izmir-is-forumu"`, `"zone":"Asia/Baku"`)
		r := staff.api("POST", "/api/v1/events", `{"kind":"webinar","title":{"tr":"Çevrim İçi Söyleşi","az":"Onlayn Söhbət","en":"Online Talk"},
			"zone":"Asia/Baku","starts_at":"2026-12-22T15:00:00Z","ends_at":"2026-12-22T16:00:00Z","status":"published","capacity":1,"allow_guests":true}`, "")
		r.must(t, http.StatusCreated, `"slug":"cevrim-ici-soylesi"`, `"types":[{"id":`)
		var ev struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &ev)
		staff.api("POST", "/api/v1/events", `{"kind":"festival","title":{"tr":"X","az":"","en":""},"zone":"Europe/Istanbul","starts_at":"2026-12-22T15:00:00Z","ends_at":"2026-12-22T14:00:00Z"}`, "").
			must(t, http.StatusUnprocessableEntity, `"ends_at"`)
		anon.api("GET", fmt.Sprintf("/api/v1/events/%d", ev.ID), "", "").must(t, http.StatusOK, `"title":{"tr":"Çevrim İçi Söyleşi"`)

		regs := fmt.Sprintf("/api/v1/events/%d/registrations", ev.ID)
		r = anon.api("POST", regs, `{"name":"Gülşən Məmmədova","email":"gulsen@example.org","locale":"az"}`, "")
		r.must(t, http.StatusCreated, `"status":"confirmed"`, `"ticket":"`)
		var reg struct {
			ID     int64
			Ticket string
		}
		_ = json.Unmarshal([]byte(r.Body), &reg)
		anon.api("POST", regs, `{"name":"Gülşən","email":"gulsen@example.org"}`, "").must(t, http.StatusConflict)
		r = anon.api("POST", regs, `{"name":"İkinci Kişi","email":"ikinci@example.org","locale":"tr"}`, "")
		r.must(t, http.StatusCreated, `"status":"waiting"`, `"position":1`)
		if strings.Contains(r.Body, `"ticket"`) {
			t.Fatal("a waiting registration carries a ticket")
		}
		anon.api("GET", regs, "", "").must(t, http.StatusUnauthorized)
		staff.api("GET", regs, "", "").must(t, http.StatusOK, "Gülşən Məmmədova", "İkinci Kişi")

		checkin := func(code string) string {
			return fmt.Sprintf(`{"code":%q,"gate":"Ana Kapı","event_id":%d}`, code, ev.ID)
		}
		anon.api("POST", "/api/v1/checkins", checkin(reg.Ticket), "").must(t, http.StatusUnauthorized)
		staff.api("POST", "/api/v1/checkins", checkin(reg.Ticket), "").must(t, http.StatusOK, `"outcome":"admitted"`, "Gülşən Məmmədova")
		staff.api("POST", "/api/v1/checkins", checkin(reg.Ticket), "").must(t, http.StatusOK, `"outcome":"already_admitted"`, `"gate":"Ana Kapı"`)
		staff.api("POST", "/api/v1/checkins", checkin("forged.code"), "").must(t, http.StatusOK, `"outcome":"forged"`)

		anon.api("DELETE", fmt.Sprintf("/api/v1/registrations/%d", reg.ID), "", "").must(t, http.StatusUnauthorized)
		staff.api("DELETE", fmt.Sprintf("/api/v1/registrations/%d", reg.ID), "", "").must(t, http.StatusConflict) // used at the gate
		list := staff.api("GET", regs+"?status=waiting", "", "")
		var waiting []struct{ ID int64 }
		_ = json.Unmarshal([]byte(list.Body), &waiting)
		if len(waiting) != 1 {
			t.Fatalf("waiting: %s", list.Body)
		}
		staff.api("DELETE", fmt.Sprintf("/api/v1/registrations/%d", waiting[0].ID), "", "").must(t, http.StatusOK, `"status":"cancelled"`)
	})
}

func TestMyEventsListsOwnRegistrations(t *testing.T) {
	a := eventsSite(t, dbtest.SQLite(t))
	user(t, a, "uye@example.org")
	c := newClient(t, a)
	c.get("/tr/my/events").must(t, http.StatusUnauthorized)
	c.login("uye@example.org")
	c.get("/tr/events/izmir-baku-kultur-festivali").must(t, http.StatusOK, `value="uye@example.org"`)
	c.post("/tr/events/izmir-baku-kultur-festivali/register", url.Values{"name": {"Test Üye"}, "email": {"uye@example.org"}}).must(t, http.StatusSeeOther)
	c.get("/tr/my/events").must(t, http.StatusOK, "İzmir–Bakü Kültür Festivali", "Onaylandı", "Bileti göster", `href="/tr/my/events"`)
}

func TestInvitationRequestsWaitForApproval(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		e := smallEvent(t, a, "resmi-kabul", 10)
		in := e.Input
		in.Visibility = events.Invitation
		ctx := context.Background()
		coord := identityViewer(t, a, "onay@example.org", identity.RoleCoordinator)
		if _, _, err := a.Events.Update(ctx, coord, e.ID, in); err != nil {
			t.Fatal(err)
		}
		guest := newClient(t, a)
		guest.post("/en/events/resmi-kabul/register", url.Values{"name": {"Delegation Member"}, "email": {"delegate@example.org"}}).
			must(t, http.StatusOK, "Your request was received")
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		page := staff.get(fmt.Sprintf("/tr/admin/events/%d/registrations", e.ID))
		page.must(t, http.StatusOK, "Onay bekliyor", "Onayla")
		action := regexp.MustCompile(`action="(/tr/admin/registrations/\d+/approve)"`).FindStringSubmatch(page.Body)
		if action == nil {
			t.Fatal("no approve button")
		}
		staff.post(action[1], nil).must(t, http.StatusSeeOther)
		if m := latestMail(t, a, "delegate@example.org"); m.Locale != "en" || !strings.Contains(m.Subject, "Your ticket: Small Concert") {
			t.Fatalf("approval mail: %s %q", m.Locale, m.Subject)
		}
		staff.get(fmt.Sprintf("/tr/admin/events/%d/registrations", e.ID)).must(t, http.StatusOK, "Onaylandı")
	})
}
