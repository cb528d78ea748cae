package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// mentoringSite: a coordinator, two students and a mentor, each signed in in a browser,
// with mail going to a real SMTP sink.
type mentoringSite struct {
	a                         *App
	smtp                      *mailtest.Sink
	coord, leyla, elvin, ment *client
	users                     map[string]*identity.User
}

func newMentoringSite(t *testing.T, d *db.DB) *mentoringSite {
	t.Helper()
	s := &mentoringSite{smtp: mailtest.Start(t), users: map[string]*identity.User{}}
	cfg := config.Default()
	cfg.Data, cfg.Demo, cfg.SMTP = t.TempDir(), "off", s.smtp.URL
	_ = cfg.Validate()
	var err error
	if s.a, err = New(cfg, d, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	s.users["coord"] = user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	s.users["leyla"] = user(t, s.a, "ogrenci1@example.org")
	s.users["elvin"] = user(t, s.a, "ogrenci2@example.org")
	s.users["ment"] = user(t, s.a, "mentor@example.org")
	s.coord, s.leyla, s.elvin, s.ment = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.coord.login("koordinator@example.org")
	s.leyla.login("ogrenci1@example.org")
	s.elvin.login("ogrenci2@example.org")
	s.ment.login("mentor@example.org")
	return s
}

func (s *mentoringSite) uni(t *testing.T, name string) string {
	t.Helper()
	us, err := s.a.Mentoring.Universities(context.Background(), "tr", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Name == name {
			return fmt.Sprint(u.ID)
		}
	}
	t.Fatalf("no university %s", name)
	return ""
}

func studentForm(uni, email string) url.Values {
	return url.Values{"university_id": {uni}, "faculty": {"Tıp Fakültesi"}, "programme": {"Tıp"}, "year": {"1"}, "home_city": {"Şəki"},
		"languages": {"az", "ru"}, "interests": {"satranç, muğam"}, "wants": {"accommodation", "city_life"},
		"contact_email": {email}, "visible": {"1"}, "consent": {"1"}}
}

func TestMentoringPagesEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ege := s.uni(t, "Ege Üniversitesi")

		anon := newClient(t, s.a)
		anon.get("/tr/mentoring").must(t, http.StatusUnauthorized, `name="next"`)
		anon.get("/az/mentoring/privacy").must(t, http.StatusOK, "mentoring-2026-01", "cütləşdirmək")
		s.coord.get("/tr/admin").must(t, http.StatusOK, `href="/tr/admin/mentoring"`)

		// The form links the notice; bad input comes back with everything typed.
		s.leyla.get("/tr/mentoring/profile").must(t, http.StatusOK, "Öğrenci profili", `href="/tr/mentoring/privacy"`, "Ege Üniversitesi")
		bad := studentForm(ege, "leyla@")
		bad.Del("consent")
		s.leyla.post("/tr/mentoring/profile", bad).must(t, http.StatusUnprocessableEntity, "Geçerli bir e-posta", "aydınlatma metnini onaylayın", `value="Şəki"`, `value="satranç, muğam"`)
		s.leyla.post("/tr/mentoring/profile", studentForm(ege, "leyla.mentee@example.org")).must(t, http.StatusSeeOther)
		s.elvin.post("/az/mentoring/profile", studentForm(ege, "elvin@example.org")).must(t, http.StatusSeeOther)
		s.leyla.get("/tr/mentoring").must(t, http.StatusOK, "Eşleştirmede görünür", "Henüz bir eşleşmeniz yok.")

		// The mentor signs up; unverified, they are nobody's suggestion.
		mentor := url.Values{"kind": {"alumni"}, "university_id": {ege}, "field": {"Tıp Fakültesi"}, "languages": {"az", "tr"},
			"interests": {"Satranç"}, "offers": {"accommodation"}, "capacity": {"1"}, "contact_email": {"mentor.pub@example.org"}, "consent": {"1"}}
		s.ment.post("/en/mentoring/mentor", mentor).must(t, http.StatusSeeOther)
		s.coord.get("/tr/admin/mentoring").must(t, http.StatusOK, "Uygun, boş yeri olan onaylı mentor yok.")
		s.leyla.get("/tr/admin/mentoring").must(t, http.StatusForbidden)
		mentorID := fmt.Sprint(s.users["ment"].ID)
		s.leyla.post("/tr/admin/mentoring/mentors/"+mentorID+"/verify", url.Values{"verified": {"1"}}).must(t, http.StatusForbidden)
		s.coord.post("/tr/admin/mentoring/mentors/"+mentorID+"/verify", url.Values{"verified": {"1"}}).must(t, http.StatusSeeOther)

		// Suggestions with a one-line reason; confirm one with one click.
		r := s.coord.get("/tr/admin/mentoring")
		r.must(t, http.StatusOK, "Aynı üniversite (Ege Üniversitesi)", "Ortak dil: Azerbaycanca", "1 ortak ilgi")
		leylaID := fmt.Sprint(s.users["leyla"].ID)
		s.coord.post("/tr/admin/mentoring/pair", url.Values{"student_id": {leylaID}, "mentor_id": {mentorID}}).must(t, http.StatusSeeOther)
		// The mentor is full now: the second student is refused with a clear message.
		s.coord.post("/tr/admin/mentoring/pair", url.Values{"student_id": {fmt.Sprint(s.users["elvin"].ID)}, "mentor_id": {mentorID}}).must(t, http.StatusSeeOther)
		s.coord.get("/tr/admin/mentoring").must(t, http.StatusOK, "Bu mentorun boş yeri kalmadı.")
		if _, err := s.a.Outbox.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		toLeyla := s.smtp.To("ogrenci1@example.org")
		if len(toLeyla) != 1 || !strings.Contains(toLeyla[0].Text, "mentor.pub@example.org") {
			t.Fatalf("intro to the student: %+v", toLeyla)
		}
		if m := s.smtp.To("mentor@example.org"); len(m) != 1 || !strings.Contains(m[0].Text, "leyla.mentee@example.org") {
			t.Fatalf("intro to the mentor: %+v", m)
		}
		s.smtp.Take()

		// Both see the pairing; an outsider cannot open its end form.
		s.leyla.get("/tr/mentoring").must(t, http.StatusOK, "Mentorunuz", "mentor.pub@example.org")
		s.ment.get("/en/mentoring").must(t, http.StatusOK, "Your student", "leyla.mentee@example.org")
		var pairings []struct{ ID int64 }
		r = s.leyla.api("GET", "/api/v1/mentoring/pairings", "", "")
		r.must(t, http.StatusOK)
		if err := json.Unmarshal([]byte(r.Body), &pairings); err != nil || len(pairings) != 1 {
			t.Fatalf("pairings: %s", r.Body)
		}
		end := fmt.Sprintf("/tr/mentoring/pairings/%d/end", pairings[0].ID)
		s.elvin.get(end).must(t, http.StatusNotFound)
		s.ment.post(end, url.Values{"reason": {""}}).must(t, http.StatusUnprocessableEntity, "Lütfen bir gerekçe yazın.")
		s.ment.post(end, url.Values{"reason": {"İş yoğunluğu"}}).must(t, http.StatusSeeOther)
		if _, err := s.a.Outbox.DeliverDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := s.smtp.Take()
		if len(got) != 1 || got[0].To != "ogrenci1@example.org" || !strings.Contains(got[0].Text, "İş yoğunluğu") {
			t.Fatalf("end mail: %+v", got)
		}
		if n := s.a.Mentoring.ActivePairings(context.Background()); n != 0 {
			t.Fatalf("active pairings = %d", n)
		}
	})
}

func TestMentoringBulkProposalAndUniversities(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ege := s.uni(t, "Ege Üniversitesi")
		s.leyla.post("/tr/mentoring/profile", studentForm(ege, "leyla@example.org")).must(t, http.StatusSeeOther)
		s.elvin.post("/tr/mentoring/profile", studentForm(ege, "elvin@example.org")).must(t, http.StatusSeeOther)
		s.ment.post("/tr/mentoring/mentor", url.Values{"kind": {"volunteer"}, "languages": {"az"}, "offers": {"culture"}, "capacity": {"2"},
			"contact_email": {"mentor@example.org"}, "consent": {"1"}}).must(t, http.StatusSeeOther)
		s.coord.post(fmt.Sprintf("/tr/admin/mentoring/mentors/%d/verify", s.users["ment"].ID), url.Values{"verified": {"1"}}).must(t, http.StatusSeeOther)

		r := s.coord.get("/tr/admin/mentoring/propose")
		r.must(t, http.StatusOK, "2 öğrenci eşleşti · 0 öğrenci açıkta", "Tümünü onayla")
		pairs := url.Values{"pair": {fmt.Sprintf("%d:%d", s.users["leyla"].ID, s.users["ment"].ID), fmt.Sprintf("%d:%d", s.users["elvin"].ID, s.users["ment"].ID)}}
		// Leyla hides her profile before the confirm: nothing is written, the page says why.
		hidden := studentForm(ege, "leyla@example.org")
		hidden.Del("visible")
		s.leyla.post("/tr/mentoring/profile", hidden).must(t, http.StatusSeeOther)
		s.coord.post("/tr/admin/mentoring/propose", pairs).must(t, http.StatusConflict, "hiçbir eşleşme kaydedilmedi", "1 öğrenci eşleşti")
		if n := s.a.Mentoring.ActivePairings(context.Background()); n != 0 {
			t.Fatalf("a stale bulk confirm wrote %d pairs", n)
		}
		s.coord.post("/tr/admin/mentoring/propose", url.Values{"pair": pairs["pair"][1:]}).must(t, http.StatusSeeOther)
		if n := s.a.Mentoring.ActivePairings(context.Background()); n != 1 {
			t.Fatalf("active pairings = %d, want 1", n)
		}

		// Universities: coordinators only; a folded duplicate is refused and the input kept.
		s.leyla.get("/tr/admin/mentoring/universities").must(t, http.StatusForbidden)
		s.coord.post("/tr/admin/mentoring/universities", url.Values{"name": {"YAŞAR ÜNİVERSİTESİ"}}).must(t, http.StatusUnprocessableEntity, "Bu üniversite listede zaten var.", `value="YAŞAR ÜNİVERSİTESİ"`)
		s.coord.post("/tr/admin/mentoring/universities", url.Values{"name": {"Bakı Dövlət Universiteti İzmir Ofisi"}}).must(t, http.StatusSeeOther)
		s.coord.get("/tr/admin/mentoring/universities").must(t, http.StatusOK, "Bakı Dövlət Universiteti İzmir Ofisi")
		// Renaming a row into another's name is refused on that row, the typed name kept;
		// retiring takes it off the profile form.
		s.coord.post("/tr/admin/mentoring/universities/"+ege, url.Values{"name": {"yasar universitesi"}}).
			must(t, http.StatusUnprocessableEntity, `value="yasar universitesi" aria-invalid="true"`, "Bu üniversite listede zaten var.")
		s.coord.post("/tr/admin/mentoring/universities/"+ege, url.Values{"name": {"Ege Üniversitesi"}, "retired": {"1"}}).must(t, http.StatusSeeOther)
		if r := s.elvin.get("/tr/mentoring/profile"); strings.Contains(r.Body, ">Ege Üniversitesi<") {
			t.Fatal("a retired university is still offered")
		}
	})
}

func TestMentoringAPIRefusesOtherPeoplesProfiles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		body := `{"year":2,"languages":["az","tr"],"wants":["academic"],"interests":["futbol"],"contact_email":"leyla@example.org","visible":true,"consent":true}`
		s.leyla.api("PUT", "/api/v1/mentoring/profile", body, "").must(t, http.StatusOK, `"consent_version":"mentoring-2026-01"`)
		s.elvin.api("PUT", "/api/v1/mentoring/profile", `{"year":0,"languages":[],"contact_email":"x","consent":false}`, "").
			must(t, http.StatusUnprocessableEntity, `"year"`, `"languages"`, `"contact_email"`, `"consent"`)
		leyla := fmt.Sprint(s.users["leyla"].ID)
		s.elvin.api("GET", "/api/v1/mentoring/profile?user_id="+leyla, "", "").must(t, http.StatusForbidden)
		s.ment.api("GET", "/api/v1/mentoring/mentor?user_id="+leyla, "", "").must(t, http.StatusForbidden)
		s.coord.api("GET", "/api/v1/mentoring/profile?user_id="+leyla, "", "").must(t, http.StatusOK, `"contact_email":"leyla@example.org"`)
		s.elvin.api("GET", "/api/v1/mentoring/suggestions", "", "").must(t, http.StatusForbidden)
		newClient(t, s.a).api("GET", "/api/v1/mentoring/profile", "", "").must(t, http.StatusUnauthorized)
		newClient(t, s.a).api("GET", "/api/v1/mentoring/universities", "", "").must(t, http.StatusOK, `"name":"İzmir Kâtip Çelebi Üniversitesi"`)

		s.ment.api("PUT", "/api/v1/mentoring/mentor", `{"kind":"professional","languages":["az"],"offers":["career"],"capacity":2,"contact_email":"m@example.org","consent":true}`, "").must(t, http.StatusOK, `"verified":false`)
		mentor := fmt.Sprint(s.users["ment"].ID)
		pair := `{"student_id":` + leyla + `,"mentor_id":` + mentor + `}`
		s.coord.api("POST", "/api/v1/mentoring/pairings", pair, "").must(t, http.StatusUnprocessableEntity, `"mentor_id"`)
		if err := s.a.Mentoring.SetMentorVerified(context.Background(), &web.Viewer{ID: s.users["coord"].ID, Roles: []string{identity.RoleCoordinator}}, s.users["ment"].ID, true); err != nil {
			t.Fatal(err)
		}
		s.leyla.api("POST", "/api/v1/mentoring/pairings", pair, "").must(t, http.StatusForbidden) // choosing is off
		s.coord.api("POST", "/api/v1/mentoring/pairings", `{"student_id":`+leyla+`,"mentor_id":`+leyla+`}`, "").must(t, http.StatusUnprocessableEntity, `"mentor_id"`)
		r := s.coord.api("POST", "/api/v1/mentoring/pairings", pair, "")
		r.must(t, http.StatusCreated, `"status":"active"`)
		var p struct{ ID int64 }
		_ = json.Unmarshal([]byte(r.Body), &p)
		s.coord.api("GET", "/api/v1/mentoring/suggestions", "", "").must(t, http.StatusOK, `[]`)
		s.elvin.api("POST", fmt.Sprintf("/api/v1/mentoring/pairings/%d/end", p.ID), `{"reason":"x"}`, "").must(t, http.StatusNotFound)
		s.leyla.api("POST", fmt.Sprintf("/api/v1/mentoring/pairings/%d/end", p.ID), `{"reason":"Mezun oldum"}`, "").must(t, http.StatusOK, `"status":"ended"`)
	})
}

func TestMentoringStudentsChooseWhenTheProgrammeAllows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ege := s.uni(t, "Ege Üniversitesi")
		s.leyla.post("/tr/mentoring/profile", studentForm(ege, "leyla@example.org")).must(t, http.StatusSeeOther)
		s.ment.post("/tr/mentoring/mentor", url.Values{"kind": {"professional"}, "university_id": {ege}, "languages": {"ru", "tr"},
			"offers": {"career"}, "capacity": {"3"}, "contact_email": {"mentor@example.org"}, "consent": {"1"}}).must(t, http.StatusSeeOther)
		s.coord.post(fmt.Sprintf("/tr/admin/mentoring/mentors/%d/verify", s.users["ment"].ID), url.Values{"verified": {"1"}}).must(t, http.StatusSeeOther)
		choose := url.Values{"mentor_id": {fmt.Sprint(s.users["ment"].ID)}}

		if r := s.leyla.get("/tr/mentoring"); strings.Contains(r.Body, "Bu mentoru seç") {
			t.Fatal("choices shown while the programme does not allow them")
		}
		s.leyla.post("/tr/mentoring/choose", choose).must(t, http.StatusForbidden)
		s.leyla.post("/tr/admin/mentoring/settings", url.Values{"students_choose": {"1"}}).must(t, http.StatusForbidden)
		s.coord.post("/tr/admin/mentoring/settings", url.Values{"students_choose": {"1"}}).must(t, http.StatusSeeOther)
		s.leyla.get("/az/mentoring").must(t, http.StatusOK, "Sizə təklif olunan mentorlar", "Eyni universitet (Ege Üniversitesi)", "Ortaq dil: Rusca", "Bu mentoru seç")
		s.leyla.post("/tr/mentoring/choose", choose).must(t, http.StatusSeeOther)
		s.leyla.get("/tr/mentoring").must(t, http.StatusOK, "Eşleşmeniz kaydedildi", "Mentorunuz", "mentor@example.org")
		// Paired now: no more choices, and a second choice is refused.
		s.leyla.post("/tr/mentoring/choose", choose).must(t, http.StatusSeeOther)
		s.leyla.get("/tr/mentoring").must(t, http.StatusOK, "Bu öğrencinin zaten devam eden bir eşleşmesi var.")
	})
}

func TestMentoringDemoShowsSuggestions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		coord := &web.Viewer{ID: s.users["coord"].ID, Roles: []string{identity.RoleCoordinator}}
		for range 2 { // loading twice changes nothing
			if err := s.a.seedMentoringDemo(context.Background(), pw, coord); err != nil {
				t.Fatal(err)
			}
		}
		r := s.coord.get("/tr/admin/mentoring")
		r.must(t, http.StatusOK, "Demo Öğrenci (Ege Üniversitesi)", "Demo Mentor (mezun)", "Aynı üniversite (Ege Üniversitesi)")
		s.coord.get("/tr/admin/mentoring/mentors").must(t, http.StatusOK, "Demo Buddy (gönüllü)", "Koordinatör onayı bekleniyor")
	})
}
