package b2b

import (
	"context"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Attendance: on the day, either side of a meeting (or an organiser walking the floor) says
// whether it was held. Marking opens a quarter of an hour before the slot starts, so a pair
// already sitting at the table early can say so, but nobody marks tomorrow's meetings by
// mistake. A marked meeting keeps its slot and table: the grid shows what happened where.

// markLead is how long before its start a meeting may be marked.
const markLead = 15 * time.Minute

// Marks lists the statuses a meeting can be marked with; planned undoes a mistaken mark.
var Marks = []MeetingStatus{MeetingHeld, MeetingNoShow, MeetingPlanned}

// MarkAttendance records what happened to meeting id. Its two sides' members and organisers
// may mark it; anyone else finds nothing.
func (s *Service) MarkAttendance(ctx context.Context, v *web.Viewer, id int64, status MeetingStatus) (Meeting, error) {
	if v == nil {
		return Meeting{}, fail.Unauthorized
	}
	m, p, err := s.meetingFor(ctx, v, id)
	if err != nil {
		return Meeting{}, err
	}
	if err := s.markable(v, m, p, status); err != nil {
		return Meeting{}, err
	}
	now := s.now()
	ok, err := setMeetingStatus(ctx, s.db, m, status, now)
	if err != nil {
		return Meeting{}, err
	}
	if !ok { // moved or cancelled since it was read
		return Meeting{}, fail.Fields{"status": "b2b.attendance.error.changed"}
	}
	m.Status, m.UpdatedAt = status, now
	return m, nil
}

// meetingFor reads meeting id and its programme when v may see it: a member of either side
// or an organiser.
func (s *Service) meetingFor(ctx context.Context, v *web.Viewer, id int64) (Meeting, *Programme, error) {
	ms, err := queryMeetings(ctx, s.db, `m.id = ?`, id)
	if err != nil {
		return Meeting{}, nil, err
	}
	if len(ms) == 0 {
		return Meeting{}, nil, ErrNotFound
	}
	m := ms[0]
	if !CanOrganise(v) {
		mine, err := s.ownSide(ctx, v, m)
		if err != nil {
			return Meeting{}, nil, err
		}
		if mine == 0 {
			return Meeting{}, nil, ErrNotFound
		}
	}
	eventID, err := eventOfProgramme(ctx, s.db, m.ProgrammeID)
	if err != nil {
		return Meeting{}, nil, err
	}
	_, p, err := s.Programme(ctx, v, eventID)
	return m, p, err
}

// ownSide returns the profile of m that v is a member of, or 0.
func (s *Service) ownSide(ctx context.Context, v *web.Viewer, m Meeting) (int64, error) {
	for _, pid := range m.Profiles {
		prof, err := profileByID(ctx, s.db, pid)
		if err != nil {
			return 0, err
		}
		own, err := s.memberOf(ctx, v, prof.OrganisationID)
		if err != nil || own {
			return pid, err
		}
	}
	return 0, nil
}

// markable says why m cannot be marked status now, as a field error, or nil.
func (s *Service) markable(v *web.Viewer, m Meeting, p *Programme, status MeetingStatus) error {
	switch {
	case !slices.Contains(Marks, status):
		return fail.Fields{"status": "form.choice"}
	case m.Status == MeetingCancelled:
		return fail.Fields{"status": "b2b.attendance.error.cancelled"}
	case !m.Scheduled() || m.Slot >= p.SlotCount():
		return fail.Fields{"status": "b2b.attendance.error.unscheduled"}
	case !p.ScheduleVisible() && !CanOrganise(v):
		return fail.Fields{"status": "b2b.attendance.error.unscheduled"}
	}
	if start := p.Slots()[m.Slot].StartsAt; s.now().Before(start.Add(-markLead)) {
		return fail.Fields{"status": "b2b.attendance.error.too_early"}
	}
	return nil
}

// setMeetingStatus writes the mark if m still sits where it was read and is not cancelled;
// false when it has moved on meanwhile.
func setMeetingStatus(ctx context.Context, q db.Querier, m Meeting, status MeetingStatus, now time.Time) (bool, error) {
	res, err := q.Exec(ctx, `UPDATE b2b_meetings SET status = ?, updated_at = ?
		WHERE id = ? AND slot = ? AND table_no = ? AND status <> ?`, status, now, m.ID, m.Slot, m.Table, MeetingCancelled)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
