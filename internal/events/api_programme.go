package events

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The programme in the JSON API: sessions, cover and organisations, sent with every event
// and accepted on create and update (replacing what the event had).

type apiSession struct {
	StartsAt    time.Time       `json:"starts_at"`
	EndsAt      time.Time       `json:"ends_at"`
	Title       i18n.Text       `json:"title"`
	Description i18n.Text       `json:"description"`
	Room        string          `json:"room"`
	Speakers    []string        `json:"speakers"`
	Language    SessionLanguage `json:"language"`
}

type apiCover struct {
	ID  int64     `json:"id"`
	URL string    `json:"url"`
	Alt i18n.Text `json:"alt"`
}

type apiOrganisation struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Website string `json:"website,omitempty"`
}

type apiProgramme struct {
	Sessions   []apiSession      `json:"sessions"`
	Cover      *apiCover         `json:"cover,omitempty"`
	Organisers []apiOrganisation `json:"organisers"`
	Partners   []apiOrganisation `json:"partners"`
}

type apiProgrammeInput struct {
	Sessions   []apiSession `json:"sessions"`
	CoverID    int64        `json:"cover_id"`
	Organisers []int64      `json:"organisers"`
	Partners   []int64      `json:"partners"`
}

func (in apiProgrammeInput) set(out *Input) {
	for _, s := range in.Sessions {
		out.Sessions = append(out.Sessions, Session{StartsAt: s.StartsAt, EndsAt: s.EndsAt, Title: s.Title,
			Description: s.Description, Room: s.Room, Speakers: s.Speakers, Language: s.Language})
	}
	out.CoverID, out.Organisers, out.Partners = in.CoverID, in.Organisers, in.Partners
}

func (h *Handlers) apiProgramme(p *Programme) apiProgramme {
	out := apiProgramme{Sessions: []apiSession{}, Organisers: apiOrganisations(p.Organisers), Partners: apiOrganisations(p.Partners)}
	for _, s := range p.Sessions {
		as := apiSession{StartsAt: s.StartsAt, EndsAt: s.EndsAt, Title: s.Title, Description: s.Description,
			Room: s.Room, Speakers: s.Speakers, Language: s.Language}
		if as.Speakers == nil {
			as.Speakers = []string{}
		}
		out.Sessions = append(out.Sessions, as)
	}
	if c := p.Cover; c != nil {
		out.Cover = &apiCover{ID: c.ID, URL: h.absolute(c.URL), Alt: c.Alt}
	}
	return out
}

func apiOrganisations(orgs []Organisation) []apiOrganisation {
	out := make([]apiOrganisation, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, apiOrganisation(o))
	}
	return out
}

// writeEvent answers with e and its programme.
func (h *Handlers) writeEvent(w http.ResponseWriter, r *http.Request, status int, e *Event) {
	p, err := h.svc.Programme(r.Context(), e)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, h.apiEvent(e, p))
}

// APIUpdate serves PUT /api/v1/events/{id} (coordinators): the event is replaced by the
// request, as the editor replaces it; types are matched by id, and sessions and
// organisations left out are removed. A capacity below the confirmed places is refused
// with the numbers; a larger one promotes from the waiting list, and those promoted are
// mailed.
func (h *Handlers) APIUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := web.ViewerOf(ctx)
	if err := requireManager(v); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	var in apiEventInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	old, err := h.svc.Get(ctx, v, pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	// Those a larger capacity promotes are mailed by a job the update enqueued.
	e, _, err := h.svc.Update(ctx, v, old.ID, in.input(old.PartnershipID))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.changed()
	h.writeEvent(w, r, http.StatusOK, e)
}
