package b2b

import (
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"net/http"
	"slices"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The availability page, /b2b/{slug}/availability: every slot of the programme grouped by
// session, a box to tick for each slot the participant cannot meet in, times in the venue's
// zone with the partner city's beside.

type availabilitySlot struct {
	Index   int
	Number  int    // within the session
	Starts  string // both cities
	Checked bool
}

type availabilitySession struct {
	N       int // from 1
	Date    string
	Minutes int // each slot's length
	Slots   []availabilitySlot
}

type availabilityData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Me         *Profile
	Sessions   []availabilitySession
}

// Availability serves GET /b2b/{slug}/availability.
func (h *Handlers) Availability(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	if _, ok := h.participant(w, r, ev); !ok {
		return
	}
	me, p, slots, err := h.svc.Availability(r.Context(), web.ViewerOf(r.Context()), ev.ID, orgParam(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.availabilityPage(w, r, http.StatusOK, ev, me, p, slots, nil)
}

// SaveAvailability serves POST /b2b/{slug}/availability: the ticked slots replace the set.
func (h *Handlers) SaveAvailability(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	if _, ok := h.participant(w, r, ev); !ok {
		return
	}
	var slots []int
	for _, s := range f.Values["slot"] {
		n, err := strconv.Atoi(s)
		if err != nil {
			n = -1 // not a slot: the service names the problem
		}
		slots = append(slots, n)
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	err := h.svc.SetAvailability(ctx, v, ev.ID, orgParam(r), slots)
	if formErrors(f, err) {
		me, p, _, err := h.svc.Availability(ctx, v, ev.ID, orgParam(r))
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		h.availabilityPage(w, r, http.StatusUnprocessableEntity, ev, me, p, slots, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.avail.saved"))
	http.Redirect(w, r, base(lang(r), ev)+"/availability", http.StatusSeeOther)
}

// availabilityPage shows the slots with checked ticked (the stored set, or what was posted).
func (h *Handlers) availabilityPage(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, me *Profile, p *Programme, checked []int, f *web.Form) {
	l := lang(r)
	d := &availabilityData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Me: me}
	loc := ev.Location()
	for _, sl := range p.Slots() {
		if len(d.Sessions) <= sl.Session {
			d.Sessions = append(d.Sessions, availabilitySession{N: sl.Session + 1, Date: i18n.FormatLongDate(l, sl.StartsAt, loc),
				Minutes: p.Sessions[sl.Session].SlotMinutes})
		}
		s := &d.Sessions[sl.Session]
		s.Slots = append(s.Slots, availabilitySlot{Index: sl.Index, Number: sl.Number, Starts: h.dualTime(l, ev, sl.StartsAt),
			Checked: slices.Contains(checked, sl.Index)})
	}
	h.rd.Render(w, r, status, "b2b/availability", &web.Page{Title: h.rd.T(r, "b2b.avail.title"), Data: d, Form: f})
}
