package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// Journey 2: from a project's page the coordinator creates the festival event and its
// volunteer programme; each is linked to the project at once (drafts too), the project's
// page lists them once published, and the programme names the project.
func TestEventAndProgrammeCreatedFromProjectPage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, ctx := newTrackerSite(t, d), context.Background()
		r := s.coord.post("/tr/admin/projects", projectForm())
		r.must(t, http.StatusSeeOther)
		admin := r.Header.Get("Location")
		var project int64
		if _, err := fmt.Sscanf(admin, "/tr/admin/projects/%d", &project); err != nil {
			t.Fatalf("redirect to %q", admin)
		}
		newEvent, newProgramme := fmt.Sprintf("/tr/admin/events/new?project=%d", project), fmt.Sprintf("/tr/admin/volunteer/new?project=%d", project)
		s.coord.get(admin).must(t, http.StatusOK, newEvent, newProgramme)
		s.coord.get(newEvent).must(t, http.StatusOK, "“Öğrenci Buluşmaları” projesine bağlanacak", fmt.Sprintf(`name="project" value="%d"`, project))
		s.coord.get(newProgramme).must(t, http.StatusOK, "“Öğrenci Buluşmaları” projesine bağlanacak")
		s.coord.get("/tr/admin/volunteer/new?project=987654").must(t, http.StatusNotFound)
		s.member.get(newProgramme).must(t, http.StatusForbidden)

		event := url.Values{"title_tr": {"Öğrenci Buluşması"}, "kind": {"youth_programme"}, "venue_name": {"Kültürpark"}, "venue_city": {"İzmir"},
			"zone": {"Europe/Istanbul"}, "starts_at": {"2026-12-20T10:00"}, "ends_at": {"2026-12-20T18:00"}, "capacity": {"80"},
			"visibility": {"public"}, "status": {"draft"}, "type_name_tr_0": {"Katılımcı"}, "type_quota_0": {"0"}, "project": {fmt.Sprint(project)}}
		r = s.coord.post("/tr/admin/events", event)
		r.must(t, http.StatusSeeOther)
		var eventID int64
		if _, err := fmt.Sscanf(r.Header.Get("Location"), "/tr/admin/events/%d", &eventID); err != nil {
			t.Fatalf("redirect to %q", r.Header.Get("Location"))
		}
		programme := url.Values{"title_tr": {"Buluşma Gönüllüleri"}, "city": {"izmir"}, "starts_on": {"2026-12-19"}, "ends_on": {"2026-12-21"},
			"min_age": {"16"}, "signup_close_hours": {"6"}, "cancel_close_hours": {"12"}, "project": {fmt.Sprint(project)}}
		r = s.coord.post("/tr/admin/volunteer/new", programme)
		r.must(t, http.StatusSeeOther)
		var programmeID int64
		if _, err := fmt.Sscanf(r.Header.Get("Location"), "/tr/admin/volunteer/%d", &programmeID); err != nil {
			t.Fatalf("redirect to %q", r.Header.Get("Location"))
		}
		links := map[string]int64{}
		rows, err := d.Query(ctx, `SELECT kind, ref_id FROM project_links WHERE project_id = ?`, project)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var kind string
			var ref int64
			if err := rows.Scan(&kind, &ref); err != nil {
				t.Fatal(err)
			}
			links[kind] = ref
		}
		rows.Close()
		if links["event"] != eventID || links["volunteer"] != programmeID {
			t.Fatalf("project links %v, want event %d and volunteer programme %d", links, eventID, programmeID)
		}
		// Published, the programme shows on the project's page and names the project.
		s.coord.post(fmt.Sprintf("/tr/admin/volunteer/%d", programmeID), url.Values{"do": {"publish"}}).must(t, http.StatusSeeOther)
		s.anon.get("/tr/projects/ogrenci-bulusmalari").must(t, http.StatusOK, "/tr/volunteer/bulusma-gonulluleri")
		s.anon.get("/tr/volunteer/bulusma-gonulluleri").must(t, http.StatusOK, "/tr/projects/ogrenci-bulusmalari")
	})
}
