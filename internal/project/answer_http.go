package project

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The answer templates' small admin page: the list, each editable in place, and a form for
// a new one.

type templatesData struct {
	Templates []AnswerTemplate
	Outcomes  []Outcome
}

// TemplatesPage serves GET /admin/answer-templates.
func (h *Handlers) TemplatesPage(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.AnswerTemplates(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/review_templates", &web.Page{Title: h.rd.T(r, "project.answer.templates.title"),
		Data: &templatesData{Templates: list, Outcomes: Outcomes}})
}

// SaveTemplatePage serves POST /admin/answer-templates: id (empty for a new one), name,
// outcome, answer_tr/az/en.
func (h *Handlers) SaveTemplatePage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	id, _ := strconv.ParseInt(f.Get("id"), 10, 64)
	_, err = h.svc.SaveAnswerTemplate(r.Context(), web.ViewerOf(r.Context()), AnswerTemplate{ID: id, Name: f.Get("name"),
		Outcome: Outcome(f.Get("outcome")), Text: i18n.Text{TR: f.Get("answer_tr"), AZ: f.Get("answer_az"), EN: f.Get("answer_en")}})
	h.afterTemplate(w, r, err, "project.answer.templates.saved")
}

// DeleteTemplatePage serves POST /admin/answer-templates/{tid}/delete.
func (h *Handlers) DeleteTemplatePage(w http.ResponseWriter, r *http.Request) {
	tid, _ := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	err := h.svc.DeleteAnswerTemplate(r.Context(), web.ViewerOf(r.Context()), tid)
	h.afterTemplate(w, r, err, "project.answer.templates.deleted")
}

func (h *Handlers) afterTemplate(w http.ResponseWriter, r *http.Request, err error, okKey string) {
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields {
			h.flash(r, h.rd.T(r, key))
		}
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, okKey))
	}
	http.Redirect(w, r, "/"+lang(r)+"/admin/answer-templates", http.StatusSeeOther)
}
