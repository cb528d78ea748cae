package b2b

import (
	"context"
	"errors"
	"time"
)

// SeedDemo gives the demo business forum (3 December 2026 in Bakü) a programme: one
// afternoon session of ten 20-minute meetings from 13:30 with a 10-minute break after the
// fifth, ten numbered tables, batch scheduling and requests open through November. Loading
// it twice changes nothing.
func (s *Service) SeedDemo(ctx context.Context, eventID int64) error {
	ev, err := s.events.Event(ctx, nil, eventID)
	if err != nil {
		return err
	}
	if _, err := programmeByEvent(ctx, s.db, eventID); !errors.Is(err, ErrNotFound) {
		return err // set up already (nil), or the database failed
	}
	loc := ev.Location()
	in := ProgrammeInput{
		Mode:            Batch,
		OpensAt:         time.Date(2026, 11, 1, 9, 0, 0, 0, loc),
		ClosesAt:        time.Date(2026, 12, 2, 18, 0, 0, 0, loc),
		MaxOpenRequests: 15,
		Sessions: []Session{{StartsAt: time.Date(2026, 12, 3, 13, 30, 0, 0, loc), SlotMinutes: 20, Slots: 10,
			MaxMeetings: 8, Breaks: []Break{{AfterSlot: 5, Minutes: 10}}}},
		Tables: NumberedTables(10, nil),
	}
	_, err = s.save(ctx, ev, in)
	return err
}
