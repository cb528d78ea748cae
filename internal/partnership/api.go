package partnership

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The API always sends all three languages of a text: clients pick, and side-by-side views
// need more than one.

type apiCity struct {
	Name    Text   `json:"name"`
	Country string `json:"country"`
	Zone    string `json:"zone"`
}

type apiMilestone struct {
	ID            int64     `json:"id"`
	Date          string    `json:"date"`
	DatePrecision Precision `json:"date_precision"`
	Kind          Kind      `json:"kind"`
	Planned       bool      `json:"planned"`
	Title         Text      `json:"title"`
	Body          Text      `json:"body"`
}

type apiPartnership struct {
	ID                    int64          `json:"id"`
	Slug                  string         `json:"slug"`
	Default               bool           `json:"default"`
	Cities                []apiCity      `json:"cities"`
	ProtocolDate          string         `json:"protocol_date"`
	ProtocolDatePrecision Precision      `json:"protocol_date_precision"`
	Anniversary           int            `json:"anniversary"`
	Summary               Text           `json:"summary"`
	Milestones            []apiMilestone `json:"milestones"`
}

// APIList serves GET /api/v1/partnerships: every partnership with its timeline.
func (h *Handlers) APIList(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.List(r.Context())
	if err != nil {
		h.apiFail(w, r, err)
		return
	}
	year := h.svc.now().Year()
	out := make([]apiPartnership, 0, len(ps))
	for _, p := range ps {
		ms, err := h.svc.Timeline(r.Context(), p.ID)
		if err != nil {
			h.apiFail(w, r, err)
			return
		}
		ap := apiPartnership{
			ID:                    p.ID,
			Slug:                  p.Slug,
			Default:               p.IsDefault,
			ProtocolDate:          p.ProtocolDate.Format(time.DateOnly),
			ProtocolDatePrecision: p.ProtocolPrecision,
			Anniversary:           p.Anniversary(year),
			Summary:               p.Summary,
			Milestones:            make([]apiMilestone, 0, len(ms)),
		}
		for _, c := range []City{p.A, p.B} {
			ap.Cities = append(ap.Cities, apiCity{Name: c.Name, Country: c.Country, Zone: c.Zone})
		}
		for _, m := range ms {
			ap.Milestones = append(ap.Milestones, apiMilestone{
				ID: m.ID, Date: m.Date.Format(time.DateOnly), DatePrecision: m.Precision,
				Kind: m.Kind, Planned: m.Planned, Title: m.Title, Body: m.Body,
			})
		}
		out = append(out, ap)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *Handlers) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	h.rd.APIError(w, r, err)
}
