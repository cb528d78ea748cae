package content

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The site's structure: the navigation menu and the news categories.

type menuRow struct {
	MenuItem
	Label  localText
	Target string
	Hidden bool // a page that is not published: the menu leaves it out for now
}

type menuData struct {
	adminNav
	Rows  []menuRow
	Pages []option
	Langs []langColumn
}

// MenuAdmin serves /admin/menu: the items in order with up/down buttons, and a form to add
// a link to a page or to a URL.
func (h *Handlers) MenuAdmin(w http.ResponseWriter, r *http.Request) {
	h.menuAdmin(w, r, http.StatusOK, nil)
}

func (h *Handlers) menuAdmin(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	items, err := h.svc.MenuItems(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pages, _, err := h.svc.List(ctx, v, Filter{Kind: Page, Limit: 100})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &menuData{adminNav: h.nav(r, "menu"), Langs: h.langColumns()}
	for _, it := range items {
		row := menuRow{MenuItem: it, Label: local(it.Label, l), Target: it.URL, Hidden: it.EntryID != 0 && !it.EntryLive}
		if it.EntryID != 0 {
			row.Target = "/pages/" + it.EntrySlug
		}
		d.Rows = append(d.Rows, row)
	}
	for _, p := range pages {
		d.Pages = append(d.Pages, option{Value: strconv.FormatInt(p.ID, 10), Label: p.Title.In(l)})
	}
	h.rd.Render(w, r, status, "content/menu", &web.Page{Title: h.rd.T(r, "content.admin.menu"), Form: f, Data: d})
}

// AddMenuItem appends a link.
func (h *Handlers) AddMenuItem(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	_, err := h.svc.AddMenuItem(r.Context(), web.ViewerOf(r.Context()), MenuItem{Label: textsFromForm(f, "label"), EntryID: formID(f, "entry_id"), URL: f.Get("url")})
	if formErrors(f, err) {
		h.menuAdmin(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	h.afterMenu(w, r, err)
}

// MoveMenuItem moves an item up or down (direction=up|down).
func (h *Handlers) MoveMenuItem(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	delta := 1
	if f.Get("direction") == "up" {
		delta = -1
	}
	h.afterMenu(w, r, h.svc.MoveMenuItem(r.Context(), web.ViewerOf(r.Context()), pathID(r), delta))
}

// DeleteMenuItem removes an item.
func (h *Handlers) DeleteMenuItem(w http.ResponseWriter, r *http.Request) {
	h.afterMenu(w, r, h.svc.DeleteMenuItem(r.Context(), web.ViewerOf(r.Context()), pathID(r)))
}

func (h *Handlers) afterMenu(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.save"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/menu", http.StatusSeeOther)
}

type categoriesData struct {
	adminNav
	Categories []Category
	Langs      []langColumn
	Editing    int64 // the category whose form failed, so its errors show in its row
}

// CategoriesAdmin serves /admin/categories: each category editable in place, and a form to
// add one.
func (h *Handlers) CategoriesAdmin(w http.ResponseWriter, r *http.Request) {
	h.categoriesAdmin(w, r, http.StatusOK, nil, 0)
}

func (h *Handlers) categoriesAdmin(w http.ResponseWriter, r *http.Request, status int, f *web.Form, editing int64) {
	if err := RequireEditor(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cats, err := h.svc.Categories(r.Context())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, status, "content/categories", &web.Page{Title: h.rd.T(r, "content.admin.categories"), Form: f,
		Data: &categoriesData{adminNav: h.nav(r, "categories"), Categories: cats, Langs: h.langColumns(), Editing: editing}})
}

// SaveCategory creates (POST /admin/categories) or changes (POST /admin/categories/{id}) a
// category.
func (h *Handlers) SaveCategory(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	id := pathID(r)
	_, err := h.svc.SaveCategory(r.Context(), web.ViewerOf(r.Context()), Category{ID: id, Slug: f.Get("slug"), Name: textsFromForm(f, "name")})
	if formErrors(f, err) {
		h.categoriesAdmin(w, r, http.StatusUnprocessableEntity, f, id)
		return
	}
	h.afterCategory(w, r, err)
}

// DeleteCategory removes a category; its news stay.
func (h *Handlers) DeleteCategory(w http.ResponseWriter, r *http.Request) {
	h.afterCategory(w, r, h.svc.DeleteCategory(r.Context(), web.ViewerOf(r.Context()), pathID(r)))
}

func (h *Handlers) afterCategory(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.save"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/categories", lang(r)), http.StatusSeeOther)
}
