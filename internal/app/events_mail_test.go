package app

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// attachments returns a mail's files by the end of their names (".ics", ".pdf").
func attachments(t *testing.T, a *App, m mail.Entry) map[string][]byte {
	t.Helper()
	atts, err := a.Outbox.Attachments(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range atts {
		out[f.Name[strings.LastIndexByte(f.Name, '.'):]] = f.Data
	}
	return out
}

func countMails(t *testing.T, a *App, to, subjectPrefix string) int {
	t.Helper()
	runQueuedJobs(t, a)
	var n int
	err := a.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND subject LIKE ?`, to, subjectPrefix+"%").Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func runDueJobs(t *testing.T, a *App) {
	t.Helper()
	runQueuedJobs(t, a) // what is due now went out long before the reminders
	// Instead of waiting a day: every queued reminder becomes due now.
	if _, err := a.DB.Exec(context.Background(), `UPDATE jobs SET run_at = ? WHERE kind = ? AND status = 'queued'`, time.Now().Add(-time.Minute), events.RemindJob); err != nil {
		t.Fatal(err)
	}
	runQueuedJobs(t, a)
}

// runQueuedJobs runs the jobs due now (the mails a registration planned) until none is left.
func runQueuedJobs(t *testing.T, a *App) {
	t.Helper()
	ctx := context.Background()
	for range 50 {
		ran, err := a.Jobs.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
	t.Fatal("jobs keep coming")
}

func TestConfirmationAndReminderMailsCarryTicketAndCalendar(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		e := smallEvent(t, a, "hatirlatma", 2)
		ayse, mehmet, eli := newClient(t, a), newClient(t, a), newClient(t, a)
		ayse.post("/tr/events/hatirlatma/register", url.Values{"name": {"Ayşe Yılmaz"}, "email": {"ayse@example.org"}}).must(t, http.StatusSeeOther)
		mehmet.post("/tr/events/hatirlatma/register", url.Values{"name": {"Mehmet Öz"}, "email": {"mehmet@example.org"}}).must(t, http.StatusSeeOther)
		eli.post("/az/events/hatirlatma/register", url.Values{"name": {"Əli Həsənov"}, "email": {"eli@example.org"}}).must(t, http.StatusOK)

		confirmation := latestMail(t, a, "ayse@example.org")
		files := attachments(t, a, confirmation)
		if !bytes.HasPrefix(files[".ics"], []byte("BEGIN:VCALENDAR")) || !bytes.HasPrefix(files[".pdf"], []byte("%PDF")) ||
			!slices.Equal(confirmation.Attachments, []string{"Küçük Konser.ics", "Bilet - Küçük Konser.pdf"}) {
			t.Fatalf("confirmation attachments %v", confirmation.Attachments)
		}
		// The waiting list holds no ticket: the calendar file only, named in Azerbaijani.
		if w := latestMail(t, a, "eli@example.org"); !slices.Equal(w.Attachments, []string{"Kiçik Konsert.ics"}) {
			t.Fatalf("waiting mail attachments %v", w.Attachments)
		}

		// Mehmet cancels; Əli is promoted in the same transaction and gets a reminder of his own.
		if _, _, err := a.Events.CancelByToken(ctx, manageToken(t, latestMail(t, a, "mehmet@example.org"))); err != nil {
			t.Fatal(err)
		}
		// The event moves a day later before the reminders are due.
		staff := identityViewer(t, a, "tasiyan@example.org", identity.RoleCoordinator)
		in := e.Input
		in.StartsAt, in.EndsAt = in.StartsAt.Add(24*time.Hour), in.EndsAt.Add(24*time.Hour)
		if _, _, err := a.Events.Update(ctx, staff, e.ID, in); err != nil {
			t.Fatal(err)
		}
		runDueJobs(t, a)

		for _, tc := range []struct{ to, subject string }{{"ayse@example.org", "Yarın: Küçük Konser"}, {"eli@example.org", "Sabah: Kiçik Konsert"}} {
			if n := countMails(t, a, tc.to, tc.subject); n != 1 {
				t.Fatalf("%s: %d reminders, want exactly 1 (the moved event's)", tc.to, n)
			}
			m := latestMail(t, a, tc.to)
			files := attachments(t, a, m)
			if m.Subject != tc.subject || !bytes.HasPrefix(files[".pdf"], []byte("%PDF")) || !bytes.Contains(files[".ics"], []byte("BEGIN:VEVENT")) {
				t.Fatalf("reminder to %s: %q, attachments %v", tc.to, m.Subject, m.Attachments)
			}
			// The new time, not the old one, in the recipient's language.
			when := events.WhenText(a.Catalog, m.Locale, &events.Event{Input: in}, in.StartsAt)
			if !strings.Contains(m.Text, when) {
				t.Fatalf("reminder to %s lacks %q:\n%s", tc.to, when, m.Text)
			}
		}
		if n := countMails(t, a, "mehmet@example.org", "Yarın"); n != 0 {
			t.Fatalf("a cancelled registration got %d reminders", n)
		}
		// The reminder's manage link works.
		if _, err := a.Events.RegistrationByToken(ctx, manageToken(t, latestMail(t, a, "ayse@example.org"))); err != nil {
			t.Fatalf("reminder's manage link: %v", err)
		}

		// Administrators see the file names in the outbox.
		user(t, a, "yonetici@example.org", identity.RoleAdmin)
		admin := newClient(t, a)
		admin.login("yonetici@example.org")
		admin.get("/tr/admin/outbox").must(t, http.StatusOK, "Ekler", "Bilet - Küçük Konser.pdf", "Kiçik Konsert.ics")
	})
}

func TestReminderNotPlannedWhenTooLate(t *testing.T) {
	a := eventsSite(t, dbtest.SQLite(t))
	ctx := context.Background()
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(3 * time.Hour) // the day before has passed
	e, err := a.Events.Create(ctx, identityViewer(t, a, "gec@example.org", identity.RoleCoordinator), events.Input{
		PartnershipID: p.ID, Kind: events.Ceremony, Slug: "yakinda", Title: i18n.Text{TR: "Yakında"}, Venue: events.Venue{Name: "Konak", City: "İzmir"}, Zone: "Europe/Istanbul",
		StartsAt: start, EndsAt: start.Add(time.Hour), Status: events.Published, Visibility: events.Public, AllowGuests: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: e.ID, Name: "Geç Kalan", Email: "gec-kalan@example.org"}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := a.DB.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = ?`, events.RemindJob).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d reminder jobs for an event starting in 3 hours (%v)", n, err)
	}
}

var invitationLink = regexp.MustCompile(`http://127\.0\.0\.1:8080(/tr/events/[a-z0-9-]+/invitation\?token=[A-Za-z0-9_%-]+)`)

func TestInvitationsAndXLSXExport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		p, err := a.Partnership.Default(ctx)
		if err != nil {
			t.Fatal(err)
		}
		coordinator := identityViewer(t, a, "davet-kurucu@example.org", identity.RoleCoordinator)
		start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
		newEvent := func(slug string) *events.Event {
			e, err := a.Events.Create(ctx, coordinator, events.Input{
				PartnershipID: p.ID, Kind: events.OfficialVisit, Slug: slug, Title: i18n.Text{TR: "Resmî Ziyaret " + slug},
				Venue: events.Venue{Name: "Konak", City: "İzmir"}, Zone: "Europe/Istanbul", StartsAt: start, EndsAt: start.Add(time.Hour),
				Status: events.Published, Visibility: events.Invitation, Capacity: 10})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		visit, other := newEvent("ziyaret"), newEvent("baska-ziyaret")

		user(t, a, "davet-uye@example.org")
		member := newClient(t, a)
		member.login("davet-uye@example.org")
		adminPath := fmt.Sprintf("/tr/admin/events/%d", visit.ID)
		member.post(adminPath+"/invitations", url.Values{"emails": {"x@example.org"}}).must(t, http.StatusForbidden)
		member.get(adminPath+"/registrations.xlsx").must(t, http.StatusForbidden)

		user(t, a, "davet-koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("davet-koord@example.org")
		staff.get(adminPath+"/registrations").must(t, http.StatusOK, `name="emails"`, "registrations.xlsx")
		staff.post(adminPath+"/invitations", url.Values{"emails": {"gulsen@example.org\nnot an address"}}).must(t, http.StatusSeeOther)
		if _, err := a.Outbox.Latest(ctx, "gulsen@example.org"); err == nil {
			t.Fatal("invitations sent although one line was not an address")
		}
		staff.post(adminPath+"/invitations", url.Values{"emails": {"Gulsen@Example.org\r\n\r\nkamran@example.az; gulsen@example.org"}}).must(t, http.StatusSeeOther)
		staff.get(adminPath+"/registrations").must(t, http.StatusOK, "2 davet gönderildi.")
		link := func(to string) string {
			m := latestMail(t, a, to)
			found := invitationLink.FindStringSubmatch(m.Text)
			if found == nil || !strings.Contains(m.Subject, "Davetlisiniz") {
				t.Fatalf("invitation mail to %s: %s\n%s", to, m.Subject, m.Text)
			}
			return found[1]
		}
		gulsen, kamran := link("gulsen@example.org"), link("kamran@example.az")

		guest := newClient(t, a)
		guest.get(gulsen).must(t, http.StatusOK, `value="gulsen@example.org" readonly`)
		token, _ := url.QueryUnescape(gulsen[strings.Index(gulsen, "token=")+len("token="):])
		form := url.Values{"token": {token}, "name": {"Gülşen Əliyeva"}}
		r := guest.post("/tr/events/ziyaret/invitation", form)
		r.must(t, http.StatusSeeOther)
		if !strings.HasPrefix(r.Header.Get("Location"), "/tr/tickets/") {
			t.Fatalf("invited registration goes to %q, want the ticket (no approval)", r.Header.Get("Location"))
		}
		if m := latestMail(t, a, "gulsen@example.org"); !strings.HasPrefix(m.Subject, "Biletiniz") || len(m.Attachments) != 2 {
			t.Fatalf("ticket mail %q %v", m.Subject, m.Attachments)
		}
		// The link works once.
		guest.get(gulsen).must(t, http.StatusGone, "zaten kullanıldı")
		guest.post("/tr/events/ziyaret/invitation", url.Values{"token": {token}, "name": {"Başkası"}}).must(t, http.StatusGone)
		// Another event's token, and a made-up one, are not found.
		kt, _ := url.QueryUnescape(kamran[strings.Index(kamran, "token=")+len("token="):])
		guest.get("/tr/events/baska-ziyaret/invitation?token="+url.QueryEscape(kt)).must(t, http.StatusNotFound)
		guest.post("/tr/events/baska-ziyaret/invitation", url.Values{"token": {kt}, "name": {"Kamran"}}).must(t, http.StatusNotFound)
		guest.get("/tr/events/ziyaret/invitation?token=uydurma").must(t, http.StatusNotFound)
		if regs, _ := a.Events.Registrations(ctx, coordinator, other.ID, ""); len(regs) != 0 {
			t.Fatalf("another event's token registered %+v", regs)
		}

		x := staff.get(adminPath + "/registrations.xlsx")
		x.must(t, http.StatusOK)
		if ct := x.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("content type %q", ct)
		}
		book, err := excelize.OpenReader(strings.NewReader(x.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		sheet := book.GetSheetName(0)
		rows, err := book.GetRows(sheet)
		if err != nil || len(rows) != 2 {
			t.Fatalf("rows %q, %v", rows, err)
		}
		if !slices.Equal(rows[0][:5], []string{"#", "Ad soyad", "E-posta", "Kayıt türü", "Durum"}) ||
			!slices.Equal(rows[1][:5], []string{"1", "Gülşen Əliyeva", "gulsen@example.org", "Genel", "Onaylandı"}) {
			t.Fatalf("rows %q", rows)
		}
		styleID, err := book.GetCellStyle(sheet, "B1")
		if err != nil {
			t.Fatal(err)
		}
		if st, err := book.GetStyle(styleID); err != nil || st.Font == nil || !st.Font.Bold {
			t.Fatalf("header not bold: %+v, %v", st, err)
		}
	})
}
