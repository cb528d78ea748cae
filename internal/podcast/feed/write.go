package feed

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Generator is written as the channel's generator.
const Generator = "Köprü"

// flushAt is how full the buffer may grow before it is handed to the writer: the feed
// streams out in pieces of about this size instead of being held whole in memory.
const flushAt = 32 << 10

// Write validates the show and its episodes (see Validate) and writes the feed to w:
// RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, episodes newest first. Invalid
// input is reported as an Invalid before anything is written. The same input always
// gives the same bytes.
func Write(w io.Writer, show Show, episodes []Episode) error {
	if err := Validate(show, episodes); err != nil {
		return err
	}
	order := newestFirst(episodes)
	fw := &writer{w: w, buf: make([]byte, 0, flushAt+flushAt/2)}
	fw.channel(&show, episodes, order)
	for _, i := range order {
		fw.item(&show, &episodes[i])
		if len(fw.buf) >= flushAt {
			fw.flush()
		}
	}
	fw.raw("</channel>\n</rss>\n")
	fw.flush()
	return fw.err
}

// newestFirst returns the episodes' indices, newest publication first; episodes
// published at the same instant are ordered by GUID, so the order never depends on
// the order they were given in.
func newestFirst(episodes []Episode) []int {
	order := make([]int, len(episodes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := episodes[b].PublishedAt.Compare(episodes[a].PublishedAt); c != 0 {
			return c
		}
		return strings.Compare(episodes[a].GUID, episodes[b].GUID)
	})
	return order
}

// writer appends the feed to buf by hand (encoding/xml would reflect over every
// element and allocate for each) and passes buf on to w when it fills up.
type writer struct {
	w   io.Writer
	buf []byte
	err error
}

func (fw *writer) flush() {
	if fw.err == nil && len(fw.buf) > 0 {
		_, fw.err = fw.w.Write(fw.buf)
	}
	fw.buf = fw.buf[:0]
}

func (fw *writer) raw(s string) { fw.buf = append(fw.buf, s...) }

// element writes <name>text</name> on its own line, indented.
func (fw *writer) element(indent, name, text string) {
	fw.buf = append(fw.buf, indent...)
	fw.buf = append(fw.buf, '<')
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, '>')
	fw.buf = appendText(fw.buf, text, false)
	fw.buf = append(fw.buf, "</"...)
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, ">\n"...)
}

// optional writes the element only when text is not empty.
func (fw *writer) optional(indent, name, text string) {
	if text != "" {
		fw.element(indent, name, text)
	}
}

// attr writes ` name="value"`.
func (fw *writer) attr(name, value string) {
	fw.buf = append(fw.buf, ' ')
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, `="`...)
	fw.buf = appendText(fw.buf, value, true)
	fw.buf = append(fw.buf, '"')
}

// optionalAttr writes the attribute only when value is not empty.
func (fw *writer) optionalAttr(name, value string) {
	if value != "" {
		fw.attr(name, value)
	}
}

func (fw *writer) date(indent, name string, t time.Time) {
	fw.buf = append(fw.buf, indent...)
	fw.buf = append(fw.buf, '<')
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, '>')
	fw.buf = t.UTC().AppendFormat(fw.buf, time.RFC1123Z)
	fw.buf = append(fw.buf, "</"...)
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, ">\n"...)
}

func (fw *writer) number(indent, name string, n int64) {
	fw.buf = append(fw.buf, indent...)
	fw.buf = append(fw.buf, '<')
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, '>')
	fw.buf = strconv.AppendInt(fw.buf, n, 10)
	fw.buf = append(fw.buf, "</"...)
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, ">\n"...)
}

func (fw *writer) cdata(indent, name, html string) {
	fw.buf = append(fw.buf, indent...)
	fw.buf = append(fw.buf, '<')
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, '>')
	fw.buf = appendCDATA(fw.buf, html)
	fw.buf = append(fw.buf, "</"...)
	fw.buf = append(fw.buf, name...)
	fw.buf = append(fw.buf, ">\n"...)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

const header = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"` +
	` xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"` +
	` xmlns:podcast="https://podcastindex.org/namespace/1.0"` +
	` xmlns:atom="http://www.w3.org/2005/Atom"` +
	` xmlns:content="http://purl.org/rss/1.0/modules/content/"` +
	` xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
`

func (fw *writer) channel(s *Show, episodes []Episode, order []int) {
	const in = "  "
	fw.raw(header)
	fw.raw(in + "<atom:link")
	fw.attr("href", s.FeedURL)
	fw.raw(` rel="self" type="application/rss+xml"/>` + "\n")
	if s.HubURL != "" {
		fw.raw(in + "<atom:link")
		fw.attr("href", s.HubURL)
		fw.raw(` rel="hub"/>` + "\n")
	}
	fw.element(in, "title", s.Title)
	fw.element(in, "link", s.Link)
	fw.element(in, "description", s.Description)
	fw.element(in, "itunes:summary", s.Description)
	fw.element(in, "language", s.Language)
	fw.optional(in, "copyright", s.Copyright)
	fw.element(in, "generator", Generator)
	if t := lastBuild(s, episodes); !t.IsZero() {
		fw.date(in, "lastBuildDate", t)
	}
	if len(order) > 0 {
		fw.date(in, "pubDate", episodes[order[0]].PublishedAt)
	}
	fw.raw(in + "<image>\n")
	fw.element(in+in, "url", s.ImageURL)
	fw.element(in+in, "title", s.Title)
	fw.element(in+in, "link", s.Link)
	fw.raw(in + "</image>\n")
	fw.raw(in + "<itunes:image")
	fw.attr("href", s.ImageURL)
	fw.raw("/>\n")
	fw.optional(in, "itunes:author", s.Author)
	fw.raw(in + "<itunes:owner>\n")
	fw.optional(in+in, "itunes:name", s.OwnerName)
	fw.element(in+in, "itunes:email", s.OwnerEmail)
	fw.raw(in + "</itunes:owner>\n")
	for _, c := range s.Categories {
		fw.raw(in + "<itunes:category")
		fw.attr("text", c.Name)
		if c.Sub == "" {
			fw.raw("/>\n")
			continue
		}
		fw.raw(">\n" + in + in + "<itunes:category")
		fw.attr("text", c.Sub)
		fw.raw("/>\n" + in + "</itunes:category>\n")
	}
	fw.element(in, "itunes:explicit", yesNo(s.Explicit, "true", "false"))
	fw.element(in, "itunes:type", string(cmp.Or(s.Type, Episodic)))
	fw.optional(in, "itunes:new-feed-url", s.NewFeedURL)
	fw.element(in, "podcast:guid", cmp.Or(s.GUID, PodcastGUID(s.FeedURL)))
	fw.raw(in + "<podcast:locked")
	fw.attr("owner", s.OwnerEmail)
	fw.raw(">" + yesNo(s.Locked, "yes", "no") + "</podcast:locked>\n")
	for _, f := range s.Funding {
		fw.raw(in + "<podcast:funding")
		fw.attr("url", f.URL)
		fw.raw(">")
		fw.buf = appendText(fw.buf, f.Text, false)
		fw.raw("</podcast:funding>\n")
	}
	fw.persons(in, s.Persons)
	if len(s.Related) > 0 {
		fw.raw(in + "<podcast:podroll>\n")
		for _, r := range s.Related {
			fw.raw(in + in + "<podcast:remoteItem")
			fw.attr("feedGuid", r.GUID)
			fw.optionalAttr("feedUrl", r.FeedURL)
			fw.optionalAttr("title", r.Title)
			fw.raw("/>\n")
		}
		fw.raw(in + "</podcast:podroll>\n")
	}
}

// lastBuild is when the feed's content last changed, taken from the data rather than
// the clock so that the same input always gives the same bytes.
func lastBuild(s *Show, episodes []Episode) time.Time {
	t := s.UpdatedAt
	for i := range episodes {
		t = latest(t, episodes[i].UpdatedAt)
		t = latest(t, episodes[i].PublishedAt)
	}
	return t
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (fw *writer) item(s *Show, e *Episode) {
	const in = "    "
	fw.raw("  <item>\n")
	fw.element(in, "title", e.Title)
	fw.optional(in, "link", e.Link)
	fw.raw(in + `<guid isPermaLink="false">`)
	fw.buf = appendText(fw.buf, e.GUID, false)
	fw.raw("</guid>\n")
	fw.date(in, "pubDate", e.PublishedAt)
	if e.NotesHTML != "" {
		fw.cdata(in, "description", e.NotesHTML)
		fw.cdata(in, "content:encoded", e.NotesHTML)
	}
	fw.raw(in + "<enclosure")
	fw.attr("url", e.Audio.URL)
	fw.raw(` length="`)
	fw.buf = strconv.AppendInt(fw.buf, e.Audio.Length, 10)
	fw.raw(`"`)
	fw.attr("type", e.Audio.Type)
	fw.raw("/>\n")
	if e.Duration > 0 {
		fw.number(in, "itunes:duration", int64(e.Duration.Round(time.Second)/time.Second))
	}
	if e.Season > 0 {
		fw.number(in, "itunes:season", int64(e.Season))
	}
	if e.Number > 0 {
		fw.number(in, "itunes:episode", int64(e.Number))
	}
	fw.element(in, "itunes:episodeType", string(cmp.Or(e.Type, Full)))
	if e.ImageURL != "" {
		fw.raw(in + "<itunes:image")
		fw.attr("href", e.ImageURL)
		fw.raw("/>\n")
	}
	fw.element(in, "itunes:explicit", yesNo(e.Explicit, "true", "false"))
	language := cmp.Or(e.Language, s.Language)
	if language != s.Language {
		// RSS has no per-item language; Dublin Core's marks an episode of a mixed show.
		fw.element(in, "dc:language", language)
	}
	for _, t := range e.Transcripts {
		fw.raw(in + "<podcast:transcript")
		fw.attr("url", t.URL)
		fw.attr("type", t.Type)
		fw.attr("language", cmp.Or(t.Language, language))
		fw.raw("/>\n")
	}
	if e.ChaptersURL != "" {
		fw.raw(in + "<podcast:chapters")
		fw.attr("url", e.ChaptersURL)
		fw.raw(` type="` + ChaptersType + `"/>` + "\n")
	}
	fw.persons(in, e.Persons)
	fw.raw("  </item>\n")
}

func (fw *writer) persons(indent string, ps []Person) {
	for _, p := range ps {
		fw.raw(indent)
		fw.raw("<podcast:person")
		fw.attr("role", string(cmp.Or(p.Role, Host)))
		fw.optionalAttr("href", p.Href)
		fw.optionalAttr("img", p.Img)
		fw.raw(">")
		fw.buf = appendText(fw.buf, p.Name, false)
		fw.raw("</podcast:person>\n")
	}
}
