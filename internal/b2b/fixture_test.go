package b2b

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	ctx = context.Background()
	t0  = time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC)
	// forumDay is the forum's day in Bakü: 09:00–18:00 local is 05:00–14:00 UTC.
	forumDay = time.Date(2027, 6, 10, 5, 0, 0, 0, time.UTC)
	baku     = i18n.MustLocation("Asia/Baku")
)

// testEvents reads events through the events service, as the app's adapter does.
type testEvents struct{ svc *events.Service }

func (e testEvents) Event(ctx context.Context, v *web.Viewer, id int64) (EventInfo, error) {
	return eventInfo(e.svc.Get(ctx, v, id))
}

func (e testEvents) EventBySlug(ctx context.Context, v *web.Viewer, slug string) (EventInfo, error) {
	return eventInfo(e.svc.BySlug(ctx, v, slug))
}

func eventInfo(ev *events.Event, err error) (EventInfo, error) {
	if err != nil {
		return EventInfo{}, err
	}
	return EventInfo{ID: ev.ID, Slug: ev.Slug, Kind: string(ev.Kind), Title: ev.Title, Zone: ev.Zone, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt}, nil
}

func (testEvents) Zones(lang string, e EventInfo) (i18n.Zone, i18n.Zone) {
	return i18n.Zone{Name: "Bakı", Location: baku}, i18n.Zone{Name: "İzmir", Location: i18n.MustLocation("Europe/Istanbul")}
}

// testDirectory is identity as b2b sees it: organisations and who belongs to them.
type testDirectory struct {
	orgs    map[int64]Organisation
	members map[int64][]Person // by organisation
	locales map[int64]string   // by user; tr when unset
}

// Contacts gives every member an address of the form user{id}@b2b.test.
func (d *testDirectory) Contacts(_ context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, people := range d.members {
		for _, p := range people {
			if slices.Contains(ids, p.UserID) {
				l := cmp.Or(d.locales[p.UserID], "tr")
				out[p.UserID] = Contact{UserID: p.UserID, Name: p.Name, Email: fmt.Sprintf("user%d@b2b.test", p.UserID), Locale: l}
			}
		}
	}
	return out, nil
}

func (d *testDirectory) MemberOf(_ context.Context, v *web.Viewer) ([]Organisation, error) {
	var out []Organisation
	for id, people := range d.members {
		for _, p := range people {
			if v != nil && p.UserID == v.ID {
				out = append(out, d.orgs[id])
			}
		}
	}
	return out, nil
}

func (d *testDirectory) Members(_ context.Context, orgID int64) ([]Person, error) {
	return d.members[orgID], nil
}

func (d *testDirectory) Organisations(_ context.Context, ids []int64) (map[int64]Organisation, error) {
	out := map[int64]Organisation{}
	for _, id := range ids {
		if o, ok := d.orgs[id]; ok {
			out[id] = o
		}
	}
	return out, nil
}

type fixture struct {
	svc         *Service
	ev          *events.Service
	d           *db.DB
	partnership int64
	coordinator *web.Viewer
	member      *web.Viewer
	forum       int64 // a published business forum in Bakü on forumDay
	festival    int64 // a published festival on the same day
	dir         *testDirectory
}

// org adds an organisation with the given members.
func (f *fixture) org(t *testing.T, name, city, country string, members ...*web.Viewer) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, city, country, created_at, updated_at)
		VALUES (?, ?, 'company', ?, ?, ?, ?) RETURNING id`, text.Slug(name), name, city, country, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	f.dir.orgs[id] = Organisation{ID: id, Name: name, City: city, Country: country}
	for _, m := range members {
		f.dir.members[id] = append(f.dir.members[id], Person{UserID: m.ID, Name: m.Name})
	}
	return id
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := &fixture{d: d, ev: events.NewService(d, bytes.Repeat([]byte("s"), 32))}
	f.svc = NewService(d, testEvents{f.ev})
	f.dir = &testDirectory{orgs: map[int64]Organisation{}, members: map[int64][]Person{}}
	f.svc.UseDirectory(f.dir)
	f.svc.now = func() time.Time { return t0 }
	err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?) RETURNING id`, t0, t0).Scan(&f.partnership)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Koordinatör", "coordinator")
	f.member = f.user(t, "uye@example.org", "Leyla Həsənova")
	f.forum = f.event(t, events.BusinessForum, "İzmir–Bakü İş Forumu")
	f.festival = f.event(t, events.Festival, "Bakü Festivali")
	return f
}

func (f *fixture) user(t *testing.T, email, name string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Email: email, Name: name, Roles: roles, Locale: "tr"}
	err := f.d.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES (?, ?, '', ?, ?) RETURNING id`,
		email, name, t0, t0).Scan(&v.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) event(t *testing.T, kind events.Kind, title string) int64 {
	t.Helper()
	e, err := f.ev.Create(ctx, f.coordinator, events.Input{PartnershipID: f.partnership, Kind: kind,
		Title: i18n.Text{TR: title}, Venue: events.Venue{Name: "Bakı Ekspo Mərkəzi", City: "Bakü"}, Zone: "Asia/Baku",
		StartsAt: forumDay, EndsAt: forumDay.Add(9 * time.Hour), Status: events.Published, Visibility: events.Public})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// setup is a valid programme for the forum: one morning session of 12 slots of 20 minutes
// with a 15-minute break after slot 6, ten tables, booking open in May.
func setup() ProgrammeInput {
	return ProgrammeInput{
		Mode: Batch, OpensAt: t0, ClosesAt: forumDay.Add(-24 * time.Hour), MaxOpenRequests: 15,
		Sessions: []Session{{StartsAt: forumDay.Add(time.Hour), SlotMinutes: 20, Slots: 12, MaxMeetings: 8,
			Breaks: []Break{{AfterSlot: 6, Minutes: 15}}}},
		Tables: NumberedTables(10, []string{"", "Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi"}),
	}
}

func fieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) || fields[field] != key {
		t.Fatalf("err = %v (%#v); want %s: %s", err, fields, field, key)
	}
}
