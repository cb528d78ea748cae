package app

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

func TestDemoTrackerProjects(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) { demoTracker(t, newTestAppOn(t, d)) })
}

func demoTracker(t *testing.T, a *App) {
	for range 2 { // loading the demo twice changes nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, a)
	r := c.get("/tr/projects")
	r.must(t, http.StatusOK, "Kardeşliğin 40. Yılı Gençlik Festivali", "Bakü–İzmir İş Forumu ve B2B Görüşmeleri", "2 proje", "Harcanan pay")
	if n := strings.Count(r.Body, `class="card event-card"`); n != 2 {
		t.Fatalf("%d projects after loading the demo twice", n)
	}
	c.get("/az/projects/kardeslik-40-genclik-festivali").must(t, http.StatusOK, "Qardaşlığın 40-cı ili Gənclik Festivalı",
		"Könüllülərin təlimi", "İştirakçı", "Könüllü müraciətləri 38-ə çatdı", "Dəyişikliklər tarixçəsi", "/az/events/izmir-baku-kultur-festivali")
	// The festival's page leads back to its project (events' companions).
	c.get("/tr/events/izmir-baku-kultur-festivali").must(t, http.StatusOK, "/tr/projects/kardeslik-40-genclik-festivali", "Bu etkinlik bir projenin parçası")
	c.get("/en/projects?status=completed").must(t, http.StatusOK, "Bakü–İzmir Business Forum and B2B Meetings", "1 projects")
	c.get("/tr/projects?q=GENCLIK").must(t, http.StatusOK, "Kardeşliğin 40. Yılı Gençlik Festivali", "1 proje")
	c.get("/tr/search?q=genclik+festivali").must(t, http.StatusOK, "/tr/projects/kardeslik-40-genclik-festivali")

	// A published news article can be linked and shows on the project page; a draft cannot.
	ctx := context.Background()
	var article int64
	var slug string
	if err := a.DB.QueryRow(ctx, `SELECT id, slug FROM content_entries WHERE kind = 'news' AND status = 'published' ORDER BY id LIMIT 1`).Scan(&article, &slug); err != nil {
		t.Fatal(err)
	}
	coord := newClient(t, a)
	user(t, a, "takip@example.org", identity.RoleCoordinator)
	coord.login("takip@example.org")
	p, _ := a.Tracker.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali")
	coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), url.Values{"kind": {"news"}, "ref_id": {fmt.Sprint(article)}}).must(t, http.StatusSeeOther)
	c.get("/tr/projects/kardeslik-40-genclik-festivali").must(t, http.StatusOK, "/tr/news/"+slug)
	_, festival := b2bForum(t, a) // an event without a B2B programme is no business forum
	coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), url.Values{"kind": {"b2b"}, "ref_id": {fmt.Sprint(festival)}}).
		must(t, http.StatusUnprocessableEntity, "bağlanabilecek bir kayıt yok")
	coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), url.Values{"kind": {"news"}, "ref_id": {fmt.Sprint(article)}, "remove": {"1"}}).must(t, http.StatusSeeOther)
	if r := c.get("/tr/projects/kardeslik-40-genclik-festivali"); strings.Contains(r.Body, "/tr/news/"+slug) {
		t.Fatal("an unlinked article still shows")
	}
}

// trackerSite is the platform with a coordinator, a member and a stranger signed in.
type trackerSite struct {
	a                     *App
	coord, member, anon   *client
	coordUser, memberUser *identity.User
}

func newTrackerSite(t *testing.T, d *db.DB) *trackerSite {
	t.Helper()
	s := &trackerSite{a: newTestAppOn(t, d)}
	if err := s.a.Partnership.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.a.Identity.SeedOrganisation(context.Background(), identity.Organisation{Name: "İzmir Azerbaycan Derneği (İZAZDER)", Kind: "association", City: "İzmir", Country: "TR"}); err != nil {
		t.Fatal(err)
	}
	s.coordUser = user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	s.memberUser = user(t, s.a, "uye@example.org")
	s.coord, s.member, s.anon = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.coord.login("koordinator@example.org")
	s.member.login("uye@example.org")
	return s
}

func projectForm() url.Values {
	return url.Values{"title_tr": {"Öğrenci Buluşmaları"}, "title_az": {"Tələbə görüşləri"}, "summary_tr": {"Bakülü öğrencilerle İzmir'de aylık buluşmalar."},
		"themes": {"education", "youth"}, "status": {"in_progress"}, "progress": {"20"}, "starts_on": {"2026-02-01"}, "ends_on": {"2026-12-31"},
		"currency": {"TRY"}, "planned": {"150.000,00"}, "spent": {"12.500,50"}}
}

func TestTrackerAdminPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrackerSite(t, d)
		s.member.get("/tr/admin/projects").must(t, http.StatusForbidden)
		s.member.post("/tr/admin/projects", projectForm()).must(t, http.StatusForbidden)
		s.anon.get("/tr/admin/projects.csv").must(t, http.StatusUnauthorized)

		bad := projectForm()
		bad.Set("planned", "-5")
		bad.Set("spent", "on iki")
		s.coord.post("/tr/admin/projects", bad).must(t, http.StatusUnprocessableEntity, "Tutar sıfır veya pozitif bir sayı olmalı")
		r := s.coord.post("/tr/admin/projects", projectForm())
		r.must(t, http.StatusSeeOther)
		admin := r.Header.Get("Location")
		var id int64
		if _, err := fmt.Sscanf(admin, "/tr/admin/projects/%d", &id); err != nil {
			t.Fatalf("redirect to %q", admin)
		}
		p, err := s.a.Tracker.Project(context.Background(), id)
		if err != nil || p.PlannedMinor != 15_000_000 || p.SpentMinor != 1_250_050 || p.Slug != "ogrenci-bulusmalari" {
			t.Fatalf("stored %+v, %v", p, err)
		}
		s.coord.post(admin+"/milestones", url.Values{"milestone_title_tr": {"İlk buluşma"}, "due_on": {"2026-03-01"}}).must(t, http.StatusSeeOther)
		s.coord.post(admin+"/indicators", url.Values{"indicator_name_tr": {"Katılımcı öğrenci"}, "unit": {"kişi"}, "target": {"abc"}}).
			must(t, http.StatusUnprocessableEntity, "Sıfır veya pozitif bir sayı girin")
		s.coord.post(admin+"/indicators", url.Values{"indicator_name_tr": {"Katılımcı öğrenci"}, "unit": {"kişi"}, "target": {"300"}}).must(t, http.StatusSeeOther)
		s.coord.post(admin+"/links", url.Values{"kind": {"event"}, "ref_id": {"999999"}}).must(t, http.StatusUnprocessableEntity, "bağlanabilecek bir kayıt yok")
		s.coord.post(admin+"/updates", url.Values{"posted_on": {"2026-03-02"}, "body_tr": {"İlk buluşmaya 42 öğrenci geldi."}, "update_progress": {"35"}}).must(t, http.StatusSeeOther)
		s.member.post(admin+"/updates", url.Values{"posted_on": {"2026-03-02"}, "body_tr": {"Sahte not"}}).must(t, http.StatusForbidden)
		s.member.get(admin).must(t, http.StatusForbidden)
		s.member.post(admin, projectForm()).must(t, http.StatusForbidden)
		s.member.post(admin+"/milestones", url.Values{"milestone_title_tr": {"Sahte"}, "due_on": {"2026-03-01"}}).must(t, http.StatusForbidden)
		s.member.post(admin+"/links", url.Values{"kind": {"event"}, "ref_id": {"1"}}).must(t, http.StatusForbidden)
		s.coord.post(admin+"/updates", url.Values{"posted_on": {"2026-03-03"}, "body_tr": {"Fotoğraflı not"}, "media_ids": {"424242"}}).
			must(t, http.StatusUnprocessableEntity, "medya kütüphanesindeki resimlerin numaraları")
		done := projectForm()
		done.Set("status", "completed")
		s.coord.post(admin, done).must(t, http.StatusSeeOther)

		s.anon.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, "İlk buluşma", "Katılımcı öğrenci", "İlk buluşmaya 42 öğrenci geldi.",
			"%35 tamamlandı", "150.000,00 TRY", "12.500,50 TRY", "Değişiklik geçmişi", "Test koordinator@example.org",
			"<td>Sürüyor</td><td>Tamamlandı</td>")

		s.coord.get(admin).must(t, http.StatusOK, "İlk buluşma", "Katılımcı öğrenci", `value="150000.00"`, `value="Öğrenci Buluşmaları"`)
		s.coord.get("/tr/admin/projects").must(t, http.StatusOK, "Öğrenci Buluşmaları", "/tr/admin/projects.xlsx")
		s.coord.get("/az/admin/projects/new").must(t, http.StatusOK, "Yeni layihə", "İzmir Azerbaycan Derneği (İZAZDER)")
		s.coord.get("/en/admin/projects/import").must(t, http.StatusOK, "slug;date;progress;text_tr;text_az;text_en")

		s.anon.post("/tr/projects/ogrenci-bulusmalari/follow", url.Values{"follow": {"1"}}).must(t, http.StatusUnauthorized)
		s.member.post("/tr/projects/ogrenci-bulusmalari/follow", url.Values{"follow": {"1"}}).must(t, http.StatusSeeOther)
		s.member.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, "Takibi bırak", "1 takipçi")
		s.member.post("/tr/projects/ogrenci-bulusmalari/follow", url.Values{"follow": {"0"}}).must(t, http.StatusSeeOther)
		s.member.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, ">Takip et<", "0 takipçi")

		csv := s.coord.get("/tr/admin/projects.csv")
		csv.must(t, http.StatusOK, "\uFEFFNo;Adres;Başlık (TR)", "ogrenci-bulusmalari;Öğrenci Buluşmaları;Tələbə görüşləri")
		s.member.get("/tr/admin/projects.csv").must(t, http.StatusForbidden)
		x := s.coord.get("/tr/admin/projects.xlsx")
		if x.Status != http.StatusOK || !strings.HasPrefix(x.Body, "PK") {
			t.Fatalf("xlsx: %d %.20q", x.Status, x.Body)
		}
		s.coord.get("/tr/admin/projects.json").must(t, http.StatusOK, `"slug":"ogrenci-bulusmalari"`, `"planned_minor":15000000`)
	})
}

func upload(t *testing.T, c *client, path, content string) response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "guncellemeler.csv")
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	req := c.newRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestTrackerImportPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrackerSite(t, d)
		s.coord.post("/tr/admin/projects", projectForm()).must(t, http.StatusSeeOther)
		head := "slug;date;progress;text_tr;text_az;text_en\n"
		upload(t, s.member, "/tr/admin/projects/import", head).must(t, http.StatusForbidden)
		upload(t, s.coord, "/tr/admin/projects/import", "proje;tarih\nx;y\n").must(t, http.StatusUnprocessableEntity, "Sütunlar şu sırada olmalı")
		upload(t, s.coord, "/az/admin/projects/import", head+"ogrenci-bulusmalari;2026-04-01;40;Nisan;;\nyok;2026-04-02;x;Metin;;\n").
			must(t, http.StatusUnprocessableEntity, "1 sətir rədd edildi", "Layihə: Bu ünvanda layihə yoxdur.", "İrəliləyiş: İrəliləyiş 0 ilə 100")
		s.anon.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, "Henüz ilerleme notu yok.")
		upload(t, s.coord, "/tr/admin/projects/import", head+"ogrenci-bulusmalari;2026-04-01;40;Nisan buluşması yapıldı;;\n").
			must(t, http.StatusOK, "1 ilerleme notu eklendi.")
		s.anon.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, "Nisan buluşması yapıldı", "%40 tamamlandı")
	})
}

func TestTrackerAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newTrackerSite(t, d)
		body := `{"title":{"tr":"Liman Stajları","az":"Liman təcrübələri","en":""},"summary":{"tr":"","az":"","en":""},"themes":["trade"],
			"status":"not_started","progress":0,"starts_on":"2026-06-01","ends_on":"2026-08-31","currency":"AZN","planned":"8000.00","spent":"0"}`
		s.anon.api("POST", "/api/v1/projects", body, "").must(t, http.StatusUnauthorized)
		s.member.api("POST", "/api/v1/projects", body, "").must(t, http.StatusForbidden)
		s.coord.api("POST", "/api/v1/projects", strings.Replace(body, `"8000.00"`, `"-1"`, 1), "").must(t, http.StatusUnprocessableEntity, `"planned"`)
		r := s.coord.api("POST", "/api/v1/projects", body, "")
		r.must(t, http.StatusCreated, `"slug":"liman-stajlari"`, `"planned_minor":800000`)
		other := s.coord.api("POST", "/api/v1/projects", strings.Replace(body, "Liman Stajları", "Başka Proje", 1), "")
		other.must(t, http.StatusCreated)
		ctx := context.Background()
		p, _ := s.a.Tracker.ProjectBySlug(ctx, "liman-stajlari")
		o, _ := s.a.Tracker.ProjectBySlug(ctx, "baska-proje")
		path := fmt.Sprintf("/api/v1/projects/%d", p.ID)

		s.coord.api("PUT", path, strings.Replace(body, `"not_started","progress":0`, `"in_progress","progress":15`, 1), "").
			must(t, http.StatusOK, `"status":"in_progress"`, `"progress":15`)
		s.member.api("PUT", path, body, "").must(t, http.StatusForbidden)
		s.coord.post(fmt.Sprintf("/tr/admin/projects/%d/indicators", p.ID), url.Values{"indicator_name_tr": {"Stajyer"}, "target": {"20"}}).must(t, http.StatusSeeOther)
		iid := mustIndicator(t, s.a, p.ID)
		s.coord.api("PUT", fmt.Sprintf("/api/v1/projects/%d/indicators/%d", o.ID, iid), `{"actual":12}`, "").must(t, http.StatusNotFound)
		s.member.api("PUT", fmt.Sprintf("%s/indicators/%d", path, iid), `{"actual":12}`, "").must(t, http.StatusForbidden)
		s.coord.api("PUT", fmt.Sprintf("%s/indicators/%d", path, iid), `{"actual":12}`, "").must(t, http.StatusOK)

		s.anon.api("POST", path+"/follow", `{"follow":true}`, "").must(t, http.StatusUnauthorized)
		s.member.api("POST", path+"/follow", `{"follow":true}`, "").must(t, http.StatusOK, `"following":true`)
		s.member.api("POST", path+"/updates", `{"posted_on":"2026-06-15","body":{"tr":"x","az":"","en":""}}`, "").must(t, http.StatusForbidden)
		s.coord.api("POST", path+"/updates", `{"posted_on":"2026-06-15","body":{"tr":"İlk stajyerler limanda.","az":"","en":""},"progress":30}`, "").must(t, http.StatusCreated)
		s.coord.api("POST", path+"/updates", `{"posted_on":"15.06.2026","body":{"tr":"","az":"","en":""}}`, "").must(t, http.StatusUnprocessableEntity, `"posted_on"`, `"body"`)

		s.anon.api("GET", path, "", "").must(t, http.StatusOK, `"actual":12`, `"progress":30`, `İlk stajyerler limanda.`, `"history"`)
		s.anon.api("GET", "/api/v1/projects?status=in_progress&theme=trade", "", "").must(t, http.StatusOK, `"total":1`, `"by_status":{"in_progress":1}`)
		s.anon.api("GET", "/api/v1/projects/999999", "", "").must(t, http.StatusNotFound)
	})
}

func mustIndicator(t *testing.T, a *App, projectID int64) int64 {
	t.Helper()
	var id int64
	if err := a.DB.QueryRow(context.Background(), `SELECT id FROM project_indicators WHERE project_id = ?`, projectID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
