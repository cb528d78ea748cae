package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The demo's volunteering: the list with its filters, the programme page with both cities'
// times and a sign-up button per shift, the festival's page leading to its volunteers, and
// the site search.
func TestVolunteerProgrammesDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		for range 2 { // loading the demo twice changes nothing
			if err := a.LoadDemo(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		c := newClient(t, a)
		r := c.get("/tr/volunteer")
		r.must(t, http.StatusOK, "Festival gönüllüleri", "İzmir–Bakü Gençlik Değişimi", "2 program")
		c.get("/az/volunteer?city=baku").must(t, http.StatusOK, "İzmir–Bakı Gənclər Mübadiləsi", "1 proqram")
		c.get("/en/volunteer?lang=ru").must(t, http.StatusOK, "İzmir–Baku Youth Exchange", "1 programmes")
		c.get("/tr/volunteer?weekend=1&city=izmir").must(t, http.StatusOK, "Festival gönüllüleri", "1 program")
		c.get("/tr/volunteer?role=TERCUMAN").must(t, http.StatusOK, "Festival gönüllüleri", "1 program")

		p := c.get("/tr/volunteer/festival-gonulluleri")
		// The festival starts at 18:00 in İzmir, 19:00 in Bakü; the interpreters come at 17:00.
		p.must(t, http.StatusOK, "Tercüman (Türkçe–Azerbaycanca)", "12.12.2026, 17:00 İzmir · 18:00 Bakü – 21:00",
			"Bu aralıkta istediğiniz zaman 240 dakika", "İzmir–Bakü Kültür Festivali", "/tr/events/izmir-baku-kultur-festivali",
			"16 yaş ve üstü", "veli onayı", "/tr/projects/kardeslik-40-genclik-festivali")
		var festivalID int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM volunteer_programmes WHERE slug = 'festival-gonulluleri'`).Scan(&festivalID); err != nil {
			t.Fatal(err)
		}
		var shiftID int64
		if err := d.QueryRow(context.Background(), `SELECT MIN(id) FROM volunteer_shifts WHERE programme_id = ?`, festivalID).Scan(&shiftID); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Body, fmt.Sprintf(`action="/tr/volunteer/shifts/%d/signup"`, shiftID)) {
			t.Fatalf("no sign-up button for shift %d", shiftID)
		}
		if strings.Count(p.Body, "/signup\"") != 6 {
			t.Fatalf("%d sign-up buttons, want one per shift", strings.Count(p.Body, "/signup\""))
		}
		// Bakü's exchange shows Bakü's time first.
		c.get("/az/volunteer/izmir-baku-genclik-degisimi").must(t, http.StatusOK, "16.03.2027, 18:00 Bakı · 17:00 İzmir – 21:00")

		// The festival's page leads to its volunteers (events' companions).
		c.get("/tr/events/izmir-baku-kultur-festivali").must(t, http.StatusOK, "/tr/volunteer/festival-gonulluleri", "Bu etkinlikte gönüllü olun")
		c.get("/tr/search?q=GONULLU").must(t, http.StatusOK, "/tr/volunteer/festival-gonulluleri")
		c.get("/az/search?q=könüllü").must(t, http.StatusOK, "/az/volunteer/festival-gonulluleri")
		if err := a.Reindex(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		c.get("/tr/search?q=gönüllüleri").must(t, http.StatusOK, "/tr/volunteer/festival-gonulluleri")
	})
}

// Coordinators write programmes through the pages; a member gets 403 and sees no draft;
// a refused form keeps what was typed.
func TestVolunteerProgrammeEditorPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		user(t, a, "gonullu-koordinator@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")
		coord, member, guest := newClient(t, a), newClient(t, a), newClient(t, a)
		coord.login("gonullu-koordinator@example.org")
		member.login("uye@example.org")

		member.get("/tr/admin/volunteer").must(t, http.StatusForbidden)
		member.post("/tr/admin/volunteer/new", url.Values{"title_tr": {"Sızma"}}).must(t, http.StatusForbidden)
		// The festival's six shifts offer 33 places, none taken yet.
		coord.get("/tr/admin/volunteer").must(t, http.StatusOK, "Festival gönüllüleri", "İzmir–Bakü Gençlik Değişimi", "<td>0 / 33</td>")
		coord.get("/tr/admin").must(t, http.StatusOK, "/tr/admin/volunteer")
		coord.get("/az/admin/volunteer/new").must(t, http.StatusOK, "Yeni proqram", `name="title_az"`)
		var festival int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM volunteer_programmes WHERE slug = 'festival-gonulluleri'`).Scan(&festival); err != nil {
			t.Fatal(err)
		}
		coord.get(fmt.Sprintf("/tr/admin/volunteer/%d", festival)).must(t, http.StatusOK, "İzmir–Bakü Kültür Festivali", "İzmir Büyükşehir Belediyesi",
			"Giriş görevlisi", "Sürekli, esnek")
		member.get(fmt.Sprintf("/tr/admin/volunteer/%d", festival)).must(t, http.StatusForbidden)

		// Bad input: every problem named, everything typed kept.
		bad := url.Values{"title_az": {"Qış məktəbi"}, "city": {"izmir"}, "starts_on": {"2027-01-20"}, "ends_on": {"2027-01-10"}, "min_age": {"on altı"}}
		coord.post("/tr/admin/volunteer/new", bad).must(t, http.StatusUnprocessableEntity, "Qış məktəbi",
			"Bitiş tarihi başlangıçtan önce olamaz.", "Bir tam sayı girin.", `value="on altı"`)

		var orgA, orgB, event int64
		if err := d.QueryRow(context.Background(), `SELECT MIN(id), MAX(id) FROM organisations`).Scan(&orgA, &orgB); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRow(context.Background(), `SELECT event_id FROM volunteer_programmes WHERE id = ?`, festival).Scan(&event); err != nil {
			t.Fatal(err)
		}
		good := url.Values{"issuers": {fmt.Sprint(orgA), fmt.Sprint(orgB)}, "event_id": {fmt.Sprint(event)}, "title_tr": {"Kış Okulu Gönüllüleri"}, "description_tr": {"Ocak'ta İzmir'de bir haftalık kış okulu."}, "city": {"izmir"},
			"starts_on": {"2027-01-10"}, "ends_on": {"2027-01-20"}, "min_age": {"18"}, "signup_close_hours": {"6"}, "cancel_close_hours": {"12"}}
		r := coord.post("/tr/admin/volunteer/new", good)
		r.must(t, http.StatusSeeOther)
		edit := r.Header.Get("Location")
		var id int64
		if _, err := fmt.Sscanf(edit, "/tr/admin/volunteer/%d", &id); err != nil {
			t.Fatalf("redirect to %q", edit)
		}
		coord.get(edit).must(t, http.StatusOK, fmt.Sprintf(`<option value="%d" selected>`, event),
			fmt.Sprintf(`name="issuers" value="%d" checked`, orgA), fmt.Sprintf(`name="issuers" value="%d" checked`, orgB))
		guest.get("/tr/volunteer/kis-okulu-gonulluleri").must(t, http.StatusNotFound)
		member.get("/tr/volunteer/kis-okulu-gonulluleri").must(t, http.StatusNotFound)
		coord.get("/tr/volunteer/kis-okulu-gonulluleri").must(t, http.StatusOK, "Taslak")

		coord.post(edit, url.Values{"do": {"role"}, "role_name_tr": {"Karşılama"}, "role_languages": {"tr", "en"}}).must(t, http.StatusSeeOther)
		var role int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM volunteer_roles WHERE programme_id = ?`, id).Scan(&role); err != nil {
			t.Fatal(err)
		}
		coord.get(fmt.Sprintf("%s?role=%d", edit, role)).must(t, http.StatusOK, `name="role_id" value="`+fmt.Sprint(role)+`"`, `value="Karşılama"`)
		coord.post(edit, url.Values{"do": {"role"}, "role_id": {fmt.Sprint(role)}, "role_name_tr": {"Karşılama ekibi"}, "role_name_az": {"Qarşılama qrupu"},
			"role_languages": {"tr", "az"}}).must(t, http.StatusSeeOther)
		shift := url.Values{"do": {"shift"}, "shift_role": {fmt.Sprint(role)}, "shift_kind": {"window"}, "shift_start_date": {"2027-01-16"},
			"shift_start_time": {"09:00"}, "shift_end_date": {"2027-01-16"}, "shift_end_time": {"11:00"}, "shift_minutes": {"300"},
			"shift_places": {"3"}, "shift_location": {"Ahmed Adnan Saygun Sanat Merkezi"}}
		coord.post(edit, shift).must(t, http.StatusUnprocessableEntity, "Çalışma süresi 1 dakikadan az", "Ahmed Adnan Saygun Sanat Merkezi")
		shift.Set("shift_minutes", "90")
		coord.post(edit, shift).must(t, http.StatusSeeOther)
		if r := coord.get("/tr/volunteer/kis-okulu-gonulluleri"); strings.Contains(r.Body, "/signup\"") {
			t.Fatal("a draft offers sign-up")
		}
		coord.post(edit, url.Values{"do": {"publish"}}).must(t, http.StatusSeeOther)
		// 16 January 2027 is a Saturday; the window is shown in İzmir's time with Bakü's beside it.
		guest.get("/az/volunteer/kis-okulu-gonulluleri").must(t, http.StatusOK, "Qarşılama qrupu", "Türkcə, Azərbaycanca")
		guest.get("/en/volunteer/kis-okulu-gonulluleri").must(t, http.StatusOK, "16 Jan 2027, 09:00 İzmir · 10:00 Baku – 11:00",
			"90 minutes any time in this window", "3 of 3 places free")
		guest.get("/en/volunteer?weekend=1&from=2027-01-01").must(t, http.StatusOK, "kis-okulu-gonulluleri")

		// People confirmed on the shift keep it from being deleted or shrunk below them.
		var shiftID int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM volunteer_shifts WHERE programme_id = ?`, id).Scan(&shiftID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Exec(context.Background(), `UPDATE volunteer_shifts SET confirmed = 2 WHERE id = ?`, shiftID); err != nil {
			t.Fatal(err)
		}
		coord.post(edit, url.Values{"do": {"delete_shift"}, "shift_id": {fmt.Sprint(shiftID)}}).must(t, http.StatusConflict, "silinemez")
		coord.post(edit, url.Values{"do": {"delete_role"}, "role_id": {fmt.Sprint(role)}}).must(t, http.StatusConflict, "silinemez")
		coord.get(fmt.Sprintf("%s?shift=%d", edit, shiftID)).must(t, http.StatusOK, `name="shift_id" value="`+fmt.Sprint(shiftID)+`"`)
		shift.Set("shift_id", fmt.Sprint(shiftID))
		shift.Set("shift_places", "1")
		coord.post(edit, shift).must(t, http.StatusUnprocessableEntity, "onaylanmış gönüllü sayının altına")
		guest.get("/tr/volunteer/kis-okulu-gonulluleri").must(t, http.StatusOK, "1 / 3 yer boş")
		// A member cannot touch it through the page either.
		member.post(edit, url.Values{"do": {"delete_shift"}, "shift_id": {fmt.Sprint(shiftID)}}).must(t, http.StatusForbidden)
	})
}

// The API: read published, coordinators write, a round trip keeps every field.
func TestVolunteerProgrammesAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		user(t, a, "api-koordinator@example.org", identity.RoleCoordinator)
		user(t, a, "api-uye@example.org")
		coord, member, guest := newClient(t, a), newClient(t, a), newClient(t, a)
		coord.login("api-koordinator@example.org")
		member.login("api-uye@example.org")

		body := `{"title":{"tr":"Müze Gönüllüleri","az":"Muzey Könüllüləri","en":""},"description":{"tr":"Bakü'de müze rehberliği.","az":"","en":""},
			"city":"baku","starts_on":"2027-04-01","ends_on":"2027-04-30","min_age":16,"signup_close_hours":12,"cancel_close_hours":24,"published":false}`
		member.api("POST", "/api/v1/volunteer/programmes", body, "").must(t, http.StatusForbidden)
		guest.api("POST", "/api/v1/volunteer/programmes", body, "").must(t, http.StatusUnauthorized)
		coord.api("POST", "/api/v1/volunteer/programmes", `{"title":{"tr":"","az":"","en":""},"city":"ankara","starts_on":"x","ends_on":"2027-04-30"}`, "").
			must(t, http.StatusUnprocessableEntity, `"title":`, `"city":`, `"starts_on":`)
		coord.api("POST", "/api/v1/volunteer/programmes", strings.Replace(body, `"min_age":16`, `"min_age":16,"event_id":999999,"issuers":[999999]`, 1), "").
			must(t, http.StatusUnprocessableEntity, `"event_id":"Bu numarada bir etkinlik yok.`, `"issuers":`)
		r := coord.api("POST", "/api/v1/volunteer/programmes", body, "")
		r.must(t, http.StatusCreated, `"slug":"muze-gonulluleri"`, `"starts_on":"2027-04-01"`, `"ends_on":"2027-04-30"`)
		var p struct {
			ID     int64 `json:"id"`
			Shifts []struct {
				ID int64 `json:"id"`
			} `json:"shifts"`
		}
		if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/volunteer/programmes/%d", p.ID)
		guest.api("GET", path, "", "").must(t, http.StatusNotFound)

		r = coord.api("POST", path+"/roles", `{"name":{"tr":"Müze rehberi","az":"Muzey bələdçisi","en":"Museum guide"},"description":{"tr":"","az":"","en":""},"languages":["az","ru"]}`, "")
		r.must(t, http.StatusCreated, `"languages":["az","ru"]`)
		var role struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &role)
		shift := fmt.Sprintf(`{"role_id":%d,"kind":"fixed","starts_at":"2027-04-10T06:00:00Z","ends_at":"2027-04-10T10:00:00Z","places":3,"location":"Azərbaycan Xalçası Muzeyi","contact_name":"Muzey masası","contact_detail":"muzey@kopru.example.org"}`, role.ID)
		member.api("POST", path+"/shifts", shift, "").must(t, http.StatusForbidden)
		r = coord.api("POST", path+"/shifts", shift, "")
		r.must(t, http.StatusCreated, `"free":3`, `"location":"Azərbaycan Xalçası Muzeyi"`)
		var sh struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &sh)
		shiftPath := fmt.Sprintf("/api/v1/volunteer/shifts/%d", sh.ID)
		coord.api("PUT", shiftPath, strings.Replace(shift, `"places":3`, `"places":0`, 1), "").must(t, http.StatusUnprocessableEntity, `"places":`)
		coord.api("PUT", shiftPath, strings.Replace(shift, `"places":3`, `"places":5`, 1), "").must(t, http.StatusOK, `"places":5`)

		pub := strings.Replace(body, `"published":false`, `"published":true`, 1)
		coord.api("PUT", path, pub, "").must(t, http.StatusOK, `"published":true`)
		guest.api("GET", path, "", "").must(t, http.StatusOK, `"Muzey bələdçisi"`, `"places":5`, `"contact_detail":"muzey@kopru.example.org"`)
		guest.api("GET", "/api/v1/volunteer/programmes?city=baku&lang=ru", "", "").must(t, http.StatusOK, `"muze-gonulluleri"`, `"izmir-baku-genclik-degisimi"`, `"total":2`)
		guest.api("GET", "/api/v1/volunteer/programmes?lang=az", "", "").must(t, http.StatusOK, `"muze-gonulluleri"`, `"festival-gonulluleri"`)

		if _, err := d.Exec(context.Background(), `UPDATE volunteer_shifts SET confirmed = 1 WHERE id = ?`, sh.ID); err != nil {
			t.Fatal(err)
		}
		coord.api("DELETE", shiftPath, "", "").must(t, http.StatusConflict)
		member.api("DELETE", shiftPath, "", "").must(t, http.StatusForbidden)
		if _, err := d.Exec(context.Background(), `UPDATE volunteer_shifts SET confirmed = 0 WHERE id = ?`, sh.ID); err != nil {
			t.Fatal(err)
		}
		coord.api("DELETE", shiftPath, "", "").must(t, http.StatusNoContent)
		guest.api("GET", path, "", "").must(t, http.StatusOK, `"shifts":[]`)
	})
}

// A project on the tracker links to a programme: the project shows the programme and the
// programme says which project it is part of.
func TestVolunteerProgrammeProjectLink(t *testing.T) {
	a := newTestApp(t)
	if err := a.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var programme int64
	if err := a.DB.QueryRow(ctx, `SELECT id FROM volunteer_programmes WHERE slug = 'festival-gonulluleri'`).Scan(&programme); err != nil {
		t.Fatal(err)
	}
	user(t, a, "proje@example.org", identity.RoleCoordinator)
	coord, guest := newClient(t, a), newClient(t, a)
	coord.login("proje@example.org")
	p, err := a.Tracker.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali")
	if err != nil {
		t.Fatal(err)
	}
	coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), url.Values{"kind": {"volunteer"}, "ref_id": {fmt.Sprint(programme)}}).must(t, http.StatusSeeOther)
	guest.get("/tr/projects/kardeslik-40-genclik-festivali").must(t, http.StatusOK, "/tr/volunteer/festival-gonulluleri", "Festival gönüllüleri")
	guest.get("/tr/volunteer/festival-gonulluleri").must(t, http.StatusOK, "/tr/projects/kardeslik-40-genclik-festivali", "Kardeşliğin 40. Yılı Gençlik Festivali projesinin parçası")
	// A draft programme cannot be linked.
	if err := a.Volunteer.SetPublished(ctx, &web.Viewer{Roles: []string{identity.RoleCoordinator}}, programme, false); err != nil {
		t.Fatal(err)
	}
	coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), url.Values{"kind": {"volunteer"}, "ref_id": {fmt.Sprint(programme)}}).must(t, http.StatusUnprocessableEntity)
}
