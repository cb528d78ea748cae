package app

import (
	"context"
	"encoding/xml"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

const base = "http://127.0.0.1:8080" // config.Default's base URL

// A title an attacker might try, and letters a careless encoder would mangle.
var (
	hostileTitle = content.Text{TR: `Bakü & İzmir <script>alert("ı")</script> ılık`, AZ: `Bakı & İzmir <script>alert("ə")</script> şəhər`}
	hostileLead  = content.Text{TR: "Işık, İzmir & Bakü: <b>kalın</b> değil", AZ: "Əməkdaşlıq & şəhərlər"}
)

// feedSite is the demo content plus one article with a hostile title and three that readers
// must not see: a draft, a scheduled and an unpublished one.
func feedSite(t *testing.T, d *db.DB) *App {
	t.Helper()
	a := seededContent(t, d)
	ctx := context.Background()
	ed := identityViewer(t, a, "ed@example.org", identity.RoleCoordinator)
	in := func(slug string, title content.Text) content.Input {
		return content.Input{Slug: slug, Title: title, Lead: hostileLead, Body: content.Text{TR: "Metin ![x](/img.png) [bağlantı](/tr/news).", AZ: "Mətn."}, Tags: content.ParseTags("Gençlik, Ağ")}
	}
	create := func(slug string, title content.Text, c content.Change) *content.Entry {
		e, err := a.Content.Create(ctx, ed, content.News, in(slug, title), c)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	create("zararli-baslik", hostileTitle, content.Change{Action: content.ActionPublish})
	create("taslak", content.Text{TR: "Gizli taslak"}, content.Change{})
	create("zamanli", content.Text{TR: "Gizli zamanlı"}, content.Change{Action: content.ActionSchedule, At: time.Now().Add(time.Hour)})
	gone := create("kaldirilan", content.Text{TR: "Gizli kaldırılan"}, content.Change{Action: content.ActionPublish})
	if _, err := a.Content.Unpublish(ctx, ed, content.News, gone.ID); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNewsFeeds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newClient(t, feedSite(t, d))
		for _, tc := range []struct{ lang, format, contentType string }{
			{"tr", "rss", "application/rss+xml; charset=utf-8"},
			{"az", "rss", "application/rss+xml; charset=utf-8"},
			{"tr", "atom", "application/atom+xml; charset=utf-8"},
			{"az", "atom", "application/atom+xml; charset=utf-8"},
		} {
			t.Run(tc.lang+"."+tc.format, func(t *testing.T) {
				self := base + "/" + tc.lang + "/news/feed." + tc.format
				r := c.get("/" + tc.lang + "/news/feed." + tc.format)
				r.must(t, http.StatusOK)
				if got := r.Header.Get("Content-Type"); got != tc.contentType {
					t.Fatalf("Content-Type %q", got)
				}
				if r.Header.Get("Set-Cookie") != "" {
					t.Fatalf("a feed sets a cookie (it went through the page mux?): %q", r.Header.Get("Set-Cookie"))
				}
				if strings.Contains(r.Body, "<script") {
					t.Fatal("a script tag reached the feed unescaped")
				}
				for _, hidden := range []string{"Gizli", "taslak", "zamanli", "kaldirilan"} {
					if strings.Contains(r.Body, hidden) {
						t.Fatalf("an entry readers may not see is in the feed (%s)", hidden)
					}
				}
				f, err := gofeed.NewParser().ParseString(r.Body)
				if err != nil {
					t.Fatalf("gofeed: %v\n%s", err, r.Body)
				}
				if f.FeedType != tc.format || f.Title == "" || f.Language != tc.lang || f.FeedLink != self || f.Link != base+"/"+tc.lang+"/news" {
					t.Fatalf("feed: type %q title %q language %q self %q link %q", f.FeedType, f.Title, f.Language, f.FeedLink, f.Link)
				}
				if len(f.Items) != 2 {
					t.Fatalf("%d items, want the two published articles", len(f.Items))
				}
				for _, it := range f.Items {
					if it.Title == "" || !strings.HasPrefix(it.Link, base+"/"+tc.lang+"/news/") || !strings.HasPrefix(it.GUID, "tag:127.0.0.1,") ||
						it.PublishedParsed == nil || it.UpdatedParsed == nil && tc.format == "atom" || it.Description == "" || it.Content == "" {
						t.Fatalf("incomplete item: %+v", it)
					}
				}
				// Newest first: the hostile article, then the demo meeting of 12 January 2026.
				hostile, meeting := f.Items[0], f.Items[1]
				if want := hostileTitle.Get(tc.lang); hostile.Title != want {
					t.Fatalf("title %q, want %q", hostile.Title, want)
				}
				// RSS descriptions are HTML, Atom's summary type="text" is not.
				if html.UnescapeString(hostile.Description) != hostileLead.Get(tc.lang) || tc.format == "rss" && strings.Contains(hostile.Description, "<b>") {
					t.Fatalf("lead %q, want %q", hostile.Description, hostileLead.Get(tc.lang))
				}
				if !slices.Contains(hostile.Categories, "Gençlik") || !slices.Contains(hostile.Categories, "Ağ") {
					t.Fatalf("categories %q", hostile.Categories)
				}
				// The body's site links work from a feed reader: they are absolute.
				if !strings.Contains(hostile.Content, `href="`+base+`/tr/news"`) && tc.lang == "tr" {
					t.Fatalf("relative link left in content: %s", hostile.Content)
				}
				wantTitle := map[string]string{"tr": "İZAZDER ile İzmir Büyükşehir Belediyesi", "az": "İZAZDER və İzmir Böyükşəhər Bələdiyyəsi qardaşlığı"}[tc.lang]
				if !strings.HasPrefix(meeting.Title, wantTitle) || meeting.Link != base+"/"+tc.lang+meetingPath {
					t.Fatalf("meeting item: %q %q", meeting.Title, meeting.Link)
				}
				if got := meeting.PublishedParsed.UTC().Format(time.RFC3339); got != "2026-01-12T13:03:00Z" {
					t.Fatalf("published %s", got)
				}
				if len(meeting.Enclosures) != 1 || !strings.HasPrefix(meeting.Enclosures[0].URL, base+"/media/") || meeting.Enclosures[0].Type != "image/png" {
					t.Fatalf("cover enclosure: %+v", meeting.Enclosures)
				}
				// gofeed reads RSS authors as "email (Name)", so a name in brackets comes
				// through only in the raw Dublin Core field.
				author := meeting.Authors[0].Name
				if meeting.DublinCoreExt != nil && len(meeting.DublinCoreExt.Creator) > 0 {
					author = meeting.DublinCoreExt.Creator[0]
				}
				if author != "İzmir Azerbaycan Derneği (İZAZDER)" {
					t.Fatalf("author %q", author)
				}
				if !strings.Contains(meeting.Content, `href="`+base+`/`+tc.lang+`/pages/40-yil-programi"`) || !strings.Contains(meeting.Content, "<h2") {
					t.Fatalf("content: %.500s", meeting.Content)
				}
			})
		}
		// Every page of the site tells browsers and readers where the feed of its language is.
		c.get("/az/news").must(t, http.StatusOK,
			`<link rel="alternate" type="application/rss+xml" title="Köprü xəbərləri (RSS)" href="/az/news/feed.rss">`,
			`<link rel="alternate" type="application/atom+xml" title="Köprü xəbərləri (Atom)" href="/az/news/feed.atom">`,
			`<a href="/az/news/feed.rss" type="application/rss+xml">RSS</a>`)
		c.get("/fr/news/feed.rss").must(t, http.StatusNotFound)
	})
}

func TestFeedRevalidation(t *testing.T) {
	a := feedSite(t, dbtest.SQLite(t))
	c := newClient(t, a)
	for _, path := range []string{"/tr/news/feed.rss", "/en/news/feed.atom", "/sitemap.xml"} {
		first := c.get(path)
		first.must(t, http.StatusOK)
		etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if etag == "" || modified == "" {
			t.Fatalf("%s: validators %q %q", path, etag, modified)
		}
		// Twice: once answered by the handler, once by the page cache in front of it.
		for range 2 {
			if r := c.get(path, "If-None-Match", etag); r.Status != http.StatusNotModified || r.Body != "" {
				t.Fatalf("%s If-None-Match: %d %q", path, r.Status, r.Body)
			}
		}
		if r := c.get(path, "If-Modified-Since", modified); r.Status != http.StatusNotModified {
			t.Fatalf("%s If-Modified-Since: %d", path, r.Status)
		}
		if r := c.get(path, "If-None-Match", `W/"other"`); r.Status != http.StatusOK {
			t.Fatalf("%s stale tag: %d", path, r.Status)
		}
	}
	// A newly published article changes the validator and shows at once.
	first := c.get("/tr/news/feed.rss")
	ed := identityViewer(t, a, "ed2@example.org", identity.RoleCoordinator)
	_, err := a.Content.Create(context.Background(), ed, content.News, content.Input{Title: content.Text{TR: "Yeni haber"}, Body: content.Text{TR: "Metin."}}, content.Change{Action: content.ActionPublish})
	if err != nil {
		t.Fatal(err)
	}
	c.get("/tr/news/feed.rss", "If-None-Match", first.Header.Get("ETag")).must(t, http.StatusOK, "<title>Yeni haber</title>")
}

type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestSitemapAndRobots(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newClient(t, feedSite(t, d))
		r := c.get("/sitemap.xml")
		r.must(t, http.StatusOK, `xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`, `xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
		if ct := r.Header.Get("Content-Type"); ct != "application/xml; charset=utf-8" {
			t.Fatalf("Content-Type %q", ct)
		}
		var doc sitemapDoc
		if err := xml.Unmarshal([]byte(r.Body), &doc); err != nil {
			t.Fatal(err)
		}
		locs := map[string]int{}
		for i, u := range doc.URLs {
			locs[u.Loc] = i
		}
		for _, path := range []string{"/", "/timeline", "/privacy/account", "/news", meetingPath, "/news/zararli-baslik", "/pages/40-yil-programi"} {
			for _, l := range []string{"tr", "az", "en"} {
				if _, ok := locs[base+"/"+l+path]; !ok {
					t.Fatalf("sitemap lacks %s", base+"/"+l+path)
				}
			}
		}
		for _, hidden := range []string{"taslak", "zamanli", "kaldirilan"} {
			if strings.Contains(r.Body, hidden) {
				t.Fatalf("sitemap lists an entry readers may not see (%s)", hidden)
			}
		}
		// The Azerbaijani article names all its versions, and Turkish as the default.
		u := doc.URLs[locs[base+"/az"+meetingPath]]
		if u.LastMod != "2026-01-12T13:03:00Z" {
			t.Fatalf("lastmod %q", u.LastMod)
		}
		got := map[string]string{}
		for _, l := range u.Links {
			if l.Rel == "alternate" {
				got[l.Hreflang] = l.Href
			}
		}
		want := map[string]string{"tr": base + "/tr" + meetingPath, "az": base + "/az" + meetingPath, "en": base + "/en" + meetingPath, "x-default": base + "/tr" + meetingPath}
		if len(got) != len(want) {
			t.Fatalf("alternates %v", got)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("hreflang %s = %q, want %q", k, got[k], v)
			}
		}

		robots := c.get("/robots.txt")
		robots.must(t, http.StatusOK, "User-agent: *", "Sitemap: "+base+"/sitemap.xml", "\nDisallow: /tr/admin\n", "Disallow: /api/", "Disallow: /az/me$", "Disallow: /en/login", "Disallow: /tr/password")
		if robots.Header.Get("Set-Cookie") != "" || !strings.HasPrefix(robots.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("robots headers: %v", robots.Header)
		}
		if strings.Contains(robots.Body, "Disallow: /tr/news") || strings.Contains(robots.Body, "Disallow: /*") {
			t.Fatal("robots.txt hides public pages")
		}
	})
}
