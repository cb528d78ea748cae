package podcast

import (
	"context"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"io"
	"net/http"
	"strings"
	"time"
)

// Counter hears of every audio response once it has ended, with what was delivered: the
// listening statistics (IAB counting) plug in here. Nil counts nothing.
type Counter interface {
	AudioServed(ctx context.Context, d Delivery)
}

// Delivery is one audio response.
type Delivery struct {
	Request   *http.Request
	ShowID    int64
	EpisodeID int64
	Status    int   // 200, 206, 304, 416…
	Bytes     int64 // body bytes written
	Size      int64 // the file's full size
	At        time.Time
}

// serveAudio streams an episode's audio from storage with http.ServeContent: Range
// requests get 206 with exactly the bytes asked for, a malformed or unsatisfiable range
// 416, and the file is read piece by piece, never held in memory.
func (h *Handlers) serveAudio(w http.ResponseWriter, r *http.Request, e *Episode) {
	var counted *countingWriter
	if h.Counter != nil {
		counted = &countingWriter{ResponseWriter: w}
		w = counted
		defer func() {
			h.Counter.AudioServed(context.WithoutCancel(r.Context()), Delivery{Request: r, ShowID: e.ShowID,
				EpisodeID: e.ID, Status: counted.status, Bytes: counted.n, Size: e.AudioSize, At: h.svc.now()})
		}()
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	h.serveFile(w, r, e.AudioKey, e.AudioType, "public, max-age=86400")
}

// serveFile answers a stored file with its true content type; the key never changes for
// the same bytes, so it makes the ETag.
func (h *Handlers) serveFile(w http.ResponseWriter, r *http.Request, key, contentType, cache string) {
	rc, _, err := h.svc.files.Open(r.Context(), key)
	if err != nil {
		h.notFound(w, r, err)
		return
	}
	defer rc.Close()
	rs, ok := rc.(io.ReadSeeker)
	if !ok {
		h.notFound(w, r, errNotSeekable)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", contentType)
	hd.Set("Cache-Control", cache)
	hd.Set("ETag", `"`+strings.NewReplacer("/", "-", ".", "-").Replace(key)+`"`)
	http.ServeContent(w, r, "", time.Time{}, rs)
}

type notSeekable struct{}

func (notSeekable) Error() string { return "podcast: stored file is not seekable" }

var errNotSeekable error = notSeekable{}

// countingWriter remembers the status and the body bytes of a response.
type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (c *countingWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// ReadFrom keeps sendfile on for the audio file while counting what went out.
func (c *countingWriter) ReadFrom(r io.Reader) (int64, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return web.PassReadFrom(c.ResponseWriter, r, func(n int64) { c.n += n })
}
