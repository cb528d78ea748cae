package project

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// trackerDir is identity read straight from its tables: the organisations and users the
// fixture inserted.
type trackerDir struct{ d *db.DB }

func (trackerDir) MemberOf(context.Context, *web.Viewer) ([]Organisation, error) { return nil, nil }

func (td trackerDir) Organisations(ctx context.Context, ids []int64) (map[int64]Organisation, error) {
	out := map[int64]Organisation{}
	for _, id := range ids {
		var o Organisation
		err := td.d.QueryRow(ctx, `SELECT id, name, kind, city, country FROM organisations WHERE id = ?`, id).
			Scan(&o.ID, &o.Name, &o.Kind, &o.City, &o.Country)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = o
	}
	return out, nil
}

func (td trackerDir) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		c := Contact{UserID: id}
		if err := td.d.QueryRow(ctx, `SELECT name, email, locale FROM users WHERE id = ?`, id).Scan(&c.Name, &c.Email, &c.Locale); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, nil
}

// trackerFixture is the tracker on a fresh database with the İzmir–Bakü partnership, a
// coordinator, a member of the association (who may not keep the tracker) and two
// organisations.
type trackerFixture struct {
	d           *db.DB
	tr          *Tracker
	index       *search.Index
	coordinator *web.Viewer
	member      *web.Viewer
	assoc, muni int64
}

func newTrackerFixture(t *testing.T, d *db.DB) *trackerFixture {
	t.Helper()
	f := &trackerFixture{d: d, index: search.New(d)}
	svc := NewService(d, trackerDir{d})
	svc.now = func() time.Time { return t0 }
	svc.UseIndex(f.index)
	f.tr = NewTracker(svc, nil, nil)
	_, err := d.Exec(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?)`, t0, t0)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Koordinatör Ofisi", "tr", "coordinator")
	f.member = f.user(t, "uye@example.org", "Dernek Üyesi", "az")
	f.assoc = f.org(t, "İzmir Azerbaycan Derneği (demo)", "association", "İzmir", "TR")
	f.muni = f.org(t, "Bakı Şəhər Təşəbbüsləri (demo)", "municipality", "Bakı", "AZ")
	return f
}

func (f *trackerFixture) user(t *testing.T, email, name, locale string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Email: email, Name: name, Roles: roles, Locale: locale}
	insertUser(t, f.d, v)
	return v
}

func (f *trackerFixture) org(t *testing.T, name, kind, city, country string) int64 {
	t.Helper()
	return insertOrg(t, f.d, Organisation{Name: name, Kind: kind, City: city, Country: country}, t0)
}

// festivalInput is a youth festival run by the association, in progress.
func festivalInput() ProjectInput {
	return ProjectInput{
		Title:   i18n.Text{TR: "İzmir–Bakü Gençlik Festivali", AZ: "İzmir–Bakı Gənclik Festivalı", EN: "İzmir–Bakü Youth Festival"},
		Summary: i18n.Text{TR: "Kardeşliğin 40. yılında iki şehrin gençleri Kültürpark'ta buluşuyor."},
		Themes:  []string{"youth", "culture"}, Status: InProgress, Progress: 40,
		StartsOn: "2026-04-01", EndsOn: "2026-09-30", Currency: "TRY", PlannedMinor: 50_000_000, SpentMinor: 12_500_000,
	}
}

func (f *trackerFixture) project(t *testing.T, in ProjectInput) *Project {
	t.Helper()
	p, err := f.tr.CreateProject(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *trackerFixture) history(t *testing.T, projectID int64) []Change {
	t.Helper()
	h, err := loadHistory(ctx, f.d, projectID, 100)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func i18nTR(s string) i18n.Text { return i18n.Text{TR: s} }
