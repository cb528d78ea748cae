package mail

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

var quiet = slog.New(slog.DiscardHandler)

// clock is a settable time source, so retries are tested by moving time, not by sleeping.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 1, 12, 13, 0, 0, 0, time.UTC)} }

func status(t *testing.T, d *db.DB, id int64) (st string, attempts int, next time.Time, lastErr string) {
	t.Helper()
	err := d.QueryRow(context.Background(), `SELECT status, attempts, next_attempt_at, last_error FROM mail_outbox WHERE id = ?`, id).
		Scan(&st, &attempts, &next, &lastErr)
	if err != nil {
		t.Fatal(err)
	}
	return st, attempts, next.UTC(), lastErr
}

func TestOutboxDeliversOverSMTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startServer(t, "", "")
		sender, err := NewSMTPSender(srv.URL, "Köprü <noreply@localhost>")
		if err != nil {
			t.Fatal(err)
		}
		o := NewOutbox(d, sender, quiet)
		first := Message{To: "ayse@example.org", Subject: "Hesabınızı doğrulayın — Köprü", Text: "Doğrulama bağlantınız: http://127.0.0.1:8080/tr/doğrula", HTML: "<p>Doğrulayın</p>"}
		second := Message{To: "elvin@example.az", Subject: "Hesabınızı təsdiqləyin — Köprü", Text: "Təsdiq keçidiniz hazırdır.", Locale: "az"}
		var ids []int64
		err = d.InTx(ctx, func(tx *db.Tx) error {
			id, err := o.Enqueue(ctx, tx, first)
			ids = append(ids, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		id, err := o.Enqueue(ctx, d, second)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)

		sent, err := o.DeliverDue(ctx)
		if err != nil || sent != 2 {
			t.Fatalf("DeliverDue = %d, %v; want 2 sent", sent, err)
		}
		got := srv.messages()
		if len(got) != 2 {
			t.Fatalf("server received %d messages, want 2", len(got))
		}
		bySubject := map[string]parsed{}
		for _, r := range got {
			p := parse(t, r.Data)
			bySubject[p.Subject] = p
		}
		if p, ok := bySubject[first.Subject]; !ok || p.Text != first.Text || p.HTML != first.HTML {
			t.Errorf("first message arrived as %+v", p)
		}
		if p, ok := bySubject[second.Subject]; !ok || p.Text != second.Text+"\r\n" || p.Header.Get("Content-Language") != "az" {
			t.Errorf("second message arrived as %+v", p)
		}
		for _, id := range ids {
			if st, attempts, _, _ := status(t, d, id); st != StatusSent || attempts != 1 {
				t.Errorf("row %d: status %q after %d attempts, want sent after 1", id, st, attempts)
			}
		}
		if n, err := o.DeliverDue(ctx); n != 0 || err != nil || len(srv.messages()) != 2 {
			t.Fatalf("second DeliverDue sent %d (%v): mail went twice", n, err)
		}

		e, err := o.Latest(ctx, "ayse@example.org")
		if err != nil || e.Subject != first.Subject || e.Status != StatusSent || e.SentAt == nil || e.Locale != "tr" {
			t.Fatalf("Latest = %+v, %v", e, err)
		}
		list, err := o.List(ctx, 10, 0)
		if err != nil || len(list) != 2 || list[0].ID != ids[1] || list[1].ID != ids[0] {
			t.Fatalf("List = %+v, %v; want newest first", list, err)
		}
		if _, err := o.Latest(ctx, "nobody@example.org"); !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("Latest for unknown address: %v, want sql.ErrNoRows", err)
		}
	})
}

func TestOutboxRetriesWithBackoffThenFails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startServer(t, "", "")
		srv.reject = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox busy"}
		sender, err := NewSMTPSender(srv.URL, "noreply@localhost")
		if err != nil {
			t.Fatal(err)
		}
		clk := newClock()
		o := NewOutbox(d, sender, quiet)
		o.now = clk.now
		id, err := o.Enqueue(ctx, d, Message{To: "ayse@example.org", Subject: "Bilet", Text: "Biletiniz"})
		if err != nil {
			t.Fatal(err)
		}
		wait := time.Minute
		for attempt := 1; attempt < maxAttempts; attempt++ {
			if n, err := o.DeliverDue(ctx); n != 0 || err != nil {
				t.Fatalf("attempt %d: DeliverDue = %d, %v", attempt, n, err)
			}
			st, attempts, next, lastErr := status(t, d, id)
			if st != StatusPending || attempts != attempt || !next.Equal(clk.t.Add(wait)) || !strings.Contains(lastErr, "mailbox busy") {
				t.Fatalf("after attempt %d: %s, attempts %d, next in %v, error %q; want pending, retry in %v",
					attempt, st, attempts, next.Sub(clk.t), lastErr, wait)
			}
			clk.advance(wait - time.Second)
			if _, err := o.DeliverDue(ctx); err != nil || len(srv.messages()) != 0 {
				t.Fatalf("retried before its time (%v)", err)
			}
			if _, attempts, _, _ := status(t, d, id); attempts != attempt {
				t.Fatalf("retried before its time: attempts %d", attempts)
			}
			clk.advance(time.Second)
			wait *= 2
		}
		if n, err := o.DeliverDue(ctx); n != 0 || err != nil {
			t.Fatalf("last attempt: DeliverDue = %d, %v", n, err)
		}
		st, attempts, _, lastErr := status(t, d, id)
		if st != StatusFailed || attempts != maxAttempts || !strings.Contains(lastErr, "451") {
			t.Fatalf("after %d attempts: %s, attempts %d, error %q; want failed", maxAttempts, st, attempts, lastErr)
		}
		clk.advance(24 * time.Hour)
		if _, err := o.DeliverDue(ctx); err != nil || statusOf(t, d, id) != StatusFailed {
			t.Fatal("a failed message was tried again")
		}
	})
}

func statusOf(t *testing.T, d *db.DB, id int64) string { st, _, _, _ := status(t, d, id); return st }

func TestBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 7: 64 * time.Minute, 9: 256 * time.Minute, 10: 6 * time.Hour, 40: 6 * time.Hour} {
		if got := backoff(attempt); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}

func TestOutboxWithoutSMTPLogsAndKeepsMail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var logs bytes.Buffer
		o := NewOutbox(d, nil, slog.New(slog.NewTextHandler(&logs, nil)))
		id, err := o.Enqueue(ctx, d, Message{To: "ayse@example.org", Subject: "Şifre sıfırlama", Text: "gizli-bağlantı-123"})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := o.DeliverDue(ctx); n != 1 || err != nil {
			t.Fatalf("DeliverDue = %d, %v", n, err)
		}
		if st := statusOf(t, d, id); st != StatusLogged {
			t.Fatalf("status %q, want logged", st)
		}
		out := logs.String()
		if !strings.Contains(out, "ayse@example.org") || !strings.Contains(out, "Şifre sıfırlama") || strings.Contains(out, "gizli-bağlantı") {
			t.Fatalf("log must name recipient and subject but not the body:\n%s", out)
		}
		e, err := o.Latest(ctx, "ayse@example.org")
		if err != nil || e.Text != "gizli-bağlantı-123" {
			t.Fatalf("logged mail must stay readable in the outbox: %+v, %v", e, err)
		}
	})
}

func TestEnqueueInRolledBackTransactionLeavesNoMail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		o := NewOutbox(d, nil, quiet)
		boom := errors.New("registration failed")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := o.Enqueue(ctx, tx, Message{To: "ayse@example.org", Subject: "Hoş geldiniz", Text: "…"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if list, err := o.List(ctx, 10, 0); err != nil || len(list) != 0 {
			t.Fatalf("outbox after rollback: %+v, %v", list, err)
		}
	})
}

func TestEnqueueRejectsBadMessages(t *testing.T) {
	d := dbtest.SQLite(t)
	o := NewOutbox(d, nil, quiet)
	for _, m := range []Message{
		{To: "not an address", Subject: "x"},
		{To: "a@example.org\r\nBcc: b@example.org", Subject: "x"},
		{To: "a@example.org", Subject: " "},
	} {
		if _, err := o.Enqueue(context.Background(), d, m); err == nil {
			t.Errorf("Enqueue(%+v) accepted", m)
		}
	}
}

func TestOutboxRetriesMessageOfCrashedInstance(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := newClock()
		var rec recordingSender
		o := NewOutbox(d, &rec, quiet)
		o.now = clk.now
		id, err := o.Enqueue(ctx, d, Message{To: "ayse@example.org", Subject: "Bilet", Text: "…"})
		if err != nil {
			t.Fatal(err)
		}
		// An instance claims the message and dies before sending it.
		if c, err := o.claim(ctx); err != nil || len(c) != 1 {
			t.Fatalf("claim = %v, %v", c, err)
		}
		if n, _ := o.DeliverDue(ctx); n != 0 {
			t.Fatal("a claimed message was sent again while its lease held")
		}
		clk.advance(lease)
		if n, err := o.DeliverDue(ctx); n != 1 || err != nil {
			t.Fatalf("after the lease: DeliverDue = %d, %v", n, err)
		}
		if st, attempts, _, _ := status(t, d, id); st != StatusSent || attempts != 2 || rec.count("Bilet") != 1 {
			t.Fatalf("status %q, attempts %d, sends %d", st, attempts, rec.count("Bilet"))
		}
	})
}

// recordingSender counts sends per subject.
type recordingSender struct {
	mu   sync.Mutex
	sent map[string]int
}

func (r *recordingSender) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sent == nil {
		r.sent = map[string]int{}
	}
	r.sent[m.Subject]++
	return nil
}

func (r *recordingSender) count(subject string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sent[subject]
}

func TestTwoInstancesDeliverEachMessageOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const messages = 60
		var rec recordingSender
		a, b := NewOutbox(d, &rec, quiet), NewOutbox(d, &rec, quiet)
		a.batch, b.batch = 4, 4 // small batches make the instances interleave
		for i := range messages {
			if _, err := a.Enqueue(ctx, d, Message{To: "ayse@example.org", Subject: fmt.Sprint("mesaj ", i), Text: "…"}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		total := 0
		for _, o := range []*Outbox{a, b, a, b} {
			wg.Go(func() {
				n, err := o.DeliverDue(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				total += n
				mu.Unlock()
			})
		}
		wg.Wait()
		if total != messages {
			t.Errorf("delivered %d, want %d", total, messages)
		}
		for i := range messages {
			if n := rec.count(fmt.Sprint("mesaj ", i)); n != 1 {
				t.Errorf("message %d sent %d times", i, n)
			}
		}
		var pending int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM mail_outbox WHERE status <> 'sent'`).Scan(&pending); err != nil || pending != 0 {
			t.Fatalf("%d messages not marked sent (%v)", pending, err)
		}
	})
}

func TestRunSendsRightAfterEnqueue(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := startServer(t, "", "")
		sender, err := NewSMTPSender(srv.URL, "noreply@localhost")
		if err != nil {
			t.Fatal(err)
		}
		o := NewOutbox(d, sender, quiet)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { o.Run(ctx, time.Hour); close(done) }()
		defer func() { cancel(); <-done }()

		if _, err := o.Enqueue(ctx, d, Message{To: "ayse@example.org", Subject: "Kaydınız alındı", Text: "…"}); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-srv.arrived:
			if p := parse(t, r.Data); p.Subject != "Kaydınız alındı" {
				t.Fatalf("received %q", p.Subject)
			}
		case <-time.After(30 * time.Second): // a hang guard, far beyond the expected instant delivery
			t.Fatal("Run did not send the enqueued mail without waiting for its interval")
		}
	})
}
