package volunteer

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Hours: volunteers on ongoing roles log the time they gave; coordinators approve or reject
// it (with a reason) in a queue, as they do the hours that attendance planned. Only approved
// hours count towards certificates and reports. Nobody decides on their own hours.

var (
	// ErrOwnHours refuses a coordinator deciding on their own hours.
	ErrOwnHours = fmt.Errorf("volunteer: own hours: %w", fail.Forbidden)
	// ErrHoursDecided refuses deciding again on hours already approved or rejected.
	ErrHoursDecided = fmt.Errorf("volunteer: hours already decided: %w", fail.Conflict)
)

// MaxHoursNote bounds the note a volunteer adds to logged hours.
const MaxHoursNote = 1000

// HoursInput is one entry a volunteer logs.
type HoursInput struct {
	ShiftID int64
	Day     string // YYYY-MM-DD
	Minutes int
	Note    string
}

// LoggableShift is an ongoing shift the volunteer is confirmed on, for the log form.
type LoggableShift struct {
	Shift
	Programme i18n.Text
	Role      i18n.Text
	Zone      *time.Location
}

// LoggableShifts lists the ongoing shifts v may log hours for.
func (s *Service) LoggableShifts(ctx context.Context, v *web.Viewer) ([]LoggableShift, error) {
	if v == nil {
		return nil, errHoursSignIn
	}
	return db.Collect(ctx, s.db, func(sc db.Scanner) (LoggableShift, error) {
		var ls LoggableShift
		var city string
		sh, err := scanShift(hoursScanWith{sc, []any{&ls.Programme, &ls.Role, &city}})
		ls.Shift, ls.Zone = sh, (&Programme{City: city}).Location()
		return ls, err
	}, `SELECT `+aliased("sh.", shiftColumns)+`, p.title, r.name, p.city
		FROM volunteer_signups su
		JOIN volunteer_shifts sh ON sh.id = su.shift_id
		JOIN volunteer_roles r ON r.id = sh.role_id
		JOIN volunteer_programmes p ON p.id = sh.programme_id
		WHERE su.user_id = ? AND su.status = ? AND sh.kind = ?
		ORDER BY sh.starts_at, sh.id`, v.ID, Confirmed, Ongoing)
}

// LogHours records hours v worked on an ongoing shift they are confirmed on, pending a
// coordinator's decision.
func (s *Service) LogHours(ctx context.Context, v *web.Viewer, in HoursInput) (*Hours, error) {
	if v == nil {
		return nil, errHoursSignIn
	}
	in.Note = strings.TrimSpace(in.Note)
	var h *Hours
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, p, err := s.workedShift(ctx, tx, v, in.ShiftID)
		if err != nil {
			return err
		}
		day, err := s.checkHours(ctx, tx, v, p, sh, in)
		if err != nil {
			return err
		}
		now := s.now()
		h = &Hours{ProgrammeID: p.ID, ShiftID: sh.ID, UserID: v.ID, WorkedOn: day, Minutes: in.Minutes, Note: in.Note,
			Status: HoursPending, LoggedBy: v.ID, CreatedAt: now}
		return tx.WriteRow(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, note, status,
			reason, logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?) RETURNING id`,
			p.ID, sh.ID, v.ID, day.Format(time.DateOnly), in.Minutes, in.Note, HoursPending, v.ID, now).Scan(&h.ID)
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// workedShift is an ongoing shift v is confirmed on, with its programme; any other shift is
// one they did not work, told as a field error (not a 404: the form offers only theirs).
func (s *Service) workedShift(ctx context.Context, tx *db.Tx, v *web.Viewer, shiftID int64) (*Shift, *Programme, error) {
	notWorked := fail.Fields{"shift_id": "volunteer.hours.log.not_worked"}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_signups su JOIN volunteer_shifts sh ON sh.id = su.shift_id
		WHERE su.shift_id = ? AND su.user_id = ? AND su.status = ? AND sh.kind = ?`, shiftID, v.ID, Confirmed, Ongoing).Scan(&n)
	if err != nil {
		return nil, nil, err
	}
	if n == 0 {
		return nil, nil, notWorked
	}
	sh, err := shiftByID(ctx, tx, shiftID)
	if err != nil {
		return nil, nil, err
	}
	p, err := programmeByID(ctx, tx, sh.ProgrammeID)
	return sh, p, err
}

// checkHours validates the entry's day and time and returns the day.
func (s *Service) checkHours(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Programme, sh *Shift, in HoursInput) (time.Time, error) {
	bad := fail.Fields{}
	loc := p.Location()
	day, err := time.Parse(time.DateOnly, strings.TrimSpace(in.Day))
	today, _ := time.Parse(time.DateOnly, s.now().In(loc).Format(time.DateOnly))
	first, _ := time.Parse(time.DateOnly, sh.StartsAt.In(loc).Format(time.DateOnly))
	last, _ := time.Parse(time.DateOnly, sh.EndsAt.In(loc).Format(time.DateOnly))
	switch {
	case err != nil:
		bad["day"] = "volunteer.hours.log.day_invalid"
	case day.After(today):
		bad["day"] = "volunteer.hours.log.day_future"
	case day.Before(first) || day.After(last):
		bad["day"] = "volunteer.hours.log.day_outside"
	}
	switch {
	case in.Minutes <= 0:
		bad["minutes"] = "volunteer.hours.log.minutes_positive"
	case in.Minutes > MaxMinutesPerDay:
		bad["minutes"] = "volunteer.hours.log.minutes_max"
	}
	if utf8.RuneCountInString(in.Note) > MaxHoursNote {
		bad["note"] = "form.too_long"
	}
	if len(bad) > 0 {
		return day, bad
	}
	// A day has 24 hours however many entries it is logged in.
	var logged int
	err = tx.QueryRow(ctx, `SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE user_id = ? AND worked_on = ? AND status <> ?`,
		v.ID, day.Format(time.DateOnly), HoursRejected).Scan(&logged)
	if err != nil {
		return day, err
	}
	if logged+in.Minutes > MaxMinutesPerDay {
		return day, fail.Fields{"minutes": "volunteer.hours.log.day_full"}
	}
	return day, nil
}

// WithdrawHours deletes hours v logged themselves while nobody has decided on them yet, for
// an entry made by mistake. Hours from attendance are the coordinator's record and stay.
func (s *Service) WithdrawHours(ctx context.Context, v *web.Viewer, id int64) error {
	if v == nil {
		return errHoursSignIn
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		h, err := hoursByID(ctx, tx, id, tx.ForUpdate())
		switch {
		case err != nil:
			return err
		case h.UserID != v.ID || h.SignupID != 0:
			return ErrNotFound
		case h.Status != HoursPending:
			return ErrHoursDecided
		}
		_, err = tx.Exec(ctx, `DELETE FROM volunteer_hours WHERE id = ?`, id)
		return err
	})
}

// MyHours lists v's own hours, newest day first.
func (s *Service) MyHours(ctx context.Context, v *web.Viewer) ([]HoursItem, error) {
	if v == nil {
		return nil, errHoursSignIn
	}
	return listHours(ctx, s.db, HoursFilter{UserID: v.ID}, 1000)
}

// ListHours lists hours: coordinators any, filtered; anyone else only their own.
func (s *Service) ListHours(ctx context.Context, v *web.Viewer, f HoursFilter) ([]HoursItem, error) {
	if v == nil {
		return nil, errHoursSignIn
	}
	if !canCoordinate(v) {
		f.UserID = v.ID
	}
	items, err := listHours(ctx, s.db, f, 1000)
	if err != nil || !canCoordinate(v) {
		return items, err
	}
	return items, s.namePeople(ctx, items)
}

// HoursQueue is the coordinators' approval queue: pending hours, oldest day first.
func (s *Service) HoursQueue(ctx context.Context, v *web.Viewer, programmeID int64) ([]HoursItem, error) {
	if err := requireHoursCoordinator(v); err != nil {
		return nil, err
	}
	items, err := listHours(ctx, s.db, HoursFilter{ProgrammeID: programmeID, Status: HoursPending}, 1000)
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
	return items, s.namePeople(ctx, items)
}

func (s *Service) namePeople(ctx context.Context, items []HoursItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.UserID
	}
	people, err := s.dir.Contacts(ctx, ids)
	for i := range items {
		items[i].Person = people[items[i].UserID].Name
	}
	return err
}

// SkippedHours is hours a bulk approval left alone, and why (ErrOwnHours, ErrHoursDecided,
// ErrNotFound).
type SkippedHours struct {
	ID  int64
	Err error
}

// ApproveHours approves the pending hours among ids in one transaction. Hours that are v's
// own, already decided or gone are skipped and returned; the rest are approved.
func (s *Service) ApproveHours(ctx context.Context, v *web.Viewer, ids []int64) (approved []int64, skipped []SkippedHours, err error) {
	if err := requireHoursCoordinator(v); err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 {
		return nil, nil, fail.Fields{"ids": "volunteer.hours.queue.choose"}
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		approved, skipped = nil, nil
		for _, id := range ids {
			h, err := s.decidable(ctx, tx, v, id)
			if err != nil {
				if !isHoursSkip(err) {
					return err
				}
				skipped = append(skipped, SkippedHours{ID: id, Err: err})
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE volunteer_hours SET status = ?, reason = '', decided_by = ?, decided_at = ? WHERE id = ?`,
				HoursApproved, v.ID, s.now(), h.ID); err != nil {
				return err
			}
			approved = append(approved, h.ID)
		}
		return nil
	})
	return approved, skipped, err
}

func isHoursSkip(err error) bool {
	return err == ErrOwnHours || err == ErrHoursDecided || err == ErrNotFound
}

// decidable locks pending hours that v may decide on.
func (s *Service) decidable(ctx context.Context, tx *db.Tx, v *web.Viewer, id int64) (Hours, error) {
	h, err := hoursByID(ctx, tx, id, tx.ForUpdate())
	switch {
	case err != nil:
		return h, err
	case h.UserID == v.ID:
		return h, ErrOwnHours
	case h.Status != HoursPending:
		return h, ErrHoursDecided
	}
	return h, nil
}

// MaxRejectReason bounds a rejection's reason.
const MaxRejectReason = 1000

// RejectHours rejects pending hours with a reason, which the volunteer is mailed.
func (s *Service) RejectHours(ctx context.Context, v *web.Viewer, id int64, reason string) error {
	if err := requireHoursCoordinator(v); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return fail.Fields{"reason": "volunteer.hours.reject.reason_required"}
	case utf8.RuneCountInString(reason) > MaxRejectReason:
		return fail.Fields{"reason": "form.too_long"}
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		h, err := s.decidable(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE volunteer_hours SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			HoursRejected, reason, v.ID, s.now(), h.ID); err != nil {
			return err
		}
		h.Status, h.Reason = HoursRejected, reason
		return s.mailRejection(ctx, tx, h)
	})
}

// ApproveOne approves one entry, telling why when it cannot (for the API).
func (s *Service) ApproveOne(ctx context.Context, v *web.Viewer, id int64) error {
	_, skipped, err := s.ApproveHours(ctx, v, []int64{id})
	if err == nil && len(skipped) > 0 {
		return skipped[0].Err
	}
	return err
}

// HoursByID returns one entry to its volunteer or a coordinator.
func (s *Service) HoursByID(ctx context.Context, v *web.Viewer, id int64) (*Hours, error) {
	if v == nil {
		return nil, errHoursSignIn
	}
	h, err := hoursByID(ctx, s.db, id, "")
	if err != nil {
		return nil, err
	}
	if h.UserID != v.ID && !canCoordinate(v) {
		return nil, ErrNotFound
	}
	return &h, nil
}
