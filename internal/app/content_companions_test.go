package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// A news article linked from a project on the tracker links back to it, and the cached
// article page shows the new link at once.
func TestNewsArticleLinksBackToItsProject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, ctx := newTestAppOn(t, d), context.Background()
		if err := a.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
		var article int64
		var slug string
		if err := a.DB.QueryRow(ctx, `SELECT id, slug FROM content_entries WHERE kind = 'news' AND status = 'published'
			AND id NOT IN (SELECT ref_id FROM project_links WHERE kind = 'news') ORDER BY id LIMIT 1`).Scan(&article, &slug); err != nil {
			t.Fatal(err)
		}
		reader := newClient(t, a) // anonymous: served from the page cache
		before := reader.get("/tr/news/" + slug)
		before.must(t, http.StatusOK)
		const label = "Bu haber şu projenin parçası:"
		if strings.Contains(before.Body, label) {
			t.Fatalf("an unlinked article names a project:\n%s", before.Body)
		}
		etag := before.Header.Get("ETag")

		coord := newClient(t, a)
		user(t, a, "haber-takip@example.org", identity.RoleCoordinator)
		coord.login("haber-takip@example.org")
		p, err := a.Tracker.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali")
		if err != nil {
			t.Fatal(err)
		}
		link := url.Values{"kind": {"news"}, "ref_id": {fmt.Sprint(article)}}
		coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), link).must(t, http.StatusSeeOther)

		reader.get("/tr/news/"+slug).must(t, http.StatusOK, label, `href="/tr/projects/kardeslik-40-genclik-festivali"`, "Kardeşliğin 40. Yılı Gençlik Festivali")
		reader.get("/az/news/"+slug).must(t, http.StatusOK, "Bu xəbər bu layihənin bir hissəsidir:", "Qardaşlığın 40-cı ili Gənclik Festivalı")
		// A browser holding the page from before the link gets the new page, not a 304.
		reader.get("/tr/news/"+slug, "If-None-Match", etag).must(t, http.StatusOK, label)

		link.Set("remove", "1")
		coord.post(fmt.Sprintf("/tr/admin/projects/%d/links", p.ID), link).must(t, http.StatusSeeOther)
		if r := reader.get("/tr/news/" + slug); r.Status != http.StatusOK || strings.Contains(r.Body, label) {
			t.Fatalf("an unlinked article still names the project (%d)", r.Status)
		}
	})
}
