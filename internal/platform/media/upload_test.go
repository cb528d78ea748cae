package media_test

import (
	"bytes"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

const limit = 1 << 20

func TestInspectTrustsContentNotName(t *testing.T) {
	tests := []struct {
		name, file    string
		data          []byte
		kind          media.Kind
		ct, ext       string
		width, height int
	}{
		{"png named as pdf", "photo.pdf", encodePNG(t, 30, 20, 255), media.KindImage, "image/png", "png", 30, 20},
		{"jpeg without extension", "IMG_0001", encodeJPEG(t, 64, 48), media.KindImage, "image/jpeg", "jpg", 64, 48},
		{"webp named as jpeg", "x.jpg", tinyWebP, media.KindImage, "image/webp", "webp", 1, 1},
		{"pdf named as png", "rapor.png", tinyPDF, media.KindDocument, "application/pdf", "pdf", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := media.Inspect(bytes.NewReader(tt.data), tt.file, limit)
			if err != nil {
				t.Fatal(err)
			}
			if u.Kind != tt.kind || u.ContentType != tt.ct || u.Ext != tt.ext || u.Width != tt.width || u.Height != tt.height {
				t.Errorf("got %s %s .%s %d×%d, want %s %s .%s %d×%d", u.Kind, u.ContentType, u.Ext, u.Width, u.Height, tt.kind, tt.ct, tt.ext, tt.width, tt.height)
			}
			if !bytes.Equal(u.Data, tt.data) || u.Name != tt.file {
				t.Errorf("data or name changed: name %q", u.Name)
			}
		})
	}
}

func TestInspectRefuses(t *testing.T) {
	jpg := encodeJPEG(t, 64, 64)
	tests := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"text named as jpeg", "image.jpg", []byte("just some words, not a picture"), media.ErrType},
		{"html", "page.png", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), media.ErrType},
		{"svg, which can carry script", "logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), media.ErrType},
		{"bare svg", "logo.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), media.ErrType},
		{"windows executable", "photo.jpg", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...), media.ErrType},
		{"elf executable", "photo.jpg", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...), media.ErrType},
		{"gif, not on the list", "a.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), media.ErrType},
		{"zip", "a.pdf", []byte("PK\x03\x04\x14\x00\x00\x00"), media.ErrType},
		{"empty", "a.jpg", nil, media.ErrCorrupt},
		{"oversized", "big.png", encodeJPEG(t, 200, 200), media.ErrTooLarge},
		{"truncated jpeg", "cut.jpg", jpg[:len(jpg)/2], media.ErrCorrupt},
		{"png signature with garbage", "a.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 100)...), media.ErrCorrupt},
		{"truncated pdf", "a.pdf", tinyPDF[:20], media.ErrCorrupt},
		{"decompression bomb", "bomb.png", pngBomb(t, 20000, 20000), media.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			maxBytes := int64(limit)
			if tt.name == "oversized" {
				maxBytes = int64(len(tt.data)) - 1 // one byte over
			}
			u, err := media.Inspect(bytes.NewReader(tt.data), tt.file, maxBytes)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, %v; want %v", u, err, tt.want)
			}
			var fields fail.Fields
			if !errors.As(err, &fields) || fields["file"] != tt.want.Error() {
				t.Errorf("fields %v, want file: %s", fields, tt.want)
			}
			if s := web.StatusOf(err); s != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", s)
			}
		})
	}
}

func TestInspectStopsReadingAtLimit(t *testing.T) {
	r := &countingReader{r: bytes.NewReader(make([]byte, 10*limit))}
	if _, err := media.Inspect(r, "big.pdf", limit); !errors.Is(err, media.ErrTooLarge) {
		t.Fatal(err)
	}
	if r.n > limit+1 {
		t.Errorf("read %d bytes of a %d-byte limit", r.n, limit)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// The header claims 1.6 GB of pixels; refusing it must cost next to nothing, which shows
// the pixels were never decoded.
func TestInspectRefusesBombBeforeDecoding(t *testing.T) {
	bomb := pngBomb(t, 20000, 20000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := media.Inspect(bytes.NewReader(bomb), "bomb.png", limit)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, media.ErrTooLarge) {
		t.Fatal(err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("allocated %d bytes to refuse a bomb", n)
	}
}

func TestCleanName(t *testing.T) {
	long := strings.Repeat("ş", 200)
	tests := []struct{ in, want string }{
		{"İzmir Bakü 1986.pdf", "İzmir Bakü 1986.pdf"},
		{"../../etc/passwd", "passwd"},
		{"/etc/passwd", "passwd"},
		{`C:\Users\ayse\Desktop\afiş.png`, "afiş.png"},
		{`..\..\windows\system32\x.jpg`, "x.jpg"},
		{"..", ""},
		{"dir/..", ""},
		{"a\x00b\nc\td.png", "abcd.png"},
		{"photo\u202egpj.exe", "photogpj.exe"}, // right-to-left override would show "photoexe.jpg"
		{"  spaced.jpg  ", "spaced.jpg"},
		{"bad\xffutf8.jpg", "badutf8.jpg"},
		{long + ".jpg", strings.Repeat("ş", 116) + ".jpg"},
	}
	for _, tt := range tests {
		if got := media.CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	u, err := media.Inspect(bytes.NewReader(tinyPDF), "../../../etc/passwd.pdf", limit)
	if err != nil || u.Name != "passwd.pdf" {
		t.Errorf("Inspect name %q, %v", u.Name, err)
	}
}
