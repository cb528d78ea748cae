package b2b

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the B2B pages and API.
type Handlers struct {
	svc   *Service
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
}

// NewHandlers wires the pages; flash shows a one-time message on the next page.
func NewHandlers(svc *Service, rd *web.Renderer, flash func(r *http.Request, msg string)) *Handlers {
	return &Handlers{svc: svc, rd: rd, flash: flash}
}

func lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func pathID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// formErrors copies the service's field errors onto f and reports whether err was one.
func formErrors(f *web.Form, err error) bool { return f.FailFields(err) }

// stamp renders when something happened: the date and the time in both cities' zones.
func (h *Handlers) stamp(l string, ev EventInfo, t time.Time) string {
	return i18n.FormatDate(l, t, ev.Location()) + " " + h.dualTime(l, ev, t)
}

// dualTime renders t in the venue's zone with the partner city's beside it:
// "10:00 Bakı · 09:00 İzmir".
func (h *Handlers) dualTime(l string, ev EventInfo, t time.Time) string {
	first, second := h.svc.events.Zones(l, ev)
	return i18n.DualTime(l, t, first, second)
}
