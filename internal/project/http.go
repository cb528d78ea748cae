package project

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the pages and the API of proposals, review and the tracker.
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
