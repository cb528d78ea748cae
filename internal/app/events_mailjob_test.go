package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// mailCount counts the mails to an address without running any job first.
func mailCount(t *testing.T, a *App, to string) int {
	t.Helper()
	var n int
	if err := a.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?`, to).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// mailJobs returns the payloads of the outcome mail jobs, oldest first.
func mailJobs(t *testing.T, a *App) (ids []int64, payloads []string) {
	t.Helper()
	rows, err := a.DB.Query(context.Background(), `SELECT id, payload FROM jobs WHERE kind = ? ORDER BY id`, events.MailJob)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			t.Fatal(err)
		}
		ids, payloads = append(ids, id), append(payloads, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids, payloads
}

func TestConfirmationMailIsAJobSentOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		smallEvent(t, a, "tek-posta", 1)
		ayse := newClient(t, a)
		ayse.post("/tr/events/tek-posta/register", url.Values{"name": {"Ayşe Yılmaz"}, "email": {"ayse@example.org"}}).must(t, http.StatusSeeOther)

		// The request only planned the mail, in its own transaction; the job names the
		// registration, never the address or a manage link.
		if n := mailCount(t, a, "ayse@example.org"); n != 0 {
			t.Fatalf("%d mails written by the request itself", n)
		}
		ids, payloads := mailJobs(t, a)
		if len(ids) != 1 || strings.Contains(payloads[0], "ayse") || strings.Contains(payloads[0], "token") {
			t.Fatalf("mail jobs %q", payloads)
		}
		m := latestMail(t, a, "ayse@example.org") // runs the job
		if !strings.HasPrefix(m.Subject, "Biletiniz: Küçük Konser") || len(m.Attachments) != 2 {
			t.Fatalf("confirmation %q %v", m.Subject, m.Attachments)
		}
		if _, err := a.Events.RegistrationByToken(ctx, manageToken(t, m)); err != nil {
			t.Fatalf("the mail's manage link: %v", err)
		}

		// The worker dies after the mail was stored, before the job was marked done: the job
		// is claimed again once its lease runs out, and sends nothing more.
		if _, err := a.DB.Exec(ctx, `UPDATE jobs SET status = 'running', locked_until = ? WHERE id = ?`, time.Now().Add(-time.Minute), ids[0]); err != nil {
			t.Fatal(err)
		}
		if ran, err := a.Jobs.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("the abandoned job was not taken over: %v, %v", ran, err)
		}
		if n := mailCount(t, a, "ayse@example.org"); n != 1 {
			t.Fatalf("%d confirmation mails after the retry, want 1", n)
		}
	})
}

func TestPromotedBeforeFirstMailGetsOneTicketMail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		smallEvent(t, a, "sira", 1)
		mehmet, eli := newClient(t, a), newClient(t, a)
		mehmet.post("/tr/events/sira/register", url.Values{"name": {"Mehmet Öz"}, "email": {"mehmet@example.org"}}).must(t, http.StatusSeeOther)
		eli.post("/az/events/sira/register", url.Values{"name": {"Əli Həsənov"}, "email": {"eli@example.org"}}).
			must(t, http.StatusOK, "Gözləmə siyahısında 1-ci sıradasınız.")
		// Mehmet cancels before any mail went out: Əli is promoted at once.
		var mehmetID int64
		if err := a.DB.QueryRow(ctx, `SELECT id FROM event_registrations WHERE email = ?`, "mehmet@example.org").Scan(&mehmetID); err != nil {
			t.Fatal(err)
		}
		staff := identityViewer(t, a, "sira-koord@example.org", "coordinator")
		if _, promoted, err := a.Events.Cancel(ctx, staff, mehmetID); err != nil || len(promoted) != 1 {
			t.Fatalf("cancel: %v, promoted %v", err, promoted)
		}
		runQueuedJobs(t, a)

		// Əli is told the state he is in, once: the ticket, not the waiting list; Mehmet,
		// cancelled, is sent no ticket.
		if n := mailCount(t, a, "eli@example.org"); n != 1 {
			t.Fatalf("Əli got %d mails, want 1", n)
		}
		m := latestMail(t, a, "eli@example.org")
		if m.Locale != "az" || !strings.Contains(m.Text, "/az/tickets/") || len(m.Attachments) != 2 || strings.Contains(m.Subject, "Gözləmə") {
			t.Fatalf("Əli's mail: %s %q %v", m.Locale, m.Subject, m.Attachments)
		}
		if n := mailCount(t, a, "mehmet@example.org"); n != 0 {
			t.Fatalf("a cancelled registration got %d mails", n)
		}
		var failed int
		if err := a.DB.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = ? AND status <> 'done'`, events.MailJob).Scan(&failed); err != nil || failed != 0 {
			t.Fatalf("%d mail jobs not done (%v)", failed, err)
		}
	})
}

// The waiting-list mail says the place in the queue when it is sent: Bülent leaves the
// queue before the mails go out, so Çiğdem is told she is first.
func TestWaitingMailSaysPositionWhenSent(t *testing.T) {
	a := eventsSite(t, dbtest.SQLite(t))
	ctx := context.Background()
	smallEvent(t, a, "kuyruk", 1)
	for _, p := range []struct{ name, email string }{{"Ayşe", "a@example.org"}, {"Bülent", "b@example.org"}, {"Çiğdem", "c@example.org"}} {
		newClient(t, a).post("/tr/events/kuyruk/register", url.Values{"name": {p.name}, "email": {p.email}})
	}
	var bulent int64
	if err := a.DB.QueryRow(ctx, `SELECT id FROM event_registrations WHERE email = ?`, "b@example.org").Scan(&bulent); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Events.Cancel(ctx, identityViewer(t, a, "kuyruk-koord@example.org", "coordinator"), bulent); err != nil {
		t.Fatal(err)
	}
	m := latestMail(t, a, "c@example.org")
	if m.Subject != "Bekleme listesindesiniz: Küçük Konser" || !strings.Contains(m.Text, "bekleme listesinde 1. sıradasınız") {
		t.Fatalf("waiting mail %q:\n%s", m.Subject, m.Text)
	}
}
