package project

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// An accepted proposal becomes a project on the tracker in the transaction that publishes
// its answer, so the public never sees an accepted proposal without its project.

// ProjectOfProposal returns the id of the project proposalID became, or ErrNotFound.
func (s *Service) ProjectOfProposal(ctx context.Context, proposalID int64) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT id FROM projects WHERE proposal_id = ?`, proposalID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// projectFromProposal creates p's project: not started, led by the proposing organisation,
// running over the activities' dates (or from today when there are none), with the budget in
// the proposal's main currency (the one with the largest total; currencies are never
// converted) and the expected results as indicators with nothing achieved yet. Like a
// project a coordinator creates, it starts its history and is found by the tracker's text
// filter and by site search at once (syncProject).
func (s *Service) projectFromProposal(ctx context.Context, tx *db.Tx, p *ReviewProposal, by int64) (int64, error) {
	acts, err := proposalActivities(ctx, tx, p.ID)
	if err != nil {
		return 0, err
	}
	lines, err := proposalBudget(ctx, tx, p.ID)
	if err != nil {
		return 0, err
	}
	now := s.now()
	starts, ends := activityRange(acts, now.Format("2006-01-02"))
	currency, planned := "TRY", int64(0)
	if totals := budgetTotals(lines); len(totals) > 0 {
		currency, planned = totals[0].Currency, totals[0].Amount
	}
	slug, err := freeProjectSlug(ctx, tx, p.Title.In("tr"))
	if err != nil {
		return 0, err
	}
	year := now.Year()
	if y, err := strconv.Atoi(starts[:min(4, len(starts))]); err == nil {
		year = y
	}
	in := ProjectInput{Slug: slug, Title: p.Title, Summary: p.Summary, Themes: strings.Fields(p.Themes),
		OrganisationID: p.OrganisationID, Status: NotStarted, StartsOn: starts, EndsOn: ends, Currency: currency, PlannedMinor: planned}
	id, err := insertProject(ctx, tx, p.PartnershipID, &in, p.ID, year, now)
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO project_indicators (project_id, position, name, unit, target, actual)
		SELECT ?, position, name, unit, target, 0 FROM proposal_indicators WHERE proposal_id = ?`, id, p.ID)
	if err == nil {
		err = writeHistory(ctx, tx, id, by, "created", "", slug, now)
	}
	if err == nil {
		err = s.syncProject(ctx, tx, id)
	}
	return id, err
}

// activityRange is the first start and the last end of the activities, today without any.
func activityRange(acts []ProposalActivity, today string) (string, string) {
	if len(acts) == 0 {
		return today, today
	}
	starts, ends := acts[0].StartsOn, acts[0].EndsOn
	for _, a := range acts[1:] {
		starts, ends = min(starts, a.StartsOn), max(ends, a.EndsOn)
	}
	return starts, max(starts, ends)
}

// freeProjectSlug folds the title into a slug no project has yet, numbering it when two
// projects share a title.
func freeProjectSlug(ctx context.Context, tx *db.Tx, title string) (string, error) {
	base := text.Slug(title)
	if base == "" {
		base = "proje"
	}
	for n := 1; ; n++ {
		slug := base
		if n > 1 {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		var taken int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM projects WHERE slug = ?`, slug).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			return slug, nil
		}
	}
}
