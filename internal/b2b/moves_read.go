package b2b

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Reading meetings: organisers see every meeting of a programme with its place and lock;
// a participant sees the meetings of its own organisations, and where they are only once
// the schedule is published (or at once in instant mode), since a preliminary schedule
// still changes. Anyone else finds nothing.

// Meetings lists the meetings of the event's programme that v may see, in slot order.
func (s *Service) Meetings(ctx context.Context, v *web.Viewer, eventID int64) (*Programme, []Meeting, error) {
	if v == nil {
		return nil, nil, fail.Unauthorized
	}
	if _, err := s.events.Event(ctx, v, eventID); err != nil {
		return nil, nil, err
	}
	p, err := programmeByEvent(ctx, s.db, eventID)
	if err != nil {
		return nil, nil, err
	}
	all, err := queryMeetings(ctx, s.db, `m.programme_id = ? ORDER BY m.slot IS NULL, m.slot, m.table_no, m.id`, p.ID)
	if err != nil || CanOrganise(v) {
		return p, all, err
	}
	mine, err := s.myProfileIDs(ctx, v, p.ID)
	if err != nil {
		return nil, nil, err
	}
	out := []Meeting{}
	for _, m := range all {
		if mine[m.Profiles[0]] || mine[m.Profiles[1]] {
			out = append(out, participantView(p, m))
		}
	}
	return p, out, nil
}

// Meeting returns one meeting to an organiser or to a member of either side.
func (s *Service) Meeting(ctx context.Context, v *web.Viewer, id int64) (*Programme, Meeting, error) {
	if v == nil {
		return nil, Meeting{}, fail.Unauthorized
	}
	m, err := meetingByID(ctx, s.db, id)
	if err != nil {
		return nil, Meeting{}, err
	}
	eventID, err := eventOfProgramme(ctx, s.db, m.ProgrammeID)
	if err != nil {
		return nil, Meeting{}, err
	}
	p, list, err := s.Meetings(ctx, v, eventID)
	if errors.Is(err, fail.NotFound) || errors.Is(err, fail.Forbidden) {
		return nil, Meeting{}, ErrNotFound
	}
	if err != nil {
		return nil, Meeting{}, err
	}
	for _, seen := range list {
		if seen.ID == id {
			return p, seen, nil
		}
	}
	return nil, Meeting{}, ErrNotFound
}

// participantView hides what a participant may not see yet: the place before publication
// and the organisers' working notes (lock, unplaced reason).
func participantView(p *Programme, m Meeting) Meeting {
	if !p.PlacementVisible() {
		m.Slot, m.Table = -1, 0
	}
	m.Locked, m.Unplaced = false, ""
	return m
}
