package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// submitByAPI submits a complete intake proposal through the API and returns its id.
func (s *pcSite) submitByAPI(t *testing.T, title, theme string) int64 {
	t.Helper()
	body := fmt.Sprintf(`{"organisation_id":%d,"title":{"tr":%q},"summary":{"tr":"Kısa özet."},"themes":[%q],
		"budget":[{"label":"Salon","currency":"TRY","amount_minor":10000,"requested_minor":10000,"cofunding_minor":0}]}`, s.association, title, theme)
	r := s.aysel.api("POST", "/api/v1/proposals", body, "")
	r.must(t, http.StatusCreated)
	var p struct{ ID int64 }
	if err := json.Unmarshal([]byte(r.Body), &p); err != nil || p.ID == 0 {
		t.Fatalf("created %q: %v", r.Body, err)
	}
	s.aysel.api("POST", fmt.Sprintf("/api/v1/proposals/%d/submit", p.ID), "", "").must(t, http.StatusOK)
	return p.ID
}

func TestPublicProposalListPaginatesAndKeepsFilters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		for i := range 23 {
			s.submitByAPI(t, fmt.Sprintf("Kültür köprüsü %02d", i), "culture")
		}
		s.submitByAPI(t, "Ticaret heyeti", "trade")

		first := s.murad.get("/tr/proposals?theme=culture&q=K%C3%9CLT%C3%9CR")
		first.must(t, http.StatusOK, "23 öneri", "Sayfa 1 / 2", `href="/tr/proposals?q=K%C3%9CLT%C3%9CR&amp;theme=culture&amp;page=2"`, "Kültür köprüsü 22")
		if strings.Contains(first.Body, "Kültür köprüsü 02") || strings.Contains(first.Body, "Ticaret heyeti") {
			t.Fatalf("page 1 shows a row of page 2 or of another theme:\n%s", first.Body)
		}
		second := s.murad.get("/tr/proposals?q=K%C3%9CLT%C3%9CR&theme=culture&page=2")
		second.must(t, http.StatusOK, "23 öneri", "Sayfa 2 / 2", "Kültür köprüsü 00", "Kültür köprüsü 02", `value="KÜLTÜR"`, `<option value="culture" selected>`)
		if strings.Contains(second.Body, "Kültür köprüsü 22") || strings.Contains(second.Body, `rel="next"`) {
			t.Fatalf("page 2 repeats page 1 or offers a next page:\n%s", second.Body)
		}
		// A page past the end is empty, not an error; the unfiltered list has every proposal.
		s.murad.get("/tr/proposals?theme=culture&page=9").must(t, http.StatusOK, "23 öneri")
		s.murad.get("/tr/proposals").must(t, http.StatusOK, "24 öneri", "Ticaret heyeti")
	})
}
