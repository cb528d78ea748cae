package b2b

import (
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The recommendations page, /b2b/{slug}/recommendations: the participant's best suggested
// partners, each with its one-line reason and the request form.

type recommendationRow struct {
	Profile Profile
	Type    string
	Why     string
}

type recommendationsData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Me         *Profile
	Rows       []recommendationRow
	Priorities []option
}

// Recommendations serves GET /b2b/{slug}/recommendations.
func (h *Handlers) Recommendations(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	me, ok := h.participant(w, r, ev)
	if !ok {
		return
	}
	list, err := h.svc.Recommendations(r.Context(), web.ViewerOf(r.Context()), ev.ID, me.OrganisationID, RecommendationCount)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	d := &recommendationsData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Me: me, Priorities: h.priorityOptions(r)}
	for _, rec := range list {
		d.Rows = append(d.Rows, recommendationRow{Profile: rec.Profile, Type: h.rd.T(r, "b2b.type."+string(rec.Profile.Type)),
			Why: rec.Suggestion.Line(h.rd.Catalog(), l)})
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/recommendations", &web.Page{Title: h.rd.T(r, "b2b.rec.title"), Data: d})
}
