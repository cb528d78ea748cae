package project

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// What the package's test fixtures share: the context, the clock, the directory and the mail.

var (
	ctx = context.Background()
	t0  = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

// testDir is identity as the module sees it, kept in memory: people with roles and
// locales, organisations with kinds and members. A person's address is
// user{id}@{mailDomain}.
type testDir struct {
	people     map[int64]*web.Viewer
	orgs       map[int64]Organisation
	members    map[int64][]int64 // organisation → users
	mailDomain string
}

func newTestDir(mailDomain string) *testDir {
	return &testDir{people: map[int64]*web.Viewer{}, orgs: map[int64]Organisation{}, members: map[int64][]int64{}, mailDomain: mailDomain}
}

func (d *testDir) MemberOf(_ context.Context, v *web.Viewer) ([]Organisation, error) {
	var out []Organisation
	for id, users := range d.members {
		if v != nil && slices.Contains(users, v.ID) {
			out = append(out, d.orgs[id])
		}
	}
	return out, nil
}

func (d *testDir) Organisations(_ context.Context, ids []int64) (map[int64]Organisation, error) {
	out := map[int64]Organisation{}
	for _, id := range ids {
		if o, ok := d.orgs[id]; ok {
			out[id] = o
		}
	}
	return out, nil
}

func (d *testDir) Contacts(_ context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		if v, ok := d.people[id]; ok {
			out[id] = Contact{UserID: id, Name: v.Name, Email: fmt.Sprintf("user%d@%s", id, d.mailDomain), Locale: v.Locale}
		}
	}
	return out, nil
}

func (d *testDir) Reviewer(ctx context.Context, id int64) (Reviewer, error) {
	v, ok := d.people[id]
	if !ok {
		return Reviewer{}, ErrNotFound
	}
	orgs, _ := d.MemberOf(ctx, v)
	return Reviewer{UserID: id, Name: v.Name, Roles: v.Roles, Organisations: orgs}, nil
}

func (d *testDir) Reviewers(ctx context.Context) ([]Reviewer, error) {
	var out []Reviewer
	for id := range d.people {
		if r, _ := d.Reviewer(ctx, id); r.CanReview() {
			out = append(out, r)
		}
	}
	return out, nil
}

// startMail delivers the module's mail to a real SMTP server: the server, the outbox that
// sends to it, the job queue that plans the mails and the catalog they are written with.
func startMail(t *testing.T, d *db.DB) (*mailtest.Sink, *mail.Outbox, *jobs.Queue, *i18n.Catalog) {
	t.Helper()
	sink := mailtest.Start(t)
	sender, err := mail.NewSMTPSender(sink.URL, "Köprü <noreply@localhost>")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	return sink, mail.NewOutbox(d, sender, quiet), jobs.New(d, quiet), cat
}

// insertUser stores v as a user created at t0 and sets its id.
func insertUser(t *testing.T, d *db.DB, v *web.Viewer) {
	t.Helper()
	err := d.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, locale, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?) RETURNING id`,
		v.Email, v.Name, v.Locale, t0, t0).Scan(&v.ID)
	if err != nil {
		t.Fatal(err)
	}
}

// insertOrg stores o, its slug folded from its name, created at, and returns its id.
func insertOrg(t *testing.T, d *db.DB, o Organisation, at time.Time) int64 {
	t.Helper()
	var id int64
	err := d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, city, country, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, text.Slug(o.Name), o.Name, o.Kind, o.City, o.Country, at, at).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
