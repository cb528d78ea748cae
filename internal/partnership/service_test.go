package partnership

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	admin       = &web.Viewer{ID: 1, Roles: []string{"admin"}}
	coordinator = &web.Viewer{ID: 2, Roles: []string{"coordinator"}}
	member      = &web.Viewer{ID: 3}
	reviewer    = &web.Viewer{ID: 4, Roles: []string{"reviewer"}}
)

// seeded returns a service over d with the demo loaded and a clock fixed in 2026.
func seeded(t *testing.T, d *db.DB) *Service {
	t.Helper()
	s := NewService(d)
	s.now = func() time.Time { return time.Date(2026, time.March, 2, 15, 30, 0, 0, time.UTC) }
	if err := s.SeedDemo(context.Background()); err != nil {
		t.Fatalf("SeedDemo: %v", err)
	}
	return s
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		if err := s.SeedDemo(ctx); err != nil {
			t.Fatalf("second SeedDemo: %v", err)
		}
		ps, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 {
			t.Fatalf("%d partnerships after seeding twice, want 1", len(ps))
		}
		ms, err := s.Timeline(ctx, ps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != len(demoMilestones()) {
			t.Errorf("%d milestones after seeding twice, want %d", len(ms), len(demoMilestones()))
		}

		p, err := s.Default(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !p.IsDefault || p.Slug != DemoSlug {
			t.Errorf("default = %q (is_default %v), want the demo", p.Slug, p.IsDefault)
		}
		if p.A.Name.In("tr") != "İzmir" || p.B.Name.In("az") != "Bakı" || p.B.Name.In("en") != "Baku" || p.B.Name.In("tr") != "Bakü" {
			t.Errorf("city names = %+v / %+v", p.A.Name, p.B.Name)
		}
		if p.A.Location.String() != "Europe/Istanbul" || p.B.Location.String() != "Asia/Baku" || p.A.Country != "TR" || p.B.Country != "AZ" {
			t.Errorf("cities = %+v, %+v", p.A, p.B)
		}
		if p.ProtocolDate.Year() != 1986 || p.ProtocolPrecision != PrecisionYear {
			t.Errorf("protocol = %v (%s), want 1986 with year precision", p.ProtocolDate, p.ProtocolPrecision)
		}
		if n, err := s.Anniversary(ctx, 2026); err != nil || n != 40 {
			t.Errorf("Anniversary(2026) = %d, %v; want 40", n, err)
		}
		if got, err := s.Get(ctx, DemoSlug); err != nil || got.ID != p.ID {
			t.Errorf("Get(%q) = %v, %v", DemoSlug, got, err)
		}
		if _, err := s.Get(ctx, "paris-rome"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(unknown) error = %v, want ErrNotFound", err)
		}
	})
}

func TestTimelineOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		p, _ := s.Default(ctx)
		// Added last but dated earliest among the visits: must still sort by date, and
		// before every planned item.
		visit := &Milestone{PartnershipID: p.ID, Date: ymd(2000, time.June, 5), Precision: PrecisionDay, Kind: KindVisit,
			Title: Text{TR: "Ziyaret", AZ: "Səfər", EN: "Visit"}}
		if err := s.CreateMilestone(ctx, coordinator, visit); err != nil {
			t.Fatalf("CreateMilestone: %v", err)
		}
		ms, err := s.Timeline(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Date.Format(time.DateOnly)+" "+string(m.Kind))
		}
		want := []string{"1986-01-01 protocol", "2000-06-05 visit", "2026-01-01 anniversary", "2026-01-12 meeting"}
		for i, w := range want {
			if i >= len(got) || got[i] != w {
				t.Fatalf("timeline = %v, want it to start %v", got, want)
			}
		}
		for _, m := range ms[len(want):] {
			if !m.Planned {
				t.Errorf("after the dated milestones came an unplanned one: %+v", m)
			}
		}
		if ms[2].Title.In("en") != "2026 declared the 40th Year of İzmir–Baku Sisterhood" {
			t.Errorf("unexpected declaration title %q", ms[2].Title.In("en"))
		}
	})
}

func TestCacheInvalidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		p, _ := s.Default(ctx)
		before, _ := s.Timeline(ctx, p.ID)

		// A write behind the service's back stays invisible while the cache is fresh…
		if _, err := d.Exec(ctx, `UPDATE partnerships SET slug = 'changed' WHERE id = ?`, p.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Default(ctx); got.Slug != DemoSlug {
			t.Fatalf("Default re-read the database (slug %q): the cache is not used", got.Slug)
		}
		// …and a write through the service is visible at once.
		m := &Milestone{PartnershipID: p.ID, Date: ymd(2026, time.May, 28), Precision: PrecisionDay, Kind: KindEvent,
			Title: Text{TR: "Festival"}}
		if err := s.CreateMilestone(ctx, admin, m); err != nil {
			t.Fatal(err)
		}
		after, _ := s.Timeline(ctx, p.ID)
		if len(after) != len(before)+1 {
			t.Fatalf("timeline has %d entries after create, want %d", len(after), len(before)+1)
		}
		if got, _ := s.Default(ctx); got.Slug != "changed" {
			t.Errorf("Default after a write = %q, want the reloaded row", got.Slug)
		}

		m.Title = Text{TR: "Kültür festivali", AZ: "Mədəniyyət festivalı"}
		if err := s.UpdateMilestone(ctx, coordinator, m); err != nil {
			t.Fatal(err)
		}
		if got := find(t, s, p.ID, m.ID); got == nil || got.Title.In("az") != "Mədəniyyət festivalı" || got.PartnershipID != p.ID {
			t.Errorf("after update: %+v", got)
		}
		if err := s.DeleteMilestone(ctx, admin, m.ID); err != nil {
			t.Fatal(err)
		}
		if got := find(t, s, p.ID, m.ID); got != nil {
			t.Errorf("deleted milestone still on the timeline: %+v", got)
		}
		if err := s.DeleteMilestone(ctx, admin, m.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete = %v, want ErrNotFound", err)
		}

		// Other instances see changes after the TTL even without a local write.
		if _, err := d.Exec(ctx, `UPDATE partnerships SET slug = 'elsewhere' WHERE id = ?`, p.ID); err != nil {
			t.Fatal(err)
		}
		now := s.now()
		s.now = func() time.Time { return now.Add(cacheTTL + time.Second) }
		if got, _ := s.Default(ctx); got.Slug != "elsewhere" {
			t.Errorf("Default after the TTL = %q, want the reloaded row", got.Slug)
		}
	})
}

func find(t *testing.T, s *Service, pid, id int64) *Milestone {
	t.Helper()
	ms, err := s.Timeline(context.Background(), pid)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ms {
		if ms[i].ID == id {
			return &ms[i]
		}
	}
	return nil
}

func TestTimelineWritesNeedAdminOrCoordinator(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		p, _ := s.Default(ctx)
		ms, _ := s.Timeline(ctx, p.ID)
		target := ms[0]
		for name, v := range map[string]*web.Viewer{"anonymous": nil, "member": member, "reviewer": reviewer} {
			m := &Milestone{PartnershipID: p.ID, Date: ymd(2026, time.May, 1), Precision: PrecisionDay, Kind: KindEvent, Title: Text{TR: "x"}}
			if err := s.CreateMilestone(ctx, v, m); !errors.Is(err, ErrForbidden) {
				t.Errorf("%s create: %v, want ErrForbidden", name, err)
			}
			edit := target
			edit.Title = Text{TR: "ele geçirildi"}
			if err := s.UpdateMilestone(ctx, v, &edit); !errors.Is(err, ErrForbidden) {
				t.Errorf("%s update: %v, want ErrForbidden", name, err)
			}
			if err := s.DeleteMilestone(ctx, v, target.ID); !errors.Is(err, ErrForbidden) {
				t.Errorf("%s delete: %v, want ErrForbidden", name, err)
			}
		}
		if got := find(t, s, p.ID, target.ID); got == nil || got.Title != target.Title {
			t.Errorf("a refused write changed the milestone: %+v", got)
		}
		after, _ := s.Timeline(ctx, p.ID)
		if len(after) != len(ms) {
			t.Errorf("a refused create added a milestone: %d → %d", len(ms), len(after))
		}
	})
}

func TestMilestoneWriteErrors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := seeded(t, d)
		var verr *ValidationError
		if err := s.CreateMilestone(ctx, admin, &Milestone{PartnershipID: 1, Kind: "party"}); !errors.As(err, &verr) {
			t.Errorf("invalid create: %v, want *ValidationError", err)
		}
		m := &Milestone{PartnershipID: 9999, Date: ymd(2026, time.May, 1), Precision: PrecisionDay, Kind: KindEvent, Title: Text{TR: "x"}}
		if err := s.CreateMilestone(ctx, admin, m); !errors.Is(err, ErrNotFound) {
			t.Errorf("create on a missing partnership: %v, want ErrNotFound", err)
		}
		m.ID = 9999
		if err := s.UpdateMilestone(ctx, admin, m); !errors.Is(err, ErrNotFound) {
			t.Errorf("update of a missing milestone: %v, want ErrNotFound", err)
		}
	})
}

func TestDefaultWithoutPartnership(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		if _, err := NewService(d).Default(context.Background()); !errors.Is(err, ErrNotFound) {
			t.Errorf("Default on an empty database: %v, want ErrNotFound", err)
		}
	})
}

func TestSeedDemoConcurrently(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewService(d)
		errs := make(chan error, 4)
		for range 4 {
			go func() { errs <- s.SeedDemo(ctx) }()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Errorf("SeedDemo: %v", err)
			}
		}
		var ps, ms int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM partnerships`).Scan(&ps); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM milestones`).Scan(&ms); err != nil {
			t.Fatal(err)
		}
		if ps != 1 || ms != len(demoMilestones()) {
			t.Errorf("after concurrent seeding: %d partnerships, %d milestones; want 1 and %d", ps, ms, len(demoMilestones()))
		}
	})
}
