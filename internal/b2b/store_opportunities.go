package b2b

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const oppColumns = `o.id, o.programme_id, o.profile_id, p.organisation_id, o.kind, o.category, o.title, o.description,
	o.sectors, o.countries, o.created_at, o.updated_at`

func scanOpportunity(s db.Scanner) (*Opportunity, error) {
	var o Opportunity
	var kind, cat, sectors, countries string
	err := s.Scan(&o.ID, &o.ProgrammeID, &o.ProfileID, &o.OrganisationID, &kind, &cat, &o.Title, &o.Description,
		&sectors, &countries, &o.CreatedAt, &o.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	o.Kind, o.Category = OpportunityKind(kind), Category(cat)
	o.Sectors, o.Countries = strings.Fields(sectors), strings.Fields(countries)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, nil
}

func opportunityByID(ctx context.Context, q db.Querier, id int64) (*Opportunity, error) {
	return scanOpportunity(q.QueryRow(ctx, `SELECT `+oppColumns+` FROM b2b_opportunities o
		JOIN b2b_profiles p ON p.id = o.profile_id WHERE o.id = ?`, id))
}

// listOpportunities returns the programme's opportunities posted by validated participants,
// newest first.
func listOpportunities(ctx context.Context, q db.Querier, programmeID int64) ([]Opportunity, error) {
	return db.Collect(ctx, q, byValue(scanOpportunity), `SELECT `+oppColumns+` FROM b2b_opportunities o JOIN b2b_profiles p ON p.id = o.profile_id
		WHERE o.programme_id = ? AND p.status = ? ORDER BY o.id DESC`, programmeID, string(Validated))
}

func insertOpportunity(ctx context.Context, q db.Querier, o *Opportunity, userID int64) error {
	return q.WriteRow(ctx, `INSERT INTO b2b_opportunities (programme_id, profile_id, kind, category, title, description,
		sectors, countries, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		o.ProgrammeID, o.ProfileID, o.Kind, o.Category, o.Title, o.Description, strings.Join(o.Sectors, " "),
		strings.Join(o.Countries, " "), userID, o.CreatedAt, o.UpdatedAt).Scan(&o.ID)
}

func updateOpportunity(ctx context.Context, q db.Querier, o *Opportunity) error {
	_, err := q.Exec(ctx, `UPDATE b2b_opportunities SET kind = ?, category = ?, title = ?, description = ?, sectors = ?,
		countries = ?, updated_at = ? WHERE id = ?`, o.Kind, o.Category, o.Title, o.Description, strings.Join(o.Sectors, " "),
		strings.Join(o.Countries, " "), o.UpdatedAt, o.ID)
	return err
}

func deleteOpportunity(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, `DELETE FROM b2b_opportunities WHERE id = ?`, id)
	return err
}
