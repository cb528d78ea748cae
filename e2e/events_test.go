package e2e

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// The festival of the journey, in İzmir with Bakı's time beside İzmir's.
var festivalTitle = i18n.Text{
	TR: "Kordon'da İzmir–Bakü Gençlik Şenliği",
	AZ: "Kordonda İzmir–Bakı Gənclik Şənliyi",
	EN: "İzmir–Baku Youth Festival on the Kordon",
}

// ticketPath is a ticket page's address, its code in the first group.
var ticketPath = regexp.MustCompile(`^/az/tickets/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$`)

// TestVisitorRegistersStaffScansTicketTwice walks issue 4's journey: an anonymous visitor
// registers for a festival in Azerbaijani, receives the confirmation mail, opens the ticket
// from it; a coordinator scans the ticket on the check-in page as a hardware scanner would
// (admitted), scans it again at another gate (already admitted, with the first gate and time)
// and scans a code with one character changed (forged).
func TestVisitorRegistersStaffScansTicketTwice(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a := srv.App
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return a.Catalog.T(lang, key, args...)
		}
		const (
			coordName     = "Murat Koordinatör"
			coordEmail    = "murat.koordinator@example.org"
			coordPassword = "kordondan bulvara 1986"
			visitor       = "Leyla Əliyeva"
			visitorEmail  = "leyla.eliyeva@example.org"
		)
		ctx := context.Background()

		// The festival and the coordinator, made through the services.
		coord, err := a.Identity.CreateUser(ctx, coordEmail, coordName, coordPassword, "tr", []string{identity.RoleCoordinator})
		if err != nil {
			t.Fatalf("create the coordinator: %v", err)
		}
		// The platform runs without demo data, so the partnership events belong to is seeded.
		if err := a.Partnership.SeedDemo(ctx); err != nil {
			t.Fatalf("seed the partnership: %v", err)
		}
		p, err := a.Partnership.Default(ctx)
		if err != nil {
			t.Fatalf("default partnership: %v", err)
		}
		izmir, err := time.LoadLocation("Europe/Istanbul")
		if err != nil {
			t.Fatal(err)
		}
		baku, err := time.LoadLocation("Asia/Baku")
		if err != nil {
			t.Fatal(err)
		}
		day := time.Now().In(izmir).AddDate(0, 0, 3)
		start := time.Date(day.Year(), day.Month(), day.Day(), 18, 30, 0, 0, izmir)
		opens, closes := time.Now().Add(-time.Hour), start.Add(-time.Hour)
		e, err := a.Events.Create(ctx, identity.Viewer(coord), events.Input{
			PartnershipID: p.ID, Kind: events.Festival,
			Title:       festivalTitle,
			Description: i18n.Text{TR: "Kordon boyunca müzik ve dans.", AZ: "Kordon boyunca musiqi və rəqs."},
			Venue:       events.Venue{Name: "Kültürpark", Address: "Şair Eşref Bulvarı", City: "İzmir"},
			Zone:        "Europe/Istanbul", StartsAt: start, EndsAt: start.Add(4 * time.Hour),
			Status: events.Published, Visibility: events.Public, Capacity: 10, AllowGuests: true,
			OpensAt: &opens, ClosesAt: &closes,
		})
		if err != nil {
			t.Fatalf("create the festival: %v", err)
		}
		b := newBrowser(t, chrome, srv.URL)

		// The visitor opens the festival in Azerbaijani: the time in İzmir and Bakı.
		eventPath := "/az/events/" + e.Slug
		if resp := b.open(eventPath); resp.Status != http.StatusOK {
			t.Fatalf("GET %s: status %d", eventPath, resp.Status)
		}
		if got := b.htmlLang(); got != "az" {
			t.Errorf(`<html lang=%q>, want "az"`, got)
		}
		if got := b.text("#event-title"); got != festivalTitle.AZ {
			t.Errorf("event heading %q, want %q", got, festivalTitle.AZ)
		}
		when := b.text(".event-facts time")
		if want := events.WhenText(a.Catalog, "az", e, e.StartsAt); when != want {
			t.Errorf("the event's time reads %q, want %q", when, want)
		}
		if want := start.Format("15:04") + " İzmir · " + start.In(baku).Format("15:04") + " Bakı"; !strings.Contains(when, want) {
			t.Errorf("the event's time %q does not show %q (İzmir's time with Bakı's beside it)", when, want)
		}

		// Register as a guest.
		b.typeInto("#f-name", visitor)
		b.typeInto("#f-email", visitorEmail)
		b.screenshot("event_az")
		if resp := b.click(fmt.Sprintf(`form[action="%s/register"] button[type="submit"]`, eventPath)); resp.Status != http.StatusOK {
			t.Fatalf("registering: status %d; page says %q", resp.Status, b.text("main"))
		}
		m := ticketPath.FindStringSubmatch(b.path())
		if m == nil {
			t.Fatalf("registering led to %s, want the ticket /az/tickets/{code}; page says %q", b.path(), b.text("main"))
		}
		code := m[1]
		if got, want := b.text("main h1"), msg("az", "events.ticket.title"); got != want {
			t.Errorf("after registering the heading is %q, want %q", got, want)
		}
		if got := b.text(".ticket-name"); got != visitor {
			t.Errorf("the ticket names %q, want %q", got, visitor)
		}

		// The confirmation mail, written by a background job: in Azerbaijani, with the ticket's link.
		mail := awaitMail(t, a, visitorEmail)
		if mail.Locale != "az" {
			t.Errorf("the confirmation mail's locale is %q, want az", mail.Locale)
		}
		if want := msg("az", "events.mail.confirmed.subject", festivalTitle.AZ); mail.Subject != want {
			t.Errorf("the confirmation mail's subject is %q, want %q", mail.Subject, want)
		}
		for _, want := range []string{
			msg("az", "events.mail.greeting", visitor),
			msg("az", "events.mail.confirmed.body", festivalTitle.AZ),
		} {
			if !strings.Contains(mail.Text, want) {
				t.Errorf("the confirmation mail lacks the Azerbaijani %q:\n%s", want, mail.Text)
			}
		}
		link := regexp.MustCompile(`https?://\S+/tickets/\S+`).FindString(mail.Text)
		if want := events.TicketURL(srv.URL, "az", code); link != want {
			t.Fatalf("the confirmation mail links the ticket at %q, want %q:\n%s", link, want, mail.Text)
		}

		// The ticket from the mail: the name and the QR code.
		if resp := b.open(strings.TrimPrefix(link, srv.URL)); resp.Status != http.StatusOK {
			t.Fatalf("the ticket link: status %d", resp.Status)
		}
		if got := b.text(".ticket-name"); got != visitor {
			t.Errorf("the ticket names %q, want %q", got, visitor)
		}
		if got := b.text(".ticket-event"); got != festivalTitle.AZ {
			t.Errorf("the ticket's event is %q, want %q", got, festivalTitle.AZ)
		}
		if got := b.text(".ticket-card .event-when"); got != when {
			t.Errorf("the ticket's time reads %q, want %q as on the event page", got, when)
		}
		if n := b.count(".ticket-qr svg path[d]"); n != 1 {
			t.Fatalf("the ticket shows %d QR path(s), want one <svg> with a <path>", n)
		}
		if got := b.text(".ticket-code code"); got != code {
			t.Errorf("the ticket's printed code is %q, want %q", got, code)
		}
		b.screenshot("ticket_az")

		// The coordinator signs in and opens the event's check-in page.
		b.open("/tr/login")
		b.typeInto("#f-email", coordEmail)
		b.typeInto("#f-password", coordPassword)
		if resp := b.click(`form[action="/tr/login"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("signing in: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got := b.path(); got != "/tr/me" {
			t.Fatalf("signing in led to %s, want /tr/me; page says %q", got, b.text("main"))
		}
		checkin := fmt.Sprintf("/tr/admin/events/%d/checkin", e.ID)
		if resp := b.open(checkin); resp.Status != http.StatusOK {
			t.Fatalf("GET %s: status %d; page says %q", checkin, resp.Status, b.text("main"))
		}
		if got, want := b.text("main h1"), msg("tr", "events.checkin.title"); got != want {
			t.Fatalf("check-in page heading %q, want %q", got, want)
		}

		// scan types the gate's name, then the code with Enter at the end, as a hardware
		// scanner does, and returns the outcome's big text and its detail.
		scan := func(gate, code string) (outcome, detail string) {
			t.Helper()
			b.must(chromedp.Do(b.ctx, chromedp.Clear(chromedp.CSS("#f-gate"), chromedp.NodeVisible)), "clear the gate")
			b.typeInto("#f-gate", gate)
			resp, err := chromedp.RunResponse(b.ctx, chromedp.SendKeys(chromedp.CSS("#f-code"), code+"\r", chromedp.NodeVisible))
			b.must(err, "scan %q at %s", code, gate)
			if resp == nil || resp.Status != http.StatusOK {
				t.Fatalf("scanning at %s: response %+v; page says %q", gate, resp, b.text("main"))
			}
			if got := b.path(); got != checkin {
				t.Fatalf("scanning led to %s, want %s", got, checkin)
			}
			if got := b.value("#f-code"); got != "" {
				t.Errorf("after a scan the code field holds %q, want it empty for the next one", got)
			}
			if got := b.value("#f-gate"); got != gate {
				t.Errorf("after a scan the gate field holds %q, want %q kept", got, gate)
			}
			return b.text(".scan-result .scan-outcome"), b.text(".scan-result")
		}

		// First scan at Kapı A: admitted.
		outcome, detail := scan("Kapı A", code)
		if want := msg("tr", "events.scan.admitted.title"); outcome != want {
			t.Fatalf("first scan says %q, want %q; page says %q", outcome, want, b.text("main"))
		}
		if n := b.count(".scan-result.scan-admitted"); n != 1 {
			t.Errorf("first scan's result is not marked admitted")
		}
		if !strings.Contains(detail, visitor) {
			t.Errorf("first scan does not name %q: %q", visitor, detail)
		}
		if got, want := b.text(".counter-total"), msg("tr", "events.checkin.admitted_total", 1); !strings.HasPrefix(got, want) {
			t.Errorf("after admitting one, the counter reads %q, want %q…", got, want)
		}
		b.screenshot("admitted")

		// Second scan at Kapı B: already admitted, at Kapı A, at the first scan's time.
		reg, _, err := a.Events.ByTicket(ctx, code)
		if err != nil {
			t.Fatalf("read the ticket back: %v", err)
		}
		if reg.CheckedInAt == nil || reg.Gate != "Kapı A" {
			t.Fatalf("after the first scan the registration is checked in at %v, gate %q; want a time and Kapı A", reg.CheckedInAt, reg.Gate)
		}
		outcome, detail = scan("Kapı B", code)
		if want := msg("tr", "events.scan.already_admitted.title"); outcome != want {
			t.Fatalf("second scan says %q, want %q; page says %q", outcome, want, b.text("main"))
		}
		if n := b.count(".scan-result.scan-already_admitted"); n != 1 {
			t.Errorf("second scan's result is not marked already admitted")
		}
		firstAt := i18n.FormatTime("tr", *reg.CheckedInAt, izmir)
		if want := msg("tr", "events.scan.already_admitted.detail", firstAt, "Kapı A"); !strings.Contains(detail, want) {
			t.Errorf("second scan says %q, want it to contain %q", detail, want)
		}
		if !strings.Contains(detail, visitor) {
			t.Errorf("second scan does not name %q: %q", visitor, detail)
		}
		b.screenshot("already_admitted")

		// A code with one character changed: forged.
		forged := []byte(code)
		i := strings.IndexByte(code, '.') + 5 // inside the signature
		if forged[i] == 'A' {
			forged[i] = 'B'
		} else {
			forged[i] = 'A'
		}
		outcome, detail = scan("Kapı B", string(forged))
		if want := msg("tr", "events.scan.forged.title"); outcome != want {
			t.Fatalf("a forged code says %q, want %q; page says %q", outcome, want, b.text("main"))
		}
		if strings.Contains(detail, visitor) {
			t.Errorf("a forged code names the visitor: %q", detail)
		}
		if got, want := b.text(".counter-total"), msg("tr", "events.checkin.admitted_total", 1); !strings.HasPrefix(got, want) {
			t.Errorf("after three scans of one ticket, the counter reads %q, want %q…", got, want)
		}
		b.screenshot("forged")
	})
}

// awaitMail waits (a bounded time) for the server's workers to write a mail to the address:
// the confirmation is a job run after the registration's commit.
func awaitMail(t *testing.T, a *app.App, to string) mail.Entry {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second) // the job workers poll every 5 s at worst
	for {
		m, err := a.Outbox.Latest(context.Background(), to)
		if err == nil {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no mail to %s after 20 s: %v", to, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
