package project

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// SQL of the tracker's tables. Lists of codes are space-separated, texts JSON.

const projectColumns = `id, partnership_id, COALESCE(proposal_id, 0), COALESCE(organisation_id, 0), slug, title, summary,
	themes, status, progress, starts_on, ends_on, currency, planned_minor, spent_minor, year, created_at, updated_at`

func scanProject(s db.Scanner) (*Project, error) {
	var p Project
	var themes string
	err := s.Scan(&p.ID, &p.PartnershipID, &p.ProposalID, &p.OrganisationID, &p.Slug, &p.Title, &p.Summary,
		&themes, &p.Status, &p.Progress, &p.StartsOn, &p.EndsOn, &p.Currency, &p.PlannedMinor, &p.SpentMinor,
		&p.Year, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	p.Themes = strings.Fields(themes)
	return &p, err
}

func projectByID(ctx context.Context, q db.Querier, id int64) (*Project, error) {
	return scanProject(q.QueryRow(ctx, `SELECT `+projectColumns+` FROM projects WHERE id = ?`, id))
}

func projectBySlug(ctx context.Context, q db.Querier, slug string) (*Project, error) {
	return scanProject(q.QueryRow(ctx, `SELECT `+projectColumns+` FROM projects WHERE slug = ?`, slug))
}

// folded is what the tracker's text filter searches: every language of title and summary.
func folded(in *ProjectInput) string {
	var parts []string
	for _, l := range i18n.Supported {
		parts = append(parts, in.Title.Get(l), in.Summary.Get(l))
	}
	return text.Fold(strings.Join(parts, " "))
}

// nullID stores the id 0 (none: no proposal, no organisation, no user as for the demo
// loader) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertProject writes a new project for partnershipID (0: the default partnership), born
// of proposalID (0: of none).
func insertProject(ctx context.Context, q db.Querier, partnershipID int64, in *ProjectInput, proposalID int64, year int, now any) (int64, error) {
	var id int64
	err := q.WriteRow(ctx, `INSERT INTO projects (partnership_id, proposal_id, organisation_id, slug, title, summary, themes,
		status, progress, starts_on, ends_on, currency, planned_minor, spent_minor, year, folded, created_at, updated_at)
		VALUES (COALESCE(?, (SELECT id FROM partnerships ORDER BY is_default DESC, id LIMIT 1)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		nullID(partnershipID), nullID(proposalID), nullID(in.OrganisationID), in.Slug, in.Title, in.Summary, strings.Join(in.Themes, " "),
		in.Status, in.Progress, in.StartsOn, in.EndsOn, in.Currency, in.PlannedMinor, in.SpentMinor, year, folded(in), now, now).Scan(&id)
	return id, err
}

func updateProject(ctx context.Context, q db.Querier, id int64, in *ProjectInput, year int, now any) error {
	_, err := q.Exec(ctx, `UPDATE projects SET organisation_id = ?, slug = ?, title = ?, summary = ?, themes = ?, status = ?,
		progress = ?, starts_on = ?, ends_on = ?, currency = ?, planned_minor = ?, spent_minor = ?, year = ?, folded = ?, updated_at = ?
		WHERE id = ?`,
		nullID(in.OrganisationID), in.Slug, in.Title, in.Summary, strings.Join(in.Themes, " "), in.Status, in.Progress,
		in.StartsOn, in.EndsOn, in.Currency, in.PlannedMinor, in.SpentMinor, year, folded(in), now, id)
	return err
}

func writeHistory(ctx context.Context, q db.Querier, projectID, userID int64, field, old, new string, now any) error {
	_, err := q.Exec(ctx, `INSERT INTO project_history (project_id, user_id, field, old_value, new_value, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, projectID, nullID(userID), field, old, new, now)
	return err
}

func touchProject(ctx context.Context, q db.Querier, id int64, now any) error {
	_, err := q.Exec(ctx, `UPDATE projects SET updated_at = ? WHERE id = ?`, now, id)
	return err
}

func loadMilestones(ctx context.Context, q db.Querier, projectID int64) ([]Milestone, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Milestone, error) {
		var m Milestone
		return m, s.Scan(&m.ID, &m.Title, &m.DueOn, &m.DoneOn)
	}, `SELECT id, title, due_on, done_on FROM project_milestones WHERE project_id = ? ORDER BY due_on, id`, projectID)
}

func loadIndicators(ctx context.Context, q db.Querier, projectID int64) ([]Indicator, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Indicator, error) {
		var i Indicator
		return i, s.Scan(&i.ID, &i.Name, &i.Unit, &i.Target, &i.Actual)
	}, `SELECT id, name, unit, target, actual FROM project_indicators WHERE project_id = ? ORDER BY position, id`, projectID)
}

func loadUpdates(ctx context.Context, q db.Querier, projectID int64, limit int) ([]Update, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Update, error) {
		var u Update
		var progress sql.NullInt64
		var media string
		err := s.Scan(&u.ID, &u.PostedOn, &u.Body, &progress, &media)
		if progress.Valid {
			p := int(progress.Int64)
			u.Progress = &p
		}
		u.MediaIDs = parseIDs(media)
		return u, err
	}, `SELECT id, posted_on, body, progress, media_ids FROM project_updates WHERE project_id = ?
		ORDER BY posted_on DESC, id DESC LIMIT ?`, projectID, limit)
}

func loadHistory(ctx context.Context, q db.Querier, projectID int64, limit int) ([]Change, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Change, error) {
		var c Change
		return c, s.Scan(&c.UserName, &c.Field, &c.Old, &c.New, &c.At)
	}, `SELECT COALESCE(u.name, ''), h.field, h.old_value, h.new_value, h.created_at
		FROM project_history h LEFT JOIN users u ON u.id = h.user_id
		WHERE h.project_id = ? ORDER BY h.id DESC LIMIT ?`, projectID, limit)
}

func loadLinkRefs(ctx context.Context, q db.Querier, projectID int64) (map[string][]int64, error) {
	type ref struct {
		kind string
		id   int64
	}
	refs, err := db.Collect(ctx, q, func(s db.Scanner) (ref, error) {
		var r ref
		return r, s.Scan(&r.kind, &r.id)
	}, `SELECT kind, ref_id FROM project_links WHERE project_id = ? ORDER BY kind, ref_id`, projectID)
	out := map[string][]int64{}
	for _, r := range refs {
		out[r.kind] = append(out[r.kind], r.id)
	}
	return out, err
}

func parseIDs(s string) []int64 {
	out := []int64{}
	for _, f := range strings.Fields(s) {
		var n int64
		for _, r := range f {
			n = n*10 + int64(r-'0')
		}
		out = append(out, n)
	}
	return out
}
