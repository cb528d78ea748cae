package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of programmes, roles and shifts: the reads every part of the module shares. Lists of
// codes and ids are space-separated, texts JSON through i18n.Text. The sign-up, hours and
// certificate parts keep their own SQL beside their rules.

const programmeColumns = `id, slug, title, description, requirements, city, starts_at, ends_at, min_age,
	COALESCE(event_id, 0), issuers, signup_close_hours, cancel_close_hours, published, COALESCE(created_by, 0),
	created_at, updated_at`

func scanProgramme(s db.Scanner) (*Programme, error) {
	var p Programme
	var issuers string
	var published int
	err := s.Scan(&p.ID, &p.Slug, &p.Title, &p.Description, &p.Requirements, &p.City, &p.StartsAt, &p.EndsAt,
		&p.MinAge, &p.EventID, &issuers, &p.SignupCloseHours, &p.CancelCloseHours, &published, &p.CreatedBy,
		&p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.Issuers, p.Published = parseIDs(issuers), published == 1
	p.StartsAt, p.EndsAt, p.CreatedAt, p.UpdatedAt = p.StartsAt.UTC(), p.EndsAt.UTC(), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// programmeWhere reads one programme with its roles and shifts.
func programmeWhere(ctx context.Context, q db.Querier, cond string, arg any) (*Programme, error) {
	p, err := scanProgramme(q.QueryRow(ctx, `SELECT `+programmeColumns+` FROM volunteer_programmes WHERE `+cond, arg))
	if err != nil {
		return nil, err
	}
	if p.Roles, err = rolesOf(ctx, q, p.ID); err != nil {
		return nil, err
	}
	p.Shifts, err = shiftsOf(ctx, q, p.ID)
	return p, err
}

func programmeByID(ctx context.Context, q db.Querier, id int64) (*Programme, error) {
	return programmeWhere(ctx, q, `id = ?`, id)
}

func programmeBySlug(ctx context.Context, q db.Querier, slug string) (*Programme, error) {
	return programmeWhere(ctx, q, `slug = ?`, slug)
}

const roleColumns = `id, programme_id, position, name, description, languages`

func scanRole(s db.Scanner) (Role, error) {
	var r Role
	var langs string
	err := s.Scan(&r.ID, &r.ProgrammeID, &r.Position, &r.Name, &r.Description, &langs)
	r.Languages = strings.Fields(langs)
	return r, err
}

func rolesOf(ctx context.Context, q db.Querier, programmeID int64) ([]Role, error) {
	return db.Collect(ctx, q, scanRole,
		`SELECT `+roleColumns+` FROM volunteer_roles WHERE programme_id = ? ORDER BY position, id`, programmeID)
}

const shiftColumns = `id, programme_id, role_id, kind, starts_at, ends_at, minutes, places, location,
	contact_name, contact_detail, confirmed, created_at`

func scanShift(s db.Scanner) (Shift, error) {
	var sh Shift
	var kind string
	err := s.Scan(&sh.ID, &sh.ProgrammeID, &sh.RoleID, &kind, &sh.StartsAt, &sh.EndsAt, &sh.Minutes, &sh.Places,
		&sh.Location, &sh.ContactName, &sh.ContactDetail, &sh.Confirmed, &sh.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return sh, ErrNotFound
	}
	sh.Kind = ShiftKind(kind)
	sh.StartsAt, sh.EndsAt, sh.CreatedAt = sh.StartsAt.UTC(), sh.EndsAt.UTC(), sh.CreatedAt.UTC()
	return sh, err
}

func shiftsOf(ctx context.Context, q db.Querier, programmeID int64) ([]Shift, error) {
	return db.Collect(ctx, q, scanShift,
		`SELECT `+shiftColumns+` FROM volunteer_shifts WHERE programme_id = ? ORDER BY starts_at, id`, programmeID)
}

func shiftByID(ctx context.Context, q db.Querier, id int64) (*Shift, error) {
	sh, err := scanShift(q.QueryRow(ctx, `SELECT `+shiftColumns+` FROM volunteer_shifts WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &sh, nil
}

// lockShift reads a shift for a write that depends on its places: on PostgreSQL the row is
// locked until the transaction ends; SQLite's transaction already holds the write lock.
func lockShift(ctx context.Context, tx *db.Tx, id int64) (*Shift, error) {
	sh, err := scanShift(tx.QueryRow(ctx, `SELECT `+shiftColumns+` FROM volunteer_shifts WHERE id = ?`+tx.ForUpdate(), id))
	if err != nil {
		return nil, err
	}
	return &sh, nil
}

func parseIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Fields(s) {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func formatIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}
