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
	// Fail, when set, answers an error status with the platform's error page in the
	// visitor's language. The files under /podcast/ skip the session middleware, so the
	// app works the language out from the cookie and Accept-Language.
	Fail func(w http.ResponseWriter, r *http.Request, status int)
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

// fail answers status through Fail, or as plain text when none is set.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, status int) {
	if h.Fail != nil {
		h.Fail(w, r, status)
		return
	}
	http.Error(w, http.StatusText(status), status)
}

// Unknown answers any other path under /podcast/ (the stable prefix of feeds and files):
// a localized 404, or 405 for a method other than GET and HEAD, which is all it serves.
func (h *Handlers) Unknown(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.fail(w, r, http.StatusMethodNotAllowed)
		return
	}
	h.fail(w, r, http.StatusNotFound)
}
