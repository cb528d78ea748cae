package volunteer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// The sign-up tests' fixture: a published programme in Bakü with one role, shifts made as
// needed, volunteers stored as users with a profile, and a clock the tests move.

var sctx = context.Background()

// st0 is "now" in the sign-up tests; shifts are weeks later.
var st0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type signupFixture struct {
	d     *db.DB
	svc   *Service
	clock time.Time
	prog  *Programme
	role  int64
	coord *web.Viewer
	n     int
}

// sqlDirectory reads people from the users table the fixture writes.
type sqlDirectory struct{ d *db.DB }

func (s sqlDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		c := Contact{UserID: id}
		if err := s.d.QueryRow(ctx, `SELECT name, email, locale FROM users WHERE id = ?`, id).Scan(&c.Name, &c.Email, &c.Locale); err == nil {
			out[id] = c
		}
	}
	return out, nil
}

func (sqlDirectory) OrganisationNames(context.Context, []int64) (map[int64]string, error) {
	return map[int64]string{}, nil
}

func newSignupFixture(t *testing.T, d *db.DB) *signupFixture {
	t.Helper()
	f := &signupFixture{d: d, svc: NewService(d, sqlDirectory{d}), clock: st0}
	f.svc.now = func() time.Time { return f.clock }
	var partnership int64
	must(t, d.WriteRow(sctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, created_at, updated_at)
		VALUES ('izmir-baku', '{}', 'TR', 'Europe/Istanbul', '{}', 'AZ', 'Asia/Baku', '1986-01-01', '{}', ?, ?) RETURNING id`, st0, st0).Scan(&partnership))
	f.coord = f.person(t, "Koordinasyon Masası", "", "tr", "coordinator")
	title := i18n.Text{TR: "Festival gönüllüleri", AZ: "Festival könüllüləri", EN: "Festival volunteers"}
	var id int64
	must(t, d.WriteRow(sctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
		min_age, signup_close_hours, cancel_close_hours, published, created_at, updated_at)
		VALUES (?, 'festival', ?, '{}', '{}', 'baku', ?, ?, 16, 2, 24, 1, ?, ?) RETURNING id`,
		partnership, title, st0.AddDate(0, 0, 20), st0.AddDate(0, 0, 40), st0, st0).Scan(&id))
	name := i18n.Text{TR: "Kapı görevlisi", AZ: "Qapı görevlisi", EN: "Gate steward"}
	must(t, d.WriteRow(sctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, '{}') RETURNING id`,
		id, name).Scan(&f.role))
	f.reload(t, id)
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (f *signupFixture) reload(t *testing.T, id int64) {
	t.Helper()
	p, err := programmeByID(sctx, f.d, id)
	must(t, err)
	f.prog = p
}

// person stores a user (with roles) and, when birth is given, their volunteer profile.
func (f *signupFixture) person(t *testing.T, name, birth, locale string, roles ...string) *web.Viewer {
	t.Helper()
	f.n++
	v := &web.Viewer{Name: name, Email: fmt.Sprintf("gonullu%d@example.org", f.n), Locale: locale, Roles: roles}
	must(t, f.d.WriteRow(sctx, `INSERT INTO users (email, name, password_hash, locale, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?) RETURNING id`,
		v.Email, v.Name, locale, st0, st0).Scan(&v.ID))
	if birth != "" {
		b, err := time.Parse(time.DateOnly, birth)
		must(t, err)
		must(t, putProfile(sctx, f.d, &Profile{UserID: v.ID, BirthDate: b, UpdatedAt: st0}))
	}
	return v
}

// adult is a volunteer of 30.
func (f *signupFixture) adult(t *testing.T, locale string) *web.Viewer {
	return f.person(t, fmt.Sprintf("Gönüllü %d", f.n+1), "1996-05-05", locale)
}

// shift stores a fixed shift starting days after st0 at hour (UTC), lasting hours.
func (f *signupFixture) shift(t *testing.T, days, hour, hours, places int) *Shift {
	t.Helper()
	start := time.Date(2026, 3, 2+days, hour, 0, 0, 0, time.UTC)
	var id int64
	must(t, f.d.WriteRow(sctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, location, created_at)
		VALUES (?, ?, 'fixed', ?, ?, ?, 'Dənizkənarı Bulvar', ?) RETURNING id`, f.prog.ID, f.role, start, start.Add(time.Duration(hours)*time.Hour),
		places, st0).Scan(&id))
	sh, err := shiftByID(sctx, f.d, id)
	must(t, err)
	f.reload(t, f.prog.ID)
	return sh
}

// counts reads a shift's confirmed counter and its confirmed and waiting rows.
func (f *signupFixture) counts(t *testing.T, shiftID int64) (counter, confirmed, waiting int) {
	t.Helper()
	must(t, f.d.QueryRow(sctx, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, shiftID).Scan(&counter))
	must(t, f.d.QueryRow(sctx, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = 'confirmed'`, shiftID).Scan(&confirmed))
	must(t, f.d.QueryRow(sctx, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = 'waiting'`, shiftID).Scan(&waiting))
	return
}

// startSignupMail turns the module's mail on, delivered to a real SMTP server.
func (f *signupFixture) startSignupMail(t *testing.T) (*mailtest.Sink, func()) {
	t.Helper()
	sink := mailtest.Start(t)
	sender, err := mail.NewSMTPSender(sink.URL, "Köprü <noreply@localhost>")
	must(t, err)
	quiet := slog.New(slog.DiscardHandler)
	cat, err := i18n.Load(ui.FS, "locales")
	must(t, err)
	out, q := mail.NewOutbox(f.d, sender, quiet), jobs.New(f.d, quiet)
	f.svc.UseMail(q, out, cat, "https://kopru.example")
	f.svc.HandleSignupJobs(q)
	// deliver runs every due job, then sends the outbox.
	deliver := func() {
		for {
			ran, err := q.RunOnce(sctx)
			must(t, err)
			if !ran {
				break
			}
		}
		_, err := out.DeliverDue(sctx)
		must(t, err)
	}
	return sink, deliver
}

// refusedWith checks that err refuses with key on field.
func refusedWith(t *testing.T, err error, field, key string) {
	t.Helper()
	var f fail.Fields
	if !errors.As(err, &f) || f[field] != key {
		t.Fatalf("got %v (%v), want %s on %q", err, f, key, field)
	}
}
