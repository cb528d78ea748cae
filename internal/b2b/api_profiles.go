package b2b

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

type apiOrganisation struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	City    string `json:"city"`
	Country string `json:"country"`
}

type apiPerson struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}

type apiProfile struct {
	ID           int64             `json:"id"`
	Organisation apiOrganisation   `json:"organisation"`
	Attendees    []apiPerson       `json:"attendees"`
	Type         ParticipationType `json:"type"`
	Sectors      []string          `json:"sectors"`
	City         string            `json:"city"`
	Country      string            `json:"country"`
	Languages    []string          `json:"languages"`
	Description  i18n.Text         `json:"description"`
	Status       ProfileStatus     `json:"status"`
	Reason       string            `json:"reason,omitempty"`
	FixedTable   int               `json:"fixed_table"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

type apiProfileInput struct {
	OrganisationID int64             `json:"organisation_id"`
	Attendees      []int64           `json:"attendees"`
	Type           ParticipationType `json:"type"`
	Sectors        []string          `json:"sectors"`
	City           string            `json:"city"`
	Country        string            `json:"country"`
	Languages      []string          `json:"languages"`
	Description    i18n.Text         `json:"description"`
}

func apiProfileOf(p *Profile) apiProfile {
	out := apiProfile{ID: p.ID, Organisation: apiOrganisation(p.Organisation), Attendees: []apiPerson{}, Type: p.Type,
		Sectors: append([]string{}, p.Sectors...), City: p.City, Country: p.Country, Languages: append([]string{}, p.Languages...),
		Description: p.Description, Status: p.Status, Reason: p.Reason, FixedTable: p.FixedTable, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, m := range p.People {
		out.Attendees = append(out.Attendees, apiPerson(m))
	}
	return out
}

// APIProfiles serves GET /api/v1/events/{id}/b2b/profiles: the validated participants for
// participants, any status for organisers (?status=), filtered like the page.
func (h *Handlers) APIProfiles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := Filter{SortLang: lang(r), Type: ParticipationType(q.Get("type")), Sector: q.Get("sector"), Country: q.Get("country"),
		Language: q.Get("language"), Query: q.Get("q"), Status: ProfileStatus(q.Get("status"))}
	list, err := h.svc.Participants(r.Context(), web.ViewerOf(r.Context()), pathID(r), f)
	apiList(h.rd, w, r, list, err, apiProfileOf)
}

// APIJoin serves POST /api/v1/events/{id}/b2b/profiles: a profile for one of the caller's
// organisations, pending validation.
func (h *Handlers) APIJoin(w http.ResponseWriter, r *http.Request) {
	var in apiProfileInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.Join(r.Context(), web.ViewerOf(r.Context()), pathID(r), ProfileInput(in))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/b2b/profiles/"+strconv.FormatInt(p.ID, 10))
	web.WriteJSON(w, http.StatusCreated, apiProfileOf(p))
}

// APIProfile serves GET /api/v1/b2b/profiles/{id}.
func (h *Handlers) APIProfile(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Profile(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProfileOf(p))
}

// APIUpdateProfile serves PUT /api/v1/b2b/profiles/{id} (members of the organisation).
func (h *Handlers) APIUpdateProfile(w http.ResponseWriter, r *http.Request) {
	var in apiProfileInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.UpdateProfile(r.Context(), web.ViewerOf(r.Context()), pathID(r), ProfileInput(in))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProfileOf(p))
}
