package events

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// fakeModules stands in for identity and the media library: it serves the rows the test put
// in their tables (the foreign keys need them there).
type fakeModules struct {
	orgs   map[int64]Organisation
	images map[int64]Image
}

func (m *fakeModules) Organisations(_ context.Context, v *web.Viewer) ([]Organisation, error) {
	var out []Organisation
	for _, o := range m.orgs {
		out = append(out, o)
	}
	return out, nil
}

func (m *fakeModules) OrganisationsByID(_ context.Context, ids []int64) (map[int64]Organisation, error) {
	out := map[int64]Organisation{}
	for _, id := range ids {
		if o, ok := m.orgs[id]; ok {
			out[id] = o
		}
	}
	return out, nil
}

func (m *fakeModules) Images(_ context.Context, v *web.Viewer) ([]Image, error) {
	var out []Image
	for _, img := range m.images {
		out = append(out, img)
	}
	return out, nil
}

func (m *fakeModules) ImagesByID(_ context.Context, ids []int64) (map[int64]Image, error) {
	out := map[int64]Image{}
	for _, id := range ids {
		if img, ok := m.images[id]; ok {
			out[id] = img
		}
	}
	return out, nil
}

// withProgramme wires fake modules holding two organisations, one picture and one document
// (which the library does not offer as a picture); it returns their ids.
func (f *fixture) withProgramme(t *testing.T) (m *fakeModules, org1, org2, picture, document int64) {
	t.Helper()
	m = &fakeModules{orgs: map[int64]Organisation{}, images: map[int64]Image{}}
	var orgs []int64
	for _, name := range []string{"İzmir Büyükşehir Belediyesi", "Bakı Dövlət Universiteti"} {
		var id int64
		err := f.d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, created_at, updated_at) VALUES (?, ?, 'other', ?, ?) RETURNING id`,
			strings.ToLower(strings.Fields(name)[0])+"-"+strings.ToLower(strings.Fields(name)[1]), name, t0, t0).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		m.orgs[id] = Organisation{ID: id, Name: name}
		orgs = append(orgs, id)
	}
	for _, kind := range []string{"image", "document"} {
		var id int64
		err := f.d.WriteRow(ctx, `INSERT INTO content_media (kind, file_key, name, content_type, size, alt, caption, created_at, updated_at)
			VALUES (?, ?, ?, 'image/png', 1, '{}', '{}', ?, ?) RETURNING id`, kind, "2026/05/"+kind, kind, t0, t0).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		if kind == "image" {
			picture = id
			m.images[id] = Image{ID: id, URL: "/media/2026/05/image", Alt: i18n.Text{TR: "Kordon"}}
		} else {
			document = id
		}
	}
	f.svc.UseProgramme(m, m)
	return m, orgs[0], orgs[1], picture, document
}

func session(start time.Time, minutes int, title string) Session {
	return Session{StartsAt: start, EndsAt: start.Add(time.Duration(minutes) * time.Minute),
		Title: i18n.Text{TR: title}, Language: LangTurkish, Room: "Salon A"}
}

func TestProgrammeValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, org1, _, picture, document := f.withProgramme(t)
		// A two-day event: a session on its second day is fine.
		in := f.festival(0)
		in.EndsAt = in.StartsAt.Add(30 * time.Hour)
		in.Sessions = []Session{session(in.StartsAt.Add(26*time.Hour), 60, "İkinci gün")}
		in.CoverID, in.Organisers = picture, []int64{org1}
		if _, err := f.svc.Create(ctx, f.coordinator, in); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(ctx, f.ayse, in); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member created an event: %v", err)
		}

		for _, c := range []struct {
			change     func(*Input)
			field, key string
		}{
			{func(in *Input) { in.Sessions[0].Title = i18n.Text{TR: "  "} }, "session_title_0", "events.agenda.title_required"},
			{func(in *Input) { in.Sessions[0].EndsAt = in.Sessions[0].StartsAt }, "session_ends_0", "events.ends_before_start"},
			{func(in *Input) { in.Sessions[0].StartsAt = in.StartsAt.Add(-time.Minute) }, "session_starts_0", "events.agenda.outside_event"},
			{func(in *Input) { in.Sessions[0].EndsAt = in.EndsAt.Add(time.Minute) }, "session_starts_0", "events.agenda.outside_event"},
			{func(in *Input) { in.Sessions[0].Language = "fr" }, "session_language_0", "form.choice"},
			{func(in *Input) { in.Sessions[0].StartsAt = time.Time{} }, "session_starts_0", "form.required"},
			{func(in *Input) { in.Sessions[0].Speakers = []string{strings.Repeat("ş", maxLine+1)} }, "session_speakers_0", "form.too_long"},
			{func(in *Input) { in.Organisers = []int64{424242} }, "organisers", "events.orgs.unknown"},
			{func(in *Input) { in.Organisers, in.Partners = []int64{org1}, []int64{org1} }, "partners", "events.orgs.both_roles"},
			{func(in *Input) { in.CoverID = 424242 }, "cover_id", "events.cover.invalid"},
			{func(in *Input) { in.CoverID = document }, "cover_id", "events.cover.invalid"},
		} {
			bad := f.festival(0)
			bad.Slug = "" // each attempt is refused before a slug is needed
			bad.Sessions = []Session{session(bad.StartsAt.Add(time.Hour), 30, "Oturum")}
			c.change(&bad)
			_, err := f.svc.Create(ctx, f.coordinator, bad)
			fieldErr(t, err, c.field, c.key)
		}
	})
}

func TestProgrammeOrderAndReplacement(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, org1, org2, picture, _ := f.withProgramme(t)
		in := f.festival(0)
		typed := []Session{session(in.StartsAt.Add(3*time.Hour), 60, "Konser"), session(in.StartsAt, 30, "Açılış")}
		in.Sessions = typed
		in.Sessions[0].Speakers = []string{" Bakı musiqi akademiyası ", "", "İzmir konservatuvarı"}
		in.CoverID, in.Organisers, in.Partners = picture, []int64{org2, org1, org2}, nil
		e := f.create(t, in)
		if typed[0].Title.TR != "Konser" {
			t.Fatal("Create reordered the caller's sessions")
		}
		got, err := f.svc.Get(ctx, nil, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.svc.Programme(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Sessions) != 2 || p.Sessions[0].Title.TR != "Açılış" || p.Sessions[1].Title.TR != "Konser" ||
			!slices.Equal(p.Sessions[1].Speakers, []string{"Bakı musiqi akademiyası", "İzmir konservatuvarı"}) ||
			!p.Sessions[0].StartsAt.Equal(in.StartsAt) {
			t.Fatalf("sessions: %+v", p.Sessions)
		}
		if p.Cover == nil || p.Cover.ID != picture || len(p.Organisers) != 2 || p.Organisers[0].ID != org2 || p.Organisers[1].ID != org1 || len(p.Partners) != 0 {
			t.Fatalf("programme: %+v", p)
		}

		// An update replaces the agenda and the organisations as a whole.
		up := f.festival(0)
		up.Sessions = []Session{session(up.StartsAt.Add(time.Hour), 45, "Söyleşi")}
		up.Organisers, up.Partners = []int64{org1}, []int64{org2}
		if _, _, err := f.svc.Update(ctx, f.coordinator, e.ID, up); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Update(ctx, f.mehmet, e.ID, f.festival(0)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member changed the programme: %v", err)
		}
		p, err = f.svc.Programme(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Sessions) != 1 || p.Sessions[0].Title.TR != "Söyleşi" || p.Cover != nil ||
			len(p.Organisers) != 1 || p.Organisers[0].ID != org1 || len(p.Partners) != 1 || p.Partners[0].ID != org2 {
			t.Fatalf("after update: %+v", p)
		}
		covers, err := f.svc.Covers(ctx, []Event{*e})
		if err != nil || len(covers) != 0 {
			t.Fatalf("covers after removing it: %v %v", covers, err)
		}
	})
}

func TestSessionsInSiteSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ix := search.New(d)
		f.svc.UseIndex(ix)
		find := func(q string) []search.Hit {
			t.Helper()
			hits, err := ix.Search(ctx, search.Query{Text: q, Lang: "tr"})
			if err != nil {
				t.Fatal(err)
			}
			return hits
		}
		in := f.festival(0)
		in.Slug = "kultur-festivali"
		in.Sessions = []Session{session(in.StartsAt, 30, "Açılış"), session(in.StartsAt.Add(time.Hour), 60, "Zeybek gösterisi")}
		in.Sessions[1].Speakers = []string{"Ege halk dansları topluluğu"}
		e := f.create(t, in)
		hits := find("zeybek")
		if len(hits) != 1 || hits[0].URL != "/tr/events/kultur-festivali#session-2" || hits[0].Title != "Zeybek gösterisi" || hits[0].Kind != "event" {
			t.Fatalf("hits: %+v", hits)
		}
		if len(find("topluluğu")) != 1 {
			t.Fatal("speakers not searchable")
		}

		// A changed agenda: the old session's document goes, the new one is found.
		in.Sessions = []Session{session(in.StartsAt, 30, "Mugam akşamı")}
		if _, _, err := f.svc.Update(ctx, f.coordinator, e.ID, in); err != nil {
			t.Fatal(err)
		}
		if len(find("zeybek")) != 0 || len(find("mugam")) != 1 {
			t.Fatalf("after update: %+v %+v", find("zeybek"), find("mugam"))
		}

		// A draft is not found, neither the event nor its sessions.
		in.Status = Draft
		if _, _, err := f.svc.Update(ctx, f.coordinator, e.ID, in); err != nil {
			t.Fatal(err)
		}
		if hits := find("mugam"); len(hits) != 0 {
			t.Fatalf("draft session found: %+v", hits)
		}

		// A full reindex lists the sessions of searchable events only.
		in.Status = Published
		if _, _, err := f.svc.Update(ctx, f.coordinator, e.ID, in); err != nil {
			t.Fatal(err)
		}
		var refs []string
		err := f.svc.SearchSource().Each(ctx, func(doc search.Document) error {
			refs = append(refs, doc.Ref+"/"+doc.Lang)
			return nil
		})
		if err != nil || !slices.Contains(refs, sessionRef(e.ID, 0)+"/tr") {
			t.Fatalf("reindex: %v %v", refs, err)
		}
	})
}
