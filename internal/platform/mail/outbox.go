package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// Delivery policy. The lease must outlast one SMTP conversation (sendTimeout), so a message
// is claimed again only when its claimer has really gone.
const (
	maxAttempts  = 8
	firstBackoff = time.Minute
	maxBackoff   = 6 * time.Hour
	lease        = 10 * time.Minute
	batchSize    = 50
	// followUp catches mail enqueued in a transaction that had not committed yet when
	// Enqueue woke the loop (PostgreSQL hides uncommitted rows; SQLite just waits).
	followUp = time.Second
)

// Outbox row states.
const (
	StatusPending = "pending"
	StatusSent    = "sent"
	StatusLogged  = "logged"
	StatusFailed  = "failed"
)

// Outbox keeps outgoing mail in the mail_outbox table and delivers it.
type Outbox struct {
	db     *db.DB
	sender Sender
	log    *slog.Logger
	wake   chan struct{}
	now    func() time.Time // a field so tests can move time instead of sleeping
	batch  int
}

// NewOutbox returns an outbox delivering through sender. A nil sender means no SMTP is
// configured: due mail is then logged (recipient and subject, never the body) and marked
// "logged", so it stays readable in the table and nothing is lost.
func NewOutbox(d *db.DB, sender Sender, log *slog.Logger) *Outbox {
	if log == nil {
		log = slog.Default()
	}
	return &Outbox{db: d, sender: sender, log: log, wake: make(chan struct{}, 1), now: db.Now, batch: batchSize}
}

// Enqueue stores m through q, normally the caller's transaction, so the mail exists iff the
// business change committed. It returns the row id.
func (o *Outbox) Enqueue(ctx context.Context, q db.Querier, m Message) (int64, error) {
	m.To = strings.TrimSpace(m.To)
	if _, err := mail.ParseAddress(m.To); err != nil {
		return 0, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	if strings.TrimSpace(m.Subject) == "" {
		return 0, errors.New("mail: empty subject")
	}
	if m.Locale == "" {
		m.Locale = "tr"
	}
	atts, err := cleanAttachments(m.Attachments)
	if err != nil {
		return 0, err
	}
	now := o.now()
	var id int64
	store := func(q db.Querier) error {
		err := q.WriteRow(ctx, `INSERT INTO mail_outbox
			(to_addr, subject, body_text, body_html, locale, status, attempts, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING id`,
			m.To, m.Subject, m.Text, m.HTML, m.Locale, now, now).Scan(&id)
		if err != nil {
			return err
		}
		for _, a := range atts {
			if _, err := q.Exec(ctx, `INSERT INTO mail_attachments (mail_id, name, content_type, data) VALUES (?, ?, ?, ?)`,
				id, a.Name, a.ContentType, a.Data); err != nil {
				return err
			}
		}
		return nil
	}
	if d, ok := q.(*db.DB); ok && len(atts) > 0 {
		// Not in a transaction yet: the row and its files are written in one of our own, so a
		// mail is never claimed (and sent) without its attachments.
		err = d.InTx(ctx, func(tx *db.Tx) error { return store(tx) })
	} else {
		err = store(q)
	}
	if err != nil {
		return 0, fmt.Errorf("mail: enqueue: %w", err)
	}
	select {
	case o.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
	return id, nil
}

type claimed struct {
	id       int64
	attempts int
	msg      Message
}

// DeliverDue claims due pending messages and sends them. It returns how many were delivered
// (or, without a sender, logged). A failed send is retried with exponential backoff and
// marked failed after maxAttempts; err reports only database trouble.
func (o *Outbox) DeliverDue(ctx context.Context) (sent int, err error) {
	for {
		claimedAt := o.now()
		batch, err := o.claim(ctx)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for _, c := range batch {
			if o.now().After(claimedAt.Add(lease - sendTimeout)) {
				// A slow server ate the lease: the rest may be claimed elsewhere by now,
				// so sending them here could send them twice.
				return sent, nil
			}
			ok, err := o.deliver(ctx, c)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(batch) < o.batch {
			return sent, nil
		}
	}
}

// claim takes due messages by pushing next_attempt_at a lease ahead and counting the
// attempt before sending: another instance skips them, and if this process dies mid-send
// they come due again once the lease runs out.
func (o *Outbox) claim(ctx context.Context) ([]claimed, error) {
	lock := ""
	if o.db.Dialect == db.Postgres {
		// Two instances claim disjoint rows instead of queueing on each other's locks.
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now := o.now()
	var out []claimed
	err := o.db.InTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
			WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ?
				ORDER BY next_attempt_at, id LIMIT ?`+lock+`)
			RETURNING id, attempts, to_addr, subject, body_text, body_html, locale`,
			now.Add(lease), now, o.batch)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			if err := rows.Scan(&c.id, &c.attempts, &c.msg.To, &c.msg.Subject, &c.msg.Text, &c.msg.HTML, &c.msg.Locale); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("mail: claim due messages: %w", err)
	}
	for i := range out {
		if out[i].msg.Attachments, err = o.Attachments(ctx, out[i].id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (o *Outbox) deliver(ctx context.Context, c claimed) (bool, error) {
	// Outcomes are recorded even when ctx ends right after a send, or the mail would go twice.
	rec := context.WithoutCancel(ctx)
	if o.sender == nil {
		o.log.Info("mail not sent: no SMTP server configured", "id", c.id, "to", c.msg.To, "subject", c.msg.Subject)
		return true, o.mark(rec, c, StatusLogged, "")
	}
	sendErr := o.sender.Send(ctx, c.msg)
	if sendErr == nil {
		return true, o.mark(rec, c, StatusSent, "")
	}
	if ctx.Err() != nil {
		// Shutting down: leave the claim to expire rather than count a failure we caused.
		return false, ctx.Err()
	}
	if c.attempts >= maxAttempts {
		o.log.Error("mail failed for good", "id", c.id, "to", c.msg.To, "attempts", c.attempts, "err", sendErr)
		return false, o.mark(rec, c, StatusFailed, sendErr.Error())
	}
	retry := backoff(c.attempts)
	o.log.Warn("mail delivery failed, will retry", "id", c.id, "to", c.msg.To, "attempts", c.attempts, "retry_in", retry, "err", sendErr)
	_, err := o.db.Exec(rec, `UPDATE mail_outbox SET next_attempt_at = ?, last_error = ?
		WHERE id = ? AND status = 'pending' AND attempts = ?`,
		o.now().Add(retry), truncate(sendErr.Error()), c.id, c.attempts)
	if err != nil {
		return false, fmt.Errorf("mail: schedule retry of %d: %w", c.id, err)
	}
	return false, nil
}

// mark records a final state. Sent and logged rows are recorded even if a slow claimer lost
// its lease meanwhile: the mail did leave, and saying so matters more than who claimed it.
func (o *Outbox) mark(ctx context.Context, c claimed, status, lastErr string) error {
	var sentAt any
	if status == StatusSent {
		sentAt = o.now()
	}
	_, err := o.db.Exec(ctx, `UPDATE mail_outbox SET status = ?, last_error = ?, sent_at = ?
		WHERE id = ? AND status = 'pending'`, status, truncate(lastErr), sentAt, c.id)
	if err != nil {
		return fmt.Errorf("mail: mark %d %s: %w", c.id, status, err)
	}
	return nil
}

// backoff is the wait after the given failed attempt: 1m, 2m, 4m … at most 6h.
func backoff(attempt int) time.Duration {
	d := firstBackoff
	for i := 1; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// truncate keeps error text bounded; SMTP servers can answer with long multi-line replies.
func truncate(s string) string {
	const limit = 1000
	if len(s) <= limit {
		return s
	}
	return strings.ToValidUTF8(s[:limit], "") + "…"
}

// Run delivers due mail every interval until ctx is done, and at once after Enqueue so a
// confirmation mail leaves while the user still waits for it.
func (o *Outbox) Run(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	follow := time.NewTimer(followUp)
	follow.Stop()
	defer follow.Stop()
	for {
		if _, err := o.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			o.log.Error("mail delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-follow.C:
		case <-o.wake:
			follow.Reset(followUp)
		}
	}
}
