package media

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // registers JPEG with image.Decode
	_ "image/png"  // registers PNG with image.Decode
	"io"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	_ "golang.org/x/image/webp" // registers WebP with image.Decode

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Kind separates pictures, which get variants, from documents, which are kept as they are.
type Kind string

const (
	KindImage    Kind = "image"
	KindDocument Kind = "document"
)

// MaxPixels bounds an image's width×height, checked from its header before decoding:
// a few kilobytes of PNG can claim 20000×20000 pixels and 1.6 GB once decoded.
// 40 megapixels covers any camera photo; decoding one takes up to 160 MB (320 MB for a
// 16-bit PNG), so the upload handler should also bound how many run at once.
const MaxPixels = 40_000_000

// Error is an upload refused for a reason the uploader can fix. It unwraps to
// fail.Fields{"file": key}, so web.StatusOf answers 422 with a translated message.
// Handlers whose form field has another name re-key the Fields.
type Error struct{ Key string }

func (e *Error) Error() string { return e.Key }
func (e *Error) Unwrap() error { return fail.Fields{"file": e.Key} }

var (
	ErrTooLarge = &Error{"media.too_large"} // more bytes than allowed, or more than MaxPixels
	ErrType     = &Error{"media.type"}      // not a JPEG, PNG, WebP or PDF by content
	ErrCorrupt  = &Error{"media.corrupt"}   // the right type, but damaged, truncated or empty
)

// The allow-list, by sniffed content type. SVG is deliberately absent: it can carry script.
var allowed = map[string]struct {
	kind   Kind
	ext    string
	format string // image.DecodeConfig's name for it
}{
	"image/jpeg":      {KindImage, "jpg", "jpeg"},
	"image/png":       {KindImage, "png", "png"},
	"image/webp":      {KindImage, "webp", "webp"},
	"application/pdf": {KindDocument, "pdf", ""},
}

var typeByExt = map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".pdf": "application/pdf"}

// Upload is a file that passed Inspect.
type Upload struct {
	Kind          Kind
	ContentType   string
	Ext           string // without the dot; use it for NewKey
	Data          []byte
	Width, Height int    // images only, as displayed (after EXIF orientation)
	Name          string // the uploader's file name cleaned for display; never part of a key or path

	img         image.Image // decoded by Inspect, so Variants need not decode again
	orientation int
}

// Inspect reads an upload of at most maxBytes and accepts it only if its content is an
// allowed type and intact. The file name and the client's Content-Type are never trusted.
func Inspect(r io.Reader, name string, maxBytes int64) (*Upload, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("media: read upload: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, maxBytes)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty file", ErrCorrupt)
	}
	ct := http.DetectContentType(data)
	a, ok := allowed[ct]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrType, ct)
	}
	u := &Upload{Kind: a.kind, ContentType: ct, Ext: a.ext, Data: data, Name: CleanName(name)}
	if a.kind == KindDocument {
		// A truncated PDF still starts right; its end marker is what goes missing.
		if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
			return nil, fmt.Errorf("%w: pdf without end marker", ErrCorrupt)
		}
		return u, nil
	}
	if err := u.decode(a.format); err != nil {
		return nil, err
	}
	return u, nil
}

func (u *Upload) decode(format string) error {
	cfg, got, err := image.DecodeConfig(bytes.NewReader(u.Data))
	if err != nil {
		return fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	if got != format {
		return fmt.Errorf("%w: sniffed %s, decodes as %s", ErrCorrupt, format, got)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("%w: %d×%d pixels", ErrCorrupt, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return fmt.Errorf("%w: %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(u.Data))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	u.img = img
	u.orientation = 1
	if format == "jpeg" {
		u.orientation = jpegOrientation(u.Data)
	}
	u.Width, u.Height = cfg.Width, cfg.Height
	if u.orientation >= 5 { // turned by a quarter: displayed sideways
		u.Width, u.Height = cfg.Height, cfg.Width
	}
	return nil
}

// CleanName turns an uploaded file name into something safe to show and to offer as a
// download name: the base name only (browsers on Windows send "C:\…\x.jpg"), without
// control or bidirectional-formatting characters (which can disguise "exe.jpg" as
// "gpj.exe"), at most 120 runes with the extension kept.
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		return ""
	}
	const limit = 120
	if utf8.RuneCountInString(name) <= limit {
		return name
	}
	ext := path.Ext(name)
	if utf8.RuneCountInString(ext) > 16 {
		ext = ""
	}
	stem := []rune(strings.TrimSuffix(name, ext))
	return strings.TrimSpace(string(stem[:limit-utf8.RuneCountInString(ext)])) + ext
}
