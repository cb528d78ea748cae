package content

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// jobPublish is the job that publishes a scheduled entry at its time.
const jobPublish = "content.publish"

type publishJob struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
}

// runPublish publishes the entry if it is still scheduled for the job's time. A job may run
// again, or after the entry was unscheduled, rescheduled or deleted: all of those leave it
// untouched, so the handler is safe to repeat.
func (s *Service) runPublish(ctx context.Context, payload json.RawMessage) error {
	var p publishJob
	if err := json.Unmarshal(payload, &p); err != nil {
		return jobs.Permanent(err)
	}
	published := false
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := entryByID(ctx, tx, p.ID, tx.ForUpdate())
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if e.Status != Scheduled || e.PublishedAt == nil || !e.PublishedAt.Equal(p.At) {
			return nil
		}
		if err := s.attach(ctx, tx, e); err != nil {
			return err
		}
		now := s.now()
		e.Status, e.UpdatedAt = Published, now
		if err := updateEntry(ctx, tx, e); err != nil {
			return err
		}
		// The scheduler has no account: the history shows it without a name.
		rev := Revision{EntryID: e.ID, Action: string(ActionPublish), Fields: []string{"status"}, Snapshot: e.Input, CreatedAt: now}
		if err := insertRevision(ctx, tx, &rev); err != nil {
			return err
		}
		published = true
		return s.reindex(ctx, tx, e)
	})
	if published {
		s.changed()
		s.log.Info("scheduled entry published", "id", p.ID)
	}
	return err
}
