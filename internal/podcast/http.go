package podcast

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the module's pages, files, feed and API.
type Handlers struct {
	svc   *Service
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
	// Counter, when set, hears of every audio response (listening statistics).
	Counter Counter
}

// NewHandlers wires the pages; flash shows a one-time message on the next page.
func NewHandlers(svc *Service, rd *web.Renderer, flash func(r *http.Request, msg string)) *Handlers {
	return &Handlers{svc: svc, rd: rd, flash: flash}
}

func lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func viewer(r *http.Request) *web.Viewer { return web.ViewerOf(r.Context()) }

func pathID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id
}
