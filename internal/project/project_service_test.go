package project

import (
	"errors"
	"strconv"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

func TestParseMoney(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"12.500,50", 1_250_050, true}, {"12500.50", 1_250_050, true}, {"12,500.5", 1_250_050, true},
		{"12.500", 1_250_000, true}, {"7", 700, true}, {"", 0, true}, {"0,05", 5, true},
		{"-100", 0, false}, {"abc", 0, false}, {"1,234.567", 0, false}, {"12a", 0, false},
	} {
		got, ok := ParseMoney(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestCoordinatorCreatesAndEditsAProjectWithHistory(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		in := festivalInput()
		in.OrganisationID = f.assoc
		if _, err := f.tr.CreateProject(ctx, f.member, in); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member created a project: %v", err)
		}
		if _, err := f.tr.CreateProject(ctx, nil, in); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous created a project: %v", err)
		}
		p := f.project(t, in)
		if p.Slug != "izmir-baku-genclik-festivali" || p.ProposalID != 0 || p.Year != 2026 {
			t.Fatalf("created %+v", p)
		}

		edit := p.ProjectInput
		edit.Status, edit.Progress, edit.SpentMinor = Completed, 100, 49_000_000
		if _, err := f.tr.UpdateProject(ctx, f.member, p.ID, edit); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member edited a project: %v", err)
		}
		if _, err := f.tr.UpdateProject(ctx, f.coordinator, p.ID, edit); err != nil {
			t.Fatal(err)
		}
		got := map[string]Change{}
		for _, c := range f.history(t, p.ID) {
			got[c.Field] = c
		}
		for field, want := range map[string][2]string{"status": {"in_progress", "completed"}, "progress": {"40", "100"},
			"spent": {"125000.00", "490000.00"}, "created": {"", p.Slug}} {
			if c := got[field]; c.Old != want[0] || c.New != want[1] || c.UserName != "Koordinatör Ofisi" {
				t.Errorf("history %s = %+v, want %v by the coordinator", field, c, want)
			}
		}
		if len(got) != 4 {
			t.Errorf("history has %d fields, want 4 (nothing for unchanged fields): %v", len(got), got)
		}
	})
}

func TestBadProjectInputIsRefusedField(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		in := festivalInput()
		in.PlannedMinor, in.Progress, in.Currency, in.EndsOn, in.OrganisationID = -1, 120, "GBP", "2025-01-01", 999_999
		_, err := f.tr.CreateProject(ctx, f.coordinator, in)
		var fields fail.Fields
		if !errors.As(err, &fields) {
			t.Fatalf("err = %v, want field errors", err)
		}
		for _, k := range []string{"planned", "progress", "currency", "ends_on"} {
			if fields[k] == "" {
				t.Errorf("no error for %s: %v", k, fields)
			}
		}
		in = festivalInput()
		in.OrganisationID = 999_999
		if _, err := f.tr.CreateProject(ctx, f.coordinator, in); !errors.As(err, &fields) || fields["organisation_id"] == "" {
			t.Errorf("unknown organisation: %v", err)
		}
		f.project(t, festivalInput())
		if _, err := f.tr.CreateProject(ctx, f.coordinator, festivalInput()); !errors.As(err, &fields) || fields["slug"] != "project.tracker.error.slug_taken" {
			t.Errorf("second project at the same address: %v", err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM projects`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d projects stored (%v), want 1", n, err)
		}
	})
}

func TestIndicatorsMilestonesAndOwnership(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		fest := f.project(t, festivalInput())
		other := festivalInput()
		other.Slug = "baku-is-forumu"
		forum := f.project(t, other)
		iid, err := f.tr.AddIndicator(ctx, f.coordinator, fest.ID, Indicator{Name: i18nTR("Katılımcı"), Unit: "kişi", Target: 500})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.tr.SetIndicatorActual(ctx, f.coordinator, forum.ID, iid, 320); !errors.Is(err, fail.NotFound) {
			t.Fatalf("actual through another project: %v", err)
		}
		if err := f.tr.SetIndicatorActual(ctx, f.member, fest.ID, iid, 320); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member set an actual: %v", err)
		}
		if err := f.tr.SetIndicatorActual(ctx, f.coordinator, fest.ID, iid, -3); err == nil {
			t.Fatal("a negative actual was accepted")
		}
		if err := f.tr.SetIndicatorActual(ctx, f.coordinator, fest.ID, iid, 320); err != nil {
			t.Fatal(err)
		}
		mid, err := f.tr.AddMilestone(ctx, f.coordinator, fest.ID, Milestone{Title: i18nTR("Program açıklandı"), DueOn: "2026-05-01"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.tr.SetMilestoneDone(ctx, f.coordinator, forum.ID, mid, "2026-04-28"); !errors.Is(err, fail.NotFound) {
			t.Fatalf("milestone through another project: %v", err)
		}
		if err := f.tr.SetMilestoneDone(ctx, f.coordinator, fest.ID, mid, "2026-04-28"); err != nil {
			t.Fatal(err)
		}
		det, err := f.tr.ProjectDetail(ctx, nil, fest)
		if err != nil {
			t.Fatal(err)
		}
		if len(det.Indicators) != 1 || det.Indicators[0].Actual != 320 || det.Indicators[0].Percent() != 64 {
			t.Errorf("indicators %+v", det.Indicators)
		}
		if len(det.Milestones) != 1 || det.Milestones[0].DoneOn != "2026-04-28" {
			t.Errorf("milestones %+v", det.Milestones)
		}
		if h := f.history(t, forum.ID); len(h) != 1 {
			t.Errorf("the other project's history changed: %+v", h)
		}
		if len(det.History) != 5 || det.History[0].Old != "" || det.History[0].New != "2026-04-28" {
			t.Errorf("history %+v", det.History)
		}
	})
}

func TestProjectsAreFoundInSiteSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		p := f.project(t, festivalInput())
		hits, err := f.index.Search(ctx, search.Query{Text: "GENCLIK", Lang: "tr"})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 2 || hits[0].Kind != "project" || hits[0].URL != "/tr/projects/"+p.Slug || hits[1].Lang != "az" {
			t.Fatalf("hits %+v", hits)
		}
		edit := p.ProjectInput
		edit.Title.TR, edit.Title.AZ, edit.Title.EN = "Kültürpark Buluşması", "", ""
		if _, err := f.tr.UpdateProject(ctx, f.coordinator, p.ID, edit); err != nil {
			t.Fatal(err)
		}
		if hits, _ := f.index.Search(ctx, search.Query{Text: "gənclik"}); len(hits) != 0 {
			t.Errorf("old title still found: %+v", hits)
		}
		if hits, _ := f.index.Search(ctx, search.Query{Text: "kulturpark"}); len(hits) != 1 {
			t.Errorf("new title not found: %+v", hits)
		}
		// A full reindex finds the project again from the tracker's source.
		if err := f.index.Reindex(ctx, []search.Source{f.tr.SearchSource()}, nil); err != nil {
			t.Fatal(err)
		}
		if hits, _ := f.index.Search(ctx, search.Query{Text: "KÜLTÜRPARK"}); len(hits) != 1 || hits[0].Ref != strconv.FormatInt(p.ID, 10) {
			t.Errorf("after a reindex: %+v", hits)
		}
	})
}

// A projects row written outside the Tracker (as the proposal workflow does) is found by the
// tracker's text filter and in site search once syncProject ran in its transaction.
func TestSyncProjectWrittenElsewhere(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newTrackerFixture(t, d)
		in := festivalInput()
		in.normalize()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			var id int64
			err := tx.WriteRow(ctx, `INSERT INTO projects (partnership_id, slug, title, summary, themes, status, progress, starts_on, ends_on,
				currency, year, created_at, updated_at) VALUES ((SELECT MIN(id) FROM partnerships), ?, ?, ?, '', 'not_started', 0, ?, ?, 'TRY', 2026, ?, ?)
				RETURNING id`, in.Slug, in.Title, in.Summary, in.StartsOn, in.EndsOn, t0, t0).Scan(&id)
			if err != nil {
				return err
			}
			return f.tr.syncProject(ctx, tx, id)
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, total, err := f.tr.ListProjects(ctx, Filter{Query: "GƏNCLİK"}, 20, 0); err != nil || total != 1 {
			t.Errorf("text filter: %d (%v)", total, err)
		}
		if hits, err := f.index.Search(ctx, search.Query{Text: "festivali"}); err != nil || len(hits) == 0 {
			t.Errorf("site search: %+v (%v)", hits, err)
		}
	})
}
