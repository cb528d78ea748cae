package content

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The editor: lists of news and pages in every state, one form with the three languages
// side by side, and the revision history.

// parse reads a form, answering 413/400 itself when the body is unusable.
func (h *Handlers) parse(w http.ResponseWriter, r *http.Request) (*web.Form, bool) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return nil, false
	}
	return f, true
}

// formErrors copies the service's field errors onto f and reports whether err was one.
func formErrors(f *web.Form, err error) bool { return f.FailFields(err) }

type option struct {
	Value string
	Label string
	Lang  string
}

type langColumn struct{ Code, Name string }

// adminNav is the row of tabs above every content admin page.
type adminNav struct{ Nav []navLink }

type navLink struct {
	Href, Label string
	Current     bool
}

func (h *Handlers) nav(r *http.Request, current string) adminNav {
	var n adminNav
	for _, s := range []string{"news", "pages", "media", "menu", "categories"} {
		n.Nav = append(n.Nav, navLink{Href: "/" + lang(r) + "/admin/" + s, Label: h.rd.T(r, "content.admin."+s), Current: s == current})
	}
	return n
}

func (h *Handlers) langColumns() []langColumn {
	cols := make([]langColumn, len(Langs))
	for i, l := range Langs {
		cols[i] = langColumn{Code: l, Name: h.rd.Catalog().T(l, "lang.name")}
	}
	return cols
}

// --- lists

type adminRow struct {
	ID         int64
	Title      localText
	Status     Status
	When       string
	Updated    string
	PublicHref string
}

type adminListData struct {
	adminNav
	Kind      Kind
	Section   string
	Rows      []adminRow
	Status    string
	Statuses  []Status
	Pager     web.Pager
	PagerBase string
}

// AdminNews and AdminPages list entries in every state for editors (?status= filters).
func (h *Handlers) AdminNews(w http.ResponseWriter, r *http.Request)  { h.adminList(w, r, News) }
func (h *Handlers) AdminPages(w http.ResponseWriter, r *http.Request) { h.adminList(w, r, Page) }

func (h *Handlers) adminList(w http.ResponseWriter, r *http.Request, kind Kind) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	if err := RequireEditor(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	status := Status(r.URL.Query().Get("status"))
	switch status {
	case Draft, Scheduled, Published, Unpublished:
	default:
		status = ""
	}
	pager := web.NewPager(r, 30)
	items, total, err := h.svc.List(ctx, v, Filter{Kind: kind, Status: status, Limit: pager.PerPage, Offset: pager.Offset()})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	d := &adminListData{adminNav: h.nav(r, adminPath(kind)), Kind: kind, Section: adminPath(kind), Status: string(status), Statuses: []Status{Draft, Scheduled, Published, Unpublished}, Pager: pager,
		PagerBase: fmt.Sprintf("/%s/admin/%s?status=%s&", l, adminPath(kind), status)}
	for _, e := range items {
		row := adminRow{ID: e.ID, Title: local(e.Title, l), Status: e.Status, Updated: i18n.FormatDateTime(l, e.UpdatedAt, web.HomeZone)}
		if e.PublishedAt != nil {
			row.When = i18n.FormatDateTime(l, *e.PublishedAt, web.HomeZone)
		}
		if e.Public() {
			row.PublicHref = "/" + l + e.Path()
		}
		d.Rows = append(d.Rows, row)
	}
	h.rd.Render(w, r, http.StatusOK, "content/admin_list", &web.Page{Title: h.rd.T(r, "content.admin."+adminPath(kind)), Data: d})
}

// --- the editor

type editorData struct {
	adminNav
	Kind           Kind
	Section        string
	Entry          *Entry
	Action         string
	Langs          []langColumn
	Categories     []option
	Covers         []option
	CoverPreview   string
	SlugSuggestion string
	PublicHref     string
	ScheduledFor   string
	MinTime        string
}

// NewNews and NewPage show an empty editor.
func (h *Handlers) NewNews(w http.ResponseWriter, r *http.Request) {
	h.editor(w, r, News, 0, http.StatusOK, nil, "")
}
func (h *Handlers) NewPage(w http.ResponseWriter, r *http.Request) {
	h.editor(w, r, Page, 0, http.StatusOK, nil, "")
}

// EditNews and EditPage show the editor with an entry's fields.
func (h *Handlers) EditNews(w http.ResponseWriter, r *http.Request) {
	h.editor(w, r, News, pathID(r), http.StatusOK, nil, "")
}
func (h *Handlers) EditPage(w http.ResponseWriter, r *http.Request) {
	h.editor(w, r, Page, pathID(r), http.StatusOK, nil, "")
}

func (h *Handlers) editor(w http.ResponseWriter, r *http.Request, kind Kind, id int64, status int, f *web.Form, suggestion string) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	if err := RequireEditor(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &editorData{adminNav: h.nav(r, adminPath(kind)), Kind: kind, Section: adminPath(kind), Langs: h.langColumns(), SlugSuggestion: suggestion,
		Action: fmt.Sprintf("/%s/admin/%s", l, adminPath(kind)), MinTime: h.svc.now().In(web.HomeZone).Format(dateTimeLocal)}
	if id != 0 {
		e, err := h.svc.Get(ctx, v, kind, id)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		d.Entry = e
		d.Action = fmt.Sprintf("/%s/admin/%s/%d", l, adminPath(kind), id)
		if e.Public() {
			d.PublicHref = "/" + l + e.Path()
		}
		if e.Status == Scheduled && e.PublishedAt != nil {
			d.ScheduledFor = i18n.FormatDateTime(l, *e.PublishedAt, web.HomeZone)
		}
		if f == nil {
			f = web.NewForm(entryForm(e))
		}
	}
	if f == nil {
		f = web.NewForm(url.Values{"author_kind": {AuthorOrganisation}})
	}
	if kind == News {
		cats, err := h.svc.Categories(ctx)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		for _, c := range cats {
			d.Categories = append(d.Categories, option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name.In(l)})
		}
		images, _, err := h.svc.Library(ctx, v, "image", 200, 0)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		current := f.Get("cover_id")
		for _, m := range images {
			value := strconv.FormatInt(m.ID, 10)
			d.Covers = append(d.Covers, option{Value: value, Label: fmt.Sprintf("#%d · %s", m.ID, m.Name)})
			if value == current {
				d.CoverPreview = m.VariantURL("thumb")
			}
		}
	}
	title := h.rd.T(r, "content.admin.new_"+string(kind))
	if d.Entry != nil {
		title = d.Entry.Title.In(l)
	}
	h.rd.Render(w, r, status, "content/editor", &web.Page{Title: title, Form: f, Data: d})
}

// dateTimeLocal is the value format of <input type="datetime-local">.
const dateTimeLocal = "2006-01-02T15:04"

// entryForm is an entry's fields as form values.
func entryForm(e *Entry) url.Values {
	v := url.Values{
		"slug":        {e.Slug},
		"author_kind": {e.Author.Kind},
		"author_name": {e.Author.Name},
		"tags":        {JoinTags(e.Tags)},
	}
	if e.CoverID != 0 {
		v.Set("cover_id", strconv.FormatInt(e.CoverID, 10))
	}
	if e.CategoryID != 0 {
		v.Set("category_id", strconv.FormatInt(e.CategoryID, 10))
	}
	if e.Status == Scheduled && e.PublishedAt != nil {
		v.Set("publish_at", e.PublishedAt.In(web.HomeZone).Format(dateTimeLocal))
	}
	for _, l := range Langs {
		v.Set("title_"+l, e.Title.Get(l))
		v.Set("lead_"+l, e.Lead.Get(l))
		v.Set("body_"+l, e.Body.Get(l))
		v.Set("bio_"+l, e.Author.Bio.Get(l))
	}
	return v
}

func formID(f *web.Form, field string) int64 {
	id, _ := strconv.ParseInt(f.Get(field), 10, 64)
	return id
}

// inputFromForm reads the editor's fields.
func inputFromForm(f *web.Form) Input {
	in := Input{Slug: f.Get("slug"), CoverID: formID(f, "cover_id"), CategoryID: formID(f, "category_id"),
		Tags: ParseTags(f.Get("tags")), Author: Author{Kind: f.Get("author_kind"), Name: f.Get("author_name")}}
	for _, l := range Langs {
		in.Title.Set(l, f.Get("title_"+l))
		in.Lead.Set(l, f.Get("lead_"+l))
		in.Body.Set(l, f.Values.Get("body_"+l)) // leading spaces mean something in Markdown
		in.Author.Bio.Set(l, f.Get("bio_"+l))
	}
	return in
}

// changeFromForm reads which button was pressed and, for scheduling, the time, given in
// İzmir time like every time on the site.
func changeFromForm(f *web.Form) (Change, error) {
	c := Change{Action: Action(f.Get("action"))}
	if c.Action == "" {
		c.Action = ActionSave
	}
	if c.Action == ActionSchedule {
		if s := f.Get("publish_at"); s != "" {
			t, err := time.ParseInLocation(dateTimeLocal, s, web.HomeZone)
			if err != nil {
				// Browsers without a date picker send what the person typed.
				t, err = time.ParseInLocation("02.01.2006 15:04", s, web.HomeZone)
			}
			if err != nil {
				return c, fail.Fields{"publish_at": "content.time_invalid"}
			}
			c.At = t
		}
	}
	return c, nil
}

// CreateNews, CreatePage, UpdateNews and UpdatePage save the editor's form.
func (h *Handlers) CreateNews(w http.ResponseWriter, r *http.Request) { h.save(w, r, News, 0) }
func (h *Handlers) CreatePage(w http.ResponseWriter, r *http.Request) { h.save(w, r, Page, 0) }
func (h *Handlers) UpdateNews(w http.ResponseWriter, r *http.Request) { h.save(w, r, News, pathID(r)) }
func (h *Handlers) UpdatePage(w http.ResponseWriter, r *http.Request) { h.save(w, r, Page, pathID(r)) }

func (h *Handlers) save(w http.ResponseWriter, r *http.Request, kind Kind, id int64) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	v := web.ViewerOf(r.Context())
	if err := RequireEditor(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	c, err := changeFromForm(f)
	var e *Entry
	if err == nil {
		if id == 0 {
			e, err = h.svc.Create(r.Context(), v, kind, inputFromForm(f), c)
		} else {
			e, err = h.svc.Update(r.Context(), v, kind, id, inputFromForm(f), c)
		}
	}
	var taken *SlugTakenError
	if errors.As(err, &taken) {
		f.Fail("slug", "content.slug_taken")
		h.editor(w, r, kind, id, http.StatusUnprocessableEntity, f, taken.Suggestion)
		return
	}
	if formErrors(f, err) {
		h.editor(w, r, kind, id, http.StatusUnprocessableEntity, f, "")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash."+string(c.Action)))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/%s/%d", lang(r), adminPath(kind), e.ID), http.StatusSeeOther)
}

// DeleteNews and DeletePage remove an entry.
func (h *Handlers) DeleteNews(w http.ResponseWriter, r *http.Request) { h.delete(w, r, News) }
func (h *Handlers) DeletePage(w http.ResponseWriter, r *http.Request) { h.delete(w, r, Page) }

func (h *Handlers) delete(w http.ResponseWriter, r *http.Request, kind Kind) {
	if err := h.svc.Delete(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r)); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.deleted"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/%s", lang(r), adminPath(kind)), http.StatusSeeOther)
}

// --- history

type historyRow struct {
	When   string
	ISO    string
	Who    string
	Action string
	Fields []string
}

type historyData struct {
	adminNav
	Section string
	Entry   *Entry
	Title   localText
	Rows    []historyRow
}

// NewsHistory and PageHistory list who changed what, newest first.
func (h *Handlers) NewsHistory(w http.ResponseWriter, r *http.Request) { h.history(w, r, News) }
func (h *Handlers) PageHistory(w http.ResponseWriter, r *http.Request) { h.history(w, r, Page) }

func (h *Handlers) history(w http.ResponseWriter, r *http.Request, kind Kind) {
	l := lang(r)
	e, revs, err := h.svc.Revisions(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cat := h.rd.Catalog()
	d := &historyData{adminNav: h.nav(r, adminPath(kind)), Section: adminPath(kind), Entry: e, Title: local(e.Title, l)}
	for _, rev := range revs {
		row := historyRow{When: i18n.FormatDateTime(l, rev.CreatedAt, web.HomeZone), ISO: rev.CreatedAt.Format(time.RFC3339),
			Who: rev.UserName, Action: cat.T(l, "content.revision."+rev.Action)}
		if rev.UserID == 0 && rev.UserName == "" {
			row.Who = cat.T(l, "content.revision.scheduler")
		}
		for _, f := range rev.Fields {
			row.Fields = append(row.Fields, cat.T(l, "content.field."+f))
		}
		d.Rows = append(d.Rows, row)
	}
	h.rd.Render(w, r, http.StatusOK, "content/history", &web.Page{Title: h.rd.T(r, "content.history.title"), Data: d})
}
