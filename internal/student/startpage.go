package student

import (
	"context"
	"net/http"
	"time"
)

// The student's start page (/mentoring) also points to what else the partnership offers
// students: youth events and volunteer programmes. Those live in other modules; the app
// hands them in as finders, so this package imports neither.

// Opportunity is one event or volunteer programme as the start page lists it.
type Opportunity struct {
	Title    string
	Path     string // under the language prefix, e.g. /events/nevruz-2026
	StartsAt time.Time
	Zone     *time.Location // the venue's zone; nil: İzmir
	Place    string         // venue or city, in the page's language
	When     string         // the start in both cities' time, e.g. "12.05.2026 19:00 Bakü · 18:00 İzmir"; "": by date
}

// OpportunityFinder returns up to limit upcoming opportunities, titles in lang.
type OpportunityFinder func(ctx context.Context, lang string, limit int) ([]Opportunity, error)

// startPageLimit is how many of each kind the start page shows; the module's own list has
// the rest.
const startPageLimit = 3

// ShowOpportunities makes the start page list events and volunteer programmes; either may
// be nil when that module is not part of the installation.
func (h *MentoringHandlers) ShowOpportunities(events, volunteering OpportunityFinder) {
	h.events, h.volunteering = events, volunteering
}

// opportunities fills the start page's lists for a student (or someone with no profile
// yet, who may become one); a mentor-only page leaves them out.
func (h *MentoringHandlers) opportunities(r *http.Request, d *mentoringHome) error {
	if d.Student == nil && d.Mentor != nil {
		return nil
	}
	d.StudentStart = true
	lang := mentoringLang(r)
	var err error
	if h.events != nil {
		if d.Events, err = h.events(r.Context(), lang, startPageLimit); err != nil {
			return err
		}
	}
	if h.volunteering != nil {
		if d.Volunteering, err = h.volunteering(r.Context(), lang, startPageLimit); err != nil {
			return err
		}
	}
	d.HasEvents, d.HasVolunteering = h.events != nil, h.volunteering != nil
	return nil
}
