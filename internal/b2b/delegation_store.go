package b2b

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of delegations. Dates are TEXT "YYYY-MM-DD" (a civil day, no zone to convert), texts
// are JSON through i18n.Text, sectors are space-separated codes.

const delegationColumns = `id, slug, direction, starts_on, ends_on, title, purpose, host, sectors, deadline, status, created_at, updated_at`

func scanDelegation(s db.Scanner) (*Delegation, error) {
	var d Delegation
	var dir, starts, ends, sectors, status string
	err := s.Scan(&d.ID, &d.Slug, &dir, &starts, &ends, &d.Title, &d.Purpose, &d.Host, &sectors, &d.Deadline, &status,
		&d.CreatedAt, &d.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	d.Direction, d.Status, d.Sectors = Direction(dir), DelegationStatus(status), strings.Fields(sectors)
	d.StartsOn, _ = time.Parse(time.DateOnly, starts)
	d.EndsOn, _ = time.Parse(time.DateOnly, ends)
	d.Deadline, d.CreatedAt, d.UpdatedAt = d.Deadline.UTC(), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return &d, nil
}

func delegationByID(ctx context.Context, q db.Querier, id int64) (*Delegation, error) {
	return scanDelegation(q.QueryRow(ctx, `SELECT `+delegationColumns+` FROM b2b_delegations WHERE id = ?`, id))
}

func delegationBySlug(ctx context.Context, q db.Querier, slug string) (*Delegation, error) {
	return scanDelegation(q.QueryRow(ctx, `SELECT `+delegationColumns+` FROM b2b_delegations WHERE slug = ?`, slug))
}

// listDelegations returns delegations by start date, the soonest first; drafts only when
// withDrafts.
func listDelegations(ctx context.Context, q db.Querier, withDrafts bool) ([]Delegation, error) {
	return db.Collect(ctx, q, byValue(scanDelegation), `SELECT `+delegationColumns+` FROM b2b_delegations
		WHERE ? = 1 OR status <> 'draft' ORDER BY starts_on, id`, delegationFlag(withDrafts))
}

func delegationFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// insertDelegation stores d; userID 0 (the demo loader) records no author.
func insertDelegation(ctx context.Context, q db.Querier, d *Delegation, userID int64) error {
	var author any
	if userID != 0 {
		author = userID
	}
	return q.WriteRow(ctx, `INSERT INTO b2b_delegations (slug, direction, starts_on, ends_on, title, purpose, host, sectors,
		deadline, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		d.Slug, d.Direction, d.StartsOn.Format(time.DateOnly), d.EndsOn.Format(time.DateOnly), d.Title, d.Purpose, d.Host,
		strings.Join(d.Sectors, " "), d.Deadline, d.Status, author, d.CreatedAt, d.UpdatedAt).Scan(&d.ID)
}

func updateDelegation(ctx context.Context, q db.Querier, d *Delegation) error {
	_, err := q.Exec(ctx, `UPDATE b2b_delegations SET slug = ?, direction = ?, starts_on = ?, ends_on = ?, title = ?, purpose = ?,
		host = ?, sectors = ?, deadline = ?, status = ?, updated_at = ? WHERE id = ?`,
		d.Slug, d.Direction, d.StartsOn.Format(time.DateOnly), d.EndsOn.Format(time.DateOnly), d.Title, d.Purpose, d.Host,
		strings.Join(d.Sectors, " "), d.Deadline, d.Status, d.UpdatedAt, d.ID)
	return err
}

// --- applications

const applicationColumns = `id, delegation_id, organisation_id, COALESCE(applicant_id, 0), email, locale, motivation, status,
	reason, created_at, updated_at`

func scanApplication(s db.Scanner) (*Application, error) {
	var a Application
	var status string
	err := s.Scan(&a.ID, &a.DelegationID, &a.OrganisationID, &a.ApplicantID, &a.Email, &a.Locale, &a.Motivation, &status,
		&a.Reason, &a.CreatedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	a.Status, a.CreatedAt, a.UpdatedAt = ApplicationStatus(status), a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

func applicationByID(ctx context.Context, q db.Querier, id int64) (*Application, error) {
	a, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+` FROM b2b_delegation_applications WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	a.Travellers, err = travellers(ctx, q, a.ID)
	return a, err
}

func applicationByOrg(ctx context.Context, q db.Querier, delegationID, orgID int64) (*Application, error) {
	a, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+` FROM b2b_delegation_applications
		WHERE delegation_id = ? AND organisation_id = ?`, delegationID, orgID))
	if err != nil {
		return nil, err
	}
	a.Travellers, err = travellers(ctx, q, a.ID)
	return a, err
}

// listApplications returns a delegation's applications in arrival order.
func listApplications(ctx context.Context, q db.Querier, delegationID int64) ([]Application, error) {
	out, err := db.Collect(ctx, q, byValue(scanApplication), `SELECT `+applicationColumns+` FROM b2b_delegation_applications WHERE delegation_id = ? ORDER BY id`, delegationID)
	for i := range out {
		if err == nil {
			out[i].Travellers, err = travellers(ctx, q, out[i].ID)
		}
	}
	return out, err
}

func travellers(ctx context.Context, q db.Querier, applicationID int64) ([]Traveller, error) {
	rows, err := q.Query(ctx, `SELECT t.user_id, u.name, t.passport_name, t.nationality FROM b2b_delegation_travellers t
		JOIN users u ON u.id = t.user_id WHERE t.application_id = ? ORDER BY t.user_id`, applicationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Traveller
	for rows.Next() {
		var t Traveller
		if err := rows.Scan(&t.UserID, &t.Name, &t.PassportName, &t.Nationality); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func insertApplication(ctx context.Context, q db.Querier, a *Application) error {
	err := q.WriteRow(ctx, `INSERT INTO b2b_delegation_applications (delegation_id, organisation_id, applicant_id, email, locale,
		motivation, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.DelegationID, a.OrganisationID, a.ApplicantID, a.Email, a.Locale, a.Motivation, a.Status, a.Reason,
		a.CreatedAt, a.UpdatedAt).Scan(&a.ID)
	if err != nil {
		return err
	}
	for _, t := range a.Travellers {
		if _, err := q.Exec(ctx, `INSERT INTO b2b_delegation_travellers (application_id, user_id, passport_name, nationality)
			VALUES (?, ?, ?, ?)`, a.ID, t.UserID, t.PassportName, t.Nationality); err != nil {
			return err
		}
	}
	return nil
}

// decideApplication moves a pending application to status; it reports false when the
// application was decided meanwhile, so two coordinators cannot both decide it.
func decideApplication(ctx context.Context, q db.Querier, a *Application) (bool, error) {
	res, err := q.Exec(ctx, `UPDATE b2b_delegation_applications SET status = ?, reason = ?, updated_at = ?
		WHERE id = ? AND status = 'pending'`, a.Status, a.Reason, a.UpdatedAt, a.ID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// markDecisionMailed records that the application's decision is being mailed; false when it
// was mailed before (a job run again after a crash).
func markDecisionMailed(ctx context.Context, q db.Querier, id int64) (bool, error) {
	res, err := q.Exec(ctx, `UPDATE b2b_delegation_applications SET mailed_status = status
		WHERE id = ? AND status <> 'pending' AND mailed_status <> status`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// --- members

const memberColumns = `id, delegation_id, user_id, COALESCE(organisation_id, 0), name, passport_name, nationality, role, created_at`

func scanMember(s db.Scanner) (*Member, error) {
	var m Member
	var role string
	err := s.Scan(&m.ID, &m.DelegationID, &m.UserID, &m.OrganisationID, &m.Name, &m.PassportName, &m.Nationality, &role, &m.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	m.Role, m.CreatedAt = MemberRole(role), m.CreatedAt.UTC()
	return &m, nil
}

func memberByID(ctx context.Context, q db.Querier, id int64) (*Member, error) {
	return scanMember(q.QueryRow(ctx, `SELECT `+memberColumns+` FROM b2b_delegation_members WHERE id = ?`, id))
}

func memberByUser(ctx context.Context, q db.Querier, delegationID, userID int64) (*Member, error) {
	return scanMember(q.QueryRow(ctx, `SELECT `+memberColumns+` FROM b2b_delegation_members WHERE delegation_id = ? AND user_id = ?`,
		delegationID, userID))
}

// listMembers returns the delegation's members, heads first, then by name as stored order.
func listMembers(ctx context.Context, q db.Querier, delegationID int64) ([]Member, error) {
	return db.Collect(ctx, q, byValue(scanMember), `SELECT `+memberColumns+` FROM b2b_delegation_members WHERE delegation_id = ? ORDER BY id`, delegationID)
}

func insertMember(ctx context.Context, q db.Querier, m *Member) error {
	var org any
	if m.OrganisationID != 0 {
		org = m.OrganisationID
	}
	return q.WriteRow(ctx, `INSERT INTO b2b_delegation_members (delegation_id, user_id, organisation_id, name, passport_name,
		nationality, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.DelegationID, m.UserID, org, m.Name, m.PassportName, m.Nationality, m.Role, m.CreatedAt).Scan(&m.ID)
}

func setMemberRole(ctx context.Context, q db.Querier, id int64, role MemberRole) error {
	_, err := q.Exec(ctx, `UPDATE b2b_delegation_members SET role = ? WHERE id = ?`, role, id)
	return err
}

func deleteMember(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, `DELETE FROM b2b_delegation_members WHERE id = ?`, id)
	return err
}

// --- itinerary

const itemColumns = `id, delegation_id, kind, starts_at, ends_at, place, title, description, restricted`

func scanItem(s db.Scanner) (*Item, error) {
	var it Item
	var kind string
	var restricted int
	err := s.Scan(&it.ID, &it.DelegationID, &kind, &it.StartsAt, &it.EndsAt, &it.Place, &it.Title, &it.Description, &restricted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	it.Kind, it.StartsAt, it.EndsAt, it.restricted = ItemKind(kind), it.StartsAt.UTC(), it.EndsAt.UTC(), restricted == 1
	return &it, nil
}

func itemByID(ctx context.Context, q db.Querier, id int64) (*Item, error) {
	it, err := scanItem(q.QueryRow(ctx, `SELECT `+itemColumns+` FROM b2b_delegation_items WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	it.Members, err = itemMembers(ctx, q, it.ID)
	return it, err
}

// listItems returns the whole itinerary in time order, with each item's members.
func listItems(ctx context.Context, q db.Querier, delegationID int64) ([]Item, error) {
	out, err := db.Collect(ctx, q, byValue(scanItem), `SELECT `+itemColumns+` FROM b2b_delegation_items WHERE delegation_id = ? ORDER BY starts_at, id`, delegationID)
	for i := range out {
		if err == nil {
			out[i].Members, err = itemMembers(ctx, q, out[i].ID)
		}
	}
	return out, err
}

func itemMembers(ctx context.Context, q db.Querier, itemID int64) ([]int64, error) {
	return db.Int64s(ctx, q, `SELECT member_id FROM b2b_delegation_item_members WHERE item_id = ? ORDER BY member_id`, itemID)
}

// saveItem inserts (ID 0) or updates an item; it is restricted exactly when saved with members.
func saveItem(ctx context.Context, q db.Querier, it *Item) error {
	var err error
	it.restricted = len(it.Members) > 0
	restricted := delegationFlag(it.restricted)
	if it.ID == 0 {
		err = q.WriteRow(ctx, `INSERT INTO b2b_delegation_items (delegation_id, kind, starts_at, ends_at, place, title, description,
			restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, it.DelegationID, it.Kind, it.StartsAt, it.EndsAt, it.Place,
			it.Title, it.Description, restricted).Scan(&it.ID)
	} else {
		_, err = q.Exec(ctx, `UPDATE b2b_delegation_items SET kind = ?, starts_at = ?, ends_at = ?, place = ?, title = ?,
			description = ?, restricted = ? WHERE id = ?`, it.Kind, it.StartsAt, it.EndsAt, it.Place, it.Title, it.Description,
			restricted, it.ID)
	}
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `DELETE FROM b2b_delegation_item_members WHERE item_id = ?`, it.ID); err != nil {
		return err
	}
	for _, id := range it.Members {
		if _, err := q.Exec(ctx, `INSERT INTO b2b_delegation_item_members (item_id, member_id) VALUES (?, ?)`, it.ID, id); err != nil {
			return err
		}
	}
	return nil
}

func deleteItem(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, `DELETE FROM b2b_delegation_items WHERE id = ?`, id)
	return err
}
