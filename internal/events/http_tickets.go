package events

import (
	"context"
	"html/template"
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// ByTicket returns the registration a ticket code names and its event. The code is the
// secret: whoever holds it (the mail's recipient) sees the ticket. A forged, truncated or
// superseded code is simply not found.
func (s *Service) ByTicket(ctx context.Context, code string) (*Registration, *Event, error) {
	regID, eventID, ok := s.tickets.Verify(code)
	if !ok {
		return nil, nil, ErrNotFound
	}
	r, err := regByID(ctx, s.db, regID)
	if err != nil {
		return nil, nil, err
	}
	if r.EventID != eventID || !sameNonce(r, code) {
		return nil, nil, ErrNotFound
	}
	e, err := eventByID(ctx, s.db, eventID)
	if err != nil {
		return nil, nil, err
	}
	if err := loadTypes(ctx, s.db, e); err != nil {
		return nil, nil, err
	}
	s.fill(r)
	return r, e, s.position(ctx, s.db, r)
}

type ticketData struct {
	Reg      *Registration
	Event    localText
	EventURL string
	Type     localText
	When     string
	Place    string
	QR       template.HTML
	Code     string
}

// Ticket serves /tickets/{code}: name, event, time in both cities and the QR code to show at
// the gate.
func (h *Handlers) Ticket(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	reg, e, err := h.svc.ByTicket(ctx, r.PathValue("code"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &ticketData{Reg: reg, Event: local(e.Title, l), EventURL: "/" + l + "/events/" + e.Slug,
		When: WhenText(h.rd.Catalog(), l, e, e.StartsAt), Place: VenueText(e), Code: reg.Ticket}
	if t, ok := e.Type(reg.TypeID); ok {
		d.Type = local(t.Name, l)
	}
	if reg.Status == Confirmed {
		// The SVG is built from numbers only (qr.go), so it is safe to inline.
		d.QR = template.HTML(QRSVG(reg.Ticket))
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Cache-Control", "private, no-store")
	h.rd.Render(w, r, http.StatusOK, "events/ticket", &web.Page{Title: h.rd.T(r, "events.ticket.title"), Data: d})
}

type manageData struct {
	Reg      *Registration
	Event    localText
	EventURL string
	When     string
	Token    string
	Ticket   string
	Answers  []answerLine // (http_questions.go)
}

// Manage serves /registrations/manage?token=…, the link in every mail: the registration and
// a button to cancel it.
func (h *Handlers) Manage(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	token := r.URL.Query().Get("token")
	reg, err := h.svc.RegistrationByToken(ctx, token)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	e, err := eventByID(ctx, h.svc.db, reg.EventID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &manageData{Reg: reg, Event: local(e.Title, l), EventURL: "/" + l + "/events/" + e.Slug,
		When: WhenText(h.rd.Catalog(), l, e, e.StartsAt), Token: token}
	if reg.Status == Confirmed {
		d.Ticket = "/" + l + "/tickets/" + reg.Ticket
	}
	questions, err := questionsOf(ctx, h.svc.db, e.ID, true)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d.Answers = h.answerLines(r, questions, reg)
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Cache-Control", "private, no-store") // the person's answers
	h.rd.Render(w, r, http.StatusOK, "events/manage", &web.Page{Title: h.rd.T(r, "events.manage.title"), Data: d})
}

// CancelManaged serves POST /registrations/manage: cancels through the mail's link. The
// place freed goes to the next person waiting, who is mailed in their own language.
func (h *Handlers) CancelManaged(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	reg, _, err := h.svc.CancelByToken(ctx, form.Get("token"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	e, err := eventByID(ctx, h.svc.db, reg.EventID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.outcome(w, r, http.StatusOK, e, outcomeData{Kind: "cancelled"})
}

type mineRow struct {
	Reg      Registration
	Event    localText
	EventURL string
	When     string
	Ticket   string
}

// Mine serves /my/events: the signed-in person's registrations.
func (h *Handlers) Mine(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	regs, err := h.svc.Mine(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	var rows []mineRow
	for _, reg := range regs {
		e, err := eventByID(ctx, h.svc.db, reg.EventID)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		row := mineRow{Reg: reg, Event: local(e.Title, l), EventURL: "/" + l + "/events/" + e.Slug, When: WhenText(h.rd.Catalog(), l, e, e.StartsAt)}
		if reg.Status == Confirmed {
			row.Ticket = "/" + l + "/tickets/" + reg.Ticket
		}
		rows = append(rows, row)
	}
	h.rd.Render(w, r, http.StatusOK, "events/mine", &web.Page{Title: h.rd.T(r, "events.mine.title"), Data: rows})
}

// CancelMine serves POST /my/events/{id}/cancel.
func (h *Handlers) CancelMine(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, _, err := h.svc.Cancel(ctx, web.ViewerOf(ctx), pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "events.outcome.cancelled.title"))
	http.Redirect(w, r, "/"+lang(r)+"/my/events", http.StatusSeeOther)
}
