package b2b

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// SeedDemoSchedule runs "schedule all" over the demo forum's accepted requests and
// publishes the schedule, as the organiser by would, so the demo companies' agendas, PDFs,
// calendars and the organisers' sheets show a meeting with its time and table. It goes
// through the service (and so queues the "schedule published" mails in the outbox). A
// programme published already is left as it is.
func (s *Service) SeedDemoSchedule(ctx context.Context, eventID int64, by *web.Viewer) error {
	p, err := programmeByEvent(ctx, s.db, eventID)
	if err != nil || !p.PublishedAt.IsZero() {
		return err
	}
	if _, err := s.ScheduleAll(ctx, by, eventID); err != nil {
		return err
	}
	_, err = s.Publish(ctx, by, eventID)
	return err
}
