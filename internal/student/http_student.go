package student

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The student's pages: my requests, a new request, one request with its thread, the data
// export and the privacy notice.

// Mine serves GET /support.
func (h *Handlers) Mine(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Mine(r.Context(), viewer(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/support_list", &web.Page{Title: h.rd.T(r, "student.mine.title"), Data: list})
}

type newData struct {
	Categories []option
	MaxFiles   int
	Notice     string // the privacy notice's version the consent refers to
}

// NewForm serves GET /support/new.
func (h *Handlers) NewForm(w http.ResponseWriter, r *http.Request) {
	if viewer(r) == nil {
		h.rd.PageError(w, r, errUnauthorized)
		return
	}
	h.renderNew(w, r, http.StatusOK, web.NewForm(nil))
}

func (h *Handlers) renderNew(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	d := newData{Categories: h.options(r, "student.category.", Categories, form.Get("category")), MaxFiles: MaxFilesPerUpload, Notice: NoticeVersion}
	h.rd.Render(w, r, status, "student/support_new", &web.Page{Title: h.rd.T(r, "student.new.title"), Form: form, Data: d})
}

// Create serves POST /support (multipart: the fields and up to three files in "files").
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	form, files, err := readForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := Draft{Category: form.Get("category"), Subject: form.Get("subject"), Description: form.Values.Get("description"),
		Consent: form.Get("consent") == "yes"}
	req, err := h.svc.Open(r.Context(), viewer(r), d, files)
	if form.FailFields(err) {
		h.renderNew(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.flash.opened"))
	http.Redirect(w, r, fmt.Sprintf("/%s/support/%d", lang(r), req.ID), http.StatusSeeOther)
}

// requestData is what both request pages show.
type requestData struct {
	Request  *Request
	Staff    bool // the assignee or an admin: notes and management forms
	Admin    bool
	Assignee string
	Student  string    // the student's name, for staff
	People   []Contact // who it may be assigned to (admins)
	Audit    []AuditEntry
	Outcomes []option
	Priority []option
	Statuses []string // the statuses staff set by hand
}

// Show serves GET /support/{id}: the student's view, without internal notes.
func (h *Handlers) Show(w http.ResponseWriter, r *http.Request) {
	h.renderShow(w, r, http.StatusOK, web.NewForm(nil))
}

func (h *Handlers) renderShow(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id := pathID(r, "id")
	own, err := h.svc.IsOwn(r.Context(), viewer(r), id)
	if err == nil && !own {
		// Staff read requests on the admin page, where the notes are.
		http.Redirect(w, r, fmt.Sprintf("/%s/admin/support/%d", lang(r), id), http.StatusSeeOther)
		return
	}
	var req *Request
	if err == nil {
		req, err = h.svc.Request(r.Context(), viewer(r), id)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	hideInternal(req)
	title := h.rd.T(r, "student.request.title", req.ID)
	h.rd.Render(w, r, status, "student/support_request", &web.Page{Title: title, Form: form, Data: requestData{Request: req}})
}

// hideInternal drops internal notes from a request a student looks at, also when the
// student is staff who took their own request: the page for students never shows notes.
func hideInternal(req *Request) {
	public := req.Messages[:0]
	for _, m := range req.Messages {
		if !m.Internal {
			public = append(public, m)
		}
	}
	req.Messages = public
}

// Reply serves POST /support/{id}/messages: the student's reply, with optional files.
func (h *Handlers) Reply(w http.ResponseWriter, r *http.Request) {
	h.postMessage(w, r, false, fmt.Sprintf("/%s/support/%d", lang(r), pathID(r, "id")), h.renderShow)
}

// postMessage adds a reply or a note and goes back to the page, or shows the page again
// with the error and the text kept.
func (h *Handlers) postMessage(w http.ResponseWriter, r *http.Request, internal bool, back string,
	again func(http.ResponseWriter, *http.Request, int, *web.Form)) {
	form, files, err := readForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if internal || form.Get("internal") == "yes" {
		internal = true
	}
	_, err = h.svc.Reply(r.Context(), viewer(r), pathID(r, "id"), form.Values.Get("body"), internal, files)
	if form.FailFields(err) {
		again(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.flash.sent"))
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// AskDeletion serves POST /support/{id}/delete.
func (h *Handlers) AskDeletion(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	if err := h.svc.AskDeletion(r.Context(), viewer(r), id); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.flash.deletion_asked"))
	http.Redirect(w, r, fmt.Sprintf("/%s/support/%d", lang(r), id), http.StatusSeeOther)
}

// Export serves GET /support/export.json: the student's own data as a download.
func (h *Handlers) Export(w http.ResponseWriter, r *http.Request) {
	exp, err := h.svc.Export(r.Context(), viewer(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="kopru-support-export.json"`)
	w.Header().Set("Cache-Control", "private, no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(exp)
}

// Privacy serves GET /privacy/support: the notice the request form links to.
func (h *Handlers) Privacy(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "student/privacy", &web.Page{Title: h.rd.T(r, "student.privacy.title"), Data: NoticeVersion})
}
