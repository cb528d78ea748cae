package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The programmes' test fixture: a fresh database with the partnership, a coordinator, a
// member, an organisation, and the Service wired to the search index, on a fixed clock.

// progNow is the fixture's clock: a month before the December programmes.
var progNow = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// progDir is identity read straight from its tables.
type progDir struct{ d *db.DB }

func (pd progDir) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		c := Contact{UserID: id}
		err := pd.d.QueryRow(ctx, `SELECT name, email, locale FROM users WHERE id = ?`, id).Scan(&c.Name, &c.Email, &c.Locale)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, nil
}

func (pd progDir) OrganisationNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range ids {
		var name string
		err := pd.d.QueryRow(ctx, `SELECT name FROM organisations WHERE id = ?`, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, nil
}

type progFixture struct {
	d           *db.DB
	svc         *Service
	index       *search.Index
	coordinator *web.Viewer
	member      *web.Viewer
	org         int64
}

func newProgFixture(t *testing.T, d *db.DB) *progFixture {
	t.Helper()
	ctx := context.Background()
	f := &progFixture{d: d, index: search.New(d)}
	f.svc = NewService(d, progDir{d})
	f.svc.now = func() time.Time { return progNow }
	f.svc.UseSearch(f.index)
	_, err := d.Exec(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?)`, progNow, progNow)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Gönüllü Koordinasyonu", "coordinator")
	f.member = f.user(t, "uye@example.org", "Dernek Üyesi")
	name := "İzmir Azerbaycan Derneği (test)"
	err = d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, city, country, created_at, updated_at)
		VALUES (?, ?, 'association', 'İzmir', 'TR', ?, ?) RETURNING id`, text.Slug(name), name, progNow, progNow).Scan(&f.org)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *progFixture) user(t *testing.T, email, name string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Email: email, Name: name, Roles: roles, Locale: "tr"}
	err := f.d.WriteRow(context.Background(), `INSERT INTO users (email, name, password_hash, locale, created_at, updated_at)
		VALUES (?, ?, '', 'tr', ?, ?) RETURNING id`, email, name, progNow, progNow).Scan(&v.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// progFestival is a published programme in İzmir from 5 to 13 December 2026.
func progFestival() ProgrammeInput {
	return ProgrammeInput{
		Title:       i18n.Text{TR: "Festival Gönüllüleri", AZ: "Festival Könüllüləri", EN: "Festival Volunteers"},
		Description: i18n.Text{TR: "Kardeşliğin 40. yılı festivalinde görev alın."},
		City:        "izmir", StartsOn: "2026-12-05", EndsOn: "2026-12-13", MinAge: 16, SignupCloseHours: 12, CancelCloseHours: 24, Published: true,
	}
}

func (f *progFixture) programme(t *testing.T, in ProgrammeInput) *Programme {
	t.Helper()
	p, err := f.svc.CreateProgramme(context.Background(), f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *progFixture) role(t *testing.T, p *Programme, name string, langs ...string) int64 {
	t.Helper()
	id, err := f.svc.SaveRole(context.Background(), f.coordinator, p.ID, 0, RoleInput{Name: i18n.Text{TR: name}, Languages: langs})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// progIzmirAt is a moment on a December 2026 day in İzmir.
func progIzmirAt(day, hour, minute int) time.Time {
	return time.Date(2026, 12, day, hour, minute, 0, 0, cityZones["izmir"])
}

func (f *progFixture) shift(t *testing.T, p *Programme, role int64, from, to time.Time, places int) *Shift {
	t.Helper()
	sh, err := f.svc.AddShift(context.Background(), f.coordinator, p.ID, ShiftInput{RoleID: role, Kind: Fixed, StartsAt: from, EndsAt: to, Places: places})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// confirm stands in for the sign-up part: people confirmed on a shift.
func (f *progFixture) confirm(t *testing.T, shiftID int64, n int) {
	t.Helper()
	if _, err := f.d.Exec(context.Background(), `UPDATE volunteer_shifts SET confirmed = ? WHERE id = ?`, n, shiftID); err != nil {
		t.Fatal(err)
	}
}

// progFieldsOf returns the field errors of err, failing the test when it is something else.
func progFieldsOf(t *testing.T, err error) fail.Fields {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) {
		t.Fatalf("want field errors, got %v", err)
	}
	return fields
}

func progTimeIn(loc *time.Location, year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, loc)
}
