package volunteer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The hours part's fixtures: a directory kept in memory, a fixed clock, and programmes,
// roles, shifts and sign-ups written with SQL (the programme and sign-up parts own the
// rules that make them).

// hoursNow is the fixtures' clock: midday in İzmir on 10 June 2026.
var hoursNow = time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)

// hoursDir is identity as the module sees it: people by id, found by address too.
type hoursDir struct{ people map[int64]Contact }

func (d *hoursDir) Contacts(_ context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		if c, ok := d.people[id]; ok {
			out[id] = c
		}
	}
	return out, nil
}

func (d *hoursDir) OrganisationNames(context.Context, []int64) (map[int64]string, error) {
	return map[int64]string{}, nil
}

func (d *hoursDir) VolunteerByEmail(_ context.Context, email string) (Contact, error) {
	for _, c := range d.people {
		if strings.EqualFold(c.Email, email) {
			return c, nil
		}
	}
	return Contact{}, fmt.Errorf("no account: %w", fail.NotFound)
}

type hoursFixture struct {
	d           *db.DB
	svc         *Service
	dir         *hoursDir
	partnership int64
	coord       *web.Viewer // coordinator
	coord2      *web.Viewer // a second coordinator
	ayse        *web.Viewer // volunteers
	elvin       *web.Viewer
	gul         *web.Viewer
}

func newHoursFixture(t *testing.T, d *db.DB) *hoursFixture {
	t.Helper()
	f := &hoursFixture{d: d, dir: &hoursDir{people: map[int64]Contact{}}}
	f.svc = NewService(d, f.dir)
	f.svc.now = func() time.Time { return hoursNow }
	err := d.WriteRow(context.Background(), `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b,
		protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?) RETURNING id`,
		hoursNow, hoursNow).Scan(&f.partnership)
	if err != nil {
		t.Fatal(err)
	}
	f.coord = f.user(t, "koordinator@example.org", "Gönüllü Koordinatörü", "tr", "coordinator")
	f.coord2 = f.user(t, "koordinator2@example.org", "Dernek Koordinatörü", "tr", "coordinator")
	f.ayse = f.user(t, "gonullu1@example.org", "Gönüllü Bir", "tr")
	f.elvin = f.user(t, "konullu2@example.org", "Könüllü İki", "az")
	f.gul = f.user(t, "volunteer3@example.org", "Volunteer Three", "en")
	return f
}

func (f *hoursFixture) user(t *testing.T, email, name, locale string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Email: email, Name: name, Locale: locale, Roles: roles}
	err := f.d.WriteRow(context.Background(), `INSERT INTO users (email, name, password_hash, locale, created_at, updated_at)
		VALUES (?, ?, '', ?, ?, ?) RETURNING id`, email, name, locale, hoursNow, hoursNow).Scan(&v.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.dir.people[v.ID] = Contact{UserID: v.ID, Name: name, Email: email, Locale: locale}
	return v
}

// programme stores a published programme in city running through June 2026.
func (f *hoursFixture) programme(t *testing.T, slug, city string, title i18n.Text) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(context.Background(), `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements,
		city, starts_at, ends_at, published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		f.partnership, slug, title, i18n.Text{}, i18n.Text{}, city,
		time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC), hoursNow, hoursNow).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *hoursFixture) role(t *testing.T, programmeID int64, name i18n.Text) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(context.Background(), `INSERT INTO volunteer_roles (programme_id, position, name, description)
		VALUES (?, 0, ?, ?) RETURNING id`, programmeID, name, i18n.Text{}).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// shift stores a shift; minutes matter for windows only.
func (f *hoursFixture) shift(t *testing.T, programmeID, roleID int64, kind ShiftKind, start, end time.Time, minutes, places int) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(context.Background(), `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, minutes,
		places, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		programmeID, roleID, kind, start, end, minutes, places, hoursNow).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// signup puts a person on a shift, keeping the confirmed count as the sign-up part does.
func (f *hoursFixture) signup(t *testing.T, shiftID int64, v *web.Viewer, status SignupStatus) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO volunteer_signups (shift_id, user_id, status, queued_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, shiftID, v.ID, status, hoursNow, hoursNow, hoursNow).Scan(&id)
	if err == nil && status == Confirmed {
		_, err = f.d.Exec(ctx, `UPDATE volunteer_shifts SET confirmed = confirmed + 1 WHERE id = ?`, shiftID)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// hoursOf reads a sign-up's hours; nil when there are none.
func (f *hoursFixture) hoursOf(t *testing.T, signupID int64) *Hours {
	t.Helper()
	h, err := scanHours(f.d.QueryRow(context.Background(), `SELECT `+hoursColumns+` FROM volunteer_hours h WHERE h.signup_id = ?`, signupID))
	if err == ErrNotFound {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return &h
}

func (f *hoursFixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantHoursField fails unless err is a field error with key on field.
func wantHoursField(t *testing.T, err error, field, key string) {
	t.Helper()
	fields, ok := err.(fail.Fields)
	if !ok || fields[field] != key {
		t.Fatalf("error %v (%#v), want %s on %s", err, err, key, field)
	}
}

func hoursText(tr, az, en string) i18n.Text { return i18n.Text{TR: tr, AZ: az, EN: en} }
