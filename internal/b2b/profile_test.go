package b2b

import (
	"errors"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// profiles is a forum with a programme and two companies: Leyla and Orhan work for the İzmir
// olive-oil exporter, Rəşad for the Bakü logistics firm; Selin's firm joined another forum.
type profiles struct {
	*fixture
	orhan, rashad, selin *web.Viewer
	izmir, baku, other   int64 // organisations
	otherForum           int64
}

func newProfiles(t *testing.T, d *db.DB) *profiles {
	t.Helper()
	f := &profiles{fixture: newFixture(t, d)}
	f.orhan = f.user(t, "orhan@example.org", "Orhan Demir")
	f.rashad = f.user(t, "rashad@example.org", "Rəşad Quliyev")
	f.selin = f.user(t, "selin@example.org", "Selin Aydın")
	f.izmir = f.org(t, "Ege Zeytinyağı Üreticileri (demo)", "İzmir", "TR", f.member, f.orhan)
	f.baku = f.org(t, "Xəzər Logistika (demo)", "Bakı", "AZ", f.rashad)
	f.other = f.org(t, "Körfez Tekstil (demo)", "İzmir", "TR", f.selin)
	if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, setup()); err != nil {
		t.Fatal(err)
	}
	f.otherForum = f.event(t, "business_forum", "İkinci Forum")
	if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.otherForum, setup()); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *profiles) input(org int64, attendees ...*web.Viewer) ProfileInput {
	in := ProfileInput{OrganisationID: org, Type: "seller", Sectors: []string{"10", "46"}, City: "İzmir", Country: "tr",
		Languages: []string{"tr", "en"}, Description: i18n.Text{TR: "Soğuk sıkım zeytinyağı ve sofralık zeytin ihracatı."}}
	for _, a := range attendees {
		in.Attendees = append(in.Attendees, a.ID)
	}
	return in
}

func (f *profiles) join(t *testing.T, v *web.Viewer, event int64, in ProfileInput) *Profile {
	t.Helper()
	p, err := f.svc.Join(ctx, v, event, in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJoinAndValidate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newProfiles(t, d)
		p := f.join(t, f.member, f.forum, f.input(f.izmir, f.member, f.orhan))
		if p.Status != Pending || p.Country != "TR" || len(p.People) != 2 || p.Organisation.Name != "Ege Zeytinyağı Üreticileri (demo)" {
			t.Fatalf("joined: %+v", p)
		}
		// A second profile for the same organisation is refused, whoever asks.
		_, err := f.svc.Join(ctx, f.orhan, f.forum, f.input(f.izmir, f.orhan))
		fieldErr(t, err, "organisation_id", "b2b.error.already_joined")

		in := f.input(f.baku, f.rashad)
		in.Type, in.City, in.Country, in.Languages = "buyer", "Bakı", "AZ", []string{"az", "ru"}
		in.Description = i18n.Text{AZ: "Xəzər limanından Avropaya konteyner daşımaları."}
		q := f.join(t, f.rashad, f.forum, in)

		// Pending profiles are hidden from the other participant.
		if _, err := f.svc.Profile(ctx, f.rashad, p.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("pending profile seen by another company: %v", err)
		}
		if list, err := f.svc.Participants(ctx, f.rashad, f.forum, Filter{}); err != nil || len(list) != 0 {
			t.Fatalf("participants before validation: %v %v", list, err)
		}
		if err := f.svc.Validate(ctx, f.member, p.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a participant validates: %v", err)
		}
		fieldErr(t, f.svc.Reject(ctx, f.coordinator, q.ID, "  "), "reason", "b2b.error.reason_required")
		for _, id := range []int64{p.ID, q.ID} {
			if err := f.svc.Validate(ctx, f.coordinator, id); err != nil {
				t.Fatal(err)
			}
		}
		got, err := f.svc.Profile(ctx, f.rashad, p.ID)
		if err != nil || got.Status != Validated {
			t.Fatalf("validated profile: %+v %v", got, err)
		}
		// Filters: type, sector, country, language and folded text.
		for _, tc := range []struct {
			f    Filter
			want []int64
		}{
			{Filter{}, []int64{p.ID, q.ID}},
			{Filter{Type: "buyer"}, []int64{q.ID}},
			{Filter{Sector: "10"}, []int64{p.ID, q.ID}},
			{Filter{Country: "az"}, []int64{q.ID}},
			{Filter{Language: "ru"}, []int64{q.ID}},
			{Filter{Query: "ZEYTINYAGI"}, []int64{p.ID}},
			{Filter{Query: "xezer konteyner"}, []int64{q.ID}},
			{Filter{Query: "pamuk"}, nil},
		} {
			list, err := f.svc.Participants(ctx, f.member, f.forum, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			if len(ids) != len(tc.want) || (len(ids) > 0 && !sameIDs(ids, tc.want)) {
				t.Errorf("filter %+v = %v, want %v", tc.f, ids, tc.want)
			}
		}
		// A participant of another programme sees neither the list nor the profiles.
		f.join(t, f.selin, f.otherForum, f.input(f.other, f.selin))
		if _, err := f.svc.Participants(ctx, f.selin, f.forum, Filter{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another programme's participant lists: %v", err)
		}
		if _, err := f.svc.Profile(ctx, f.selin, p.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("another programme's participant reads a profile: %v", err)
		}
	})
}

func sameIDs(a, b []int64) bool {
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestProfileAuthorization(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newProfiles(t, d)
		if _, err := f.svc.Join(ctx, nil, f.forum, f.input(f.izmir)); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous joins: %v", err)
		}
		// Joining for an organisation one is not a member of.
		if _, err := f.svc.Join(ctx, f.rashad, f.forum, f.input(f.izmir, f.rashad)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("joins for a stranger's company: %v", err)
		}
		// Attendees must belong to the organisation.
		_, err := f.svc.Join(ctx, f.member, f.forum, f.input(f.izmir, f.member, f.rashad))
		fieldErr(t, err, "attendees", "b2b.error.not_member")
		// An event without a programme has nobody to join.
		if _, err := f.svc.Join(ctx, f.member, f.festival, f.input(f.izmir, f.member)); !errors.Is(err, fail.NotFound) {
			t.Fatalf("joins an event without programme: %v", err)
		}

		p := f.join(t, f.member, f.forum, f.input(f.izmir, f.member))
		// A colleague edits; another company's member may not.
		in := f.input(f.izmir, f.member, f.orhan)
		in.OrganisationID = f.baku // ignored: a profile keeps its organisation
		if _, err := f.svc.UpdateProfile(ctx, f.rashad, p.ID, in); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another company's member edits: %v", err)
		}
		if err := f.svc.Validate(ctx, f.coordinator, p.ID); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.UpdateProfile(ctx, f.orhan, p.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.OrganisationID != f.izmir || got.Status != Validated || len(got.Attendees) != 2 {
			t.Fatalf("after a colleague's edit: %+v", got)
		}
		// A rejected profile carries the reason and goes back to pending when fixed.
		if err := f.svc.Reject(ctx, f.coordinator, p.ID, "Açıklama eksik."); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.svc.Profile(ctx, f.member, p.ID); got.Status != Rejected || got.Reason != "Açıklama eksik." {
			t.Fatalf("rejected: %+v", got)
		}
		if got, _ := f.svc.UpdateProfile(ctx, f.member, p.ID, in); got.Status != Pending || got.Reason != "" {
			t.Fatalf("fixed after rejection: %+v", got)
		}
		if _, err := f.svc.Members(ctx, f.rashad, f.izmir); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another company's member lists the people: %v", err)
		}
	})
}

func TestProfileValidation(t *testing.T) {
	members := []Person{{UserID: 1, Name: "Leyla"}}
	for _, tc := range []struct {
		name, field, key string
		change           func(in *ProfileInput)
	}{
		{"type", "type", "form.choice", func(in *ProfileInput) { in.Type = "tourist" }},
		{"no attendee", "attendees", "b2b.error.no_attendee", func(in *ProfileInput) { in.Attendees = nil }},
		{"no sector", "sectors", "b2b.error.no_sector", func(in *ProfileInput) { in.Sectors = nil }},
		{"section instead of division", "sectors", "b2b.error.sector_unknown", func(in *ProfileInput) { in.Sectors = []string{"C"} }},
		{"unknown division", "sectors", "b2b.error.sector_unknown", func(in *ProfileInput) { in.Sectors = []string{"04"} }},
		{"city", "city", "form.required", func(in *ProfileInput) { in.City = "  " }},
		{"country", "country", "b2b.error.country", func(in *ProfileInput) { in.Country = "Türkiye" }},
		{"no language", "languages", "b2b.error.no_language", func(in *ProfileInput) { in.Languages = nil }},
		{"unknown language", "languages", "form.choice", func(in *ProfileInput) { in.Languages = []string{"xx"} }},
		{"no description", "description", "b2b.error.description_required", func(in *ProfileInput) { in.Description = i18n.Text{EN: " "} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ProfileInput{Attendees: []int64{1}, Type: "buyer", Sectors: []string{"13"}, City: "Bakı", Country: "az",
				Languages: []string{"az"}, Description: i18n.Text{AZ: "Toxuculuq məhsulları alırıq."}}
			tc.change(&in)
			if errs := in.validate(members); errs[tc.field] != tc.key {
				t.Fatalf("errors = %v, want %s: %s", errs, tc.field, tc.key)
			}
		})
	}
}

func TestFixedTables(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newProfiles(t, d)
		p := f.join(t, f.member, f.forum, f.input(f.izmir, f.member))
		q := f.join(t, f.rashad, f.forum, f.input(f.baku, f.rashad))
		if err := f.svc.SetFixedTable(ctx, f.member, p.ID, 2); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a participant picks a table: %v", err)
		}
		if err := f.svc.SetFixedTable(ctx, f.coordinator, p.ID, 8); err != nil {
			t.Fatal(err)
		}
		fieldErr(t, f.svc.SetFixedTable(ctx, f.coordinator, q.ID, 8), "fixed_table", "b2b.error.table_taken")
		fieldErr(t, f.svc.SetFixedTable(ctx, f.coordinator, q.ID, 11), "fixed_table", "b2b.error.no_such_table")
		fieldErr(t, f.svc.SetFixedTable(ctx, f.coordinator, q.ID, -1), "fixed_table", "b2b.error.no_such_table")
		if got, _ := f.svc.Profile(ctx, f.member, p.ID); got.FixedTable != 8 {
			t.Fatalf("fixed table = %d", got.FixedTable)
		}
		// Fewer tables than a fixed one is refused, and nothing changes.
		in := setup()
		in.Tables = NumberedTables(5, nil)
		_, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in)
		fieldErr(t, err, "table_count", "b2b.error.fixed_table_removed")
		if _, prog, _ := f.svc.Programme(ctx, nil, f.forum); len(prog.Tables) != 10 {
			t.Fatalf("tables after a refused save: %d", len(prog.Tables))
		}
		// Freeing the table lets it go.
		if err := f.svc.SetFixedTable(ctx, f.coordinator, p.ID, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestParticipantsInTheReadersAlphabet: Azerbaijani puts ə after e, Turkish (which has no ə)
// does not, so the list's order follows the page's language.
func TestParticipantsInTheReadersAlphabet(t *testing.T) {
	names := func(list []Profile) []string {
		var out []string
		for _, p := range list {
			out = append(out, p.Organisation.Name)
		}
		return out
	}
	list := func() []Profile {
		var out []Profile
		for _, n := range []string{"Əlincə Aqro", "Ev Tekstil", "Qəbələ Fındıq", "Çeşme Liman"} {
			out = append(out, Profile{Organisation: Organisation{Name: n}})
		}
		return out
	}
	az := list()
	sortProfiles("az", az)
	if got := strings.Join(names(az), ", "); got != "Çeşme Liman, Ev Tekstil, Əlincə Aqro, Qəbələ Fındıq" {
		t.Errorf("az order: %s", got)
	}
	tr := list()
	sortProfiles("", tr)
	if got := names(tr); got[0] != "Çeşme Liman" || got[len(got)-1] != "Qəbələ Fındıq" {
		t.Errorf("tr order: %v", got)
	}
}
