package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// RSS 2.0 and Atom 1.0 feeds of the newest news, one pair per language. Both are built from
// encoding/xml structs, so every title and lead is escaped by the encoder, never by hand.

const feedSize = 30

// feedItem is one article resolved for one language; RSS and Atom are two spellings of it.
type feedItem struct {
	ID, URL, Title, Summary, HTML, Author string
	Published, Updated                    time.Time
	Categories                            []string
	Cover                                 *Media
}

// RSS serves /news/feed.rss; Atom serves /news/feed.atom.
func (h *Handlers) RSS(w http.ResponseWriter, r *http.Request)  { h.feed(w, r, "rss") }
func (h *Handlers) Atom(w http.ResponseWriter, r *http.Request) { h.feed(w, r, "atom") }

func (h *Handlers) feed(w http.ResponseWriter, r *http.Request, format string) {
	ctx, l := r.Context(), lang(r)
	// No viewer: a feed is the same for everyone, even for an editor who follows it.
	entries, _, err := h.svc.List(ctx, nil, Filter{Kind: News, Status: Published, Limit: feedSize})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	var modified time.Time
	parts := []string{"feed", format, l, h.baseURL}
	for _, e := range entries {
		modified = later(modified, e.UpdatedAt)
		parts = append(parts, strconv.FormatInt(e.ID, 10), e.UpdatedAt.String())
		if e.Category != nil {
			modified = later(modified, e.Category.UpdatedAt)
			parts = append(parts, e.Category.UpdatedAt.String())
		}
		if e.Cover != nil {
			modified = later(modified, e.Cover.UpdatedAt)
			parts = append(parts, e.Cover.UpdatedAt.String())
		}
	}
	if publicNotModified(w, r, modified, parts...) {
		return
	}

	cat := h.rd.Catalog()
	ch := feedChannel{
		Title:       cat.T(l, "content.news.title") + " · " + cat.T(l, "site.name"),
		Description: cat.T(l, "content.news.lead"),
		Site:        h.baseURL + "/" + l + "/news",
		Self:        h.baseURL + "/" + l + "/news/feed." + format,
		Origin:      h.baseURL,
		Lang:        l,
		Publisher:   cat.T(l, "site.name"),
	}
	for i := range entries {
		it := h.feedItem(&entries[i], l)
		ch.Updated = later(ch.Updated, it.Updated)
		ch.Items = append(ch.Items, it)
	}
	var doc any
	contentType := "application/rss+xml; charset=utf-8"
	if format == "atom" {
		doc, contentType = ch.atom(), "application/atom+xml; charset=utf-8"
	} else {
		doc = ch.rss()
	}
	h.writeXML(w, r, contentType, doc)
}

// writeXML encodes doc completely before sending anything, so a failure is a clean 500 and
// never half a document.
func (h *Handlers) writeXML(w http.ResponseWriter, r *http.Request, contentType string, doc any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

func (h *Handlers) feedItem(e *Entry, l string) feedItem {
	it := feedItem{
		ID:    h.tagURI(e, l),
		URL:   h.baseURL + "/" + l + e.Path(),
		Title: e.Title.In(l),
		// The lead is plain text already; articles without one get the body's first words,
		// as on the article page.
		Summary: e.Lead.In(l),
		HTML:    absoluteURLs(e.BodyHTML.Get(e.Body.Lang(l)), h.baseURL),
		Author:  e.Author.Name,
		Cover:   e.Cover,
	}
	if it.Summary == "" {
		it.Summary = excerpt(e.BodyText.In(l), 200)
	}
	if e.PublishedAt != nil {
		it.Published = *e.PublishedAt
	}
	// Updated is the text's last change, not UpdatedAt: readers flag an item as changed when
	// it moves, and an unpublish/republish round is no news.
	it.Updated = it.Published
	if e.RevisedAt != nil {
		it.Updated = later(it.Updated, *e.RevisedAt)
	}
	if e.Category != nil {
		it.Categories = append(it.Categories, e.Category.Name.In(l))
	}
	for _, t := range e.Tags {
		it.Categories = append(it.Categories, t.Label)
	}
	return it
}

// tagURI is an item's permanent ID (RFC 4151). It names the entry's number, not its slug,
// so renaming an article does not make readers show it again; the language is part of it
// because the Turkish and the Azerbaijani item are different texts.
func (h *Handlers) tagURI(e *Entry, l string) string {
	host := "localhost"
	if u, err := url.Parse(h.baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + e.CreatedAt.UTC().Format(time.DateOnly) + ":" + string(e.Kind) + "/" + strconv.FormatInt(e.ID, 10) + "/" + l
}

// publicNotModified sets the validators of a document that is the same for every visitor
// (feeds, the sitemap) and answers 304 when the client's copy is current. Unlike pages it
// may be kept by shared caches for a few minutes: feed readers poll.
func publicNotModified(w http.ResponseWriter, r *http.Request, modified time.Time, parts ...string) bool {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	h := w.Header()
	h.Set("ETag", `W/"`+hex.EncodeToString(sum[:12])+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if web.Fresh(r, h) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// absoluteURLs makes the site's own links and images in a body absolute: a feed reader
// shows the HTML on another site, where "/media/…" would point nowhere. The body was
// sanitized when saved; tokens are re-serialized by x/net/html, which escapes attributes.
func absoluteURLs(body, base string) string {
	if !strings.Contains(body, `"/`) {
		return body
	}
	abs := func(u string) string {
		if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
			return base + u
		}
		return u
	}
	var out strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String() // io.EOF: the body is a string, nothing else can fail
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		tok := z.Token()
		for i, a := range tok.Attr {
			switch a.Key {
			case "href", "src":
				tok.Attr[i].Val = abs(a.Val)
			case "srcset":
				cands := strings.Split(a.Val, ",")
				for j, c := range cands {
					c = strings.TrimSpace(c)
					u, size, _ := strings.Cut(c, " ")
					cands[j] = strings.TrimSpace(abs(u) + " " + size)
				}
				tok.Attr[i].Val = strings.Join(cands, ", ")
			}
		}
		out.WriteString(tok.String())
	}
}

// feedChannel is the feed before it is spelled as RSS or Atom.
type feedChannel struct {
	Title, Description, Site, Self, Origin, Lang, Publisher string
	Updated                                                 time.Time
	Items                                                   []feedItem
}

// --- RSS 2.0 (with the content, Dublin Core and Atom namespaces feed readers expect)

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Generator     string    `xml:"generator"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

// Readers take an RSS description as HTML, so the plain-text lead is escaped for HTML
// first (a lead that mentions "<b>" shows it) and then, by the encoder, for XML.
type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Description string        `xml:"description"`
	Content     *cdata        `xml:"content:encoded"`
	Creator     string        `xml:"dc:creator,omitempty"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// cdata keeps the body's HTML readable in the feed; encoding/xml splits any "]]>" in it.
type cdata struct {
	Text string `xml:",cdata"`
}

func rssDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC1123Z)
}

func (ch *feedChannel) rss() *rssDoc {
	c := rssChannel{Title: ch.Title, Link: ch.Site, Description: ch.Description, Language: ch.Lang,
		LastBuildDate: rssDate(ch.Updated), Generator: ch.Publisher,
		Self: atomLink{Href: ch.Self, Rel: "self", Type: "application/rss+xml"}}
	for _, it := range ch.Items {
		item := rssItem{Title: it.Title, Link: it.URL, GUID: rssGUID{Value: it.ID}, PubDate: rssDate(it.Published),
			Description: html.EscapeString(it.Summary), Creator: it.Author, Categories: it.Categories}
		if it.HTML != "" {
			item.Content = &cdata{it.HTML}
		}
		if m := it.Cover; m != nil {
			item.Enclosure = &rssEnclosure{URL: ch.Origin + m.URL(), Length: m.Size, Type: m.ContentType}
		}
		c.Items = append(c.Items, item)
	}
	return &rssDoc{Version: "2.0", NSAtom: atomNS, NSContent: "http://purl.org/rss/1.0/modules/content/",
		NSDC: "http://purl.org/dc/elements/1.1/", Channel: c}
}

// --- Atom 1.0 (RFC 4287)

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  atomText    `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length int64  `xml:"length,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func atomDate(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (ch *feedChannel) atom() *atomFeed {
	updated := ch.Updated
	if updated.IsZero() {
		updated = time.Now() // an empty feed still needs a date (RFC 4287 §4.1.1)
	}
	f := &atomFeed{Lang: ch.Lang, ID: ch.Self, Title: atomText{"text", ch.Title}, Subtitle: atomText{"text", ch.Description},
		Updated: atomDate(updated), Author: atomPerson{ch.Publisher}, Generator: ch.Publisher,
		Links: []atomLink{{Href: ch.Self, Rel: "self", Type: "application/atom+xml"}, {Href: ch.Site, Rel: "alternate", Type: "text/html"}}}
	for _, it := range ch.Items {
		e := atomEntry{ID: it.ID, Title: atomText{"text", it.Title}, Published: atomDate(it.Published), Updated: atomDate(it.Updated),
			Links:   []atomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}},
			Summary: atomText{"text", it.Summary}}
		if it.Author != "" {
			e.Author = &atomPerson{it.Author} // otherwise the feed's author stands for it
		}
		if it.HTML != "" {
			e.Content = &atomText{"html", it.HTML}
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{c})
		}
		if m := it.Cover; m != nil {
			e.Links = append(e.Links, atomLink{Href: ch.Origin + m.URL(), Rel: "enclosure", Type: m.ContentType, Length: m.Size})
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}
