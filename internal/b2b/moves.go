package b2b

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Adjustments by hand: organisers move a meeting to a slot and table, lock or unlock it,
// or take it out of the schedule. Each holds the programme's lock and checks the move
// against the occupancy read under it, so two organisers moving meetings into one table
// and slot at once cannot both succeed. A meeting moved by hand is locked: the next run
// keeps it where the organiser put it.

// MoveMeeting puts a planned meeting at table in slot and locks it there.
func (s *Service) MoveMeeting(ctx context.Context, v *web.Viewer, id int64, slot, table int) (Meeting, error) {
	return s.adjust(ctx, v, id, func(ctx context.Context, tx *db.Tx, g *grid, m Meeting) (Meeting, error) {
		o, err := loadOccupancy(ctx, tx, g.p)
		if err != nil {
			return m, err
		}
		o.remove(m)
		if err := o.check(m, slot, table); err != nil {
			return m, err
		}
		m.Slot, m.Table, m.Locked, m.Unplaced = slot, table, true, ""
		return m, nil
	})
}

// SetLocked locks a scheduled meeting where it is, or unlocks it so the next run may move it.
func (s *Service) SetLocked(ctx context.Context, v *web.Viewer, id int64, locked bool) (Meeting, error) {
	return s.adjust(ctx, v, id, func(_ context.Context, _ *db.Tx, _ *grid, m Meeting) (Meeting, error) {
		if locked && !m.Scheduled() {
			return m, fail.Fields{"locked": "b2b.schedule.error.lock_unscheduled"}
		}
		m.Locked = locked
		return m, nil
	})
}

// Unschedule takes a meeting out of the schedule; it stays accepted, so a later run or a
// move places it again.
func (s *Service) Unschedule(ctx context.Context, v *web.Viewer, id int64) (Meeting, error) {
	return s.adjust(ctx, v, id, func(_ context.Context, _ *db.Tx, _ *grid, m Meeting) (Meeting, error) {
		m.Slot, m.Table, m.Locked = -1, 0, false
		return m, nil
	})
}

type adjustment func(ctx context.Context, tx *db.Tx, g *grid, m Meeting) (Meeting, error)

// adjust applies change to a planned meeting under the programme's lock, stores the
// result, mails both sides when the schedule is published and the place changed, and
// explains the unplaced meetings anew.
func (s *Service) adjust(ctx context.Context, v *web.Viewer, id int64, change adjustment) (Meeting, error) {
	if err := requireOrganiser(v); err != nil {
		return Meeting{}, err
	}
	eventID, err := s.meetingEvent(ctx, v, id)
	if err != nil {
		return Meeting{}, err
	}
	var out Meeting
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		g, err := s.lockedGrid(ctx, tx, eventID)
		if err != nil {
			return err
		}
		m, ok := g.byID[id]
		if !ok || m.Status != MeetingPlanned {
			return fail.Fields{"meeting": "b2b.schedule.error.not_planned"}
		}
		next, err := change(ctx, tx, g, m)
		if err != nil {
			return err
		}
		if _, err := s.placeMeeting(ctx, tx, g.p, m, next); err != nil {
			return err
		}
		if g, err = loadGrid(ctx, tx, g.p); err != nil {
			return err
		}
		out = next
		return s.refreshReasons(ctx, tx, g)
	})
	return out, err
}

// meetingEvent finds the event of meeting id, if v can see it.
func (s *Service) meetingEvent(ctx context.Context, v *web.Viewer, id int64) (int64, error) {
	m, err := meetingByID(ctx, s.db, id)
	if err != nil {
		return 0, err
	}
	eventID, err := eventOfProgramme(ctx, s.db, m.ProgrammeID)
	if err != nil {
		return 0, err
	}
	_, err = s.events.Event(ctx, v, eventID)
	return eventID, err
}

// placeMeeting stores next as the new state of meeting old and reports whether its place
// changed. Once participants can see places (the schedule is published, or the programme
// is in instant mode), a change of place is mailed to both sides (a last-minute change):
// the mail names the old place, the job reads the new one.
func (s *Service) placeMeeting(ctx context.Context, tx *db.Tx, p *Programme, old, next Meeting) (bool, error) {
	moved := old.Slot != next.Slot || old.Table != next.Table
	if !moved && old.Locked == next.Locked && old.Unplaced == next.Unplaced {
		return false, nil
	}
	next.UpdatedAt = s.now()
	if err := writePlace(ctx, tx, next); err != nil {
		return false, err
	}
	if moved && p.PlacementVisible() {
		return true, s.queueMail(ctx, tx, MailChanged, changeRef(old), old.Profiles[0], old.Profiles[1])
	}
	return moved, nil
}
