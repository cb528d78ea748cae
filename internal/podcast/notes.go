package podcast

import (
	"bytes"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Show notes are Markdown. They become HTML through goldmark (raw HTML dropped) and an
// allow-list sanitizer, so neither the page nor the feed carries a script, whatever was typed.

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

var notesPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	return p
}()

var stripAll = bluemonday.StrictPolicy()

// NotesHTML renders Markdown notes as sanitized HTML.
func NotesHTML(md string) string {
	if strings.TrimSpace(md) == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return "<p>" + html.EscapeString(md) + "</p>"
	}
	return notesPolicy.Sanitize(buf.String())
}

// notesHTML is NotesHTML for templates.
func notesHTML(md string) template.HTML { return template.HTML(NotesHTML(md)) } //nolint:gosec // sanitized above

// plainText is Markdown notes without markup, for search and descriptions.
func plainText(md string) string {
	return strings.TrimSpace(html.UnescapeString(stripAll.Sanitize(NotesHTML(md))))
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
