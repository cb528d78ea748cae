package student

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

var errUnauthorized = fail.Unauthorized

// File serves GET /support/{id}/files/{aid} to whoever may read the request. The file is
// always a download (Content-Disposition: attachment) with its sniffed type and nosniff,
// never cached: a passport scan must not open inline or linger in a shared cache.
func (h *Handlers) File(w http.ResponseWriter, r *http.Request) {
	a, f, err := h.svc.Attachment(r.Context(), viewer(r), pathID(r, "id"), pathID(r, "aid"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	defer f.Close()
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})
	if disposition == "" { // a name the encoder refuses: still a download, under a plain name
		disposition = "attachment"
	}
	hd.Set("Content-Disposition", disposition)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	_, _ = io.Copy(w, f)
}
