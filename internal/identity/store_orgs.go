package identity

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

func insertOrganisation(ctx context.Context, q db.Querier, o *Organisation, now time.Time) error {
	err := q.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, city, country, website, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, o.Slug, o.Name, o.Kind, o.City, o.Country, o.Website, now, now).Scan(&o.ID)
	if db.IsUniqueViolation(err) {
		return ErrSlugTaken
	}
	return err
}

func updateOrganisation(ctx context.Context, q db.Querier, o *Organisation, now time.Time) error {
	res, err := q.Exec(ctx, `UPDATE organisations SET name = ?, kind = ?, city = ?, country = ?, website = ?, updated_at = ? WHERE id = ?`,
		o.Name, o.Kind, o.City, o.Country, o.Website, now, o.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const orgColumns = `o.id, o.slug, o.name, o.kind, o.city, o.country, o.website`

func organisationByID(ctx context.Context, q db.Querier, id int64) (*Organisation, error) {
	var o Organisation
	err := q.QueryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id).
		Scan(&o.ID, &o.Slug, &o.Name, &o.Kind, &o.City, &o.Country, &o.Website)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &o, err
}

func organisationsByID(ctx context.Context, q db.Querier, ids []int64) (map[int64]Organisation, error) {
	out := map[int64]Organisation{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := q.Query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o Organisation
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name, &o.Kind, &o.City, &o.Country, &o.Website); err != nil {
			return nil, err
		}
		out[o.ID] = o
	}
	return out, rows.Err()
}

func listOrganisations(ctx context.Context, q db.Querier) ([]Organisation, error) {
	rows, err := q.Query(ctx, `SELECT `+orgColumns+`, (SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = o.id)
		FROM organisations o ORDER BY o.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		var o Organisation
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name, &o.Kind, &o.City, &o.Country, &o.Website, &o.Members); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func insertMembership(ctx context.Context, q db.Querier, orgID, userID int64, role string, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`, orgID, userID, role, now)
	if db.IsUniqueViolation(err) {
		return ErrAlreadyMember
	}
	return err
}

func deleteMembership(ctx context.Context, q db.Querier, orgID, userID int64) error {
	res, err := q.Exec(ctx, `DELETE FROM memberships WHERE organisation_id = ? AND user_id = ?`, orgID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func memberRole(ctx context.Context, q db.Querier, orgID, userID int64) (string, error) {
	var role string
	err := q.QueryRow(ctx, `SELECT role FROM memberships WHERE organisation_id = ? AND user_id = ?`, orgID, userID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return role, err
}

// memberships lists either an organisation's members (orgID > 0) or a user's organisations.
func memberships(ctx context.Context, q db.Querier, orgID, userID int64) ([]Membership, error) {
	where, arg := `m.organisation_id = ?`, orgID
	if orgID == 0 {
		where, arg = `m.user_id = ?`, userID
	}
	rows, err := q.Query(ctx, `SELECT m.organisation_id, o.name, o.slug, m.user_id, u.name, u.email, m.role
		FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id
		WHERE `+where+` ORDER BY o.name, u.name`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.OrganisationID, &m.OrgName, &m.OrgSlug, &m.UserID, &m.UserName, &m.UserEmail, &m.Role); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
