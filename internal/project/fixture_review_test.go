package project

import (
	"fmt"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review's tests build calls and proposals with SQL, as the 00019 schema has them: the
// submission code is another part of the module and review must stand on the rows alone.

// reviewFixture: the association İZAZDER proposes; Aysel reviews for the association (a
// member of it would be her own proposal, so she belongs to a second association), Murad
// for the municipality; Elvin is a reviewer nobody assigned; Leyla wrote the proposal.
type reviewFixture struct {
	d           *db.DB
	svc         *Service
	dir         *testDir
	partnership int64
	coordinator *web.Viewer
	aysel       *web.Viewer // association reviewer
	murad       *web.Viewer // municipality reviewer
	elvin       *web.Viewer // reviewer, not assigned
	leyla       *web.Viewer // the proposer
	izazder     int64
	culture     int64 // association "Kültür Derneği", Aysel's
	city        int64 // the municipality, Murad's
}

func newReviewFixture(t *testing.T, d *db.DB) *reviewFixture {
	t.Helper()
	f := &reviewFixture{d: d, dir: newTestDir("kopru.test")}
	f.svc = NewService(d, f.dir)
	f.svc.now = func() time.Time { return t0 }
	err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?) RETURNING id`, t0, t0).Scan(&f.partnership)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "Koordinatör", "tr", "coordinator")
	f.aysel = f.user(t, "Aysel Məmmədova", "az", "reviewer")
	f.murad = f.user(t, "Murat Yılmaz", "tr", "reviewer")
	f.elvin = f.user(t, "Elvin Əliyev", "az", "reviewer")
	f.leyla = f.user(t, "Leyla Həsənova", "en")
	f.izazder = f.org(t, "İzmir Azerbaycan Derneği (demo)", "association", f.leyla)
	f.culture = f.org(t, "Ege Kültür Derneği (demo)", "association", f.aysel)
	f.city = f.org(t, "İzmir Büyükşehir Belediyesi (demo)", "municipality", f.murad)
	return f
}

func (f *reviewFixture) user(t *testing.T, name, locale string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Name: name, Roles: roles, Locale: locale, Email: fmt.Sprintf("u%d@kopru.test", len(f.dir.people))}
	insertUser(t, f.d, v)
	f.dir.people[v.ID] = v
	return v
}

func (f *reviewFixture) org(t *testing.T, name, kind string, members ...*web.Viewer) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		fmt.Sprintf("org-%d", len(f.dir.orgs)), name, kind, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	f.dir.orgs[id] = Organisation{ID: id, Name: name, Kind: kind}
	for _, m := range members {
		f.dir.members[id] = append(f.dir.members[id], m.ID)
	}
	return id
}

// call opens a call with two criteria (relevance 60, feasibility 40) and one question.
func (f *reviewFixture) call(t *testing.T, joint bool) (callID int64, criteria []int64) {
	t.Helper()
	j := 0
	if joint {
		j = 1
	}
	err := f.d.WriteRow(ctx, `INSERT INTO project_calls (partnership_id, slug, title, description, themes, opens_at, closes_at, joint_approval, published, created_at, updated_at)
		VALUES (?, ?, ?, '{}', 'youth culture', ?, ?, ?, 1, ?, ?) RETURNING id`, f.partnership, fmt.Sprintf("cagri-%d-%d", j, t0.UnixNano()+int64(len(criteria))),
		i18n.Text{TR: "Gençlik Çağrısı 2026", AZ: "Gənclik Çağırışı 2026"}, t0.AddDate(0, -1, 0), t0.AddDate(0, 1, 0), j, t0, t0).Scan(&callID)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		name   string
		weight int
	}{{"Amaca uygunluk", 60}, {"Uygulanabilirlik", 40}} {
		var id int64
		if err := f.d.WriteRow(ctx, `INSERT INTO project_call_criteria (call_id, position, name, weight) VALUES (?, ?, ?, ?) RETURNING id`,
			callID, i, i18n.Text{TR: c.name}, c.weight).Scan(&id); err != nil {
			t.Fatal(err)
		}
		criteria = append(criteria, id)
	}
	var q int64
	if err := f.d.WriteRow(ctx, `INSERT INTO project_call_questions (call_id, position, label, kind, choices, required) VALUES (?, 0, ?, 'text', '[]', 1) RETURNING id`,
		callID, i18n.Text{TR: "Gönüllüler nereden gelecek?", EN: "Where do the volunteers come from?"}).Scan(&q); err != nil {
		t.Fatal(err)
	}
	return callID, criteria
}

// proposal submits Leyla's youth festival to callID (0: the standing intake): two
// activities in summer 2026, a budget in TRY and AZN (TRY the larger), two indicators.
func (f *reviewFixture) proposal(t *testing.T, callID int64, status ProposalStatus) int64 {
	t.Helper()
	var call any
	if callID != 0 {
		call = callID
	}
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO proposals (partnership_id, call_id, organisation_id, status, title, summary, themes, target_groups, partners, created_by, submitted_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'youth culture', 'youth students', '[]', ?, ?, ?, ?) RETURNING id`,
		f.partnership, call, f.izazder, status, i18n.Text{TR: "İzmir–Bakü Gençlik Festivali", AZ: "İzmir–Bakı Gənclik Festivalı"},
		i18n.Text{TR: "Kordon'da üç günlük bir gençlik festivali."}, f.leyla.ID, t0, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	f.exec(t, `INSERT INTO proposal_activities (proposal_id, position, title, starts_on, ends_on) VALUES (?, 0, 'Hazırlık', '2026-06-01', '2026-06-30'), (?, 1, 'Festival', '2026-07-10', '2026-07-12')`, id, id)
	f.exec(t, `INSERT INTO proposal_budget_lines (proposal_id, position, label, currency, amount_minor, requested_minor, cofunding_minor)
		VALUES (?, 0, 'Sahne', 'TRY', 25000000, 20000000, 5000000), (?, 1, 'Ulaşım', 'AZN', 800000, 800000, 0), (?, 2, 'Afiş', 'TRY', 1500000, 0, 1500000)`, id, id, id)
	f.exec(t, `INSERT INTO proposal_indicators (proposal_id, position, name, unit, target) VALUES (?, 0, ?, 'kişi', 500), (?, 1, ?, 'kişi', 40)`,
		id, i18n.Text{TR: "Katılımcı"}, id, i18n.Text{TR: "Gönüllü"})
	f.exec(t, `INSERT INTO proposal_attachments (proposal_id, name, size, storage_key, created_at) VALUES (?, 'butce.pdf', 12345, 'proposals/x/butce.pdf', ?)`, id, t0)
	if callID != 0 {
		f.exec(t, `INSERT INTO proposal_answers (proposal_id, question_id, answer) SELECT ?, id, 'Ege ve Dokuz Eylül öğrencileri' FROM project_call_questions WHERE call_id = ?`, id, callID)
	}
	return id
}

func (f *reviewFixture) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := f.d.Exec(ctx, q, args...); err != nil {
		t.Fatal(err)
	}
}

// assignBoth assigns Aysel and Murad to id, each on their organisation's side.
func (f *reviewFixture) assignBoth(t *testing.T, id int64) {
	t.Helper()
	for _, r := range []*web.Viewer{f.aysel, f.murad} {
		if err := f.svc.Assign(ctx, f.coordinator, []int64{id}, r.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *reviewFixture) status(t *testing.T, id int64) ProposalStatus {
	t.Helper()
	var st ProposalStatus
	if err := f.d.QueryRow(ctx, `SELECT status FROM proposals WHERE id = ?`, id).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

func (f *reviewFixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
