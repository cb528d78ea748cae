package events

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	ctx    = context.Background()
	t0     = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	secret = bytes.Repeat([]byte("s"), 32)
)

type fixture struct {
	svc           *Service
	d             *db.DB
	partnership   int64
	coordinator   *web.Viewer
	ayse, mehmet  *web.Viewer // members with accounts
	otherVisitors int
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	f := &fixture{svc: NewService(d, secret), d: d}
	f.svc.now = func() time.Time { return t0 }
	err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?) RETURNING id`, t0, t0).Scan(&f.partnership)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Koordinatör", "coordinator")
	f.ayse = f.user(t, "ayse@example.org", "Ayşe Yılmaz")
	f.mehmet = f.user(t, "mehmet@example.org", "Mehmet Əliyev")
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

// festival is a published event a month ahead, in İzmir, open to guests.
func (f *fixture) festival(capacity int) Input {
	return Input{
		PartnershipID: f.partnership,
		Kind:          Festival,
		Title:         i18n.Text{TR: "İzmir–Bakü Kültür Festivali", AZ: "İzmir–Bakı Mədəniyyət Festivalı"},
		Venue:         Venue{Name: "Kültürpark", City: "İzmir"},
		Zone:          "Europe/Istanbul",
		StartsAt:      t0.AddDate(0, 1, 0),
		EndsAt:        t0.AddDate(0, 1, 0).Add(6 * time.Hour),
		Status:        Published,
		Capacity:      capacity,
		AllowGuests:   true,
	}
}

func (f *fixture) create(t *testing.T, in Input) *Event {
	t.Helper()
	e, err := f.svc.Create(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// guest registers a new guest address for e.
func (f *fixture) guest(t *testing.T, e *Event, typeID int64) *Registration {
	t.Helper()
	f.otherVisitors++
	r, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, TypeID: typeID,
		Name: fmt.Sprintf("Ziyaretçi %d", f.otherVisitors), Email: fmt.Sprintf("ziyaretci%d@example.org", f.otherVisitors)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) || fields[field] != key {
		t.Fatalf("err = %v (%#v); want %s: %s", err, fields, field, key)
	}
}

func TestOnlyManagersWriteEvents(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.Create(ctx, f.ayse, f.festival(10)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member creates: %v", err)
		}
		if _, err := f.svc.Create(ctx, nil, f.festival(10)); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous creates: %v", err)
		}
		e := f.create(t, f.festival(10))
		if _, _, err := f.svc.Update(ctx, f.ayse, e.ID, f.festival(20)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member updates: %v", err)
		}
		if _, err := f.svc.Registrations(ctx, f.ayse, e.ID, ""); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member lists registrations: %v", err)
		}
		// A draft is not found by members, and is not listed.
		draft := f.festival(10)
		draft.Status = Draft
		de := f.create(t, draft)
		if _, err := f.svc.Get(ctx, f.ayse, de.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("member reads draft: %v", err)
		}
		if list, err := f.svc.List(ctx, nil, Filter{}); err != nil || len(list) != 1 || list[0].ID != e.ID {
			t.Fatalf("public list: %v %+v", err, list)
		}
		if _, err := f.svc.Register(ctx, f.ayse, RegisterInput{EventID: de.ID}); !errors.Is(err, fail.NotFound) {
			t.Fatalf("register for a draft: %v", err)
		}
	})
}

func TestEventValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.festival(10)
		in.EndsAt = in.StartsAt.Add(-time.Hour)
		_, err := f.svc.Create(ctx, f.coordinator, in)
		fieldErr(t, err, "ends_at", "events.ends_before_start")

		in = f.festival(10)
		in.Zone = "Mars/Olympus"
		_, err = f.svc.Create(ctx, f.coordinator, in)
		fieldErr(t, err, "zone", "events.zone_invalid")

		in = f.festival(10)
		in.Kind, in.Capacity = "party", -1
		_, err = f.svc.Create(ctx, f.coordinator, in)
		fieldErr(t, err, "kind", "form.choice")
		fieldErr(t, err, "capacity", "events.number_negative")

		in = f.festival(10)
		in.PartnershipID = 9999
		_, err = f.svc.Create(ctx, f.coordinator, in)
		fieldErr(t, err, "partnership_id", "events.partnership_unknown")

		// Slugs come from the Turkish title with Turkish letters folded; a repeat gets a number,
		// a chosen slug that is taken is refused.
		a, b := f.create(t, f.festival(10)), f.create(t, f.festival(10))
		if a.Slug != "izmir-baku-kultur-festivali" || b.Slug != a.Slug+"-2" {
			t.Fatalf("slugs %q %q", a.Slug, b.Slug)
		}
		in = f.festival(10)
		in.Slug = a.Slug
		_, err = f.svc.Create(ctx, f.coordinator, in)
		fieldErr(t, err, "slug", "events.slug_taken")

		got, err := f.svc.BySlug(ctx, nil, a.Slug)
		if err != nil || got.Location().String() != "Europe/Istanbul" || len(got.Types) != 1 || got.Types[0].Name.TR != "Genel" {
			t.Fatalf("read back: %v %+v", err, got)
		}
	})
}

func TestCapacityBelowConfirmedRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, f.festival(3))
		for range 3 {
			f.guest(t, e, 0)
		}
		waiting := f.guest(t, e, 0)
		if waiting.Status != Waiting || waiting.Position != 1 {
			t.Fatalf("fourth: %s at %d", waiting.Status, waiting.Position)
		}

		in := f.festival(2)
		in.Types = e.Types
		_, _, err := f.svc.Update(ctx, f.coordinator, e.ID, in)
		var capErr *CapacityError
		if !errors.As(err, &capErr) || capErr.Confirmed != 3 || capErr.Requested != 2 {
			t.Fatalf("lowered: %v", err)
		}
		fieldErr(t, err, "capacity", "events.capacity_below_confirmed")

		// A quota below the confirmed count of its type is refused the same way.
		in = f.festival(10)
		in.Types = []RegistrationType{{ID: e.Types[0].ID, Name: e.Types[0].Name, Quota: 1}}
		_, _, err = f.svc.Update(ctx, f.coordinator, e.ID, in)
		if !errors.As(err, &capErr) || capErr.Field != "type_quota_0" || capErr.Confirmed != 3 || capErr.Requested != 1 {
			t.Fatalf("quota lowered: %v", err)
		}

		// Raising the capacity serves the waiting list at once.
		_, promoted, err := f.svc.Update(ctx, f.coordinator, e.ID, f.festival(4))
		if err != nil || len(promoted) != 1 || promoted[0].ID != waiting.ID || promoted[0].Status != Confirmed {
			t.Fatalf("raised: %v %+v", err, promoted)
		}
	})
}

func TestRegistrationWindow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.festival(10)
		opens, closes := t0.Add(time.Hour), t0.Add(48*time.Hour)
		in.OpensAt, in.ClosesAt = &opens, &closes
		e := f.create(t, in)
		reg := RegisterInput{EventID: e.ID}

		_, err := f.svc.Register(ctx, f.ayse, reg)
		fieldErr(t, err, "registration", "events.registration_not_open")

		f.svc.now = func() time.Time { return opens }
		if r, err := f.svc.Register(ctx, f.ayse, reg); err != nil || r.Status != Confirmed || r.Email != "ayse@example.org" || r.UserID != f.ayse.ID {
			t.Fatalf("at opening: %v %+v", err, r)
		}

		f.svc.now = func() time.Time { return closes }
		_, err = f.svc.Register(ctx, f.mehmet, reg)
		fieldErr(t, err, "registration", "events.registration_closed")

		// Without a closing time, registration ends with the event.
		open := f.create(t, f.festival(10))
		f.svc.now = func() time.Time { return open.EndsAt }
		_, err = f.svc.Register(ctx, f.mehmet, RegisterInput{EventID: open.ID})
		fieldErr(t, err, "registration", "events.registration_closed")
	})
}

func TestSameEmailTwice(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, f.festival(10))
		first, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Leyla", Email: "Leyla@Example.org"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Leyla H.", Email: " leyla@example.org "})
		var dup *AlreadyRegisteredError
		if !errors.As(err, &dup) || dup.Existing.ID != first.ID || dup.Existing.Ticket != first.Ticket || dup.Existing.Ticket == "" {
			t.Fatalf("second registration: %v", err)
		}
		fieldErr(t, err, "email", "events.already_registered")

		// After cancelling, the address may register again.
		if _, _, err := f.svc.CancelByToken(ctx, first.ManageToken); err != nil {
			t.Fatal(err)
		}
		again, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Leyla", Email: "leyla@example.org"})
		if err != nil || again.ID == first.ID || again.Ticket == first.Ticket {
			t.Fatalf("after cancel: %v %+v", err, again)
		}
	})
}

func TestGuestsOnlyWhenAllowed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.festival(10)
		in.AllowGuests = false
		e := f.create(t, in)
		if _, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: "Misafir", Email: "misafir@example.org"}); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("guest: %v", err)
		}
		_, err := f.svc.Register(ctx, f.ayse, RegisterInput{EventID: e.ID, Email: "not an address"})
		fieldErr(t, err, "email", "form.email")
		if _, err := f.svc.Register(ctx, f.ayse, RegisterInput{EventID: e.ID}); err != nil {
			t.Fatal(err)
		}
		mine, err := f.svc.Mine(ctx, f.ayse)
		if err != nil || len(mine) != 1 || mine[0].EventID != e.ID || mine[0].Ticket == "" {
			t.Fatalf("mine: %v %+v", err, mine)
		}
	})
}

func TestQuotaPerType(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.festival(3)
		in.Types = []RegistrationType{
			{Name: i18n.Text{TR: "Basın", AZ: "Mətbuat", EN: "Press"}, Quota: 1},
			{Name: i18n.Text{TR: "Genel", AZ: "Ümumi", EN: "General"}},
		}
		e := f.create(t, in)
		press, general := e.Types[0].ID, e.Types[1].ID

		press1 := f.guest(t, e, press)
		press2 := f.guest(t, e, press) // the press quota is full, the event is not
		gen1, gen2 := f.guest(t, e, general), f.guest(t, e, general)
		gen3 := f.guest(t, e, general) // the event is full
		for r, want := range map[*Registration]RegStatus{press1: Confirmed, press2: Waiting, gen1: Confirmed, gen2: Confirmed, gen3: Waiting} {
			if r.Status != want {
				t.Fatalf("%s: %s, want %s", r.Name, r.Status, want)
			}
		}
		if gen3.Position != 2 {
			t.Fatalf("gen3 waits at %d, want 2", gen3.Position)
		}
		_, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, TypeID: 999999, Name: "X", Email: "x@example.org"})
		fieldErr(t, err, "type_id", "form.choice")

		// A general place frees up: the earliest waiting (press2) cannot take it, gen3 can.
		_, promoted, err := f.svc.Cancel(ctx, f.coordinator, gen1.ID)
		if err != nil || len(promoted) != 1 || promoted[0].ID != gen3.ID {
			t.Fatalf("general cancelled: %v %+v", err, promoted)
		}
		// The press place frees up: press2 takes it.
		_, promoted, err = f.svc.CancelByToken(ctx, press1.ManageToken)
		if err != nil || len(promoted) != 1 || promoted[0].ID != press2.ID || promoted[0].Ticket == "" {
			t.Fatalf("press cancelled: %v %+v", err, promoted)
		}
	})
}

func TestCancelAuthorization(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, f.festival(1))
		mine, err := f.svc.Register(ctx, f.ayse, RegisterInput{EventID: e.ID})
		if err != nil {
			t.Fatal(err)
		}
		next, err := f.svc.Register(ctx, f.mehmet, RegisterInput{EventID: e.ID})
		if err != nil || next.Status != Waiting {
			t.Fatalf("second: %v %+v", err, next)
		}
		// Mehmet cannot read or cancel Ayşe's registration, nor can a stranger's link.
		if _, _, err := f.svc.Cancel(ctx, f.mehmet, mine.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("wrong user cancels: %v", err)
		}
		if _, err := f.svc.Registration(ctx, f.mehmet, mine.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("wrong user reads: %v", err)
		}
		if _, _, err := f.svc.Cancel(ctx, nil, mine.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous cancels: %v", err)
		}
		if _, _, err := f.svc.CancelByToken(ctx, "not-the-token"); !errors.Is(err, fail.NotFound) {
			t.Fatalf("bad token: %v", err)
		}
		if r, _ := f.svc.Registration(ctx, f.ayse, mine.ID); r.Status != Confirmed {
			t.Fatalf("still confirmed? %+v", r)
		}
		// The owner cancels: Mehmet is promoted in the same step, and told so through the return.
		got, promoted, err := f.svc.Cancel(ctx, f.ayse, mine.ID)
		if err != nil || got.Status != RegCancelled || len(promoted) != 1 || promoted[0].ID != next.ID {
			t.Fatalf("owner cancels: %v %+v %+v", err, got, promoted)
		}
		if r, err := f.svc.RegistrationByToken(ctx, next.ManageToken); err != nil || r.Status != Confirmed {
			t.Fatalf("promoted read by link: %v %+v", err, r)
		}
		// Cancelling twice changes nothing and promotes no one.
		if _, promoted, err := f.svc.Cancel(ctx, f.ayse, mine.ID); err != nil || len(promoted) != 0 {
			t.Fatalf("twice: %v %+v", err, promoted)
		}
	})
}

func TestInvitationNeedsApproval(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.festival(1)
		in.Kind, in.Visibility = OfficialVisit, Invitation
		e := f.create(t, in)
		a, _ := f.svc.Register(ctx, f.ayse, RegisterInput{EventID: e.ID})
		b, _ := f.svc.Register(ctx, f.mehmet, RegisterInput{EventID: e.ID})
		if a.Status != PendingApproval || b.Status != PendingApproval {
			t.Fatalf("requests: %s %s", a.Status, b.Status)
		}
		if _, err := f.svc.Approve(ctx, f.ayse, a.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member approves: %v", err)
		}
		if r, err := f.svc.Approve(ctx, f.coordinator, a.ID); err != nil || r.Status != Confirmed {
			t.Fatalf("approve a: %v %+v", err, r)
		}
		if r, err := f.svc.Approve(ctx, f.coordinator, b.ID); err != nil || r.Status != Waiting || r.Position != 1 {
			t.Fatalf("approve b: %v %+v", err, r)
		}
		if _, err := f.svc.Approve(ctx, f.coordinator, b.ID); !errors.Is(err, fail.Conflict) {
			t.Fatalf("approve twice: %v", err)
		}
	})
}
