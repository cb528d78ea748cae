package student

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the pages and the JSON API of support requests. They translate HTTP to
// service calls; every rule is in the service.
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

func viewer(r *http.Request) *web.Viewer { return web.ViewerOf(r.Context()) }

func pathID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id
}

// option is one choice of a select or radio group.
type option struct {
	Value, Label string
	Selected     bool
}

func (h *Handlers) options(r *http.Request, prefix string, values []string, selected string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: h.rd.T(r, prefix+v), Selected: v == selected}
	}
	return out
}

// readForm parses a multipart (or plain) form and returns it with the uploaded files of
// field "files"; a file input left empty sends no file.
func readForm(r *http.Request) (*web.Form, []Upload, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, nil, web.ErrTooLarge
		}
		return nil, nil, err
	}
	form, err := web.ParseForm(r)
	if err != nil || r.MultipartForm == nil {
		return form, nil, err
	}
	var files []Upload
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, MaxAttachment+1))
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, Upload{Name: fh.Filename, Data: data})
	}
	return form, files, nil
}
