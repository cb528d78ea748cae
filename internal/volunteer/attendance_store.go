package volunteer

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of attendance: the sign-ups it reads and marks. (The sign-up part keeps its own reads
// beside its rules; these names carry "hours" so the two never collide.)

const hoursSignupColumns = `id, shift_id, user_id, status, queued_at, attendance, walk_in, COALESCE(assigned_by, 0),
	created_at, updated_at`

func scanHoursSignup(s db.Scanner) (*Signup, error) {
	var su Signup
	var status string
	var walkIn int
	err := s.Scan(&su.ID, &su.ShiftID, &su.UserID, &status, &su.QueuedAt, &su.Attendance, &walkIn, &su.AssignedBy,
		&su.CreatedAt, &su.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	su.Status, su.WalkIn = SignupStatus(status), walkIn == 1
	su.QueuedAt, su.CreatedAt, su.UpdatedAt = su.QueuedAt.UTC(), su.CreatedAt.UTC(), su.UpdatedAt.UTC()
	return &su, nil
}

// attendanceSignups lists the people confirmed on a shift in the order they came onto it.
func attendanceSignups(ctx context.Context, q db.Querier, shiftID int64) ([]Signup, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Signup, error) {
		su, err := scanHoursSignup(s)
		if err != nil {
			return Signup{}, err
		}
		return *su, nil
	}, `SELECT `+hoursSignupColumns+` FROM volunteer_signups WHERE shift_id = ? AND status = ? ORDER BY queued_at, id`,
		shiftID, Confirmed)
}
