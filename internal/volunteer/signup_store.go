package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of sign-ups, profiles and guardian consents. Every write runs inside the caller's
// transaction, after the shift it counts against has been locked.

const signupColumns = `id, shift_id, user_id, status, queued_at, attendance, walk_in, COALESCE(assigned_by, 0),
	created_at, updated_at`

func scanSignup(s db.Scanner) (Signup, error) {
	var su Signup
	var status string
	var walkIn int
	err := s.Scan(&su.ID, &su.ShiftID, &su.UserID, &status, &su.QueuedAt, &su.Attendance, &walkIn, &su.AssignedBy,
		&su.CreatedAt, &su.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return su, ErrNotFound
	}
	su.Status, su.WalkIn = SignupStatus(status), walkIn == 1
	su.QueuedAt, su.CreatedAt, su.UpdatedAt = su.QueuedAt.UTC(), su.CreatedAt.UTC(), su.UpdatedAt.UTC()
	return su, err
}

func signupByID(ctx context.Context, q db.Querier, id int64) (*Signup, error) {
	su, err := scanSignup(q.QueryRow(ctx, `SELECT `+signupColumns+` FROM volunteer_signups WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &su, nil
}

// signupOf is a person's row on a shift, whatever its status; ErrNotFound if none.
func signupOf(ctx context.Context, q db.Querier, shiftID, userID int64) (*Signup, error) {
	su, err := scanSignup(q.QueryRow(ctx, `SELECT `+signupColumns+` FROM volunteer_signups WHERE shift_id = ? AND user_id = ?`, shiftID, userID))
	if err != nil {
		return nil, err
	}
	return &su, nil
}

// signupsOfShift lists a shift's sign-ups: confirmed first, then the waiting list in its
// order, then the cancelled ones.
func signupsOfShift(ctx context.Context, q db.Querier, shiftID int64) ([]Signup, error) {
	return db.Collect(ctx, q, scanSignup, `SELECT `+signupColumns+` FROM volunteer_signups WHERE shift_id = ?
		ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, queued_at, id`, shiftID)
}

// activeShiftsOf lists the shifts a person is confirmed or waiting on, for the overlap check.
func activeShiftsOf(ctx context.Context, q db.Querier, userID int64) ([]Shift, error) {
	return db.Collect(ctx, q, scanShift, `SELECT `+shiftColumnsOfS+` FROM volunteer_shifts s
		JOIN volunteer_signups u ON u.shift_id = s.id
		WHERE u.user_id = ? AND u.status IN ('confirmed', 'waiting') ORDER BY s.starts_at, s.id`, userID)
}

// putSignup writes a person's place on a shift: a new row, or their earlier cancelled row
// reused at the end of the queue.
func putSignup(ctx context.Context, tx *db.Tx, old *Signup, su *Signup) error {
	if old != nil {
		su.ID, su.CreatedAt = old.ID, old.CreatedAt
		_, err := tx.Exec(ctx, `UPDATE volunteer_signups SET status = ?, queued_at = ?, attendance = '', walk_in = 0,
			assigned_by = ?, updated_at = ? WHERE id = ?`, su.Status, su.QueuedAt, nullID(su.AssignedBy), su.UpdatedAt, su.ID)
		return err
	}
	su.CreatedAt = su.UpdatedAt
	return tx.WriteRow(ctx, `INSERT INTO volunteer_signups (shift_id, user_id, status, queued_at, assigned_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, su.ShiftID, su.UserID, su.Status, su.QueuedAt, nullID(su.AssignedBy),
		su.CreatedAt, su.UpdatedAt).Scan(&su.ID)
}

func setSignupStatus(ctx context.Context, tx *db.Tx, id int64, status SignupStatus, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE volunteer_signups SET status = ?, updated_at = ? WHERE id = ?`, status, now, id)
	return err
}

// addConfirmed moves a shift's confirmed counter by delta, in the sign-up's transaction.
func addConfirmed(ctx context.Context, tx *db.Tx, shiftID int64, delta int) error {
	_, err := tx.Exec(ctx, `UPDATE volunteer_shifts SET confirmed = confirmed + ? WHERE id = ?`, delta, shiftID)
	return err
}

// firstWaiting is the head of a shift's waiting list; ErrNotFound when it is empty.
func firstWaiting(ctx context.Context, q db.Querier, shiftID int64) (*Signup, error) {
	su, err := scanSignup(q.QueryRow(ctx, `SELECT `+signupColumns+` FROM volunteer_signups
		WHERE shift_id = ? AND status = 'waiting' ORDER BY queued_at, id LIMIT 1`, shiftID))
	if err != nil {
		return nil, err
	}
	return &su, nil
}

// waitingPosition is a waiting sign-up's place in its queue, counted from 1.
func waitingPosition(ctx context.Context, q db.Querier, su *Signup) (int, error) {
	var ahead int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = 'waiting'
		AND (queued_at < ? OR (queued_at = ? AND id < ?))`, su.ShiftID, su.QueuedAt, su.QueuedAt, su.ID).Scan(&ahead)
	return ahead + 1, err
}

// programmeOnly reads a programme without its roles and shifts.
func programmeOnly(ctx context.Context, q db.Querier, id int64) (*Programme, error) {
	return scanProgramme(q.QueryRow(ctx, `SELECT `+programmeColumns+` FROM volunteer_programmes WHERE id = ?`, id))
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// shiftColumnsOfS is shiftColumns qualified with the alias s, for joins.
const shiftColumnsOfS = `s.id, s.programme_id, s.role_id, s.kind, s.starts_at, s.ends_at, s.minutes, s.places, s.location,
	s.contact_name, s.contact_detail, s.confirmed, s.created_at`
