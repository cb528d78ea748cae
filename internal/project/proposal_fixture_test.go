package project

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The proposal tests' world: the İzmir–Bakü partnership, the association with one member,
// a company with another, a coordinator, and a call open in May 2027.

var pcNow = time.Date(2027, 5, 10, 9, 0, 0, 0, time.UTC)

type pcFixture struct {
	svc         *Service
	d           *db.DB
	dir         *testDir
	coordinator *web.Viewer
	member      *web.Viewer // of the association
	outsider    *web.Viewer // of the company
	association int64
	company     int64
	call        *Call // open from 1 May to 1 June 2027
	now         time.Time
}

func newPCFixture(t *testing.T, d *db.DB) *pcFixture {
	t.Helper()
	ctx := context.Background()
	f := &pcFixture{d: d, now: pcNow, dir: newTestDir("project.test")}
	f.svc = NewService(d, f.dir)
	f.svc.now = func() time.Time { return f.now }
	files, err := media.OpenStorage(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f.svc.UseFiles(files)
	_, err = d.Exec(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?)`, pcNow, pcNow)
	if err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Koordinatör", "tr", "coordinator")
	f.member = f.user(t, "uye@example.org", "Dernek Üyesi", "az")
	f.outsider = f.user(t, "firma@example.org", "Firma Temsilcisi", "tr")
	f.association = f.org(t, "İzmir Azerbaycan Derneği", f.member)
	f.company = f.org(t, "Örnek Zeytinyağı A.Ş.", f.outsider)
	f.call, err = f.svc.CreateCall(ctx, f.coordinator, pcCallInput())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func pcCallInput() CallInput {
	return CallInput{Title: i18n.Text{TR: "40. yıl ortak projeleri", AZ: "40-cı il birgə layihələri"},
		Description: i18n.Text{TR: "Kardeşliğin 40. yılı için projeler."}, Themes: []string{"youth", "culture"},
		OpensAt: time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC), ClosesAt: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC),
		JointApproval: true, Published: true,
		Questions: []CallQuestion{
			{Label: i18n.Text{TR: "Gönüllü sayısı"}, Kind: QuestionNumber, Required: true},
			{Label: i18n.Text{TR: "Şehir"}, Kind: QuestionChoice, Choices: []string{"İzmir", "Bakü", "İkisi de"}},
		},
		Criteria: []CallCriterion{{Name: i18n.Text{TR: "Etki"}, Weight: 50}, {Name: i18n.Text{TR: "Sürdürülebilirlik"}, Weight: 30}},
	}
}

func (f *pcFixture) user(t *testing.T, email, name, locale string, roles ...string) *web.Viewer {
	t.Helper()
	v := &web.Viewer{Email: email, Name: name, Roles: roles, Locale: locale}
	err := f.d.WriteRow(context.Background(), `INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES (?, ?, '', ?, ?) RETURNING id`,
		email, name, pcNow, pcNow).Scan(&v.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.dir.people[v.ID] = v
	return v
}

func (f *pcFixture) org(t *testing.T, name string, members ...*web.Viewer) int64 {
	t.Helper()
	id := insertOrg(t, f.d, Organisation{Name: name, Kind: "association", City: "İzmir", Country: "TR"}, pcNow)
	f.dir.orgs[id] = Organisation{ID: id, Name: name, City: "İzmir", Country: "TR"}
	for _, m := range members {
		f.dir.members[id] = append(f.dir.members[id], m.ID)
	}
	return id
}

// complete is a proposal ready to submit to the fixture's call.
func (f *pcFixture) complete() ProposalInput {
	return ProposalInput{OrganisationID: f.association, CallID: f.call.ID,
		Title:   i18n.Text{TR: "Gençlik Festivali", AZ: "Gənclik Festivalı"},
		Summary: i18n.Text{TR: "İzmir ve Bakü gençleri için üç günlük festival."},
		Themes:  []string{"youth"}, TargetGroups: []string{"youth", "students"},
		Partners:   []ProposalPartner{{Name: "Bakı Gənclər Mərkəzi", City: "Bakı"}},
		Activities: []ProposalActivity{{Title: "Açılış", StartsOn: "2027-09-01", EndsOn: "2027-09-03"}},
		Budget:     []ProposalBudgetLine{{Label: "Sahne", Currency: "TRY", Amount: 150000_00, Requested: 100000_00, Cofunding: 50000_00}},
		Indicators: []ProposalIndicator{{Name: i18n.Text{TR: "Katılımcı"}, Unit: "kişi", Target: 500}},
		Answers:    map[int64]string{f.call.Questions[0].ID: "40", f.call.Questions[1].ID: "İkisi de"},
	}
}

// submitted creates and submits a complete proposal.
func (f *pcFixture) submitted(t *testing.T) *Proposal {
	t.Helper()
	p, err := f.svc.CreateDraft(context.Background(), f.member, f.complete())
	if err != nil {
		t.Fatal(err)
	}
	if p, err = f.svc.Submit(context.Background(), f.member, p.ID); err != nil {
		t.Fatal(err)
	}
	return p
}

func pcFieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) || fields[field] != key {
		t.Fatalf("err = %v (%#v); want %s: %s", err, fields, field, key)
	}
}
