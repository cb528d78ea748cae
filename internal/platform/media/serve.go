package media

import (
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// ServeFile answers GET and HEAD for a stored file. A key's content never changes, so
// the key is the ETag and caches may keep the file for a year; a handler serving a
// private file sets its own Cache-Control (e.g. "private, no-store") first, and that is
// kept. Byte ranges are honoured (PDF viewers and audio players ask for them).
// downloadName is the name offered when saving; it is cleaned and given the right extension.
func (s *Storage) ServeFile(w http.ResponseWriter, r *http.Request, key, downloadName string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	f, err := s.open(r.Context(), key)
	if errors.Is(err, fail.NotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		slog.ErrorContext(r.Context(), "media: serve", "key", key, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	defer f.Close()

	ct := contentTypeOf(key, f.ContentType())
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("ETag", `"`+strings.NewReplacer("/", "-", ".", "-").Replace(key)+`"`)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	disposition := "attachment"
	if _, ok := allowed[ct]; ok { // our images and PDFs are safe to show in place
		disposition = "inline"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": downloadFileName(key, downloadName)}))
	// ServeContent handles If-None-Match (304), HEAD, Range and Content-Length; the zero
	// time leaves Last-Modified out, as the ETag already validates.
	http.ServeContent(w, r, "", time.Time{}, f)
}

// downloadFileName makes sure the offered name ends with the extension of what is
// actually served: a PNG uploaded as "photo.pdf" downloads as "photo.pdf.png".
func downloadFileName(key, name string) string {
	ext := path.Ext(key)
	// Quotes would be escaped correctly, but not every client unescapes them.
	name = strings.ReplaceAll(CleanName(name), `"`, "'")
	if name == "" {
		return path.Base(key)
	}
	got := strings.ToLower(path.Ext(name))
	if got == ext || ext == ".jpg" && got == ".jpeg" {
		return name
	}
	return name + ext
}
