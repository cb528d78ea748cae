package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// The student's start page links support and lists youth events and open volunteer
// programmes from their modules; a mentor-only page does not.
func TestStudentStartPageShowsEventsVolunteeringAndSupport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ctx := context.Background()
		if err := s.a.Partnership.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		otherEvent(t, s.a, "genclik-bulusmasi", events.YouthProgramme, events.Public, events.Published,
			i18n.Text{TR: "Gençlik Buluşması", AZ: "Gənclik Görüşü", EN: "Youth Meet-up"})
		otherEvent(t, s.a, "gizli-prova", events.YouthProgramme, events.Public, events.Draft,
			i18n.Text{TR: "Taslak Prova", AZ: "Qaralama Məşq", EN: "Draft Rehearsal"})
		coord := identityViewer(t, s.a, "gonullu.koord@example.org", identity.RoleCoordinator)
		start := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
		if _, err := s.a.Volunteer.CreateProgramme(ctx, coord, volunteer.ProgrammeInput{
			Title:       i18n.Text{TR: "Kordon Temizlik Günü", AZ: "Kordon Təmizlik Günü", EN: "Kordon Clean-up Day"},
			Description: i18n.Text{TR: "Sahil temizliği.", AZ: "Sahil təmizliyi.", EN: "Cleaning the shore."},
			City:        "izmir", StartsOn: start, EndsOn: start, Published: true,
		}); err != nil {
			t.Fatal(err)
		}

		s.leyla.post("/az/mentoring/profile", studentForm(s.uni(t, "Ege Üniversitesi"), "leyla@example.org")).must(t, http.StatusSeeOther)
		home := s.leyla.get("/az/mentoring")
		home.must(t, http.StatusOK, "Tələbələr üçün tədbirlər", `href="/az/events/genclik-bulusmasi"`, "Gənclik Görüşü",
			"Könüllülük imkanları", "Kordon Təmizlik Günü", `href="/az/support/new"`, `href="/az/support"`, `href="/az/support/export.json"`)
		if !strings.Contains(home.Body, " İzmir · ") || !strings.Contains(home.Body, " Bakı") {
			t.Fatalf("the event's time is not given in both cities: %s", home.Body)
		}
		if strings.Contains(home.Body, "Qaralama Məşq") {
			t.Fatal("the start page lists a draft event")
		}
		// The main menu leads students here.
		home.must(t, http.StatusOK, `href="/az/mentoring" aria-current="page">Tələbələr`)

		// A mentor's page is about their mentees, not the student offers.
		mentor := url.Values{"kind": {"alumni"}, "languages": {"tr"}, "offers": {"academic"}, "capacity": {"1"},
			"contact_email": {"mentor.pub@example.org"}, "consent": {"1"}}
		s.ment.post("/tr/mentoring/mentor", mentor).must(t, http.StatusSeeOther)
		if body := s.ment.get("/tr/mentoring").Body; strings.Contains(body, "Gençlik Buluşması") || strings.Contains(body, `href="/tr/support/new"`) {
			t.Fatal("a mentor-only page shows the student's offers")
		}
	})
}

// Active pairings appear in the aggregate reports (page, CSV, API) as a count, and each
// person's data download holds their own mentoring profile and pairing, nobody else's.
func TestStudentReportsCountPairingsAndExportsHoldMentoring(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newMentoringSite(t, d)
		ege := s.uni(t, "Ege Üniversitesi")
		s.leyla.post("/tr/mentoring/profile", studentForm(ege, "leyla.mentee@example.org")).must(t, http.StatusSeeOther)
		elvin := studentForm(ege, "elvin.mentee@example.org")
		elvin.Set("home_city", "Lənkəran")
		s.elvin.post("/tr/mentoring/profile", elvin).must(t, http.StatusSeeOther)
		mentor := url.Values{"kind": {"alumni"}, "university_id": {ege}, "languages": {"az", "tr"}, "offers": {"accommodation"},
			"capacity": {"2"}, "contact_email": {"mentor.pub@example.org"}, "consent": {"1"}}
		s.ment.post("/tr/mentoring/mentor", mentor).must(t, http.StatusSeeOther)
		mentorID := fmt.Sprint(s.users["ment"].ID)
		s.coord.post("/tr/admin/mentoring/mentors/"+mentorID+"/verify", url.Values{"verified": {"1"}}).must(t, http.StatusSeeOther)
		s.coord.post("/tr/admin/mentoring/pair", url.Values{"student_id": {fmt.Sprint(s.users["leyla"].ID)}, "mentor_id": {mentorID}}).must(t, http.StatusSeeOther)

		s.coord.get("/tr/admin/support/reports").must(t, http.StatusOK, "Süren mentor eşleşmeleri</dt><dd>1</dd>")
		s.coord.get("/tr/admin/support/reports.csv").must(t, http.StatusOK, "pairings;active;1")
		r := s.coord.api("GET", "/api/v1/support/reports", "", "")
		r.must(t, http.StatusOK)
		var rep struct {
			ActivePairings int `json:"active_pairings"`
		}
		if err := json.Unmarshal([]byte(r.Body), &rep); err != nil || rep.ActivePairings != 1 {
			t.Fatalf("API report: %s (%v)", r.Body, err)
		}
		for _, leak := range []string{"leyla.mentee@example.org", "mentor.pub@example.org", "Şəki"} {
			if strings.Contains(s.coord.get("/tr/admin/support/reports.csv").Body, leak) {
				t.Fatalf("the report holds %q", leak)
			}
		}

		var exp struct {
			Mentoring struct {
				Student *struct {
					HomeCity string `json:"home_city"`
				} `json:"student_profile"`
				Pairings []struct {
					MentorID int64 `json:"mentor_id"`
				} `json:"pairings"`
			} `json:"mentoring"`
		}
		body := s.leyla.get("/tr/support/export.json")
		body.must(t, http.StatusOK)
		if err := json.Unmarshal([]byte(body.Body), &exp); err != nil {
			t.Fatal(err)
		}
		if exp.Mentoring.Student == nil || exp.Mentoring.Student.HomeCity != "Şəki" || len(exp.Mentoring.Pairings) != 1 ||
			fmt.Sprint(exp.Mentoring.Pairings[0].MentorID) != mentorID {
			t.Fatalf("the student's export lacks her mentoring data: %s", body.Body)
		}
		other := s.elvin.get("/tr/support/export.json")
		other.must(t, http.StatusOK, "Lənkəran")
		if strings.Contains(other.Body, "leyla.mentee@example.org") || strings.Contains(other.Body, "Şəki") {
			t.Fatalf("another student's export holds the first one's data: %s", other.Body)
		}
		s.ment.get("/tr/support/export.json").must(t, http.StatusOK, `"mentor_profile"`, "mentor.pub@example.org")
	})
}
