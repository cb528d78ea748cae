package app

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// showForm is the editor's form of sh as a browser sends it back.
func showForm(sh *podcast.Show) url.Values {
	return url.Values{"slug": {sh.Slug}, "title": {sh.Title}, "description": {sh.Description}, "language": {sh.Language},
		"category": {podcast.CategoryLabel(sh.Category)}, "owner_name": {sh.OwnerName}, "owner_email": {sh.OwnerEmail},
		"author": {sh.Author}, "copyright": {sh.Copyright}, "type": {string(sh.Type)}}
}

func TestPodcastFundingFromEditorToFeed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		sh, _ := podcastDemo(t, a)
		user(t, a, "koordinator@example.org", "coordinator")
		c := newClient(t, a)
		c.login("koordinator@example.org")
		path := fmt.Sprintf("/tr/admin/podcast/shows/%d", sh.ID)
		c.get(path).must(t, http.StatusOK, `name="funding_url"`, `name="funding_label"`, "Destek bağlantısı")

		form := showForm(sh)
		form.Set("funding_url", "javascript:alert(1)")
		form.Set("funding_label", "Programa destek olun")
		c.post(path, form).must(t, http.StatusUnprocessableEntity, "http ya da https ile başlayan bir adres yazın.",
			"Programa destek olun", "javascript:alert(1)")
		form.Set("funding_url", "https://dernek.example.org/destek")
		form.Set("funding_label", "")
		c.post(path, form).must(t, http.StatusUnprocessableEntity, "Destek bağlantısı için bir metin yazın.")

		form.Set("funding_label", "Programa destek olun")
		c.post(path, form).must(t, http.StatusSeeOther)
		c.get("/tr/podcast/izmir-baku-40").must(t, http.StatusOK, `href="https://dernek.example.org/destek"`, "Programa destek olun")

		r := c.get("/podcast/izmir-baku-40/feed.xml")
		r.must(t, http.StatusOK)
		f, err := gofeed.NewParser().ParseString(r.Body)
		if err != nil {
			t.Fatalf("gofeed: %v", err)
		}
		funding := f.Extensions["podcast"]["funding"]
		if len(funding) != 1 || funding[0].Attrs["url"] != "https://dernek.example.org/destek" || funding[0].Value != "Programa destek olun" {
			t.Fatalf("podcast:funding %+v", funding)
		}

		// The API takes and returns the same fields, with field errors as problem+json.
		api := fmt.Sprintf("/api/v1/podcast/shows/%d", sh.ID)
		body := fmt.Sprintf(`{"title":%q,"description":%q,"language":"tr","category":"Society & Culture > Places & Travel","owner_email":%q,"funding_url":"ftp://x.example","funding_label":"Destek"}`,
			sh.Title, sh.Description, sh.OwnerEmail)
		bad := c.api(http.MethodPut, api, body, "")
		bad.must(t, http.StatusUnprocessableEntity, `"funding_url"`)
		if !strings.HasPrefix(bad.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("problem type %q", bad.Header.Get("Content-Type"))
		}
		body = strings.Replace(body, "ftp://x.example", "https://bagis.example.org", 1)
		c.api(http.MethodPut, api, body, "").must(t, http.StatusOK, `"funding_url":"https://bagis.example.org"`, `"funding_label":"Destek"`)
	})
}

func TestPodcastDeletingEpisodesAndShows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		ctx := context.Background()
		sh, draftID := podcastDemo(t, a)
		eps, err := a.Podcast.Episodes(ctx, nil, sh.ID)
		if err != nil || len(eps) != 2 {
			t.Fatalf("published episodes: %d %v", len(eps), err)
		}
		live := eps[0]
		audio := "/podcast/izmir-baku-40/" + live.GUID + ".mp3"
		user(t, a, "koordinator@example.org", "coordinator")
		user(t, a, "uye@example.org", "member")
		member := newClient(t, a)
		member.login("uye@example.org")
		c := newClient(t, a)
		c.login("koordinator@example.org")

		// Nobody but coordinators deletes anything, by page or API.
		member.post(fmt.Sprintf("/tr/admin/podcast/episodes/%d/delete", live.ID), url.Values{"confirm": {"1"}}).must(t, http.StatusForbidden)
		member.post(fmt.Sprintf("/tr/admin/podcast/shows/%d/delete", sh.ID), url.Values{"confirm": {"1"}}).must(t, http.StatusForbidden)
		member.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/episodes/%d?confirm=true", live.ID), "", "").must(t, http.StatusForbidden)
		member.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/shows/%d?confirm=true", sh.ID), "", "").must(t, http.StatusForbidden)
		newClient(t, a).api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/episodes/%d", draftID), "", "").must(t, http.StatusUnauthorized)
		if n := countRows(t, a, "podcast_episodes"); n != 3 {
			t.Fatalf("%d episodes after refused deletions, want 3", n)
		}

		// The editor offers deletion; a published episode needs the box ticked.
		edit := fmt.Sprintf("/tr/admin/podcast/episodes/%d", live.ID)
		c.get(edit).must(t, http.StatusOK, "Bölümü sil", edit+"/delete")
		c.post(edit+"/delete", url.Values{}).must(t, http.StatusUnprocessableEntity, "Bu bölüm yayında.", html.EscapeString(live.Title))
		c.get(audio).must(t, http.StatusOK)
		del := c.post(edit+"/delete", url.Values{"confirm": {"1"}})
		del.must(t, http.StatusSeeOther)
		if loc := del.Header.Get("Location"); loc != fmt.Sprintf("/tr/admin/podcast/shows/%d", sh.ID) {
			t.Fatalf("after deletion: redirected to %q", loc)
		}
		c.get(audio).must(t, http.StatusNotFound)
		feed := c.get("/podcast/izmir-baku-40/feed.xml")
		feed.must(t, http.StatusOK)
		if strings.Contains(feed.Body, live.GUID) {
			t.Fatal("the deleted episode is still in the feed")
		}
		c.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d", live.ID)).must(t, http.StatusNotFound)

		// The API deletes a draft without confirmation.
		c.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/episodes/%d", draftID), "", "").must(t, http.StatusNoContent)
		c.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/episodes/%d", draftID), "", "").must(t, http.StatusNotFound)

		// The show still has a published episode: unconfirmed deletion is refused.
		c.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/shows/%d", sh.ID), "", "").must(t, http.StatusUnprocessableEntity, `"confirm"`)
		c.post(fmt.Sprintf("/tr/admin/podcast/shows/%d/delete", sh.ID), url.Values{}).must(t, http.StatusUnprocessableEntity,
			"Bu programın yayımlanmış bölümleri var.", sh.Title)
		c.api(http.MethodDelete, fmt.Sprintf("/api/v1/podcast/shows/%d?confirm=true", sh.ID), "", "").must(t, http.StatusNoContent)
		c.get("/podcast/izmir-baku-40/feed.xml").must(t, http.StatusNotFound)
		if n := countRows(t, a, "podcast_episodes") + countRows(t, a, "podcast_shows"); n != 0 {
			t.Fatalf("%d rows left after deleting the show", n)
		}
	})
}

// Unknown paths under /podcast/ answer with the site's error page in the visitor's language.
func TestPodcastUnknownPathsAreLocalized(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		podcastDemo(t, a)
		c := newClient(t, a)
		for _, tc := range []struct{ path, lang, want string }{
			{"/podcast/izmir-baku-40/yok.mp3", "az", "Səhifə tapılmadı"},
			{"/podcast/no-such-show/feed.xml", "en", "Page not found"},
			{"/podcast/izmir-baku-40/artwork.gif", "tr", "Sayfa bulunamadı"},
			{"/podcast/", "en", "Page not found"},
			{"/podcast/a/b/c", "az", "Səhifə tapılmadı"},
		} {
			r := c.get(tc.path, "Accept-Language", tc.lang)
			r.must(t, http.StatusNotFound, tc.want, `lang="`+tc.lang+`"`)
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("%s: content type %q", tc.path, r.Header.Get("Content-Type"))
			}
		}
		// The language cookie wins over Accept-Language, as on other pages.
		req := c.newRequest(http.MethodGet, "/podcast/x/y/z", nil)
		req.Header.Set("Accept-Language", "tr")
		req.AddCookie(&http.Cookie{Name: langCookie, Value: "en"})
		c.do(req).must(t, http.StatusNotFound, "Page not found")
		req = c.newRequest(http.MethodPost, "/podcast/izmir-baku-40/feed.xml", nil)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		c.do(req).must(t, http.StatusMethodNotAllowed)
	})
}
