package project

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// countingQuerier counts the statements a call sends to the database.
type countingQuerier struct {
	*db.DB
	n int
}

func (c *countingQuerier) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n++
	return c.DB.Query(ctx, q, args...)
}

func (c *countingQuerier) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	c.n++
	return c.DB.QueryRow(ctx, q, args...)
}

// trackerSample puts four projects on the tracker: two in TRY, one in AZN, one cancelled.
func trackerSample(t *testing.T, f *trackerFixture) {
	t.Helper()
	fest := festivalInput() // in progress 40%, youth culture, 2026, TRY 500000 / 125000, association
	fest.OrganisationID = f.assoc
	f.project(t, fest)
	forum := festivalInput()
	forum.Slug, forum.Title.TR, forum.Title.AZ, forum.Title.EN = "is-forumu", "İZMİR Limanı İş Forumu", "", ""
	forum.Summary.TR = "Azerbaycanlı iş insanları için liman ve sanayi bölgeleri."
	forum.Themes, forum.Status, forum.Progress = []string{"trade"}, Completed, 100
	forum.PlannedMinor, forum.SpentMinor, forum.OrganisationID = 20_000_000, 20_000_000, f.muni
	f.project(t, forum)
	azn := festivalInput()
	azn.Slug, azn.Currency, azn.PlannedMinor, azn.SpentMinor, azn.Progress = "baki-mektebleri", "AZN", 1_000_000, 250_000, 10
	azn.Title.TR, azn.Title.AZ, azn.Title.EN = "", "Bakı məktəbləri ilə mübadilə", ""
	azn.Themes, azn.StartsOn, azn.EndsOn = []string{"education"}, "2027-02-01", "2027-06-30"
	f.project(t, azn)
	gone := festivalInput()
	gone.Slug, gone.Status, gone.Progress, gone.PlannedMinor, gone.SpentMinor = "iptal", Cancelled, 0, 0, 0
	f.project(t, gone)
}

func TestTrackerFiltersAndSummary(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		trackerSample(t, f)
		for _, c := range []struct {
			name string
			f    Filter
			want int
		}{
			{"all", Filter{}, 4}, {"theme", Filter{Theme: "trade"}, 1}, {"theme culture", Filter{Theme: "culture"}, 2},
			{"status", Filter{Status: Completed}, 1}, {"year", Filter{Year: 2027}, 1}, {"partner", Filter{OrganisationID: f.assoc}, 1},
			{"folded text", Filter{Query: "izmir limani"}, 1}, {"azerbaijani letters", Filter{Query: "MƏKTƏB"}, 1},
			{"dotless i", Filter{Query: "İŞ İNSANLARI"}, 1}, {"nothing", Filter{Query: "podcast"}, 0},
			{"combined", Filter{Theme: "culture", Status: InProgress, Year: 2026}, 1},
			{"wildcard theme", Filter{Theme: "%"}, 0}, {"wildcard text is no word", Filter{Query: "% _"}, 4},
		} {
			list, total, err := f.tr.ListProjects(ctx, c.f, 20, 0)
			if err != nil {
				t.Fatal(err)
			}
			if total != c.want || len(list) != c.want {
				t.Errorf("%s: %d projects (total %d), want %d", c.name, len(list), total, c.want)
			}
		}
		sum, err := f.tr.Summarize(ctx, d, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Total != 4 || sum.ByStatus[InProgress] != 2 || sum.ByStatus[Completed] != 1 || sum.ByStatus[Cancelled] != 1 {
			t.Errorf("by status %+v", sum)
		}
		if sum.Progress != (40+100+10+0)/4 {
			t.Errorf("progress %d, want the average 37", sum.Progress)
		}
		want := []Budget{{"AZN", 1_000_000, 250_000}, {"TRY", 70_000_000, 32_500_000}}
		if fmt.Sprint(sum.Budgets) != fmt.Sprint(want) || sum.Budgets[0].Delivered() != 25 || sum.Budgets[1].Delivered() != 46 {
			t.Errorf("budgets %+v, want %+v", sum.Budgets, want)
		}
		page, total, err := f.tr.ListProjects(ctx, Filter{}, 3, 3)
		if err != nil || total != 4 || len(page) != 1 {
			t.Errorf("second page: %d of %d (%v)", len(page), total, err)
		}
	})
}

// The summary is a fixed number of aggregate queries, however many projects there are.
func TestSummaryQueriesDoNotGrowWithProjects(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		counts := []int{}
		for round := range 2 {
			for i := range 1 + round*20 {
				in := festivalInput()
				in.Slug = fmt.Sprintf("proje-%d-%d", round, i)
				f.project(t, in)
			}
			cq := &countingQuerier{DB: d}
			if _, err := f.tr.Summarize(ctx, cq, Filter{Theme: "youth"}); err != nil {
				t.Fatal(err)
			}
			counts = append(counts, cq.n)
		}
		if counts[0] != SummaryQueries || counts[1] != SummaryQueries {
			t.Errorf("queries with 1 and 22 projects: %v, want %d each", counts, SummaryQueries)
		}
	})
}
