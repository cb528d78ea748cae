package content

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// sitemapMax keeps the sitemap within the protocol's 50,000 addresses: each path is listed
// once per language. Past that the newest entries win; a sitemap index would be the next step.
const sitemapMax = 50_000/3 - 10

// Sitemap lists every published entry for search engines, newest first.
func (s *Service) Sitemap(ctx context.Context) ([]listed, error) {
	return publishedEntries(ctx, s.db, sitemapMax)
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	NSXHTML string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string      `xml:"loc"`
	LastMod string      `xml:"lastmod,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap serves /sitemap.xml: the pages other modules name in static ("/", "/timeline"),
// the news list, and every published article and page, each in every language with its
// hreflang alternates (Google asks for one <url> per language, each listing all of them).
func (h *Handlers) Sitemap(static ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		entries, err := h.svc.Sitemap(r.Context())
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		var newestNews, modified time.Time
		parts := append([]string{"sitemap", h.baseURL}, static...)
		for _, e := range entries {
			if e.Kind == News {
				newestNews = later(newestNews, e.Modified)
			}
			modified = later(modified, e.Modified)
			parts = append(parts, e.Path(), e.Modified.String())
		}
		if publicNotModified(w, r, modified, parts...) {
			return
		}
		doc := &urlset{NSXHTML: "http://www.w3.org/1999/xhtml"}
		add := func(path string, mod time.Time) {
			links := make([]xhtmlLink, 0, len(i18n.Supported)+1)
			for _, l := range i18n.Supported {
				links = append(links, xhtmlLink{Rel: "alternate", Hreflang: l, Href: h.baseURL + "/" + l + path})
			}
			// Turkish is the default for visitors whose language is none of ours.
			links = append(links, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: h.baseURL + "/" + i18n.Supported[0] + path})
			for _, link := range links[:len(i18n.Supported)] {
				u := sitemapURL{Loc: link.Href, Links: links}
				if !mod.IsZero() {
					u.LastMod = mod.UTC().Format(time.RFC3339)
				}
				doc.URLs = append(doc.URLs, u)
			}
		}
		for _, p := range static {
			add(p, time.Time{}) // other modules' pages: their change times are not ours to know
		}
		add("/news", newestNews)
		for _, e := range entries {
			add(e.Path(), e.Modified)
		}
		h.writeXML(w, r, "application/xml; charset=utf-8", doc)
	}
}

// Robots serves /robots.txt: everything public may be crawled; accounts, administration
// and the API may not. Paths are written out per language instead of as "/*/me", because
// robots wildcards cross slashes: "/*/me" would also hide /tr/news/meclis-….
func (h *Handlers) Robots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	// No "Allow: /": crawlers that take the first matching rule would stop reading there.
	b.WriteString("User-agent: *\nDisallow: /api/\n")
	for _, l := range i18n.Supported {
		// Search results are endless combinations of the same pages; the pages themselves
		// are in the sitemap.
		for _, p := range []string{"/admin", "/me$", "/me/", "/login", "/logout", "/register", "/password", "/confirm", "/search"} {
			b.WriteString("Disallow: /" + l + p + "\n")
		}
	}
	b.WriteString("\nSitemap: " + h.baseURL + "/sitemap.xml\n")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte(b.String()))
}
