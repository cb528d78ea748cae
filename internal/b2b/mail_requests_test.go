package b2b

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// withMail turns the fixture's mails on, into a real outbox without a server.
func (f *meetings) withMail(t *testing.T) (*jobs.Queue, *mail.Outbox) {
	t.Helper()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	q, out := jobs.New(f.d, quiet), mail.NewOutbox(f.d, nil, quiet)
	f.svc.UseMail(q, out, cat, "https://kopru.example.org")
	return q, out
}

func runJobs(t *testing.T, q *jobs.Queue) {
	t.Helper()
	for range 50 {
		ran, err := q.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
	t.Fatal("jobs keep coming")
}

func mailsTo(t *testing.T, d *db.DB, v *web.Viewer) []string {
	t.Helper()
	rows, err := d.Query(ctx, `SELECT subject FROM mail_outbox WHERE to_addr = ? ORDER BY id`, fmt.Sprintf("user%d@b2b.test", v.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestRequestMailsInEachRecipientsLanguage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		f.dir.locales = map[int64]string{f.rashad.ID: "az", f.orhan.ID: "en"}
		q, out := f.withMail(t)
		f.instant(t, 1, 1, 0)

		// A request withdrawn before its mail went out says nothing.
		rv := f.send(t, f.member, f.carrier)
		if _, err := f.svc.WithdrawRequest(ctx, f.member, rv.ID); err != nil {
			t.Fatal(err)
		}
		runJobs(t, q)
		if got := mailsTo(t, d, f.rashad); len(got) != 0 {
			t.Fatalf("mail about a withdrawn request: %v", got)
		}

		// The only slot is taken by another meeting of the carrier's.
		_, v := f.company(t, "Abşeron Balıq")
		first, err := f.svc.SendRequest(ctx, v, f.forum, RequestInput{ToProfileID: f.carrier.ID, Message: "Balıq daşımaları barədə."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AcceptRequest(ctx, f.rashad, first.ID); err != nil {
			t.Fatal(err)
		}
		rv = f.send(t, f.member, f.carrier)
		runJobs(t, q)
		// Rəşad answered the first before its mail went out: only the second is news.
		if got := mailsTo(t, d, f.rashad); len(got) != 1 || got[0] != "Ege Zeytinyağı Üreticileri (demo) sizinlə görüş istəyir" {
			t.Fatalf("Rəşad's mails: %v", got)
		}
		acc, err := f.svc.AcceptRequest(ctx, f.rashad, rv.ID)
		if err != nil || acc.Meeting.Scheduled() {
			t.Fatalf("accepted without a free slot: %+v %v", acc, err)
		}
		runJobs(t, q)
		// Both people of the exporter hear it, each in their language, with what happens next.
		for _, c := range []struct {
			v             *web.Viewer
			subject, line string
		}{
			{f.member, "Xəzər Logistika (demo) toplantı talebinizi kabul etti", "Ortak boş bir zaman yok: toplantıyı organizatörler yerleştirecek."},
			{f.orhan, "Xəzər Logistika (demo) accepted your meeting request", "There is no common free slot: the organisers will place the meeting."},
		} {
			m, err := out.Latest(ctx, fmt.Sprintf("user%d@b2b.test", c.v.ID))
			if err != nil || m.Subject != c.subject || !strings.Contains(m.Text, c.line) || !strings.Contains(m.Text, "https://kopru.example.org/"+m.Locale+"/b2b/") {
				t.Fatalf("mail to %s: %q\n%s (%v)", c.v.Name, m.Subject, m.Text, err)
			}
		}
	})
}
