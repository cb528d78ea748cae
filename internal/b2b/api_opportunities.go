package b2b

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

type apiOpportunity struct {
	ID           int64           `json:"id"`
	ProfileID    int64           `json:"profile_id"`
	Organisation apiOrganisation `json:"organisation"`
	Kind         OpportunityKind `json:"kind"`
	Category     Category        `json:"category"`
	Title        i18n.Text       `json:"title"`
	Description  i18n.Text       `json:"description"`
	Sectors      []string        `json:"sectors"`
	Countries    []string        `json:"countries"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

type apiOpportunityInput struct {
	OrganisationID int64           `json:"organisation_id"`
	Kind           OpportunityKind `json:"kind"`
	Category       Category        `json:"category"`
	Title          i18n.Text       `json:"title"`
	Description    i18n.Text       `json:"description"`
	Sectors        []string        `json:"sectors"`
	Countries      []string        `json:"countries"`
}

func apiOpportunityOf(o *Opportunity) apiOpportunity {
	return apiOpportunity{ID: o.ID, ProfileID: o.ProfileID, Organisation: apiOrganisation(o.Organisation), Kind: o.Kind,
		Category: o.Category, Title: o.Title, Description: o.Description, Sectors: append([]string{}, o.Sectors...),
		Countries: append([]string{}, o.Countries...), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
}

// APIOpportunities serves GET /api/v1/events/{id}/b2b/opportunities, filtered like the page.
func (h *Handlers) APIOpportunities(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := OpportunityFilter{Kind: OpportunityKind(q.Get("kind")), Category: Category(q.Get("category")), Sector: q.Get("sector"),
		Country: q.Get("country"), Query: q.Get("q")}
	list, err := h.svc.Opportunities(r.Context(), web.ViewerOf(r.Context()), pathID(r), f)
	apiList(h.rd, w, r, list, err, apiOpportunityOf)
}

// APICreateOpportunity serves POST /api/v1/events/{id}/b2b/opportunities.
func (h *Handlers) APICreateOpportunity(w http.ResponseWriter, r *http.Request) {
	var in apiOpportunityInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	o, err := h.svc.CreateOpportunity(r.Context(), web.ViewerOf(r.Context()), pathID(r), OpportunityInput(in))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/b2b/opportunities/"+strconv.FormatInt(o.ID, 10))
	web.WriteJSON(w, http.StatusCreated, apiOpportunityOf(o))
}

// APIOpportunity serves GET /api/v1/b2b/opportunities/{id}.
func (h *Handlers) APIOpportunity(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Opportunity(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiOpportunityOf(o))
}

// APIUpdateOpportunity serves PUT /api/v1/b2b/opportunities/{id} (its organisation's members).
func (h *Handlers) APIUpdateOpportunity(w http.ResponseWriter, r *http.Request) {
	var in apiOpportunityInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	o, err := h.svc.UpdateOpportunity(r.Context(), web.ViewerOf(r.Context()), pathID(r), OpportunityInput(in))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiOpportunityOf(o))
}

// APIDeleteOpportunity serves DELETE /api/v1/b2b/opportunities/{id} (its organisation's members).
func (h *Handlers) APIDeleteOpportunity(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteOpportunity(r.Context(), web.ViewerOf(r.Context()), pathID(r)); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
