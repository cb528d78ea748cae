package podcast

import (
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Delete buttons of the coordinators' editors and the API's DELETE routes. A form sends
// "confirm" from its checkbox; the API takes ?confirm=true.

// DeleteEpisode serves POST /admin/podcast/episodes/{id}/delete.
func (h *Handlers) DeleteEpisode(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	e, sh, err := h.svc.Episode(r.Context(), viewer(r), pathID(r, "id"))
	if err == nil {
		err = h.svc.DeleteEpisode(r.Context(), viewer(r), e.ID, f.Get("confirm") != "")
	}
	if f.FailFields(err) {
		form := web.NewForm(episodeValues(e))
		for k, v := range f.Errors {
			form.Fail(k, v)
		}
		h.renderEpisodeForm(w, r, http.StatusUnprocessableEntity, sh, e, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "podcast.admin.episode_deleted"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/podcast/shows/"+itoa(sh.ID), http.StatusSeeOther)
}

// DeleteShow serves POST /admin/podcast/shows/{id}/delete.
func (h *Handlers) DeleteShow(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	sh, err := h.svc.Show(r.Context(), pathID(r, "id"))
	if err == nil {
		err = h.svc.DeleteShow(r.Context(), viewer(r), sh.ID, f.Get("confirm") != "")
	}
	if f.FailFields(err) {
		form := web.NewForm(showValues(sh))
		for k, v := range f.Errors {
			form.Fail(k, v)
		}
		h.renderShowForm(w, r, http.StatusUnprocessableEntity, sh, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "podcast.admin.show_deleted"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/podcast", http.StatusSeeOther)
}

// APIDeleteEpisode serves DELETE /api/v1/podcast/episodes/{id}[?confirm=true].
func (h *Handlers) APIDeleteEpisode(w http.ResponseWriter, r *http.Request) {
	err := h.svc.DeleteEpisode(r.Context(), viewer(r), pathID(r, "id"), r.URL.Query().Get("confirm") == "true")
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// APIDeleteShow serves DELETE /api/v1/podcast/shows/{id}[?confirm=true].
func (h *Handlers) APIDeleteShow(w http.ResponseWriter, r *http.Request) {
	err := h.svc.DeleteShow(r.Context(), viewer(r), pathID(r, "id"), r.URL.Query().Get("confirm") == "true")
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
