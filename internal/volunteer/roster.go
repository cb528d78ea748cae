package volunteer

import (
	"context"
	"encoding/csv"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The roster of a shift, for coordinators: who is confirmed, who waits (in order), who
// cancelled; assigning people and moving them between shifts with the same conflict checks
// a volunteer's own sign-up gets.

// RosterEntry is one person on a shift.
type RosterEntry struct {
	Signup
	Name, Email string
	Minor       bool // under 18 on the shift's day
	Consent     bool // a guardian's consent is recorded (matters for minors)
	Position    int  // on the waiting list, from 1
}

// Roster is a shift with its people.
type Roster struct {
	Programme *Programme
	Shift     *Shift
	RoleName  string
	Confirmed []RosterEntry
	Waiting   []RosterEntry
	Cancelled []RosterEntry
	MoveTo    []Shift // the programme's other shifts
}

// Roster reads a shift's roster; coordinators only.
func (s *Service) Roster(ctx context.Context, v *web.Viewer, shiftID int64) (*Roster, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	sh, err := shiftByID(ctx, s.db, shiftID)
	if err != nil {
		return nil, err
	}
	p, err := programmeByID(ctx, s.db, sh.ProgrammeID)
	if err != nil {
		return nil, err
	}
	rows, err := signupsOfShift(ctx, s.db, shiftID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, su := range rows {
		ids[i] = su.UserID
	}
	contacts, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	r := &Roster{Programme: p, Shift: sh}
	for _, o := range p.Shifts {
		if o.ID != sh.ID {
			r.MoveTo = append(r.MoveTo, o)
		}
	}
	day := shiftDay(p, sh, s.now())
	for _, su := range rows {
		e := RosterEntry{Signup: su, Name: contacts[su.UserID].Name, Email: contacts[su.UserID].Email}
		if prof, err := profileOf(ctx, s.db, su.UserID); err == nil && !prof.BirthDate.IsZero() {
			e.Minor = prof.AgeOn(day) < AdultAge
		}
		if e.Consent, err = hasConsent(ctx, s.db, p.ID, su.UserID); err != nil {
			return nil, err
		}
		switch su.Status {
		case Confirmed:
			r.Confirmed = append(r.Confirmed, e)
		case Waiting:
			e.Position = len(r.Waiting) + 1
			r.Waiting = append(r.Waiting, e)
		default:
			r.Cancelled = append(r.Cancelled, e)
		}
	}
	return r, nil
}

func requireCoordinator(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !canCoordinate(v) {
		return ErrForbidden
	}
	return nil
}

// Assign puts a person on a shift for a coordinator: no deadline applies, every other rule
// does. A full shift puts them on the waiting list, which the returned status says.
func (s *Service) Assign(ctx context.Context, v *web.Viewer, shiftID, userID int64) (*Signup, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	var out *Signup
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.place(ctx, tx, placement{userID: userID, shiftID: shiftID, assignedBy: v.ID, coordinator: true})
		return err
	})
	return out, err
}

// Move moves a confirmed or waiting sign-up to another shift of the same programme for a
// coordinator; the shift taken must have a free place and must not overlap another shift
// of the person's.
func (s *Service) Move(ctx context.Context, v *web.Viewer, signupID, toShiftID int64) (*Signup, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	var out *Signup
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.switchShift(ctx, tx, v, signupID, toShiftID, true)
		return err
	})
	return out, err
}

// SignupShift is the shift a sign-up is on, for coordinators' pages that go back to it.
func (s *Service) SignupShift(ctx context.Context, v *web.Viewer, signupID int64) (int64, error) {
	su, err := signupByID(ctx, s.db, signupID)
	if err == nil && su.UserID != v.ID && !canCoordinate(v) {
		err = ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return su.ShiftID, nil
}

// WriteRosterCSV writes a roster into cw with the header in lang's words (t translates).
func WriteRosterCSV(cw *csv.Writer, r *Roster, t func(key string, args ...any) string) error {
	_ = cw.Write([]string{t("volunteer.signups.roster.col.status"), t("volunteer.signups.roster.col.position"),
		t("volunteer.signups.roster.col.name"), t("volunteer.signups.roster.col.email"),
		t("volunteer.signups.roster.col.minor"), t("volunteer.signups.roster.col.consent"), t("volunteer.signups.roster.col.since")})
	yes := func(b bool) string {
		if b {
			return t("volunteer.signups.yes")
		}
		return ""
	}
	for _, group := range [][]RosterEntry{r.Confirmed, r.Waiting, r.Cancelled} {
		for _, e := range group {
			pos := ""
			if e.Position > 0 {
				pos = strconv.Itoa(e.Position)
			}
			_ = cw.Write([]string{t("volunteer.signups.status." + string(e.Status)), pos, sheet.Cell(e.Name), e.Email,
				yes(e.Minor), yes(e.Consent), e.QueuedAt.Format("2006-01-02 15:04:05Z")})
		}
	}
	cw.Flush()
	return cw.Error()
}
