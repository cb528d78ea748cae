package volunteer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

func TestProgrammeValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		bad := ProgrammeInput{City: "ankara", StartsOn: "2026-12-13", EndsOn: "2026-12-05", MinAge: -1, SignupCloseHours: 9999, Issuers: []int64{f.org, 99999}}
		fields := progFieldsOf(t, func() error { _, err := f.svc.CreateProgramme(ctx, f.coordinator, bad); return err }())
		for field, key := range map[string]string{"title": "volunteer.programmes.error.title", "city": "volunteer.programmes.error.city",
			"ends_on": "volunteer.programmes.error.ends_before", "min_age": "volunteer.programmes.error.min_age",
			"signup_close_hours": "volunteer.programmes.error.close_hours", "issuers": "volunteer.programmes.error.issuers"} {
			if fields[field] != key {
				t.Errorf("%s: %q, want %q", field, fields[field], key)
			}
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_programmes`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a refused programme was stored (%d, %v)", n, err)
		}

		// One language is enough for the title; the slug comes from it, unique.
		in := progFestival()
		in.Title, in.Issuers = i18n.Text{AZ: "Festival Könüllüləri"}, []int64{f.org}
		p := f.programme(t, in)
		q := f.programme(t, in)
		if p.Slug != "festival-konulluleri" || q.Slug != "festival-konulluleri-2" {
			t.Fatalf("slugs %q, %q", p.Slug, q.Slug)
		}
		role := f.role(t, p, "Giriş görevlisi", "tr")
		if _, err := f.svc.SaveRole(ctx, f.coordinator, p.ID, 0, RoleInput{Languages: []string{"de"}}); progFieldsOf(t, err)["role_name"] == "" || progFieldsOf(t, err)["role_languages"] == "" {
			t.Fatalf("a role without a name in a language nobody offers: %v", err)
		}

		shiftErrs := []struct {
			in    ShiftInput
			field string
			key   string
		}{
			{ShiftInput{RoleID: role, Kind: Fixed, StartsAt: progIzmirAt(12, 18, 0), EndsAt: progIzmirAt(12, 17, 0), Places: 2}, "shift_end", "volunteer.programmes.error.shift_end"},
			{ShiftInput{RoleID: role, Kind: Window, StartsAt: progIzmirAt(12, 9, 0), EndsAt: progIzmirAt(12, 11, 0), Minutes: 180, Places: 2}, "shift_minutes", "volunteer.programmes.error.window_minutes"},
			{ShiftInput{RoleID: role, Kind: Fixed, StartsAt: progIzmirAt(12, 9, 0), EndsAt: progIzmirAt(12, 11, 0), Places: 0}, "shift_places", "volunteer.programmes.error.places"},
			{ShiftInput{RoleID: role, Kind: Fixed, StartsAt: progIzmirAt(20, 9, 0), EndsAt: progIzmirAt(20, 11, 0), Places: 2}, "shift_start", "volunteer.programmes.error.shift_outside"},
			{ShiftInput{RoleID: role + 1000, Kind: Fixed, StartsAt: progIzmirAt(12, 9, 0), EndsAt: progIzmirAt(12, 11, 0), Places: 2}, "shift_role", "volunteer.programmes.error.shift_role"},
			{ShiftInput{RoleID: role, Kind: "sometimes", StartsAt: progIzmirAt(12, 9, 0), EndsAt: progIzmirAt(12, 11, 0), Places: 2}, "shift_kind", "volunteer.programmes.error.shift_kind"},
		}
		for _, c := range shiftErrs {
			_, err := f.svc.AddShift(ctx, f.coordinator, p.ID, c.in)
			if got := progFieldsOf(t, err)[c.field]; got != c.key {
				t.Errorf("%+v: %s = %q, want %q", c.in, c.field, got, c.key)
			}
		}
		// A shift of another programme's role is refused too.
		if _, err := f.svc.AddShift(ctx, f.coordinator, q.ID, ShiftInput{RoleID: role, Kind: Fixed, StartsAt: progIzmirAt(12, 9, 0), EndsAt: progIzmirAt(12, 11, 0), Places: 2}); progFieldsOf(t, err)["shift_role"] == "" {
			t.Fatal("a shift took another programme's role")
		}

		// Places never drop below the confirmed; what people are confirmed on is not deleted.
		sh := f.shift(t, p, role, progIzmirAt(12, 17, 0), progIzmirAt(12, 21, 0), 5)
		f.confirm(t, sh.ID, 3)
		fewer := ShiftInput{RoleID: role, Kind: Fixed, StartsAt: sh.StartsAt, EndsAt: sh.EndsAt, Places: 2}
		if _, err := f.svc.UpdateShift(ctx, f.coordinator, sh.ID, fewer); progFieldsOf(t, err)["shift_places"] != "volunteer.programmes.error.below_confirmed" {
			t.Fatalf("places below the confirmed: %v", err)
		}
		fewer.Places = 3
		if got, err := f.svc.UpdateShift(ctx, f.coordinator, sh.ID, fewer); err != nil || got.Places != 3 || got.Free() != 0 {
			t.Fatalf("places down to the confirmed: %+v, %v", got, err)
		}
		if err := f.svc.DeleteShift(ctx, f.coordinator, sh.ID); !errors.Is(err, ErrHasSignups) || !errors.Is(err, fail.Conflict) {
			t.Fatalf("deleting a shift with confirmed people: %v", err)
		}
		if err := f.svc.DeleteRole(ctx, f.coordinator, p.ID, role); !errors.Is(err, ErrHasSignups) {
			t.Fatalf("deleting a role with confirmed people: %v", err)
		}
		// New dates must still hold the shifts.
		moved := progFestival()
		moved.StartsOn, moved.EndsOn = "2026-12-13", "2026-12-20"
		if _, err := f.svc.UpdateProgramme(ctx, f.coordinator, p.ID, moved); progFieldsOf(t, err)["starts_on"] != "volunteer.programmes.error.shifts_outside" {
			t.Fatalf("dates leaving a shift outside: %v", err)
		}
		f.confirm(t, sh.ID, 0)
		if err := f.svc.DeleteRole(ctx, f.coordinator, p.ID, role); err != nil {
			t.Fatalf("deleting an empty role: %v", err)
		}
		if got, _ := f.svc.Programme(ctx, f.coordinator, p.ID); len(got.Roles) != 0 || len(got.Shifts) != 0 {
			t.Fatalf("role and its shifts remain: %+v", got)
		}
	})
}

func TestProgrammeWritesAreCoordinators(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		p := f.programme(t, progFestival())
		role := f.role(t, p, "Fotoğrafçı")
		sh := f.shift(t, p, role, progIzmirAt(12, 18, 0), progIzmirAt(12, 23, 0), 2)
		for name, err := range map[string]error{
			"create":  func() error { _, err := f.svc.CreateProgramme(ctx, f.member, progFestival()); return err }(),
			"update":  func() error { _, err := f.svc.UpdateProgramme(ctx, f.member, p.ID, progFestival()); return err }(),
			"publish": f.svc.SetPublished(ctx, f.member, p.ID, false),
			"role": func() error {
				_, err := f.svc.SaveRole(ctx, f.member, p.ID, role, RoleInput{Name: i18n.Text{TR: "x"}})
				return err
			}(),
			"shift":    func() error { _, err := f.svc.AddShift(ctx, f.member, p.ID, ShiftInput{}); return err }(),
			"change":   func() error { _, err := f.svc.UpdateShift(ctx, f.member, sh.ID, ShiftInput{}); return err }(),
			"delete":   f.svc.DeleteShift(ctx, f.member, sh.ID),
			"deleterl": f.svc.DeleteRole(ctx, f.member, p.ID, role),
			"admin":    func() error { _, err := f.svc.AdminProgrammes(ctx, f.member); return err }(),
		} {
			if !errors.Is(err, fail.Forbidden) {
				t.Errorf("member %s: %v", name, err)
			}
		}
		if _, err := f.svc.CreateProgramme(ctx, nil, progFestival()); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous create: %v", err)
		}
		got, _ := f.svc.Programme(ctx, nil, p.ID)
		if !got.Published || len(got.Roles) != 1 || got.Roles[0].Name.TR != "Fotoğrafçı" || len(got.Shifts) != 1 {
			t.Fatalf("a refused write changed the programme: %+v", got)
		}
	})
}

func TestProgrammeDraftsHidden(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		in := progFestival()
		in.Published = false
		p := f.programme(t, in)
		for _, v := range []*struct{ name string }{{"anonymous"}, {"member"}} {
			viewer := f.member
			if v.name == "anonymous" {
				viewer = nil
			}
			if _, err := f.svc.ProgrammeBySlug(ctx, viewer, p.Slug); !errors.Is(err, fail.NotFound) {
				t.Errorf("%s sees a draft: %v", v.name, err)
			}
		}
		if _, err := f.svc.ProgrammeBySlug(ctx, f.coordinator, p.Slug); err != nil {
			t.Fatalf("coordinator: %v", err)
		}
		if _, total, _ := f.svc.ListProgrammes(ctx, ProgrammeFilter{}, 10, 0); total != 0 {
			t.Fatalf("a draft is listed")
		}
		if hits := progSearch(t, f, "festival"); len(hits) != 0 {
			t.Fatalf("a draft is found: %+v", hits)
		}
		if err := f.svc.SetPublished(ctx, f.coordinator, p.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := f.svc.ListProgrammes(ctx, ProgrammeFilter{}, 10, 0); total != 1 {
			t.Fatalf("published and not listed")
		}
		if _, err := f.svc.ProgrammeBySlug(ctx, nil, p.Slug); err != nil {
			t.Fatalf("published and hidden: %v", err)
		}
	})
}

func progSearch(t *testing.T, f *progFixture, q string) []search.Hit {
	t.Helper()
	hits, err := f.index.Search(context.Background(), search.Query{Text: q, Lang: "tr"})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func TestProgrammeSearchFoldsLetters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		p := f.programme(t, progFestival())
		f.role(t, p, "Tercüman (Türkçe–Azerbaycanca)", "tr", "az")
		for _, q := range []string{"gonullu", "GÖNÜLLÜLERİ", "Gönüllüler", "konullu", "tercuman"} {
			hits := progSearch(t, f, q)
			if len(hits) == 0 || hits[0].Kind != programmeSearchKind || !strings.HasSuffix(hits[0].URL, "/volunteer/"+p.Slug) {
				t.Errorf("%q: %+v", q, hits)
			}
		}
		// Back to a draft: gone from the search.
		if err := f.svc.SetPublished(ctx, f.coordinator, p.ID, false); err != nil {
			t.Fatal(err)
		}
		if hits := progSearch(t, f, "gonullu"); len(hits) != 0 {
			t.Fatalf("a draft is still found: %+v", hits)
		}
		// The reindex source lists published programmes only.
		if n, err := f.svc.SearchSource().Count(ctx); err != nil || n != 0 {
			t.Fatalf("source counts %d drafts (%v)", n, err)
		}
	})
}

func TestProgrammeFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		fest := f.programme(t, progFestival())
		gate := f.role(t, fest, "Giriş görevlisi", "tr")
		interp := f.role(t, fest, "Tercüman", "tr", "az")
		f.shift(t, fest, gate, progIzmirAt(7, 9, 0), progIzmirAt(7, 13, 0), 4)      // Monday morning
		f.shift(t, fest, interp, progIzmirAt(12, 19, 0), progIzmirAt(12, 23, 0), 2) // Saturday evening

		youth := progFestival()
		youth.Title, youth.City, youth.StartsOn, youth.EndsOn = i18n.Text{TR: "Gençlik Değişimi"}, "baku", "2027-03-15", "2027-03-21"
		ex := f.programme(t, youth)
		helper := f.role(t, ex, "Atölye yardımcısı", "ru")
		baku := cityZones["baku"]
		// Tuesday 17:30 in Bakü is 16:30 in İzmir: an evening there, judged in Bakü's zone.
		f.shift(t, ex, helper, progTimeIn(baku, 2027, 3, 16, 17, 30), progTimeIn(baku, 2027, 3, 16, 20, 0), 6)

		cases := []struct {
			name   string
			filter ProgrammeFilter
			want   []string
		}{
			{"none", ProgrammeFilter{}, []string{fest.Slug, ex.Slug}},
			{"city", ProgrammeFilter{City: "baku"}, []string{ex.Slug}},
			{"weekend", ProgrammeFilter{Weekend: true}, []string{fest.Slug}},
			{"evening", ProgrammeFilter{Evening: true}, []string{fest.Slug, ex.Slug}},
			{"weekday evening in İzmir", ProgrammeFilter{Evening: true, City: "izmir", To: "2026-12-10"}, nil},
			{"language az", ProgrammeFilter{Language: "az"}, []string{fest.Slug}},
			{"language ru", ProgrammeFilter{Language: "ru"}, []string{ex.Slug}},
			{"role folded", ProgrammeFilter{Role: "TERCUMAN"}, []string{fest.Slug}},
			{"dates", ProgrammeFilter{From: "2027-01-01"}, []string{ex.Slug}},
		}
		for _, c := range cases {
			cards, total, err := f.svc.ListProgrammes(ctx, c.filter, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, card := range cards {
				got = append(got, card.Programme.Slug)
			}
			if total != len(c.want) || len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) || (len(got) > 1 && got[1] != c.want[1]) {
				t.Errorf("%s: %v (total %d), want %v", c.name, got, total, c.want)
			}
		}
		// A card shows the shifts that passed, with their free places.
		cards, _, _ := f.svc.ListProgrammes(ctx, ProgrammeFilter{Weekend: true}, 10, 0)
		if len(cards[0].Next) != 1 || cards[0].Next[0].RoleID != interp || cards[0].Free != 2 {
			t.Fatalf("weekend card: %+v", cards[0])
		}
		// Pages of one.
		page2, total, _ := f.svc.ListProgrammes(ctx, ProgrammeFilter{}, 1, 1)
		if total != 2 || len(page2) != 1 || page2[0].Programme.ID != ex.ID {
			t.Fatalf("second page: %d, %+v", total, page2)
		}
	})
}
