package events

// Outcome mails (the ticket, the waiting-list place, the request received, the place freed
// for someone waiting) are durable jobs enqueued in the transaction that changed the
// registration: one commit, and the request does not wait for the PDF ticket to be drawn.
// The job carries the registration's id only; it reads the current state, makes the files
// and a fresh manage link when it runs.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// MailJob is the job kind of outcome mails.
const MailJob = "events.mail"

// promotedKey is the catalog prefix of the subject for a place freed from the waiting list.
const promotedKey = "events.mail.promoted"

type mailPayload struct {
	Registration int64  `json:"registration"`
	Subject      string `json:"subject,omitempty"` // a confirmed place's subject key instead of the usual one
}

// queueMail plans the mail telling r its state (r.Status), through the caller's transaction.
// The dedupe key names the state, so planning it twice while queued makes one job.
func (s *Service) queueMail(ctx context.Context, q db.Querier, r *Registration, subjectKey string) error {
	if s.jobs == nil {
		return nil
	}
	_, err := s.jobs.Enqueue(ctx, q, MailJob, mailPayload{Registration: r.ID, Subject: subjectKey},
		jobs.DedupeKey(fmt.Sprintf("%s:%d:%s", MailJob, r.ID, r.Status)))
	return err
}

// mailOutcome sends one outcome mail. Each person is told each state once: the state mailed
// is recorded in the mail's own transaction, so a job run again after a crash, or a job for
// a state another job already told (a waiting registration promoted before its first mail
// went out gets one mail, the ticket), sends nothing. A cancelled registration gets nothing.
func (n *Notifier) mailOutcome(ctx context.Context, raw json.RawMessage) error {
	var p mailPayload
	if err := json.Unmarshal(raw, &p); err != nil || p.Registration == 0 {
		return jobs.Permanent(fmt.Errorf("events: mail payload %s: %v", raw, err))
	}
	r, err := regByID(ctx, n.svc.db, p.Registration)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	mailed, err := mailedStatus(ctx, n.svc.db, r.ID)
	if err != nil || r.Status == RegCancelled || mailed == r.Status {
		return err
	}
	e, err := eventByID(ctx, n.svc.db, r.EventID)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	n.svc.fill(r)
	subject := ""
	if r.Status == Confirmed {
		subject = p.Subject
	}
	return n.withNewLink(ctx, e, r, subject, func(tx *db.Tx) (bool, error) {
		// Changed since it was read: the change planned a mail of its own (or needs none).
		ok, err := markMailed(ctx, tx, r.ID, r.Status)
		if !ok || err != nil {
			return false, err
		}
		return true, n.svc.position(ctx, tx, r)
	})
}

func mailedStatus(ctx context.Context, q db.Querier, id int64) (RegStatus, error) {
	var s string
	err := q.QueryRow(ctx, `SELECT mailed_status FROM event_registrations WHERE id = ?`, id).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return RegStatus(s), err
}

// markMailed records that registration id is being told status, if that is still its state
// and it was not told so before; it reports whether the mail should go.
func markMailed(ctx context.Context, tx *db.Tx, id int64, status RegStatus) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE event_registrations SET mailed_status = status
		WHERE id = ? AND status = ? AND mailed_status <> status`, id, string(status))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
