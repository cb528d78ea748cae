package volunteer

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Cancelling and swapping. A confirmed place given up goes to the head of the waiting list
// in the same transaction, so the confirmed counter never lags and nobody overtakes.

// Cancel gives up a sign-up: the volunteer's own before the cancel deadline, or anyone's
// for a coordinator. Someone else's sign-up is not found, so its existence is not told.
func (s *Service) Cancel(ctx context.Context, v *web.Viewer, signupID int64) error {
	if v == nil {
		return fail.Unauthorized
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		su, p, sh, err := s.ownSignup(ctx, tx, v, signupID)
		if err != nil {
			return err
		}
		if su.Status == Cancelled {
			return nil // already given up: cancelling again changes nothing
		}
		if !canCoordinate(v) && !s.now().Before(CancelDeadline(p, sh)) {
			return refusal("signup", "volunteer.signups.error.cancel_closed")
		}
		return s.release(ctx, tx, su, sh)
	})
}

// ownSignup reads a sign-up the viewer may change, locking its shift.
func (s *Service) ownSignup(ctx context.Context, tx *db.Tx, v *web.Viewer, signupID int64) (*Signup, *Programme, *Shift, error) {
	su, err := signupByID(ctx, tx, signupID)
	if err == nil && su.UserID != v.ID && !canCoordinate(v) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, nil, nil, err
	}
	sh, err := lockShift(ctx, tx, su.ShiftID)
	if err != nil {
		return nil, nil, nil, err
	}
	// Re-read under the lock: a concurrent cancel or promotion may have changed it.
	if su, err = signupByID(ctx, tx, signupID); err != nil {
		return nil, nil, nil, err
	}
	p, err := programmeOnly(ctx, tx, sh.ProgrammeID)
	if err != nil {
		return nil, nil, nil, err
	}
	return su, p, sh, nil
}

// release marks a sign-up cancelled and, if it held a place, gives the place to the head
// of the waiting list. The shift must be locked.
func (s *Service) release(ctx context.Context, tx *db.Tx, su *Signup, sh *Shift) error {
	now := s.now()
	if err := setSignupStatus(ctx, tx, su.ID, Cancelled, now); err != nil {
		return err
	}
	if su.Status != Confirmed {
		return nil
	}
	if err := addConfirmed(ctx, tx, sh.ID, -1); err != nil {
		return err
	}
	sh.Confirmed--
	return s.promote(ctx, tx, sh)
}

// promote fills free places of a locked shift from its waiting list, in queue order.
func (s *Service) promote(ctx context.Context, tx *db.Tx, sh *Shift) error {
	for sh.Confirmed < sh.Places {
		next, err := firstWaiting(ctx, tx, sh.ID)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := setSignupStatus(ctx, tx, next.ID, Confirmed, s.now()); err != nil {
			return err
		}
		if err := addConfirmed(ctx, tx, sh.ID, 1); err != nil {
			return err
		}
		sh.Confirmed++
		next.Status = Confirmed
		if err := s.planConfirmed(ctx, tx, next, sh, mailPromoted); err != nil {
			return err
		}
	}
	return nil
}

// Swap moves the viewer's confirmed place to another shift of the same programme with a
// free place, before the cancel deadline of the one left and the sign-up deadline of the
// one taken, with every sign-up rule checked. Both shifts are locked in id order, so two
// swaps in opposite directions cannot deadlock.
func (s *Service) Swap(ctx context.Context, v *web.Viewer, signupID, toShiftID int64) (*Signup, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	var out *Signup
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.switchShift(ctx, tx, v, signupID, toShiftID, false)
		return err
	})
	return out, err
}

// switchShift moves a confirmed sign-up to another shift of its programme: the volunteer's
// swap (coordinatorMove false) or a coordinator's move.
func (s *Service) switchShift(ctx context.Context, tx *db.Tx, v *web.Viewer, signupID, toShiftID int64, coordinatorMove bool) (*Signup, error) {
	su, err := signupByID(ctx, tx, signupID)
	if err == nil && su.UserID != v.ID && !coordinatorMove {
		err = ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if su.ShiftID == toShiftID {
		return nil, refusal("to", "volunteer.signups.error.same_shift")
	}
	// Lock both shifts, lower id first.
	first, second := min(su.ShiftID, toShiftID), max(su.ShiftID, toShiftID)
	if _, err := lockShift(ctx, tx, first); err != nil {
		return nil, err
	}
	if _, err := lockShift(ctx, tx, second); err != nil {
		return nil, err
	}
	from, err := shiftByID(ctx, tx, su.ShiftID)
	if err != nil {
		return nil, err
	}
	to, err := shiftByID(ctx, tx, toShiftID)
	if errors.Is(err, ErrNotFound) || (err == nil && to.ProgrammeID != from.ProgrammeID) {
		return nil, refusal("to", "volunteer.signups.error.other_programme")
	}
	if err != nil {
		return nil, err
	}
	if su, err = signupByID(ctx, tx, signupID); err != nil {
		return nil, err
	}
	if su.Status != Confirmed && !(coordinatorMove && su.Status == Waiting) {
		return nil, refusal("signup", "volunteer.signups.error.not_confirmed")
	}
	p, err := programmeOnly(ctx, tx, from.ProgrammeID)
	if err != nil {
		return nil, err
	}
	if !coordinatorMove && !s.now().Before(CancelDeadline(p, from)) {
		return nil, refusal("signup", "volunteer.signups.error.cancel_closed")
	}
	pl := placement{userID: su.UserID, shiftID: to.ID, leaving: su.ID, mustConfirm: true, coordinator: canCoordinate(v)}
	if coordinatorMove {
		pl.assignedBy = v.ID
	}
	moved, err := s.place(ctx, tx, pl)
	if err != nil {
		return nil, err
	}
	return moved, s.release(ctx, tx, su, from)
}

// FillFreePlaces gives a shift's free places to its waiting list, in order, each promoted
// volunteer mailed: for when a coordinator raises a shift's places.
func (s *Service) FillFreePlaces(ctx context.Context, shiftID int64) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, err := lockShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		return s.promote(ctx, tx, sh)
	})
}
