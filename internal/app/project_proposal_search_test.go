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

func TestPublishedProposalsInSiteSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		ctx := t.Context()
		search := func(q string) string {
			r := s.murad.get("/api/v1/search?q=" + q)
			r.must(t, http.StatusOK)
			return r.Body
		}
		// A draft is nobody's search result.
		draft := fmt.Sprintf(`{"organisation_id":%d,"title":{"tr":"Şirvan halı atölyesi"},"themes":["culture"]}`, s.association)
		s.aysel.api("POST", "/api/v1/proposals", draft, "").must(t, http.StatusCreated)
		if body := search("sirvan"); strings.Contains(body, "/proposals/") {
			t.Fatalf("a draft is found: %s", body)
		}

		// Submitted: found by folded Turkish/Azerbaijani queries, in the proposal group.
		id := s.submitByAPI(t, "Bakü–İzmir Işık Festivali", "culture")
		url := fmt.Sprintf(`"/tr/proposals/%d"`, id)
		for _, q := range []string{"baku", "IZMIR", "ışık", "isik"} {
			if body := search(q); !strings.Contains(body, url) || !strings.Contains(body, `"proposal"`) {
				t.Fatalf("%q does not find the proposal: %s", q, body)
			}
		}
		s.murad.get("/tr/search?q=izmir").must(t, http.StatusOK, "Proje önerileri", fmt.Sprintf("/tr/proposals/%d", id))

		// A new version replaces it in the search once submitted; the old one is gone.
		r := s.aysel.api("POST", fmt.Sprintf("/api/v1/proposals/%d/versions", id), "", "")
		r.must(t, http.StatusCreated)
		var next struct{ ID int64 }
		if err := json.Unmarshal([]byte(r.Body), &next); err != nil || next.ID == 0 {
			t.Fatalf("new version %q: %v", r.Body, err)
		}
		if body := search("baku"); !strings.Contains(body, url) {
			t.Fatalf("the proposal left the search before its new version was submitted: %s", body)
		}
		s.aysel.api("POST", fmt.Sprintf("/api/v1/proposals/%d/submit", next.ID), "", "").must(t, http.StatusOK)
		body := search("baku")
		if strings.Contains(body, url) || !strings.Contains(body, fmt.Sprintf(`"/tr/proposals/%d"`, next.ID)) {
			t.Fatalf("after the new version: %s", body)
		}

		// A full reindex finds the same.
		if err := s.a.Reindex(ctx, func(int, int) {}); err != nil {
			t.Fatal(err)
		}
		body = search("baku")
		if strings.Contains(body, url) || !strings.Contains(body, fmt.Sprintf(`"/tr/proposals/%d"`, next.ID)) {
			t.Fatalf("after reindex: %s", body)
		}
	})
}
