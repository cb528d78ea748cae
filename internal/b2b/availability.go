package b2b

import (
	"context"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Availability: a participant marks the slots in which they cannot meet (another
// appointment, a flight). The scheduler and instant placement keep meetings out of them.
// Saving replaces the whole set, as the page shows one box per slot.

// Availability returns the caller's profile (orgID picks among several, as in MyProfile),
// the programme and the slots the profile cannot meet in, ascending.
func (s *Service) Availability(ctx context.Context, v *web.Viewer, eventID, orgID int64) (*Profile, *Programme, []int, error) {
	prof, err := s.MyProfile(ctx, v, eventID, orgID)
	if err != nil {
		return nil, nil, nil, err
	}
	_, p, err := s.Programme(ctx, v, eventID)
	if err != nil {
		return nil, nil, nil, err
	}
	slots, err := unavailableSlots(ctx, s.db, prof.ID)
	return prof, p, slots, err
}

// SetAvailability replaces the slots the caller's profile cannot meet in. A slot outside the
// programme, or one the participant already has a meeting in, is refused.
func (s *Service) SetAvailability(ctx context.Context, v *web.Viewer, eventID, orgID int64, slots []int) error {
	prof, err := s.MyProfile(ctx, v, eventID, orgID)
	if err != nil {
		return err
	}
	slots = slices.Compact(slices.Sorted(slices.Values(slots)))
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		// Under the lock, so an instant placement cannot slip into a slot being closed.
		p, err := lockProgrammeByID(ctx, tx, prof.ProgrammeID)
		if err != nil {
			return err
		}
		if err := checkUnavailable(ctx, tx, p, prof.ID, slots); err != nil {
			return err
		}
		return saveUnavailable(ctx, tx, prof.ID, slots)
	})
}

func checkUnavailable(ctx context.Context, q db.Querier, p *Programme, profileID int64, slots []int) error {
	n := p.SlotCount()
	for _, sl := range slots {
		if sl < 0 || sl >= n {
			return fail.Fields{"slots": "b2b.req.error.slot_unknown"}
		}
	}
	placed, err := placedMeetings(ctx, q, p.ID)
	if err != nil {
		return err
	}
	for _, m := range placed {
		if m.Has(profileID) && slices.Contains(slots, m.Slot) {
			return fail.Fields{"slots": "b2b.req.error.slot_has_meeting"}
		}
	}
	return nil
}

func unavailableSlots(ctx context.Context, q db.Querier, profileID int64) ([]int, error) {
	slots, err := db.Collect(ctx, q, func(s db.Scanner) (sl int, err error) { return sl, s.Scan(&sl) },
		`SELECT slot FROM b2b_unavailable WHERE profile_id = ? ORDER BY slot`, profileID)
	if slots == nil && err == nil {
		slots = []int{}
	}
	return slots, err
}

func saveUnavailable(ctx context.Context, q db.Querier, profileID int64, slots []int) error {
	if _, err := q.Exec(ctx, `DELETE FROM b2b_unavailable WHERE profile_id = ?`, profileID); err != nil {
		return err
	}
	for _, sl := range slots {
		if _, err := q.Exec(ctx, `INSERT INTO b2b_unavailable (profile_id, slot) VALUES (?, ?)`, profileID, sl); err != nil {
			return err
		}
	}
	return nil
}
