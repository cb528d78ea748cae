package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// SQL of hours. worked_on is a YYYY-MM-DD day in the programme's zone; such strings sort
// and compare like the days they name, which the reports' date range relies on.

const hoursColumns = `h.id, h.programme_id, h.shift_id, h.user_id, COALESCE(h.signup_id, 0), h.worked_on, h.minutes, h.note,
	h.status, h.reason, COALESCE(h.logged_by, 0), COALESCE(h.decided_by, 0), h.decided_at, h.created_at`

func scanHours(s db.Scanner, extra ...any) (Hours, error) {
	var h Hours
	var day, status string
	var decided sql.NullTime
	dest := append([]any{&h.ID, &h.ProgrammeID, &h.ShiftID, &h.UserID, &h.SignupID, &day, &h.Minutes, &h.Note,
		&status, &h.Reason, &h.LoggedBy, &h.DecidedBy, &decided, &h.CreatedAt}, extra...)
	err := s.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return h, ErrNotFound
	}
	if err != nil {
		return h, err
	}
	h.WorkedOn, _ = time.Parse(time.DateOnly, day)
	h.Status, h.CreatedAt = HoursStatus(status), h.CreatedAt.UTC()
	if decided.Valid {
		h.DecidedAt = decided.Time.UTC()
	}
	return h, nil
}

func hoursByID(ctx context.Context, q db.Querier, id int64, lock string) (Hours, error) {
	return scanHours(q.QueryRow(ctx, `SELECT `+hoursColumns+` FROM volunteer_hours h WHERE h.id = ?`+lock, id))
}

func hoursOfShift(ctx context.Context, q db.Querier, shiftID int64) ([]Hours, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Hours, error) { return scanHours(s) },
		`SELECT `+hoursColumns+` FROM volunteer_hours h WHERE h.shift_id = ? ORDER BY h.id`, shiftID)
}

// HoursItem is hours with what a list shows beside them.
type HoursItem struct {
	Hours
	Programme  i18n.Text
	City       string
	Role       i18n.Text
	Kind       ShiftKind
	ShiftStart time.Time
	Person     string // filled for coordinators' lists
}

// HoursFilter narrows a list of hours.
type HoursFilter struct {
	ProgrammeID int64
	Status      HoursStatus // "": any
	UserID      int64       // 0: anyone
}

func listHours(ctx context.Context, q db.Querier, f HoursFilter, limit int) ([]HoursItem, error) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.ProgrammeID != 0 {
		where, args = where+` AND h.programme_id = ?`, append(args, f.ProgrammeID)
	}
	if f.Status != "" {
		where, args = where+` AND h.status = ?`, append(args, f.Status)
	}
	if f.UserID != 0 {
		where, args = where+` AND h.user_id = ?`, append(args, f.UserID)
	}
	return db.Collect(ctx, q, func(s db.Scanner) (HoursItem, error) {
		var it HoursItem
		var kind string
		h, err := scanHours(s, &it.Programme, &it.City, &it.Role, &kind, &it.ShiftStart)
		it.Hours, it.Kind, it.ShiftStart = h, ShiftKind(kind), it.ShiftStart.UTC()
		return it, err
	}, `SELECT `+hoursColumns+`, p.title, p.city, r.name, sh.kind, sh.starts_at
		FROM volunteer_hours h
		JOIN volunteer_shifts sh ON sh.id = h.shift_id
		JOIN volunteer_roles r ON r.id = sh.role_id
		JOIN volunteer_programmes p ON p.id = h.programme_id`+where+`
		ORDER BY h.worked_on DESC, h.id DESC LIMIT `+strconv.Itoa(limit), args...)
}

// hoursScanWith scans a row's leading columns into a scanner's targets and extra after them.
type hoursScanWith struct {
	db.Scanner
	extra []any
}

func (s hoursScanWith) Scan(dest ...any) error { return s.Scanner.Scan(append(dest, s.extra...)...) }

// aliased qualifies a list of columns with a table alias.
func aliased(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
