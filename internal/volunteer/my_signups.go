package volunteer

import (
	"context"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// MySignup is one of a volunteer's sign-ups as "my shifts" shows it.
type MySignup struct {
	Signup
	Shift     Shift
	Programme Programme // without roles and shifts
	RoleName  i18n.Text
	Position  int  // on the waiting list, from 1; 0 unless waiting
	CanChange bool // before the cancel deadline: cancel and swap are offered
	Past      bool // the shift has ended
	SwapTo    []Shift
}

// MySignups lists the viewer's sign-ups that are confirmed or waiting, soonest first, each
// with its programme, role, waiting-list position and the shifts a confirmed place could be
// swapped to.
func (s *Service) MySignups(ctx context.Context, v *web.Viewer) ([]MySignup, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	rows, err := db.Collect(ctx, s.db, scanSignup, `SELECT `+signupColumns+` FROM volunteer_signups
		WHERE user_id = ? AND status IN ('confirmed', 'waiting')`, v.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	programmes := map[int64]*Programme{}
	out := make([]MySignup, 0, len(rows))
	for _, su := range rows {
		sh, err := shiftByID(ctx, s.db, su.ShiftID)
		if err != nil {
			return nil, err
		}
		p, ok := programmes[sh.ProgrammeID]
		if !ok {
			if p, err = programmeByID(ctx, s.db, sh.ProgrammeID); err != nil {
				return nil, err
			}
			programmes[p.ID] = p
		}
		m := MySignup{Signup: su, Shift: *sh, Programme: *p, CanChange: now.Before(CancelDeadline(p, sh)),
			Past: !now.Before(sh.EndsAt)}
		m.Programme.Roles, m.Programme.Shifts = nil, nil
		for _, r := range p.Roles {
			if r.ID == sh.RoleID {
				m.RoleName = r.Name
			}
		}
		if su.Status == Waiting {
			if m.Position, err = waitingPosition(ctx, s.db, &su); err != nil {
				return nil, err
			}
		}
		if su.Status == Confirmed && m.CanChange {
			m.SwapTo = swapTargets(p, sh, now)
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b MySignup) int { return a.Shift.StartsAt.Compare(b.Shift.StartsAt) })
	return out, nil
}

// swapTargets are the shifts of the same role a confirmed place on sh could move to: open
// for sign-up, with a free place.
func swapTargets(p *Programme, sh *Shift, now time.Time) []Shift {
	var out []Shift
	for _, o := range p.Shifts {
		if o.ID != sh.ID && o.RoleID == sh.RoleID && o.Free() > 0 && now.Before(SignupDeadline(p, &o)) {
			out = append(out, o)
		}
	}
	return out
}
