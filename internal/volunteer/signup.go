package volunteer

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Signing up: one click for a signed-in volunteer. Every rule is checked in the one
// transaction that writes the place, with the shift's row locked, so two volunteers taking
// the last place at once cannot both get it and the confirmed counter stays equal to the
// confirmed rows.

// refusal is a sign-up refused for a reason the volunteer can act on; the field names what
// to fix: "signup" (the shift itself), "profile" (no birth date yet), "consent" (a guardian
// must consent first).
func refusal(field, key string) error { return fail.Fields{field: key} }

// NeedsProfile reports whether err asks the volunteer to tell their birth date first.
func NeedsProfile(err error) bool { return refusedOn(err, "profile") }

// NeedsConsent reports whether err asks for a guardian's consent first.
func NeedsConsent(err error) bool { return refusedOn(err, "consent") }

func refusedOn(err error, field string) bool {
	var f fail.Fields
	if !errors.As(err, &f) {
		return false
	}
	_, ok := f[field]
	return ok
}

// SignupDeadline is when signing up for sh closes: signup_close_hours before it starts; an
// ongoing need takes volunteers until it ends.
func SignupDeadline(p *Programme, sh *Shift) time.Time {
	if sh.Kind == Ongoing {
		return sh.EndsAt
	}
	return sh.StartsAt.Add(-time.Duration(p.SignupCloseHours) * time.Hour)
}

// CancelDeadline is when cancelling or swapping a place on sh closes for volunteers.
func CancelDeadline(p *Programme, sh *Shift) time.Time {
	if sh.Kind == Ongoing {
		return sh.EndsAt
	}
	return sh.StartsAt.Add(-time.Duration(p.CancelCloseHours) * time.Hour)
}

// SignUp puts the viewer on a shift: confirmed while places are free, else on the waiting
// list. Refused: a draft programme, after the sign-up deadline, below the minimum age or
// without a birth date, a minor without a guardian's consent, an overlapping shift of the
// same person, and signing up twice.
func (s *Service) SignUp(ctx context.Context, v *web.Viewer, shiftID int64) (*Signup, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	var out *Signup
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.place(ctx, tx, placement{userID: v.ID, shiftID: shiftID, coordinator: canCoordinate(v)})
		return err
	})
	return out, err
}

// placement is one person to be put on one shift.
type placement struct {
	userID, shiftID int64
	assignedBy      int64 // a coordinator placing someone: no deadline, mail "assigned"
	coordinator     bool  // the one placing may see drafts
	leaving         int64 // a sign-up being left in the same transaction (swap, move): no overlap with it
	mustConfirm     bool  // refuse rather than queue when the shift is full
}

// place runs the checks and writes the place; the caller's transaction commits it.
func (s *Service) place(ctx context.Context, tx *db.Tx, pl placement) (*Signup, error) {
	sh, err := lockShift(ctx, tx, pl.shiftID)
	if err != nil {
		return nil, err
	}
	p, err := programmeOnly(ctx, tx, sh.ProgrammeID)
	if err != nil {
		return nil, err
	}
	if !p.Published && !pl.coordinator {
		return nil, ErrNotFound
	}
	// The time is read after the lock: queue order is the order the places were written.
	now := s.now()
	if pl.assignedBy == 0 && !now.Before(SignupDeadline(p, sh)) {
		return nil, refusal("signup", "volunteer.signups.error.closed")
	}
	old, err := signupOf(ctx, tx, sh.ID, pl.userID)
	switch {
	case errors.Is(err, ErrNotFound):
		old = nil
	case err != nil:
		return nil, err
	case old.Status != Cancelled:
		return nil, refusal("signup", "volunteer.signups.error.already")
	}
	if err := s.checkPerson(ctx, tx, p, sh, pl.userID, pl.leaving); err != nil {
		return nil, err
	}
	su := &Signup{ShiftID: sh.ID, UserID: pl.userID, Status: Waiting, QueuedAt: now, AssignedBy: pl.assignedBy, UpdatedAt: now}
	if sh.Confirmed < sh.Places {
		su.Status = Confirmed
	} else if pl.mustConfirm {
		return nil, refusal("signup", "volunteer.signups.error.full")
	}
	if err := putSignup(ctx, tx, old, su); err != nil {
		return nil, err
	}
	if su.Status == Confirmed {
		if err := addConfirmed(ctx, tx, sh.ID, 1); err != nil {
			return nil, err
		}
		return su, s.planConfirmed(ctx, tx, su, sh, mailKindFor(pl))
	}
	return su, nil
}

func mailKindFor(pl placement) string {
	switch {
	case pl.assignedBy != 0 && pl.leaving != 0:
		return mailMoved
	case pl.assignedBy != 0:
		return mailAssigned
	}
	return mailConfirmed
}

// checkPerson applies the rules about the person: age, guardian consent, overlaps.
func (s *Service) checkPerson(ctx context.Context, tx *db.Tx, p *Programme, sh *Shift, userID, leaving int64) error {
	prof, err := profileOf(ctx, tx, userID)
	if errors.Is(err, ErrNotFound) || (err == nil && prof.BirthDate.IsZero()) {
		return refusal("profile", "volunteer.signups.error.profile_needed")
	}
	if err != nil {
		return err
	}
	age := prof.AgeOn(shiftDay(p, sh, s.now()))
	if p.MinAge > 0 && age < p.MinAge {
		return refusal("signup", "volunteer.signups.error.too_young")
	}
	if age < AdultAge {
		ok, err := hasConsent(ctx, tx, p.ID, userID)
		if err != nil {
			return err
		}
		if !ok {
			return refusal("consent", "volunteer.signups.error.consent_needed")
		}
	}
	return s.checkOverlap(ctx, tx, sh, userID, leaving)
}

// checkOverlap refuses a shift that takes the time of another the person is on.
func (s *Service) checkOverlap(ctx context.Context, tx *db.Tx, sh *Shift, userID, leaving int64) error {
	mine, err := activeShiftsOf(ctx, tx, userID)
	if err != nil {
		return err
	}
	var leavingShift int64
	if leaving != 0 {
		if su, err := signupByID(ctx, tx, leaving); err == nil {
			leavingShift = su.ShiftID
		}
	}
	for i := range mine {
		if mine[i].ID != sh.ID && mine[i].ID != leavingShift && sh.Overlaps(&mine[i]) {
			return refusal("signup", "volunteer.signups.error.overlap")
		}
	}
	return nil
}

// shiftDay is the day the age rules look at: the shift's first day in the programme's zone,
// or today for an ongoing need already running.
func shiftDay(p *Programme, sh *Shift, now time.Time) time.Time {
	day := sh.StartsAt
	if sh.Kind == Ongoing && now.After(day) {
		day = now
	}
	d := day.In(p.Location())
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}
