package volunteer

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// SQL that writes programmes, roles and shifts, and the lists the public and the
// coordinators see. Every write runs in the caller's transaction.

func insertProgramme(ctx context.Context, tx *db.Tx, in *ProgrammeInput, slug string, by int64, now time.Time) (int64, error) {
	from, to, _ := in.span()
	var id int64
	err := tx.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city,
		starts_at, ends_at, min_age, event_id, issuers, signup_close_hours, cancel_close_hours, published, created_by, created_at, updated_at)
		VALUES ((SELECT id FROM partnerships ORDER BY is_default DESC, id LIMIT 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		slug, in.Title, in.Description, in.Requirements, in.City, from, to, in.MinAge, progNullID(in.EventID), formatIDs(in.Issuers),
		in.SignupCloseHours, in.CancelCloseHours, progBool(in.Published), progNullID(by), now, now).Scan(&id)
	return id, err
}

func updateProgramme(ctx context.Context, tx *db.Tx, id int64, in *ProgrammeInput, now time.Time) error {
	from, to, _ := in.span()
	_, err := tx.Exec(ctx, `UPDATE volunteer_programmes SET title = ?, description = ?, requirements = ?, city = ?,
		starts_at = ?, ends_at = ?, min_age = ?, event_id = ?, issuers = ?, signup_close_hours = ?, cancel_close_hours = ?,
		published = ?, updated_at = ? WHERE id = ?`,
		in.Title, in.Description, in.Requirements, in.City, from, to, in.MinAge, progNullID(in.EventID), formatIDs(in.Issuers),
		in.SignupCloseHours, in.CancelCloseHours, progBool(in.Published), now, id)
	return err
}

// touchProgramme marks a programme changed when one of its roles or shifts is.
func touchProgramme(ctx context.Context, tx *db.Tx, id int64, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE volunteer_programmes SET updated_at = ? WHERE id = ?`, now, id)
	return err
}

// uniqueSlug is the slug of title, with -2, -3… added while another programme has it.
func uniqueSlug(ctx context.Context, tx *db.Tx, title string) (string, error) {
	base := text.Slug(title)
	if base == "" {
		base = "gonullu"
	}
	slug := base
	for n := 2; ; n++ {
		var taken int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_programmes WHERE slug = ?`, slug).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			return slug, nil
		}
		slug = base + "-" + strconv.Itoa(n)
	}
}

func insertRole(ctx context.Context, tx *db.Tx, programmeID int64, in *RoleInput) (int64, error) {
	var id int64
	err := tx.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description, languages)
		VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM volunteer_roles WHERE programme_id = ?), ?, ?, ?) RETURNING id`,
		programmeID, programmeID, in.Name, in.Description, strings.Join(in.Languages, " ")).Scan(&id)
	return id, err
}

func updateRole(ctx context.Context, tx *db.Tx, id int64, in *RoleInput) error {
	_, err := tx.Exec(ctx, `UPDATE volunteer_roles SET name = ?, description = ?, languages = ? WHERE id = ?`,
		in.Name, in.Description, strings.Join(in.Languages, " "), id)
	return err
}

func insertShift(ctx context.Context, tx *db.Tx, programmeID int64, in *ShiftInput, now time.Time) (int64, error) {
	var id int64
	err := tx.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, minutes, places,
		location, contact_name, contact_detail, confirmed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id`,
		programmeID, in.RoleID, string(in.Kind), in.StartsAt, in.EndsAt, in.Minutes, in.Places, in.Location, in.ContactName,
		in.ContactDetail, now).Scan(&id)
	return id, err
}

func updateShift(ctx context.Context, tx *db.Tx, id int64, in *ShiftInput) error {
	_, err := tx.Exec(ctx, `UPDATE volunteer_shifts SET role_id = ?, kind = ?, starts_at = ?, ends_at = ?, minutes = ?, places = ?,
		location = ?, contact_name = ?, contact_detail = ? WHERE id = ?`,
		in.RoleID, string(in.Kind), in.StartsAt, in.EndsAt, in.Minutes, in.Places, in.Location, in.ContactName, in.ContactDetail, id)
	return err
}

// confirmedOnRole counts the confirmed sign-ups on a role's shifts.
func confirmedOnRole(ctx context.Context, tx *db.Tx, roleID int64) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(confirmed), 0) FROM volunteer_shifts WHERE role_id = ?`, roleID).Scan(&n)
	return n, err
}

// publishedProgrammes reads every published programme that has not ended by now, with its
// roles and shifts, soonest first. A partnership runs a handful of programmes a year, so the
// public list filters them in Go, where each programme's own zone decides what a weekend
// and an evening are.
func publishedProgrammes(ctx context.Context, q db.Querier, now time.Time) ([]*Programme, error) {
	list, err := db.Collect(ctx, q, scanProgramme, `SELECT `+programmeColumns+` FROM volunteer_programmes
		WHERE published = 1 AND ends_at > ? ORDER BY starts_at, id`, now)
	if err != nil {
		return nil, err
	}
	return withParts(ctx, q, list)
}

func withParts(ctx context.Context, q db.Querier, list []*Programme) ([]*Programme, error) {
	for _, p := range list {
		var err error
		if p.Roles, err = rolesOf(ctx, q, p.ID); err != nil {
			return nil, err
		}
		if p.Shifts, err = shiftsOf(ctx, q, p.ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// ProgrammeRow is a programme in the coordinators' list with its counts.
type ProgrammeRow struct {
	Programme *Programme
	Roles     int
	Shifts    int
	Places    int
	Confirmed int
	Waiting   int
}

func adminRows(ctx context.Context, q db.Querier) ([]ProgrammeRow, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ProgrammeRow, error) {
		var r ProgrammeRow
		var p Programme
		var issuers string
		var published int
		err := s.Scan(&p.ID, &p.Slug, &p.Title, &p.Description, &p.Requirements, &p.City, &p.StartsAt, &p.EndsAt,
			&p.MinAge, &p.EventID, &issuers, &p.SignupCloseHours, &p.CancelCloseHours, &published, &p.CreatedBy,
			&p.CreatedAt, &p.UpdatedAt, &r.Roles, &r.Shifts, &r.Places, &r.Confirmed, &r.Waiting)
		p.Issuers, p.Published = parseIDs(issuers), published == 1
		p.StartsAt, p.EndsAt = p.StartsAt.UTC(), p.EndsAt.UTC()
		r.Programme = &p
		return r, err
	}, `SELECT `+programmeColumns+`,
		(SELECT COUNT(*) FROM volunteer_roles r WHERE r.programme_id = volunteer_programmes.id),
		(SELECT COUNT(*) FROM volunteer_shifts s WHERE s.programme_id = volunteer_programmes.id),
		(SELECT COALESCE(SUM(places), 0) FROM volunteer_shifts s WHERE s.programme_id = volunteer_programmes.id),
		(SELECT COALESCE(SUM(confirmed), 0) FROM volunteer_shifts s WHERE s.programme_id = volunteer_programmes.id),
		(SELECT COUNT(*) FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id
			WHERE s.programme_id = volunteer_programmes.id AND g.status = 'waiting')
		FROM volunteer_programmes ORDER BY starts_at DESC, id DESC`)
}

func progNullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func progBool(b bool) int {
	if b {
		return 1
	}
	return 0
}
