package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// The event list filters by the venue's city however the visitor types it: "İZMİR",
// "izmir" and "İzmir" are one city, and "Bakı" (as events in Bakı write it) is another.
// The kind chips keep the chosen city and month.
func TestEventListFiltersByCity(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newClient(t, eventsSite(t, d))
		const festival, forum = "İzmir–Bakü Kültür Festivali", "Bakü–İzmir İş Forumu"
		page := c.get("/tr/events")
		page.must(t, http.StatusOK, `<select id="f-city" name="city">`, `<option value="İzmir">İzmir</option>`)
		for _, asked := range []string{"İzmir", "izmir", "%C4%B0ZM%C4%B0R"} {
			r := c.get("/tr/events?city=" + asked)
			r.must(t, http.StatusOK, festival, `<option value="İzmir" selected>`)
			if strings.Contains(r.Body, forum) {
				t.Errorf("city=%s still lists the forum in Bakü", asked)
			}
		}
		r := c.get("/tr/events?kind=festival&city=izmir&month=2026-12")
		r.must(t, http.StatusOK, festival, `href="/tr/events?city=%C4%B0zmir&amp;kind=business_forum&amp;month=2026-12"`)
		// A city no event is in filters nothing away rather than showing an empty page.
		c.get("/tr/events?city=Ankara").must(t, http.StatusOK, festival, forum)
	})
}
