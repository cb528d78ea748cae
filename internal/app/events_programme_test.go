package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/media"
)

// programmeSite is the events site with two organisations and one library picture; it
// returns their ids.
func programmeSite(t *testing.T, d *db.DB) (a *App, org1, org2, picture int64) {
	t.Helper()
	a = eventsSite(t, d)
	ctx := context.Background()
	var ids []int64
	for _, o := range []identity.Organisation{
		{Name: "İzmir Büyükşehir Belediyesi", Kind: "municipality", City: "İzmir", Country: "TR", Website: "https://www.izmir.bel.tr"},
		{Name: "Bakı Dövlət Universiteti", Kind: "university", City: "Bakı", Country: "AZ"},
	} {
		org, err := a.Identity.SeedOrganisation(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, org.ID)
	}
	u, err := media.Inspect(bytes.NewReader(pngFile(t, 1600, 900)), "kordon.png", content.MaxUpload)
	if err != nil {
		t.Fatal(err)
	}
	m, err := a.Content.Upload(ctx, identityViewer(t, a, "medya@example.org", identity.RoleCoordinator), u,
		i18n.Text{TR: "Kordon'da gün batımı", AZ: "Kordonda gün batımı", EN: "Sunset on the Kordon"}, i18n.Text{})
	if err != nil {
		t.Fatal(err)
	}
	return a, ids[0], ids[1], m.ID
}

func TestEventProgrammeEditorAndPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, org1, org2, picture := programmeSite(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		staff.get("/tr/admin/events/new").must(t, http.StatusOK, `name="session_starts_0"`, `name="session_title_az_2"`,
			"İzmir Büyükşehir Belediyesi", "#"+strconv.FormatInt(picture, 10)+" · kordon.png", "Simultane çeviri ile")

		// A night in Bakü: the second session starts after midnight there, before it in İzmir.
		form := url.Values{"title_tr": {"Bakü Gece Konseri"}, "title_az": {"Bakı Gecə Konserti"}, "title_en": {"Baku Night Concert"},
			"kind": {"festival"}, "venue_name": {"Dənizkənarı Bulvar"}, "venue_city": {"Bakı"}, "zone": {"Asia/Baku"},
			"starts_at": {"2026-12-10T20:00"}, "ends_at": {"2026-12-11T02:00"}, "capacity": {"100"}, "visibility": {"public"},
			"status": {"published"}, "allow_guests": {"1"}, "cover_id": {strconv.FormatInt(picture, 10)},
			"organisers": {strconv.FormatInt(org1, 10)}, "partners": {strconv.FormatInt(org2, 10)},
			"type_name_tr_0": {"Genel"}, "type_name_az_0": {"Ümumi"}, "type_name_en_0": {"General"}, "type_quota_0": {"0"},
			"session_starts_0": {"2026-12-11T00:30"}, "session_ends_0": {"2026-12-11T01:30"}, "session_room_0": {"Yaşıl səhnə"},
			"session_language_0": {"az"}, "session_title_tr_0": {"Gece yarısı muğamı"}, "session_title_az_0": {"Gecəyarısı muğamı"},
			"session_title_en_0": {"Midnight mugham"}, "session_speakers_0": {"Bakı musiqi akademiyasının ansamblı\n\n  Tarzən, solist  "},
			"session_starts_1": {""}, "session_ends_1": {""}, "session_language_1": {"tr"}, "session_title_tr_1": {""},
			"session_starts_2": {"2026-12-10T20:00"}, "session_ends_2": {"2026-12-10T21:00"}, "session_language_2": {"interpreted"},
			"session_title_tr_2": {"Açılış"}, "session_title_az_2": {"Açılış"}, "session_title_en_2": {"Opening"},
			"session_description_tr_2": {"İki şehrin orkestraları birlikte."}}

		// Bad input: each is refused with its message, and what was typed stays in the form.
		bad := func(change func(url.Values), want ...string) {
			t.Helper()
			b := url.Values{}
			for k, v := range form {
				b[k] = v
			}
			change(b)
			staff.post("/tr/admin/events", b).must(t, http.StatusUnprocessableEntity, append(want, `value="Gecəyarısı muğamı"`)...)
		}
		bad(func(b url.Values) { b.Set("session_ends_0", "2026-12-11T00:00") }, "Bitiş başlangıçtan sonra olmalı.")
		bad(func(b url.Values) { b.Set("session_ends_0", "2026-12-11T03:00") }, "Oturum etkinliğin başlangıç ve bitişi arasında olmalı.")
		bad(func(b url.Values) {
			b.Set("session_title_tr_2", "")
			b.Set("session_title_az_2", "")
			b.Set("session_title_en_2", "")
		}, "Oturuma en az bir dilde başlık verin.")
		bad(func(b url.Values) { b.Set("session_language_0", "fr") }, `name="session_language_0"`)
		bad(func(b url.Values) { b.Set("partners", "999999") }, "Listede olmayan bir kuruluş seçildi.")
		bad(func(b url.Values) { b.Set("partners", strconv.FormatInt(org1, 10)) }, "Bir kuruluş hem düzenleyen hem ortak olamaz.")
		bad(func(b url.Values) { b.Set("cover_id", "999999") }, "Medya kütüphanesinden bir görsel seçin.")

		r := staff.post("/tr/admin/events", form)
		r.must(t, http.StatusSeeOther)
		edit := r.Header.Get("Location")
		// Re-opened: the sessions in time order, times in Bakü's wall clock, blank rows gone.
		page := staff.get(edit)
		page.must(t, http.StatusOK, `value="2026-12-10T20:00"`, `value="2026-12-11T00:30"`, `value="Gecəyarısı muğamı"`,
			"Bakı musiqi akademiyasının ansamblı\nTarzən, solist</textarea>", `name="session_remove_1"`)
		if strings.Index(page.Body, `value="Açılış"`) > strings.Index(page.Body, `value="Gecəyarısı muğamı"`) {
			t.Fatal("sessions not in time order")
		}
		for _, want := range []string{fmt.Sprintf(`name="organisers" value="%d" checked`, org1), fmt.Sprintf(`name="partners" value="%d" checked`, org2),
			fmt.Sprintf(`<option value="%d" selected>`, picture)} {
			if !strings.Contains(page.Body, want) {
				t.Fatalf("editor lacks %s", want)
			}
		}

		// The public page: the agenda by day in Bakü, İzmir beside it, across midnight.
		anon := newClient(t, a)
		ev := anon.get("/tr/events/baku-gece-konseri")
		ev.must(t, http.StatusOK, "10 Aralık 2026", "20:00 Bakü · 19:00 İzmir", "11 Aralık 2026",
			"00:30 Bakü · 23:30 İzmir (10.12.2026)", `id="session-2"`, "Yaşıl səhnə", "Tarzən, solist", "Azerbaycan Türkçesi",
			"Simultane çeviri ile", "Düzenleyen", `<a href="https://www.izmir.bel.tr" rel="noopener">İzmir Büyükşehir Belediyesi</a>`,
			"Ortaklar", "Bakı Dövlət Universiteti", `alt="Kordon&#39;da gün batımı"`, `href="/tr/events/baku-gece-konseri/agenda"`,
			`"subEvent":[{"@type":"Event","name":"Açılış","startDate":"2026-12-10T20:00:00+04:00"`,
			`"startDate":"2026-12-11T00:30:00+04:00"`, `"inLanguage":"az"`,
			`"organizer":[{"@type":"Organization","name":"İzmir Büyükşehir Belediyesi","url":"https://www.izmir.bel.tr"}]`,
			`"contributor":[{"@type":"Organization","name":"Bakı Dövlət Universiteti"}]`, `"image":"http`)
		anon.get("/en/events/baku-gece-konseri/agenda").must(t, http.StatusOK, "Agenda: Baku Night Concert",
			"00:30 Baku · 23:30 İzmir (10 Dec 2026)", "Midnight mugham", "With simultaneous interpretation", "Organised by")
		anon.get("/az/events/baku-gece-konseri/agenda").must(t, http.StatusOK, "00:30 Bakı · 23:30 İzmir (10.12.2026)", "11 dekabr 2026")
		anon.get("/tr/events/yok-boyle/agenda").must(t, http.StatusNotFound)
		anon.get("/tr/events").must(t, http.StatusOK, `class="event-card-cover"`, `alt="Kordon&#39;da gün batımı"`)

		// Site search finds a session and leads to its place on the page.
		hits := anon.get("/api/v1/search?q=" + url.QueryEscape("muğamı") + "&lang=az")
		hits.must(t, http.StatusOK, `/az/events/baku-gece-konseri#session-2`, "Gecəyarısı muğamı")

		// Removing a session: the row is dropped, and so is its search document.
		form.Set("session_remove_0", "1")
		staff.post(edit, form).must(t, http.StatusSeeOther)
		staff.get(edit).must(t, http.StatusOK, `value="Açılış"`)
		if r := anon.get("/tr/events/baku-gece-konseri"); strings.Contains(r.Body, "muğamı") || !strings.Contains(r.Body, "Açılış") {
			t.Fatalf("removed session still shown:\n%.2000s", r.Body)
		}
		if r := anon.get("/api/v1/search?q=" + url.QueryEscape("muğamı") + "&lang=az"); strings.Contains(r.Body, "#session-") {
			t.Fatalf("removed session still found: %s", r.Body)
		}

		// The wrong user: a member may neither open nor save the editor.
		user(t, a, "uye@example.org")
		member := newClient(t, a)
		member.login("uye@example.org")
		member.post(edit, form).must(t, http.StatusForbidden)
	})
}

func TestEventsAPIUpdate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, org1, org2, picture := programmeSite(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")
		staff, member, anon := newClient(t, a), newClient(t, a), newClient(t, a)
		staff.login("koord@example.org")
		member.login("uye@example.org")

		body := func(capacity int, sessionEnd string, partners ...int64) string {
			p, _ := json.Marshal(partners)
			return fmt.Sprintf(`{"kind":"business_forum","title":{"tr":"Liman Forumu","az":"Liman Forumu","en":"Port Forum"},
				"venue":{"name":"Bakı Konqres Mərkəzi","address":"","city":"Bakı"},"zone":"Asia/Baku",
				"starts_at":"2026-12-15T06:00:00Z","ends_at":"2026-12-15T14:00:00Z","status":"published","capacity":%d,"allow_guests":true,
				"cover_id":%d,"organisers":[%d],"partners":%s,
				"sessions":[{"starts_at":"2026-12-15T07:00:00Z","ends_at":%q,"title":{"tr":"Limanlar","az":"Limanlar","en":"Ports"},
				"room":"A zalı","speakers":["Liman idarəsinin nümayəndəsi"],"language":"mixed"}]}`, capacity, picture, org1, p, sessionEnd)
		}
		r := staff.api("POST", "/api/v1/events", body(1, "2026-12-15T08:00:00Z"), "")
		r.must(t, http.StatusCreated, `"sessions":[{"starts_at":"2026-12-15T07:00:00Z"`, `"language":"mixed"`,
			`"organisers":[{"id":`, `"name":"İzmir Büyükşehir Belediyesi","website":"https://www.izmir.bel.tr"}]`, `"partners":[]`,
			`"cover":{"id":`, `"url":"http`)
		var ev struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &ev)
		path := fmt.Sprintf("/api/v1/events/%d", ev.ID)
		anon.api("GET", path, "", "").must(t, http.StatusOK, `"room":"A zalı"`, `"alt":{"tr":"Kordon'da gün batımı"`)
		anon.api("GET", "/api/v1/events", "", "").must(t, http.StatusOK, `"speakers":["Liman idarəsinin nümayəndəsi"]`)

		// The wrong user, then bad input.
		anon.api("PUT", path, body(5, "2026-12-15T08:00:00Z"), "").must(t, http.StatusUnauthorized)
		member.api("PUT", path, body(5, "2026-12-15T08:00:00Z"), "").must(t, http.StatusForbidden)
		staff.api("PUT", "/api/v1/events/999999", body(5, "2026-12-15T08:00:00Z"), "").must(t, http.StatusNotFound)
		staff.api("PUT", path, `{"kind":`, "").must(t, http.StatusBadRequest)
		staff.api("PUT", path, body(5, "2026-12-15T15:00:00Z"), "").must(t, http.StatusUnprocessableEntity, `"session_starts_0"`)
		staff.api("PUT", path, body(5, "2026-12-15T08:00:00Z", 424242), "").must(t, http.StatusUnprocessableEntity, `"partners"`)

		// A capacity below the confirmed places is refused with the field named.
		for _, email := range []string{"nigar@example.org", "orhan@example.org"} { // one confirmed, one waiting
			in := events.RegisterInput{EventID: ev.ID, Name: "Ziyarətçi", Email: email, Locale: "az"}
			if _, err := a.Events.Register(context.Background(), nil, in); err != nil {
				t.Fatal(err)
			}
		}
		r = staff.api("PUT", path, body(5, "2026-12-15T08:30:00Z", org2), "")
		r.must(t, http.StatusOK, `"capacity":5`, `"ends_at":"2026-12-15T08:30:00Z"`, `"partners":[{"id":`, "Bakı Dövlət Universiteti")
		// The waiting one was promoted by the larger capacity; now one confirmed is left below.
		staff.api("PUT", path, body(1, "2026-12-15T08:30:00Z"), "").must(t, http.StatusUnprocessableEntity, `"capacity"`)
		anon.api("GET", path, "", "").must(t, http.StatusOK, `"capacity":5`)
	})
}

func TestDemoEventsHaveAProgramme(t *testing.T) {
	a := newTestApp(t)
	for range 2 { // loading the demo twice changes nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, a)
	c.get("/tr/events/izmir-baku-kultur-festivali").must(t, http.StatusOK, "Açılış ve selamlama", "Mugam ve Ege türküleri konseri",
		"Düzenleyen", "İzmir Azerbaycan Derneği (İZAZDER)", "Ortaklar", "Bakı Şəhəri İcra Hakimiyyəti", `"subEvent":[`)
	c.get("/az/events/baku-izmir-is-forumu/agenda").must(t, http.StatusOK, "Limandan limana: İzmir–Bakı logistika xətti",
		"11:00 Bakı · 10:00 İzmir", "Təşkilatçı", "Ege Üniversitesi")
	c.get("/en/events/baku-izmir-is-forumu/agenda").must(t, http.StatusOK, "Panel: energy and renewables", "English")
}
