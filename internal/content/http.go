package content

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the content pages, the editor and the API.
type Handlers struct {
	svc     *Service
	rd      *web.Renderer
	baseURL string
	flash   func(r *http.Request, msg string)

	companions Companions // other modules' pages an article belongs with (entry_companions.go)
}

// NewHandlers wires the content handlers. baseURL makes Open Graph links absolute; flash
// keeps a one-time message for the next page (the session belongs to identity).
func NewHandlers(svc *Service, rd *web.Renderer, baseURL string, flash func(r *http.Request, msg string)) *Handlers {
	return &Handlers{svc: svc, rd: rd, baseURL: strings.TrimSuffix(baseURL, "/"), flash: flash}
}

func lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func pathID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// localText is a translatable field resolved for one reader. Lang is set only when the
// text is in another language than the page, so the template marks it with lang="…".
type localText struct {
	Text string
	Lang string
}

func local(t Text, lang string) localText {
	lt := localText{Text: t.In(lang)}
	if used := t.Lang(lang); used != "" && used != lang {
		lt.Lang = used
	}
	return lt
}

// --- cache validators

// notModified sets ETag and Last-Modified and answers 304 when the client's copy is current,
// before anything is rendered. Only anonymous pages are validated: a signed-in person's
// pages carry their name and must not be cached (the renderer marks them no-store).
func notModified(w http.ResponseWriter, r *http.Request, modified time.Time, parts ...string) bool {
	if web.ViewerOf(r.Context()) != nil {
		return false
	}
	sum := sha256.Sum256([]byte(strings.Join(append(parts, lang(r), r.URL.RawQuery), "\x00")))
	h := w.Header()
	h.Set("ETag", `W/"`+hex.EncodeToString(sum[:12])+`"`)
	h.Set("Cache-Control", "private, no-cache")
	if !slices.Contains(h.Values("Vary"), "Cookie") {
		h.Add("Vary", "Cookie")
	}
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if web.Fresh(r, h) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// --- news list

type newsListData struct {
	Items      []cardView
	Categories []categoryLink
	Category   *categoryLink
	Tag        *Tag
	Pager      web.Pager
	PagerBase  string
}

type categoryLink struct {
	Slug    string
	Name    localText
	Href    string
	Current bool
}

type cardView struct {
	Href      string
	Title     localText
	Lead      localText
	Date      string
	DateISO   string
	Category  *localText
	Thumb     string
	ThumbSet  string
	ThumbAlt  string
	ThumbSize [2]int
}

const newsPerPage = 12

// NewsList serves /news: published articles, newest first, filtered by ?category= and ?tag=.
func (h *Handlers) NewsList(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	q := r.URL.Query()
	f := Filter{Kind: News, Status: Published, Category: q.Get("category"), Tag: q.Get("tag"), Limit: newsPerPage}
	pager := web.NewPager(r, newsPerPage)
	f.Offset = pager.Offset()
	items, total, err := h.svc.List(ctx, web.ViewerOf(ctx), f)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cats, err := h.svc.Categories(ctx)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	// The validators cover what the page shows: its entries, the total and the categories.
	var modified time.Time
	parts := []string{"news-list", strconv.Itoa(total)}
	for _, e := range items {
		modified = later(modified, e.UpdatedAt)
		parts = append(parts, strconv.FormatInt(e.ID, 10), e.UpdatedAt.String())
		if e.Cover != nil {
			parts = append(parts, e.Cover.UpdatedAt.String())
		}
	}
	for _, c := range cats {
		modified = later(modified, c.UpdatedAt)
		parts = append(parts, c.Slug, c.UpdatedAt.String())
	}
	if notModified(w, r, modified, parts...) {
		return
	}
	pager.Total = total
	d := &newsListData{Pager: pager}
	for _, c := range cats {
		link := categoryLink{Slug: c.Slug, Name: local(c.Name, l), Href: "/" + l + "/news?category=" + c.Slug, Current: c.Slug == f.Category}
		if link.Current {
			d.Category = &link
		}
		d.Categories = append(d.Categories, link)
	}
	for i := range items {
		d.Items = append(d.Items, h.card(&items[i], l))
		for _, t := range items[i].Tags {
			if t.Slug == f.Tag && d.Tag == nil {
				d.Tag = &t
			}
		}
	}
	if f.Tag != "" && d.Tag == nil {
		d.Tag = &Tag{Slug: f.Tag, Label: f.Tag}
	}
	base := "/" + l + "/news?"
	if f.Category != "" {
		base += "category=" + urlQuery(f.Category) + "&"
	}
	if f.Tag != "" {
		base += "tag=" + urlQuery(f.Tag) + "&"
	}
	d.PagerBase = base
	title := h.rd.T(r, "content.news.title")
	if d.Category != nil {
		title = d.Category.Name.Text + " · " + title
	}
	h.rd.Render(w, r, http.StatusOK, "content/news", &web.Page{Title: title, Description: h.rd.T(r, "content.news.lead"), Data: d})
}

func (h *Handlers) card(e *Entry, l string) cardView {
	c := cardView{Href: "/" + l + e.Path(), Title: local(e.Title, l), Lead: local(e.Lead, l)}
	if e.PublishedAt != nil {
		c.Date = i18n.FormatDateTime(l, *e.PublishedAt, web.HomeZone)
		c.DateISO = e.PublishedAt.Format(time.RFC3339)
	}
	if e.Category != nil {
		name := local(e.Category.Name, l)
		c.Category = &name
	}
	if m := e.Cover; m != nil {
		c.Thumb, c.ThumbSet, c.ThumbAlt = m.VariantURL("thumb"), srcset(m), m.Alt.In(l)
		c.ThumbSize = [2]int{m.Width, m.Height}
		for _, v := range m.Variants {
			if v.Name == "thumb" {
				c.ThumbSize = [2]int{v.Width, v.Height}
			}
		}
	}
	return c
}

// --- one entry

type figureView struct {
	Src, Srcset, Sizes string
	Width, Height      int
	Alt                string
	AltLang            string
	Caption            localText
}

func cover(m *Media, l string) *figureView {
	if m == nil {
		return nil
	}
	f := &figureView{Src: m.VariantURL("large"), Srcset: srcset(m), Sizes: "(min-width: 72rem) 72rem, 100vw",
		Width: m.Width, Height: m.Height, Alt: m.Alt.In(l), Caption: local(m.Caption, l)}
	if used := m.Alt.Lang(l); used != l {
		f.AltLang = used
	}
	for _, v := range m.Variants {
		if v.Name == "large" {
			f.Width, f.Height = v.Width, v.Height
		}
	}
	return f
}

// column is one language of an entry, for the single view and the side-by-side view.
type column struct {
	Lang    string // the language shown
	Name    string // that language's name, for the column head
	Title   localText
	Lead    localText
	Body    template.HTML
	Missing bool // nothing in this language: the column says so instead of repeating another
}

type entryData struct {
	Kind       Kind
	Entry      *Entry
	Main       column
	Columns    []column // side by side: Turkish | Azerbaijani
	SideBySide bool
	ShownIn    string // "this text is shown in Turkish", when it falls back
	Published  string
	PubISO     string
	Revised    string
	RevISO     string
	Category   *categoryLink
	Cover      *figureView
	Author     *authorView
	Tags       []Tag
	CanEdit    bool
	EditHref   string
	SingleHref string
	PairHref   string
	OG         openGraph
	JSONLD     template.JS
	Companions []companionView // e.g. the projects a news article belongs to
}

type authorView struct {
	Kind string
	Name string
	Bio  localText
}

type openGraph struct {
	URL, Image, ImageAlt, Locale, Description, Type string
	Alternates                                      []string
	Published, Modified                             string
}

var ogLocales = map[string]string{"tr": "tr_TR", "az": "az_AZ", "en": "en_GB"}

// sideBySide is the pair the one-click view shows: the partnership's two languages.
var sideBySide = [2]string{"tr", "az"}

// Article serves /news/{slug}; Page serves /pages/{slug}. ?view=tr-az shows Turkish and
// Azerbaijani side by side.
func (h *Handlers) Article(w http.ResponseWriter, r *http.Request) { h.entry(w, r, News) }
func (h *Handlers) Page(w http.ResponseWriter, r *http.Request)    { h.entry(w, r, Page) }

func (h *Handlers) entry(w http.ResponseWriter, r *http.Request, kind Kind) {
	ctx, l := r.Context(), lang(r)
	e, err := h.svc.Public(ctx, kind, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	modified := e.UpdatedAt
	parts := []string{string(kind), strconv.FormatInt(e.ID, 10), e.UpdatedAt.String(), e.BodyHTML.TR, e.BodyHTML.AZ, e.BodyHTML.EN}
	if e.Category != nil {
		parts = append(parts, e.Category.UpdatedAt.String())
		modified = later(modified, e.Category.UpdatedAt)
	}
	if e.Cover != nil {
		parts = append(parts, e.Cover.UpdatedAt.String())
		modified = later(modified, e.Cover.UpdatedAt)
	}
	comps, compParts, err := h.companionsOf(ctx, e, l)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if notModified(w, r, modified, append(parts, compParts...)...) {
		return
	}
	d := h.entryView(e, l, r.URL.Query().Get("view") == sideBySide[0]+"-"+sideBySide[1], web.ViewerOf(ctx))
	d.Companions = comps
	page := &web.Page{Title: d.Main.Title.Text, Description: d.OG.Description, Data: d}
	h.rd.Render(w, r, http.StatusOK, "content/entry", page)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (h *Handlers) col(e *Entry, l string, exact bool) column {
	c := column{Lang: l, Name: h.rd.Catalog().T(l, "lang.name")}
	if exact {
		// Side by side, each column shows its own language or says it has none.
		c.Title, c.Lead = localText{Text: e.Title.Get(l)}, localText{Text: e.Lead.Get(l)}
		c.Body = template.HTML(e.BodyHTML.Get(l)) // sanitized when saved
		c.Missing = c.Title.Text == "" && e.Body.Get(l) == ""
		return c
	}
	c.Title, c.Lead = local(e.Title, l), local(e.Lead, l)
	bodyLang := e.Body.Lang(l)
	c.Body = template.HTML(e.BodyHTML.Get(bodyLang))
	if bodyLang != "" && bodyLang != l {
		c.Lang = bodyLang
	}
	return c
}

func (h *Handlers) entryView(e *Entry, l string, pair bool, v *web.Viewer) *entryData {
	cat := h.rd.Catalog()
	d := &entryData{Kind: e.Kind, Entry: e, Main: h.col(e, l, false), SideBySide: pair, Cover: cover(e.Cover, l), Tags: e.Tags,
		CanEdit: CanEdit(v), EditHref: fmt.Sprintf("/%s/admin/%s/%d", l, adminPath(e.Kind), e.ID),
		SingleHref: "/" + l + e.Path(), PairHref: "/" + l + e.Path() + "?view=" + sideBySide[0] + "-" + sideBySide[1]}
	// The note names the language the text is actually in, when it is not the reader's.
	if shown := e.Body.Lang(l); shown != "" && shown != l {
		d.ShownIn = cat.T(l, "content.shown_in."+shown)
	} else if shown := e.Title.Lang(l); shown != "" && shown != l {
		d.ShownIn = cat.T(l, "content.shown_in."+shown)
	}
	if pair {
		d.Columns = []column{h.col(e, sideBySide[0], true), h.col(e, sideBySide[1], true)}
	}
	if e.PublishedAt != nil {
		d.Published, d.PubISO = i18n.FormatDateTime(l, *e.PublishedAt, web.HomeZone), e.PublishedAt.Format(time.RFC3339)
	}
	if e.RevisedAt != nil {
		d.Revised, d.RevISO = i18n.FormatDateTime(l, *e.RevisedAt, web.HomeZone), e.RevisedAt.Format(time.RFC3339)
	}
	if c := e.Category; c != nil {
		d.Category = &categoryLink{Slug: c.Slug, Name: local(c.Name, l), Href: "/" + l + "/news?category=" + c.Slug}
	}
	if e.Kind == News && e.Author.Name != "" {
		d.Author = &authorView{Kind: e.Author.Kind, Name: e.Author.Name, Bio: local(e.Author.Bio, l)}
	}
	d.OG = h.openGraph(e, l)
	if e.Kind == News {
		d.JSONLD = h.jsonLD(e, l, d.OG)
	}
	return d
}

func (h *Handlers) openGraph(e *Entry, l string) openGraph {
	og := openGraph{URL: h.baseURL + "/" + l + e.Path(), Locale: ogLocales[l], Type: "website"}
	og.Description = e.Lead.In(l)
	if og.Description == "" {
		og.Description = excerpt(e.BodyText.In(l), 200)
	}
	for _, other := range Langs {
		if other != l && e.Title.Get(other) != "" {
			og.Alternates = append(og.Alternates, ogLocales[other])
		}
	}
	if e.Cover != nil {
		og.Image, og.ImageAlt = h.baseURL+e.Cover.VariantURL("large"), e.Cover.Alt.In(l)
	}
	if e.Kind == News {
		og.Type = "article"
		if e.PublishedAt != nil {
			og.Published = e.PublishedAt.Format(time.RFC3339)
		}
		if e.RevisedAt != nil {
			og.Modified = e.RevisedAt.Format(time.RFC3339)
		} else {
			og.Modified = og.Published
		}
	}
	return og
}

// excerpt cuts s at a word boundary near n characters.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// jsonLD describes a news article for search engines (schema.org NewsArticle). encoding/json
// escapes <, > and & inside strings, so a title such as "</script>" cannot end the block.
func (h *Handlers) jsonLD(e *Entry, l string, og openGraph) template.JS {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	doc := struct {
		Context       string   `json:"@context"`
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		Description   string   `json:"description,omitempty"`
		Language      string   `json:"inLanguage"`
		URL           string   `json:"url"`
		MainEntity    string   `json:"mainEntityOfPage"`
		Image         []string `json:"image,omitempty"`
		DatePublished string   `json:"datePublished,omitempty"`
		DateModified  string   `json:"dateModified,omitempty"`
		Section       string   `json:"articleSection,omitempty"`
		Keywords      []string `json:"keywords,omitempty"`
		Author        *thing   `json:"author,omitempty"`
		Publisher     thing    `json:"publisher"`
	}{
		Context: "https://schema.org", Type: "NewsArticle", Headline: e.Title.In(l), Description: og.Description,
		Language: e.Title.Lang(l), URL: og.URL, MainEntity: og.URL, DatePublished: og.Published, DateModified: og.Modified,
		Publisher: thing{Type: "Organization", Name: h.rd.Catalog().T(l, "site.name"), URL: h.baseURL + "/" + l + "/"},
	}
	if og.Image != "" {
		doc.Image = []string{og.Image}
	}
	if e.Category != nil {
		doc.Section = e.Category.Name.In(l)
	}
	for _, t := range e.Tags {
		doc.Keywords = append(doc.Keywords, t.Label)
	}
	if e.Author.Name != "" {
		kind := "Organization"
		if e.Author.Kind == AuthorPerson {
			kind = "Person"
		}
		doc.Author = &thing{Type: kind, Name: e.Author.Name}
	}
	b, err := json.Marshal(doc) // HTML-safe by default: <, >, & become \u003c, \u003e, \u0026
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// adminPath is the editor's path segment for a kind.
func adminPath(k Kind) string {
	if k == Page {
		return "pages"
	}
	return "news"
}

func urlQuery(s string) string { return template.URLQueryEscaper(s) }
