package events

import (
	"fmt"
	"net/http"
	"strings"
)

// TicketOrPDF serves /tickets/{code} and /tickets/{code}.pdf: a mux pattern cannot end a
// wildcard with a suffix, and a ticket code never ends in ".pdf" (its MAC is fixed-length
// base64url after the only dot).
func (h *Handlers) TicketOrPDF(w http.ResponseWriter, r *http.Request) {
	if code, ok := strings.CutSuffix(r.PathValue("code"), ".pdf"); ok {
		h.TicketPDF(w, r, code)
		return
	}
	h.Ticket(w, r)
}

// TicketPDF serves the printable ticket of a confirmed registration. The access rule is the
// ticket page's: the code is the secret. A waiting, pending or cancelled registration has no
// ticket to print and is not found.
func (h *Handlers) TicketPDF(w http.ResponseWriter, r *http.Request, code string) {
	ctx, l := r.Context(), lang(r)
	reg, e, err := h.svc.ByTicket(ctx, code)
	if err == nil && reg.Status != Confirmed {
		err = ErrNotFound
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	typeName := ""
	if t, ok := e.Type(reg.TypeID); ok {
		typeName = t.Name.In(l)
	}
	cat := h.rd.Catalog()
	first, second := Zones(cat, l, e)
	pdf, err := TicketPDF(e, reg, typeName, l, first, second, func(key string) string { return cat.T(l, key) })
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="`+safeFilename("ticket-"+e.Slug)+`.pdf"`)
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Robots-Tag", "noindex")
	_, _ = w.Write(pdf)
}

// Badges serves /admin/events/{id}/badges.pdf for coordinators: a badge for each confirmed
// registration, in the order they registered.
func (h *Handlers) Badges(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx, l := r.Context(), lang(r)
	e, err := h.svc.Get(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	regs, err := h.svc.Registrations(ctx, v, e.ID, Confirmed)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	badges := make([]Badge, 0, len(regs))
	for _, reg := range regs {
		if reg.Status != Confirmed {
			continue
		}
		b := Badge{Name: reg.Name, Code: reg.Ticket}
		if t, ok := e.Type(reg.TypeID); ok {
			b.Type = t.Name.In(l)
		}
		// Photographers must see who did not agree to be photographed (or was never asked,
		// having registered before the form asked).
		granted, decided := reg.Consented(PhotoConsent)
		if (e.Questionnaire.Asks(PhotoConsent) || decided) && !granted {
			b.Mark = h.rd.T(r, "events.badge.no_photos")
		}
		badges = append(badges, b)
	}
	back := fmt.Sprintf("/%s/admin/events/%d/registrations", l, e.ID)
	if len(badges) == 0 {
		h.flash(r, h.rd.T(r, "events.badges.none"))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	pdf, err := BadgesPDF(e.Title.In(l), badges)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="`+safeFilename(e.Slug+"-badges")+`.pdf"`)
	hd.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(pdf)
}

// safeFilename keeps ASCII letters, digits and dashes, so the name needs no quoting or
// encoding in Content-Disposition and cannot name a path.
func safeFilename(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '-'
	}, s)
	s = strings.Trim(s, "-")
	if len(s) > 100 {
		s = strings.Trim(s[:100], "-")
	}
	if s == "" {
		return "document"
	}
	return s
}
