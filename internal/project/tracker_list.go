package project

import (
	"context"
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
		conds, args = append(conds, `(' ' || themes || ' ') LIKE ?`), append(args, "% "+f.Theme+" %")
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
		conds, args = append(conds, `folded LIKE ?`), append(args, "%"+likeEscape(w)+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

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
// summary is two aggregates, never a query per project (the benchmark counts them).
const SummaryQueries = 2

// Summarize computes the figures for the projects f matches with SummaryQueries aggregate
// queries.
func (t *Tracker) Summarize(ctx context.Context, q db.Querier, f Filter) (*Summary, error) {
	where, args := f.where()
	s := &Summary{ByStatus: map[ProjectStatus]int{}}
	type row struct {
		status   ProjectStatus
		n        int
		progress int64
	}
	rows, err := db.Collect(ctx, q, func(sc db.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.status, &r.n, &r.progress)
	}, `SELECT status, COUNT(*), COALESCE(SUM(progress), 0) FROM projects`+where+` GROUP BY status`, args...)
	if err != nil {
		return nil, err
	}
	var progress int64
	for _, r := range rows {
		s.ByStatus[r.status] = r.n
		s.Total += r.n
		progress += r.progress
	}
	if s.Total > 0 {
		s.Progress = int(progress / int64(s.Total))
	}
	s.Budgets, err = db.Collect(ctx, q, func(sc db.Scanner) (Budget, error) {
		var b Budget
		return b, sc.Scan(&b.Currency, &b.PlannedMinor, &b.SpentMinor)
	}, `SELECT currency, COALESCE(SUM(planned_minor), 0), COALESCE(SUM(spent_minor), 0) FROM projects`+where+
		` GROUP BY currency ORDER BY currency`, args...)
	return s, err
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
