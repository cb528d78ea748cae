package project

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Filter is what the public tracker is narrowed by.
type Filter struct {
	Theme          string
	Status         ProjectStatus
	OrganisationID int64
	Year           int
	Query          string // folded like site search: "IZMIR" finds "İzmir"
}

// where is the filter as SQL conditions over projects; the same for the list, its count
// and the summary, so the numbers on top describe exactly the projects below.
func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Theme != "" {
		conds, args = append(conds, `(' ' || themes || ' ') LIKE ?`), append(args, "% "+likeEscape(f.Theme)+" %")
	}
	if f.Status != "" {
		conds, args = append(conds, `status = ?`), append(args, f.Status)
	}
	if f.OrganisationID != 0 {
		conds, args = append(conds, `organisation_id = ?`), append(args, f.OrganisationID)
	}
	if f.Year != 0 {
		conds, args = append(conds, `year = ?`), append(args, f.Year)
	}
	for _, w := range strings.Fields(text.Fold(f.Query)) {
		if w = likeEscape(w); w != "" {
			conds, args = append(conds, `folded LIKE ?`), append(args, "%"+w+"%")
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// likeEscape drops LIKE's wildcards from what a visitor typed: "%" must not match everything.
func likeEscape(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}

// ListProjects returns one page of the filtered tracker, newest change first, and how
// many projects match.
func (t *Tracker) ListProjects(ctx context.Context, f Filter, limit, offset int) ([]*Project, int, error) {
	where, args := f.where()
	var total int
	if err := t.db.QueryRow(ctx, `SELECT COUNT(*) FROM projects`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects`+where+
		` ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	return list, total, err
}

// Summary is the tracker's figures on top of the list.
type Summary struct {
	Total    int
	ByStatus map[ProjectStatus]int
	// Progress is the average of the projects' progress, each project counting once (a
	// budget-weighted figure would mix currencies and let one large project hide the rest).
	Progress int
	Budgets  []Budget // per currency, never converted
}

// Budget is what was planned and spent in one currency.
type Budget struct {
	Currency     string
	PlannedMinor int64
	SpentMinor   int64
}

// Delivered is the share of the planned budget spent, in percent.
func (b Budget) Delivered() int {
	if b.PlannedMinor <= 0 {
		return 0
	}
	return int(b.SpentMinor * 100 / b.PlannedMinor)
}

// SummaryQueries is how many queries Summarize runs, whatever the number of projects: the
// summary is one aggregate grouped by status and currency, never a query per project (a
// test and the benchmark count them).
const SummaryQueries = 1

// Summarize computes the figures for the projects f matches with SummaryQueries aggregate
// queries; at most four statuses times four currencies come back.
func (t *Tracker) Summarize(ctx context.Context, q db.Querier, f Filter) (*Summary, error) {
	where, args := f.where()
	type row struct {
		status         ProjectStatus
		currency       string
		n              int
		progress       int64
		planned, spent int64
	}
	rows, err := db.Collect(ctx, q, func(sc db.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.status, &r.currency, &r.n, &r.progress, &r.planned, &r.spent)
	}, `SELECT status, currency, COUNT(*), COALESCE(SUM(progress), 0), COALESCE(SUM(planned_minor), 0),
		COALESCE(SUM(spent_minor), 0) FROM projects`+where+` GROUP BY status, currency`, args...)
	if err != nil {
		return nil, err
	}
	s := &Summary{ByStatus: map[ProjectStatus]int{}}
	var progress int64
	budgets := map[string]*Budget{}
	for _, r := range rows {
		s.ByStatus[r.status] += r.n
		s.Total += r.n
		progress += r.progress
		b := budgets[r.currency]
		if b == nil {
			b = &Budget{Currency: r.currency}
			budgets[r.currency] = b
		}
		b.PlannedMinor += r.planned
		b.SpentMinor += r.spent
	}
	if s.Total > 0 {
		s.Progress = int(progress / int64(s.Total))
	}
	for _, c := range slices.Sorted(maps.Keys(budgets)) {
		s.Budgets = append(s.Budgets, *budgets[c])
	}
	return s, nil
}

// Page is one page of the public tracker with the summary of everything f matches; the
// summary's count is the list's total, so the page costs two queries.
func (t *Tracker) Page(ctx context.Context, f Filter, limit, offset int) ([]*Project, *Summary, error) {
	where, args := f.where()
	list, err := db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects`+where+
		` ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, nil, err
	}
	sum, err := t.Summarize(ctx, t.db, f)
	return list, sum, err
}

// Years lists the years projects start in, for the filter.
func (t *Tracker) Years(ctx context.Context) ([]int64, error) {
	return db.Int64s(ctx, t.db, `SELECT DISTINCT year FROM projects ORDER BY year DESC`)
}

// Leads lists the lead organisations of projects, for the filter.
func (t *Tracker) Leads(ctx context.Context) ([]Organisation, error) {
	ids, err := db.Int64s(ctx, t.db, `SELECT DISTINCT organisation_id FROM projects WHERE organisation_id IS NOT NULL`)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	orgs, err := t.dir.Organisations(ctx, ids)
	out := make([]Organisation, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, o)
	}
	return out, err
}
