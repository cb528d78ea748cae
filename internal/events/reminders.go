package events

// Reminder mails: a durable job per confirmed registration, due a day before the event,
// mailing the ticket (PDF) and the calendar file in the recipient's language.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// RemindJob is the job kind of reminder mails.
const RemindJob = "events.remind"

// reminderLead is how long before the start the reminder goes out.
const reminderLead = 24 * time.Hour

// remindPayload names the registration and the start the reminder was planned for: if the
// event moved since, this job stands down and the one planned for the new start mails.
type remindPayload struct {
	Registration int64     `json:"registration"`
	StartsAt     time.Time `json:"starts_at"`
}

// UseJobs makes the service plan mails on q, each in the transaction of the change it tells:
// the outcome of a registration, promotion, approval or invitation (mail_jobs.go), and the
// reminder of each confirmation.
func (s *Service) UseJobs(q *jobs.Queue) { s.jobs = q }

// scheduleReminder plans r's reminder for e's current start, unless r holds no place, the
// event is cancelled or the reminder's time has passed. The dedupe key names the start, so
// planning twice is harmless and a moved event gets a job of its own.
func (s *Service) scheduleReminder(ctx context.Context, q db.Querier, e *Event, r *Registration) error {
	if s.jobs == nil || r.Status != Confirmed || e.Status == Cancelled {
		return nil
	}
	at := e.StartsAt.Add(-reminderLead)
	if !at.After(s.now()) {
		return nil
	}
	start := stored(e.StartsAt)
	_, err := s.jobs.Enqueue(ctx, q, RemindJob, remindPayload{Registration: r.ID, StartsAt: start},
		jobs.RunAt(at), jobs.DedupeKey(fmt.Sprintf("%s:%d:%d", RemindJob, r.ID, start.Unix())))
	return err
}

// rescheduleReminders plans reminders for every confirmed registration of e after its start
// moved; the jobs planned for the old start find the start changed and send nothing.
func (s *Service) rescheduleReminders(ctx context.Context, tx *db.Tx, e *Event) error {
	if s.jobs == nil {
		return nil
	}
	regs, err := regsOfEvent(ctx, tx, e.ID, Confirmed)
	if err != nil {
		return err
	}
	for i := range regs {
		if err := s.scheduleReminder(ctx, tx, e, &regs[i]); err != nil {
			return err
		}
	}
	return nil
}

// HandleJobs registers the handlers of the reminder and outcome mail jobs on q.
func (n *Notifier) HandleJobs(q *jobs.Queue) {
	q.Register(RemindJob, n.remind)
	q.Register(MailJob, n.mailOutcome)
}

// remind mails one reminder. It reads the registration and the event again: nothing goes to a
// cancelled or unconfirmed registration, for a cancelled or unpublished event, or once the
// event has begun. A moved event gets its reminder planned for the new start instead (also
// done when the event is saved; the dedupe key keeps it to one job).
func (n *Notifier) remind(ctx context.Context, raw json.RawMessage) error {
	var p remindPayload
	if err := json.Unmarshal(raw, &p); err != nil || p.Registration == 0 {
		return jobs.Permanent(fmt.Errorf("events: reminder payload %s: %v", raw, err))
	}
	r, err := regByID(ctx, n.svc.db, p.Registration)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	e, err := eventByID(ctx, n.svc.db, r.EventID)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case r.Status != Confirmed, e.Status != Published:
		return nil
	case !e.StartsAt.Equal(p.StartsAt):
		return n.svc.scheduleReminder(ctx, n.svc.db, e, r)
	case !n.svc.now().Before(e.StartsAt):
		return nil
	}
	n.svc.fill(r)
	return n.withNewLink(ctx, e, r, reminderKey, func(tx *db.Tx) (bool, error) {
		// Cancelled while the files were made: send nothing.
		cur, err := regByID(ctx, tx, r.ID)
		return err == nil && cur.Status == Confirmed, err
	})
}

// reminderKey is the catalog prefix of the reminder mail (subject and body).
const reminderKey = "events.mail.reminder"
