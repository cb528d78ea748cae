package b2b

import (
	"context"
	"database/sql"
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

// testPeople finds accounts in the users table, as identity does.
type testPeople struct{ d *db.DB }

func (p testPeople) UserByEmail(ctx context.Context, email string) (Person, error) {
	var out Person
	err := p.d.QueryRow(ctx, `SELECT id, name FROM users WHERE email = ?`, email).Scan(&out.UserID, &out.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return out, fmt.Errorf("no account: %w", fail.NotFound)
	}
	return out, err
}

// delegationFixture is the b2b fixture with the delegation rules and two companies: an
// İzmir exporter whose members are f.member and exporterColleague, and a Bakü carrier with
// its own member.
type delegationFixture struct {
	*fixture
	dlg               *Delegations
	exporter, carrier int64
	exporterColleague *web.Viewer
	carrierMember     *web.Viewer
}

func newDelegationFixture(t *testing.T, d *db.DB) *delegationFixture {
	t.Helper()
	f := &delegationFixture{fixture: newFixture(t, d)}
	f.dlg = NewDelegations(d, f.dir, testPeople{d})
	f.dlg.now = func() time.Time { return t0 }
	f.exporterColleague = f.user(t, "ihracat2@example.org", "Ayşe Yıldırım")
	f.carrierMember = f.user(t, "logistika@example.org", "Rəşad Məmmədov")
	f.exporter = f.org(t, "Ege Zeytinyağı A.Ş.", "İzmir", "TR", f.member, f.exporterColleague)
	f.carrier = f.org(t, "Xəzər Logistika MMC", "Bakı", "AZ", f.carrierMember)
	return f
}

// delegationInput is an announced İzmir→Bakü delegation in June 2027, applications open
// until the end of May (t0 is 1 May).
func delegationInput() DelegationInput {
	return DelegationInput{
		Direction: IzmirToBaku, Status: DelegationAnnounced,
		StartsOn: time.Date(2027, 6, 14, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2027, 6, 17, 0, 0, 0, 0, time.UTC),
		Title:    i18n.Text{TR: "Bakü Gıda ve Lojistik Heyeti", AZ: "Bakı Qida və Logistika Nümayəndə Heyəti", EN: "Bakü Food and Logistics Delegation"},
		Purpose:  i18n.Text{TR: "İzmirli gıda üreticilerini Bakülü alıcılarla buluşturmak.", EN: "To bring İzmir food producers together with buyers in Bakü."},
		Host:     "Bakı Şəhəri İcra Hakimiyyəti",
		Sectors:  []string{"10", "52"},
		Deadline: time.Date(2027, 5, 31, 20, 59, 0, 0, time.UTC),
	}
}

func (f *delegationFixture) announced(t *testing.T) *Delegation {
	t.Helper()
	d, err := f.dlg.Create(ctx, f.coordinator, delegationInput())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (f *delegationFixture) application(t *testing.T, d *Delegation) *Application {
	t.Helper()
	a, err := f.dlg.Apply(ctx, f.member, d.ID, ApplicationInput{OrganisationID: f.exporter, Motivation: "Zeytinyağı ihracatı.",
		Travellers: []Traveller{
			{UserID: f.member.ID, PassportName: "LEYLA HASANOVA", Nationality: "Türkiye"},
			{UserID: f.exporterColleague.ID, PassportName: "AYŞE YILDIRIM", Nationality: "Türkiye"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// rejoin adds f.member back as a plain member.
func (f *delegationFixture) rejoin(t *testing.T, dl *Delegation) *Member {
	t.Helper()
	m, err := f.dlg.AddMember(ctx, f.coordinator, dl.ID, MemberInput{Email: f.member.Email, OrganisationID: f.exporter,
		PassportName: "LEYLA HASANOVA", Nationality: "Türkiye", Role: "member"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDelegationCreateEditAndVisibility(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		in := delegationInput()
		in.Status = DelegationDraft
		draft, err := f.dlg.Create(ctx, f.coordinator, in)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Slug != "baku-gida-ve-lojistik-heyeti" {
			t.Fatalf("slug %q", draft.Slug)
		}
		// A draft is the coordinators' alone.
		for _, v := range []*web.Viewer{nil, f.member} {
			if _, err := f.dlg.BySlug(ctx, v, draft.Slug); !errors.Is(err, fail.NotFound) {
				t.Fatalf("draft seen by %v: %v", v, err)
			}
		}
		if list, _ := f.dlg.List(ctx, f.member, true); len(list) != 0 {
			t.Fatalf("a member listed drafts: %v", list)
		}
		if list, _ := f.dlg.List(ctx, f.coordinator, true); len(list) != 1 {
			t.Fatalf("coordinator's list: %v", list)
		}

		// Editing is for coordinators.
		if _, err := f.dlg.Update(ctx, f.member, draft.ID, delegationInput()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member edit: %v", err)
		}
		if _, err := f.dlg.Update(ctx, nil, draft.ID, delegationInput()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous edit: %v", err)
		}
		if _, err := f.dlg.Update(ctx, f.coordinator, draft.ID, delegationInput()); err != nil {
			t.Fatal(err)
		}
		got, err := f.dlg.BySlug(ctx, nil, draft.Slug)
		if err != nil || got.Status != DelegationAnnounced || got.Title.AZ != in.Title.AZ || !got.StartsOn.Equal(in.StartsOn) ||
			!got.Deadline.Equal(in.Deadline) || got.Host != in.Host || len(got.Sectors) != 2 {
			t.Fatalf("announced: %+v, %v", got, err)
		}

		// A second delegation cannot take the address.
		if _, err := f.dlg.Create(ctx, f.coordinator, delegationInput()); err == nil {
			t.Fatal("same slug twice")
		} else {
			fieldErr(t, err, "slug", "b2b.delegation.error.slug_taken")
		}
	})
}

func TestDelegationBadInput(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		for name, tc := range map[string]struct {
			change     func(*DelegationInput)
			field, key string
		}{
			"direction": {func(in *DelegationInput) { in.Direction = "ankara_baku" }, "direction", "form.choice"},
			"ends":      {func(in *DelegationInput) { in.EndsOn = in.StartsOn.AddDate(0, 0, -1) }, "ends_on", "b2b.delegation.error.ends_before"},
			// Applications must close before the delegation leaves (midnight in Bakü).
			"deadline": {func(in *DelegationInput) { in.Deadline = time.Date(2027, 6, 13, 20, 0, 0, 0, time.UTC) }, "deadline", "b2b.delegation.error.deadline_late"},
			"sectors":  {func(in *DelegationInput) { in.Sectors = []string{"99x"} }, "sectors", "b2b.error.sector_unknown"},
			"title":    {func(in *DelegationInput) { in.Title = i18n.Text{} }, "title", "form.required"},
			"host":     {func(in *DelegationInput) { in.Host = "  " }, "host", "form.required"},
			"status":   {func(in *DelegationInput) { in.Status = "secret" }, "status", "form.choice"},
		} {
			in := delegationInput()
			tc.change(&in)
			_, err := f.dlg.Create(ctx, f.coordinator, in)
			t.Run(name, func(t *testing.T) { fieldErr(t, err, tc.field, tc.key) })
		}
		if list, _ := f.dlg.List(ctx, f.coordinator, true); len(list) != 0 {
			t.Fatalf("bad input stored %d delegations", len(list))
		}
	})
}

func TestDelegationApplications(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		dl := f.announced(t)
		good := func() ApplicationInput {
			return ApplicationInput{OrganisationID: f.exporter, Motivation: "Zeytinyağı ihracatı.",
				Travellers: []Traveller{{UserID: f.member.ID, PassportName: "LEYLA HASANOVA", Nationality: "Türkiye"}}}
		}

		// Someone who does not belong to the organisation cannot apply for it.
		_, err := f.dlg.Apply(ctx, f.carrierMember, dl.ID, good())
		fieldErr(t, err, "organisation_id", "b2b.delegation.error.not_org_member")
		// Travellers must be the organisation's people, each with a passport name and nationality.
		in := good()
		in.Travellers = append(in.Travellers, Traveller{UserID: f.carrierMember.ID, PassportName: "RASAD MAMMADOV", Nationality: "Azərbaycan"})
		_, err = f.dlg.Apply(ctx, f.member, dl.ID, in)
		fieldErr(t, err, "travellers", "b2b.delegation.error.not_member")
		in = good()
		in.Travellers[0].Nationality = " "
		_, err = f.dlg.Apply(ctx, f.member, dl.ID, in)
		fieldErr(t, err, fmt.Sprintf("nationality_%d", f.member.ID), "form.required")
		if _, err := f.dlg.Apply(ctx, nil, dl.ID, good()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: %v", err)
		}

		a, err := f.dlg.Apply(ctx, f.member, dl.ID, good())
		if err != nil || a.Status != ApplicationPending || a.Organisation.Name != "Ege Zeytinyağı A.Ş." || a.Email != f.member.Email {
			t.Fatalf("apply: %+v, %v", a, err)
		}
		// One application per organisation, whoever of its members sends it.
		dup := good()
		dup.Travellers = []Traveller{{UserID: f.exporterColleague.ID, PassportName: "AYŞE YILDIRIM", Nationality: "Türkiye"}}
		_, err = f.dlg.Apply(ctx, f.exporterColleague, dl.ID, dup)
		fieldErr(t, err, "organisation_id", "b2b.delegation.error.already_applied")

		// After the deadline the form is closed.
		f.dlg.now = func() time.Time { return dl.Deadline.Add(time.Minute) }
		_, err = f.dlg.Apply(ctx, f.carrierMember, dl.ID, ApplicationInput{OrganisationID: f.carrier, Motivation: "Lojistik",
			Travellers: []Traveller{{UserID: f.carrierMember.ID, PassportName: "RASAD MAMMADOV", Nationality: "Azərbaycan"}}})
		fieldErr(t, err, "delegation", "b2b.delegation.error.closed")
		f.dlg.now = func() time.Time { return t0 }

		// A closed delegation takes none either, and a draft is not there at all.
		in2 := delegationInput()
		in2.Slug, in2.Status = "kapali-heyet", DelegationClosed
		closed, _ := f.dlg.Create(ctx, f.coordinator, in2)
		_, err = f.dlg.Apply(ctx, f.member, closed.ID, good())
		fieldErr(t, err, "delegation", "b2b.delegation.error.closed")
		in2.Slug, in2.Status = "taslak-heyet", DelegationDraft
		draft, _ := f.dlg.Create(ctx, f.coordinator, in2)
		if _, err := f.dlg.Apply(ctx, f.member, draft.ID, good()); !errors.Is(err, fail.NotFound) {
			t.Fatalf("apply to a draft: %v", err)
		}

		// The organisation's members see their application; others do not.
		mine, open, err := f.dlg.MyApplications(ctx, f.exporterColleague, dl.ID)
		if err != nil || len(mine) != 1 || mine[0].ID != a.ID || len(open) != 0 {
			t.Fatalf("exporter's applications %v %v %v", mine, open, err)
		}
		if mine, open, _ := f.dlg.MyApplications(ctx, f.carrierMember, dl.ID); len(mine) != 0 || len(open) != 1 {
			t.Fatalf("carrier sees %v", mine)
		}
		if _, err := f.dlg.Applications(ctx, f.member, dl.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member lists applications: %v", err)
		}
	})
}

func TestDelegationDecisionsMakeMembers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		dl := f.announced(t)
		a := f.application(t, dl)
		if _, err := f.dlg.Approve(ctx, f.member, a.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("applicant approves own application: %v", err)
		}
		_, err := f.dlg.Reject(ctx, f.coordinator, a.ID, " ")
		fieldErr(t, err, "reason", "b2b.error.reason_required")

		got, err := f.dlg.Approve(ctx, f.coordinator, a.ID)
		if err != nil || got.Status != ApplicationApproved {
			t.Fatalf("approve: %+v %v", got, err)
		}
		members, err := f.dlg.Members(ctx, f.coordinator, dl.ID)
		if err != nil || len(members) != 2 {
			t.Fatalf("members %+v %v", members, err)
		}
		for _, m := range members {
			if m.Role != "member" || m.Organisation.Name != "Ege Zeytinyağı A.Ş." || m.Nationality != "Türkiye" {
				t.Fatalf("member %+v", m)
			}
		}
		// Decided once: a second decision is refused, the members stay.
		_, err = f.dlg.Reject(ctx, f.coordinator, a.ID, "Kontenjan doldu")
		fieldErr(t, err, "decision", "b2b.delegation.error.decided")

		// Members see each other; someone outside does not.
		if list, err := f.dlg.Members(ctx, f.exporterColleague, dl.ID); err != nil || len(list) != 2 {
			t.Fatalf("member's view %v %v", list, err)
		}
		if _, err := f.dlg.Members(ctx, f.carrierMember, dl.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("outsider lists members: %v", err)
		}

		// Coordinators add the interpreter by account and change roles.
		interpreter := f.user(t, "tercuman@example.org", "Tərcüməçi")
		_, err = f.dlg.AddMember(ctx, f.coordinator, dl.ID, MemberInput{Email: "nobody@example.org", PassportName: "X", Nationality: "Y", Role: "interpreter"})
		fieldErr(t, err, "email", "b2b.delegation.error.no_account")
		_, err = f.dlg.AddMember(ctx, f.coordinator, dl.ID, MemberInput{Email: f.member.Email, PassportName: "X", Nationality: "Y", Role: "head"})
		fieldErr(t, err, "email", "b2b.delegation.error.already_member")
		if _, err := f.dlg.AddMember(ctx, f.member, dl.ID, MemberInput{Email: interpreter.Email, PassportName: "X", Nationality: "Y", Role: "press"}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member adds members: %v", err)
		}
		m, err := f.dlg.AddMember(ctx, f.coordinator, dl.ID, MemberInput{Email: " TERCUMAN@example.org ", PassportName: "TARJUMACHI", Nationality: "Azərbaycan", Role: "interpreter"})
		if err != nil || m.UserID != interpreter.ID || m.Role != "interpreter" || m.OrganisationID != 0 {
			t.Fatalf("interpreter %+v %v", m, err)
		}
		if err := f.dlg.SetRole(ctx, f.member, members[0].ID, "head"); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member sets a role: %v", err)
		}
		fieldErr(t, f.dlg.SetRole(ctx, f.coordinator, members[0].ID, "captain"), "role", "form.choice")
		if err := f.dlg.SetRole(ctx, f.coordinator, members[0].ID, "head"); err != nil {
			t.Fatal(err)
		}
		if m, _ := f.dlg.Member(ctx, f.coordinator, members[0].ID); m.Role != "head" {
			t.Fatalf("role %q", m.Role)
		}
		if err := f.dlg.RemoveMember(ctx, f.coordinator, m.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.dlg.Member(ctx, f.coordinator, m.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("removed member: %v", err)
		}
	})
}

func TestDelegationItineraryVisibility(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newDelegationFixture(t, d)
		dl := f.announced(t)
		if _, err := f.dlg.Approve(ctx, f.coordinator, f.application(t, dl).ID); err != nil {
			t.Fatal(err)
		}
		leyla, err := f.dlg.Membership(ctx, f.member, dl.ID)
		if err != nil {
			t.Fatal(err)
		}
		bakuTime := func(day, h, m int) time.Time { return time.Date(2027, 6, day, h, m, 0, 0, baku) }
		visit := ItemInput{Kind: "visit", StartsAt: bakuTime(14, 10, 0), EndsAt: bakuTime(14, 12, 0), Place: "Bakı Limanı",
			Title: i18n.Text{TR: "Bakü Limanı ziyareti", AZ: "Bakı Limanına səfər"}}
		meeting := ItemInput{Kind: "meeting", StartsAt: bakuTime(15, 15, 0), EndsAt: bakuTime(15, 16, 0), Place: "Xəzər Logistika",
			Title: i18n.Text{TR: "Alıcı görüşmesi"}, Members: []int64{leyla.ID}}
		if _, err := f.dlg.SaveItem(ctx, f.member, dl.ID, 0, visit); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member writes the itinerary: %v", err)
		}
		for _, in := range []ItemInput{meeting, visit} {
			if _, err := f.dlg.SaveItem(ctx, f.coordinator, dl.ID, 0, in); err != nil {
				t.Fatal(err)
			}
		}
		titles := func(items []Item) (out []string) {
			for _, it := range items {
				out = append(out, it.Title.TR)
			}
			return out
		}
		check := func(v *web.Viewer, want ...string) {
			t.Helper()
			items, err := f.dlg.Itinerary(ctx, v, dl.ID)
			if got := titles(items); err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("itinerary for %v: %v %v, want %v", v, got, err, want)
			}
		}
		check(nil, "Bakü Limanı ziyareti")
		check(f.carrierMember, "Bakü Limanı ziyareti")
		check(f.exporterColleague, "Bakü Limanı ziyareti") // a member, but the meeting is Leyla's
		check(f.member, "Bakü Limanı ziyareti", "Alıcı görüşmesi")
		check(f.coordinator, "Bakü Limanı ziyareti", "Alıcı görüşmesi")
		if pub, _ := f.dlg.PublicItinerary(ctx, dl.ID); fmt.Sprint(titles(pub)) != "[Bakü Limanı ziyareti]" {
			t.Fatalf("public itinerary %v", titles(pub))
		}

		// Leyla leaves the delegation: her meeting stays private, seen by coordinators only.
		if err := f.dlg.RemoveMember(ctx, f.coordinator, leyla.ID); err != nil {
			t.Fatal(err)
		}
		check(nil, "Bakü Limanı ziyareti")
		check(f.member, "Bakü Limanı ziyareti")
		check(f.coordinator, "Bakü Limanı ziyareti", "Alıcı görüşmesi")
		if pub, _ := f.dlg.PublicItinerary(ctx, dl.ID); len(pub) != 1 {
			t.Fatalf("public itinerary after the member left: %v", titles(pub))
		}
		leyla = f.rejoin(t, dl)

		// Items stay within the days, end after they start and name members of this delegation.
		bad := visit
		bad.StartsAt, bad.EndsAt = bakuTime(18, 10, 0), bakuTime(18, 11, 0)
		_, err = f.dlg.SaveItem(ctx, f.coordinator, dl.ID, 0, bad)
		fieldErr(t, err, "starts_at", "b2b.delegation.error.item_outside")
		bad = visit
		bad.EndsAt = bad.StartsAt
		_, err = f.dlg.SaveItem(ctx, f.coordinator, dl.ID, 0, bad)
		fieldErr(t, err, "ends_at", "b2b.delegation.error.item_ends_before")
		bad = visit
		bad.Members = []int64{leyla.ID + 100}
		_, err = f.dlg.SaveItem(ctx, f.coordinator, dl.ID, 0, bad)
		fieldErr(t, err, "members", "b2b.delegation.error.not_delegation_member")

		// An item cannot be edited through another delegation.
		in2 := delegationInput()
		in2.Slug = "ikinci-heyet"
		other, _ := f.dlg.Create(ctx, f.coordinator, in2)
		items, _ := f.dlg.Itinerary(ctx, f.coordinator, dl.ID)
		if _, err := f.dlg.SaveItem(ctx, f.coordinator, other.ID, items[0].ID, visit); !errors.Is(err, fail.NotFound) {
			t.Fatalf("item moved across delegations: %v", err)
		}
		if _, err := f.dlg.ItemOf(ctx, f.coordinator, other.ID, items[0].ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("item read across delegations: %v", err)
		}
	})
}
