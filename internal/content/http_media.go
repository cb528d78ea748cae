package content

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// UploadBodyLimit is the request size the upload route accepts: one file of MaxUpload plus
// the form fields around it. The app's global body limit must let this route through.
const UploadBodyLimit = MaxUpload + 1<<20

// File serves GET /media/{key...}: library files are public, addressed by keys nobody can
// guess, and never change, so caches keep them.
func (h *Handlers) File(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if !media.ValidKey(key) {
		http.NotFound(w, r)
		return
	}
	h.svc.files.ServeFile(w, r, key, "")
}

type libraryItem struct {
	Media
	Thumb   string
	Alt     localText
	Caption localText
	Size    string
	Created string
}

type libraryData struct {
	adminNav
	Items []libraryItem
	Kind  string
	Pager web.Pager
	Base  string
	Langs []langColumn
	Max   string
}

func (h *Handlers) item(m *Media, l string) libraryItem {
	return libraryItem{Media: *m, Thumb: m.VariantURL("thumb"), Alt: local(m.Alt, l), Caption: local(m.Caption, l),
		Size: sizeText(l, m.Size), Created: i18n.FormatDateTime(l, m.CreatedAt, web.HomeZone)}
}

// sizeText writes a file size the way people read it: "2,4 MB".
func sizeText(l string, n int64) string {
	switch {
	case n >= 1<<20:
		return i18n.FormatNumber(l, float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return i18n.FormatNumber(l, float64(n)/(1<<10), 0) + " KB"
	}
	return i18n.FormatInt(l, n) + " B"
}

// Library serves /admin/media: the upload form and the files, newest first, paged.
func (h *Handlers) Library(w http.ResponseWriter, r *http.Request) {
	h.library(w, r, http.StatusOK, nil)
}

func (h *Handlers) library(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	ctx, l := r.Context(), lang(r)
	kind := r.URL.Query().Get("kind")
	if kind != "image" && kind != "document" {
		kind = ""
	}
	pager := web.NewPager(r, 24)
	items, total, err := h.svc.Library(ctx, web.ViewerOf(ctx), kind, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	d := &libraryData{adminNav: h.nav(r, "media"), Kind: kind, Pager: pager, Base: "/" + l + "/admin/media?kind=" + kind + "&",
		Langs: h.langColumns(), Max: sizeText(l, MaxUpload)}
	for i := range items {
		d.Items = append(d.Items, h.item(&items[i], l))
	}
	h.rd.Render(w, r, status, "content/library", &web.Page{Title: h.rd.T(r, "content.admin.media"), Form: f, Data: d})
}

func textsFromForm(f *web.Form, prefix string) Text {
	var t Text
	for _, l := range Langs {
		t.Set(l, f.Get(prefix+"_"+l))
	}
	return t
}

// Upload takes one file from the multipart form, checks it by content and stores it with
// its variants. Who may upload is checked before the body is read.
func (h *Handlers) Upload(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := RequireEditor(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, UploadBodyLimit)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.rd.Error(w, r, http.StatusRequestEntityTooLarge)
			return
		}
		h.rd.Error(w, r, http.StatusBadRequest)
		return
	}
	defer r.MultipartForm.RemoveAll()
	values := url.Values(r.MultipartForm.Value)
	for _, vs := range values {
		for _, s := range vs {
			if !utf8.ValidString(s) {
				h.rd.Error(w, r, http.StatusBadRequest)
				return
			}
		}
	}
	f := web.NewForm(values)
	file, header, err := r.FormFile("file")
	if err != nil {
		f.Fail("file", "form.required")
		h.library(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	defer file.Close()
	u, err := media.Inspect(file, header.Filename, MaxUpload)
	var refused *media.Error
	if errors.As(err, &refused) {
		// content's own messages, which name the limit and the accepted types
		f.Fail("file", "content.upload."+strings.TrimPrefix(refused.Key, "media."))
		status := http.StatusUnprocessableEntity
		if errors.Is(err, media.ErrTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		h.library(w, r, status, f)
		return
	}
	var m *Media
	if err == nil {
		m, err = h.svc.Upload(r.Context(), v, u, textsFromForm(f, "alt"), textsFromForm(f, "caption"))
	}
	if formErrors(f, err) {
		h.library(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.uploaded"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/media/%d", lang(r), m.ID), http.StatusSeeOther)
}

type mediaData struct {
	adminNav
	Item    libraryItem
	Users   []usedBy
	Langs   []langColumn
	Snippet string
	Large   string
}

type usedBy struct {
	Href   string
	Title  localText
	Status Status
}

// MediaItem serves /admin/media/{id}: the file, its texts in three languages, the Markdown
// to embed it, where it is used, and delete.
func (h *Handlers) MediaItem(w http.ResponseWriter, r *http.Request) {
	h.mediaItem(w, r, http.StatusOK, nil)
}

func (h *Handlers) mediaItem(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	ctx, l := r.Context(), lang(r)
	m, users, err := h.svc.MediaItem(ctx, web.ViewerOf(ctx), pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if f == nil {
		values := url.Values{}
		for _, lg := range Langs {
			values.Set("alt_"+lg, m.Alt.Get(lg))
			values.Set("caption_"+lg, m.Caption.Get(lg))
		}
		f = web.NewForm(values)
	}
	d := &mediaData{adminNav: h.nav(r, "media"), Item: h.item(m, l), Langs: h.langColumns(), Large: m.VariantURL("large")}
	if m.IsImage() {
		d.Snippet = fmt.Sprintf("![](media:%d)", m.ID)
	} else {
		d.Snippet = fmt.Sprintf("[%s](media:%d)", m.Name, m.ID)
	}
	for _, u := range users {
		d.Users = append(d.Users, usedBy{Href: fmt.Sprintf("/%s/admin/%s/%d", l, adminPath(u.Kind), u.ID), Title: local(u.Title, l), Status: u.Status})
	}
	h.rd.Render(w, r, status, "content/media", &web.Page{Title: m.Name, Form: f, Data: d})
}

// UpdateMedia saves a file's alt text and caption.
func (h *Handlers) UpdateMedia(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	err := h.svc.UpdateMedia(r.Context(), web.ViewerOf(r.Context()), pathID(r), textsFromForm(f, "alt"), textsFromForm(f, "caption"))
	if formErrors(f, err) {
		h.mediaItem(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.save"))
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
}

// DeleteMedia removes a file; one still shown by an entry is refused with a message.
func (h *Handlers) DeleteMedia(w http.ResponseWriter, r *http.Request) {
	err := h.svc.DeleteMedia(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if errors.Is(err, ErrInUse) {
		h.flash(r, h.rd.T(r, "content.media.in_use"))
		http.Redirect(w, r, fmt.Sprintf("/%s/admin/media/%d", lang(r), pathID(r)), http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "content.flash.deleted"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/media", http.StatusSeeOther)
}
