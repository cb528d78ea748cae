package volunteer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Attendance: after (or just before) a shift a coordinator ticks who came. "All attended"
// first, then the exceptions, saved in one transaction. Attending a fixed or window shift
// is worth the shift's time, so it plans pending hours for the approval queue; marking the
// person absent again withdraws hours that nobody has decided on yet.

// AttendanceLead is how long before a shift starts attendance may be recorded: people
// arrive early and coordinators tick them at the gate.
const AttendanceLead = 15 * time.Minute

// People finds an account by its address, for walk-ins. The app's Directory implements it.
type People interface {
	VolunteerByEmail(ctx context.Context, email string) (Contact, error)
}

// AttendanceRow is one confirmed person on a shift's attendance sheet.
type AttendanceRow struct {
	Signup Signup
	Name   string
	Email  string
	Hours  *Hours // the hours the attendance planned, if any
}

// AttendanceSheet is a shift with the people confirmed on it.
type AttendanceSheet struct {
	Programme *Programme
	Shift     *Shift
	Role      Role
	Rows      []AttendanceRow
	OpensAt   time.Time // attendance can be recorded from then on
	Open      bool
}

// AttendanceInput is one save of the sheet: AllAttended marks everyone attended, then
// Marks (sign-up id → attended or absent) record the exceptions, and WalkIns (account
// addresses) add people who came without signing up.
type AttendanceInput struct {
	AllAttended bool
	Marks       map[int64]string
	WalkIns     []string
}

// requireHoursCoordinator lets coordinators through; anyone else is asked to sign in or refused.
func requireHoursCoordinator(v *web.Viewer) error {
	if v == nil {
		return errHoursSignIn
	}
	if !canCoordinate(v) {
		return ErrForbidden
	}
	return nil
}

var errHoursSignIn = fmt.Errorf("volunteer: %w", fail.Unauthorized)

// Attendance returns the attendance sheet of a shift, for coordinators.
func (s *Service) Attendance(ctx context.Context, v *web.Viewer, shiftID int64) (*AttendanceSheet, error) {
	if err := requireHoursCoordinator(v); err != nil {
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
	sheet := &AttendanceSheet{Programme: p, Shift: sh, OpensAt: sh.StartsAt.Add(-AttendanceLead)}
	sheet.Open = !s.now().Before(sheet.OpensAt)
	for _, r := range p.Roles {
		if r.ID == sh.RoleID {
			sheet.Role = r
		}
	}
	if sheet.Rows, err = s.attendanceRows(ctx, sh.ID); err != nil {
		return nil, err
	}
	return sheet, nil
}

func (s *Service) attendanceRows(ctx context.Context, shiftID int64) ([]AttendanceRow, error) {
	signups, err := attendanceSignups(ctx, s.db, shiftID)
	if err != nil || len(signups) == 0 {
		return nil, err
	}
	ids := make([]int64, len(signups))
	for i, su := range signups {
		ids[i] = su.UserID
	}
	people, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	hours, err := hoursOfShift(ctx, s.db, shiftID)
	if err != nil {
		return nil, err
	}
	rows := make([]AttendanceRow, len(signups))
	for i, su := range signups {
		rows[i] = AttendanceRow{Signup: su, Name: people[su.UserID].Name, Email: people[su.UserID].Email}
		for j := range hours {
			if hours[j].SignupID == su.ID {
				rows[i].Hours = &hours[j]
			}
		}
	}
	return rows, nil
}

// RecordAttendance saves the sheet and returns how many people it marked.
func (s *Service) RecordAttendance(ctx context.Context, v *web.Viewer, shiftID int64, in AttendanceInput) (int, error) {
	if err := requireHoursCoordinator(v); err != nil {
		return 0, err
	}
	for _, mark := range in.Marks {
		if mark != Attended && mark != Absent && mark != "" {
			return 0, fail.Fields{"attendance": "form.choice"}
		}
	}
	var walkIns []Contact
	for _, email := range in.WalkIns {
		c, err := s.walkInContact(ctx, email, "walk_ins")
		if err != nil {
			return 0, err
		}
		walkIns = append(walkIns, c)
	}
	marked := 0
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, p, err := s.attendanceShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		if marked, err = s.applyMarks(ctx, tx, v, p, sh, in); err != nil {
			return err
		}
		for _, c := range walkIns {
			if _, err := s.walkIn(ctx, tx, v, p, sh, c.UserID); err != nil {
				return err
			}
			marked++
		}
		return nil
	})
	return marked, err
}

// applyMarks records "all attended" and the exceptions for the people confirmed on sh.
func (s *Service) applyMarks(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Programme, sh *Shift, in AttendanceInput) (int, error) {
	signups, err := attendanceSignups(ctx, tx, sh.ID)
	if err != nil {
		return 0, err
	}
	onShift := map[int64]bool{}
	for _, su := range signups {
		onShift[su.ID] = true
	}
	for id := range in.Marks {
		if !onShift[id] {
			return 0, fail.Fields{"attendance": "volunteer.hours.attendance.not_on_shift"}
		}
	}
	marked := 0
	for _, su := range signups {
		mark := in.Marks[su.ID]
		if mark == "" && in.AllAttended {
			mark = Attended
		}
		if mark == "" {
			continue
		}
		if err := s.markAttendance(ctx, tx, v, p, sh, su.ID, su.UserID, mark); err != nil {
			return 0, err
		}
		marked++
	}
	return marked, nil
}

// attendanceShift locks a shift whose attendance may be recorded now, with its programme.
func (s *Service) attendanceShift(ctx context.Context, tx *db.Tx, shiftID int64) (*Shift, *Programme, error) {
	sh, err := lockShift(ctx, tx, shiftID)
	if err != nil {
		return nil, nil, err
	}
	if s.now().Before(sh.StartsAt.Add(-AttendanceLead)) {
		return nil, nil, fail.Fields{"attendance": "volunteer.hours.attendance.too_early"}
	}
	p, err := programmeByID(ctx, tx, sh.ProgrammeID)
	return sh, p, err
}

// markAttendance records one person's attendance and keeps their shift hours in step.
func (s *Service) markAttendance(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Programme, sh *Shift, signupID, userID int64, mark string) error {
	now := s.now()
	if _, err := tx.Exec(ctx, `UPDATE volunteer_signups SET attendance = ?, updated_at = ? WHERE id = ?`, mark, now, signupID); err != nil {
		return err
	}
	if mark == Absent {
		// Decided hours change only through the approval queue.
		_, err := tx.Exec(ctx, `DELETE FROM volunteer_hours WHERE signup_id = ? AND status = ?`, signupID, HoursPending)
		return err
	}
	minutes := sh.WorkMinutes()
	if sh.Kind == Ongoing || minutes <= 0 {
		return nil // ongoing work is logged by the volunteer
	}
	minutes = min(minutes, MaxMinutesPerDay)
	day := sh.StartsAt.In(p.Location()).Format(time.DateOnly)
	res, err := tx.Exec(ctx, `UPDATE volunteer_hours SET minutes = ?, worked_on = ? WHERE signup_id = ? AND status = ?`,
		minutes, day, signupID, HoursPending)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	var exists int
	err = tx.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_hours WHERE signup_id = ?`, signupID).Scan(&exists)
	if err != nil || exists > 0 {
		return err // already decided: left as the queue settled it
	}
	_, err = tx.Exec(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, signup_id, worked_on, minutes, note,
		status, reason, logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, '', ?, ?)`,
		p.ID, sh.ID, userID, signupID, day, minutes, HoursPending, v.ID, now)
	return err
}

// AddWalkIn puts a person who came without signing up on the shift, as attended. A walk-in
// may exceed the places (they are already there); the confirmed count follows the rows.
func (s *Service) AddWalkIn(ctx context.Context, v *web.Viewer, shiftID int64, email string) (*Signup, error) {
	if err := requireHoursCoordinator(v); err != nil {
		return nil, err
	}
	c, err := s.walkInContact(ctx, email, "email")
	if err != nil {
		return nil, err
	}
	var su *Signup
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, p, err := s.attendanceShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		su, err = s.walkIn(ctx, tx, v, p, sh, c.UserID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return su, nil
}

// walkIn places a person on the shift and marks them attended.
func (s *Service) walkIn(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Programme, sh *Shift, userID int64) (*Signup, error) {
	su, err := s.placeWalkIn(ctx, tx, v, sh, userID)
	if err != nil {
		return nil, err
	}
	su.Attendance = Attended
	return su, s.markAttendance(ctx, tx, v, p, sh, su.ID, su.UserID, Attended)
}

// walkInContact finds the account a walk-in is added by; a bad or unknown address fails field.
func (s *Service) walkInContact(ctx context.Context, email, field string) (Contact, error) {
	email = strings.TrimSpace(email)
	switch {
	case email == "":
		return Contact{}, fail.Fields{field: "form.required"}
	case !web.IsEmail(email):
		return Contact{}, fail.Fields{field: "form.email"}
	}
	finder, ok := s.dir.(People)
	if !ok {
		return Contact{}, errors.New("volunteer: the directory cannot find people by address")
	}
	c, err := finder.VolunteerByEmail(ctx, email)
	if errors.Is(err, fail.NotFound) {
		return Contact{}, fail.Fields{field: "volunteer.hours.walkin.no_account"}
	}
	return c, err
}

// placeWalkIn makes the person's sign-up confirmed: a new walk-in row, or their waiting or
// cancelled row turned into one. Someone already confirmed stays as they are.
func (s *Service) placeWalkIn(ctx context.Context, tx *db.Tx, v *web.Viewer, sh *Shift, userID int64) (*Signup, error) {
	now := s.now()
	su, err := scanHoursSignup(tx.QueryRow(ctx, `SELECT `+hoursSignupColumns+` FROM volunteer_signups WHERE shift_id = ? AND user_id = ?`, sh.ID, userID))
	switch {
	case errors.Is(err, ErrNotFound):
		su = &Signup{ShiftID: sh.ID, UserID: userID, Status: Confirmed, QueuedAt: now, WalkIn: true, AssignedBy: v.ID, CreatedAt: now, UpdatedAt: now}
		err = tx.WriteRow(ctx, `INSERT INTO volunteer_signups (shift_id, user_id, status, queued_at, attendance, walk_in, assigned_by,
			created_at, updated_at) VALUES (?, ?, ?, ?, '', 1, ?, ?, ?) RETURNING id`,
			sh.ID, userID, Confirmed, now, v.ID, now, now).Scan(&su.ID)
	case err != nil:
		return nil, err
	case su.Status == Confirmed:
		return su, nil
	default:
		su.Status, su.WalkIn, su.AssignedBy, su.UpdatedAt = Confirmed, true, v.ID, now
		_, err = tx.Exec(ctx, `UPDATE volunteer_signups SET status = ?, walk_in = 1, assigned_by = ?, updated_at = ? WHERE id = ?`,
			Confirmed, v.ID, now, su.ID)
	}
	if err != nil {
		return nil, err
	}
	_, err = tx.Exec(ctx, `UPDATE volunteer_shifts SET confirmed = confirmed + 1 WHERE id = ?`, sh.ID)
	return su, err
}
