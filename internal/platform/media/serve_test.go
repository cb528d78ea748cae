package media_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
)

func serve(s *media.Storage, req *http.Request, key, name string, header http.Header) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	for k, v := range header {
		w.Header()[k] = v
	}
	s.ServeFile(w, req, key, name)
	return w
}

func TestServeFile(t *testing.T) {
	ctx := context.Background()
	s := openStorage(t, "mem://")
	data := encodePNG(t, 20, 20, 255)
	key := media.NewKey("png", time.Now())
	if err := s.Put(ctx, key, data, "image/png"); err != nil {
		t.Fatal(err)
	}
	get := httptest.NewRequest("GET", "/media/"+key, nil)

	w := serve(s, get, key, "../../photo.pdf", nil)
	h := w.Header()
	if w.Code != 200 || w.Body.String() != string(data) {
		t.Fatalf("GET: %d, %d bytes", w.Code, w.Body.Len())
	}
	if h.Get("Content-Type") != "image/png" || h.Get("Content-Length") != strconv.Itoa(len(data)) ||
		h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers %v", h)
	}
	etag := h.Get("ETag")
	if len(etag) < 28 || etag[0] != '"' || etag[len(etag)-1] != '"' {
		t.Errorf("ETag %q", etag)
	}
	// The name lied about the type; the download says what it is, and has no path.
	if d, p, err := mime.ParseMediaType(h.Get("Content-Disposition")); err != nil || d != "inline" || p["filename"] != "photo.pdf.png" {
		t.Errorf("Content-Disposition %q", h.Get("Content-Disposition"))
	}

	revalidate := httptest.NewRequest("GET", "/media/"+key, nil)
	revalidate.Header.Set("If-None-Match", etag)
	if w := serve(s, revalidate, key, "", nil); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", w.Code, w.Body.Len())
	}

	w = serve(s, httptest.NewRequest("HEAD", "/media/"+key, nil), key, "", nil)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != strconv.Itoa(len(data)) {
		t.Errorf("HEAD: %d, %d bytes, length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}

	ranged := httptest.NewRequest("GET", "/media/"+key, nil)
	ranged.Header.Set("Range", "bytes=0-7")
	if w := serve(s, ranged, key, "", nil); w.Code != http.StatusPartialContent || w.Body.String() != string(data[:8]) {
		t.Errorf("Range: %d %q", w.Code, w.Body.String())
	}

	// A handler serving a private file decides its caching.
	w = serve(s, get, key, "", http.Header{"Cache-Control": {"private, no-store"}})
	if got := w.Header().Get("Cache-Control"); got != "private, no-store" {
		t.Errorf("Cache-Control %q", got)
	}

	if w := serve(s, httptest.NewRequest("POST", "/media/"+key, nil), key, "", nil); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", w.Code)
	}
	for _, k := range []string{media.NewKey("png", time.Now()), "../../etc/passwd"} {
		if w := serve(s, get, k, "", nil); w.Code != http.StatusNotFound {
			t.Errorf("%q: %d", k, w.Code)
		}
	}
}

func TestServeFileNames(t *testing.T) {
	ctx := context.Background()
	s := openStorage(t, "mem://")
	pdf := media.NewKey("pdf", time.Now())
	other := media.NewKey("bin", time.Now())
	s.Put(ctx, pdf, tinyPDF, "application/pdf")
	s.Put(ctx, other, []byte("x"), "application/octet-stream")
	tests := []struct {
		key, name, disposition, filename string
	}{
		{pdf, "İzmir–Bakü protokolü 1986.pdf", "inline", "İzmir–Bakü protokolü 1986.pdf"},
		{pdf, `rapor"; filename="evil.html`, "inline", `rapor'; filename='evil.html.pdf`},
		{pdf, "", "inline", pdf[8:]},
		{other, "data.bin", "attachment", "data.bin"},
	}
	for _, tt := range tests {
		w := serve(s, httptest.NewRequest("GET", "/m", nil), tt.key, tt.name, nil)
		d, p, err := mime.ParseMediaType(w.Header().Get("Content-Disposition"))
		if err != nil || d != tt.disposition || p["filename"] != tt.filename {
			t.Errorf("%q: Content-Disposition %q (%v)", tt.name, w.Header().Get("Content-Disposition"), err)
		}
	}
}

// Local storage hands out the file itself, so net/http can send it with sendfile, and it
// still seeks, reports size and type, and says "not found" for a missing key.
func TestLocalFilesOpenAsFiles(t *testing.T) {
	ctx := context.Background()
	s := openStorage(t, "file://"+t.TempDir())
	key := media.NewKey("mp3", time.Now())
	data := []byte("ID3 ... not really audio, but bytes all the same")
	if err := s.Put(ctx, key, data, "audio/mpeg"); err != nil {
		t.Fatal(err)
	}
	rc, info, err := s.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	f, ok := rc.(*os.File)
	if !ok {
		t.Fatalf("Open gave a %T, want an *os.File", rc)
	}
	if info.Size != int64(len(data)) || info.ContentType != "audio/mpeg" {
		t.Fatalf("info %+v", info)
	}
	if _, err := f.Seek(4, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(f); string(b) != string(data[4:]) {
		t.Fatalf("read after seek %q", b)
	}
	if _, _, err := s.Open(ctx, media.NewKey("mp3", time.Now())); !errors.Is(err, fail.NotFound) {
		t.Fatalf("missing key: %v", err)
	}
}
