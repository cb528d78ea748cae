package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// TestCancellingFreesThePlaceForTheWaitingList walks the end of journey 4: a resident of
// İzmir, signed in, takes the last place of a concert; a visitor from Bakı lands on the
// waiting list; the resident cancels from "my events", and the place goes to the visitor at
// once, with a mail in Azerbaijani that carries the ticket.
func TestCancellingFreesThePlaceForTheWaitingList(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return a.Catalog.T(lang, key, args...)
		}
		coord, concert := gateFestival(t, srv, 1)
		const (
			resident      = "Zeynep Karşıyakalı"
			residentEmail = "zeynep.k@example.org"
			password      = "körfezde akşam konseri"
			visitor       = "Nərgiz Şükürova"
			visitorEmail  = "nergiz.s@example.org"
		)
		if _, err := a.Identity.CreateUser(ctx, residentEmail, resident, password, "tr", nil); err != nil {
			t.Fatalf("create the resident: %v", err)
		}

		b := newBrowser(t, chrome, srv.URL)
		b.open("/tr/login")
		b.typeInto("#f-email", residentEmail)
		b.typeInto("#f-password", password)
		if resp := b.click(`form[action="/tr/login"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("signing in: status %d; page says %q", resp.Status, b.text("main"))
		}

		// The form knows who is signed in; one click takes the last place.
		eventPath := "/tr/events/" + concert.Slug
		b.open(eventPath)
		if got := b.value("#f-name"); got != resident {
			t.Errorf("the form offers the name %q, want %q", got, resident)
		}
		if resp := b.click(fmt.Sprintf(`form[action="%s/register"] button[type="submit"]`, eventPath)); resp.Status != http.StatusOK {
			t.Fatalf("registering: status %d; page says %q", resp.Status, b.text("main"))
		}
		if !strings.HasPrefix(b.path(), "/tr/tickets/") {
			t.Fatalf("registering led to %s, want the ticket; page says %q", b.path(), b.text("main"))
		}

		// The concert is full: the visitor waits, first in line.
		waiting, err := a.Events.Register(ctx, nil, events.RegisterInput{EventID: concert.ID, Name: visitor, Email: visitorEmail, Locale: "az"})
		if err != nil || waiting.Status != events.Waiting || waiting.Position != 1 {
			t.Fatalf("the visitor's registration: %+v, %v; want waiting, first in line", waiting, err)
		}
		// The visitor is told so (the mail is a job: wait for it, as the visitor would).
		latestMail(t, a.Outbox, visitorEmail, msg("az", "events.mail.waiting.subject", concert.Title.AZ))

		// The resident cancels from "my events".
		b.open("/tr/my/events")
		if got := b.text(".event-card .badge"); got != msg("tr", "events.reg_status.confirmed") {
			t.Errorf("my events shows the registration as %q, want confirmed", got)
		}
		if resp := b.click(`.event-card form[action^="/tr/my/events/"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("cancelling: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got := b.path(); got != "/tr/my/events" {
			t.Errorf("cancelling led to %s, want back to /tr/my/events", got)
		}
		if got := b.text(".event-card .badge"); got != msg("tr", "events.reg_status.cancelled") {
			t.Errorf("after cancelling, my events shows %q, want cancelled", got)
		}
		if n := b.count(`.event-card form[action^="/tr/my/events/"]`); n != 0 {
			t.Errorf("a cancelled registration still offers %d cancel button(s)", n)
		}
		b.screenshot("my_events_cancelled")

		// The place went to the visitor, who is told in Azerbaijani with the ticket attached.
		promoted, err := a.Events.Registration(ctx, coord, waiting.ID)
		if err != nil || promoted.Status != events.Confirmed {
			t.Fatalf("after the cancellation the visitor is %+v, %v; want confirmed", promoted, err)
		}
		m := latestMail(t, a.Outbox, visitorEmail, msg("az", "events.mail.promoted.subject", concert.Title.AZ))
		if m.Locale != "az" {
			t.Errorf("the promotion mail is in %q, want az", m.Locale)
		}
		if !strings.Contains(m.Text, events.TicketURL(srv.URL, "az", promoted.Ticket)) {
			t.Errorf("the promotion mail does not link the ticket:\n%s", m.Text)
		}
		var pdf bool
		for _, name := range m.Attachments {
			pdf = pdf || strings.HasSuffix(name, ".pdf")
		}
		if !pdf {
			t.Errorf("the promotion mail has no PDF ticket; attachments: %v", m.Attachments)
		}
	})
}

// latestMail waits (bounded) for the newest mail to addr to carry subject: mails are written
// by the request or by a background job, so they may land a moment after the page answers.
func latestMail(t *testing.T, out *mail.Outbox, addr, subject string) mail.Entry {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		m, err := out.Latest(context.Background(), addr)
		if err == nil && m.Subject == subject {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no mail %q to %s within 15s (latest: %q, %v)", subject, addr, m.Subject, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
