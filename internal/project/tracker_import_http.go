package project

import (
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// maxImportBytes bounds an uploaded import file.
const maxImportBytes = 2 << 20

type importData struct {
	Columns  string
	Applied  int
	Rejected []rejectedView
}

type rejectedView struct {
	Line    int
	Reasons string
}

// ImportForm serves GET /admin/projects/import.
func (h *TrackerHandlers) ImportForm(w http.ResponseWriter, r *http.Request) {
	if err := requireCoordinator(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.importPage(w, r, http.StatusOK, web.NewForm(nil), nil)
}

func (h *TrackerHandlers) importPage(w http.ResponseWriter, r *http.Request, status int, f *web.Form, res *ImportResult) {
	d := importData{Columns: strings.Join(ImportColumns, ";")}
	if res != nil {
		d.Applied = res.Applied
		for _, rej := range res.Rejected {
			var reasons []string
			for field, key := range rej.Fields {
				reasons = append(reasons, h.rd.T(r, "project.tracker.import.field."+field)+": "+h.rd.T(r, key))
			}
			sort.Strings(reasons)
			d.Rejected = append(d.Rejected, rejectedView{Line: rej.Line, Reasons: strings.Join(reasons, "; ")})
		}
	}
	h.rd.Render(w, r, status, "project/tracker_import", &web.Page{Title: h.rd.T(r, "project.tracker.import.title"), Form: f, Data: d})
}

// Import serves POST /admin/projects/import (multipart, the file in "file"): it applies the
// whole file or, when any row is bad, nothing, and lists the rejected rows.
func (h *TrackerHandlers) Import(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := requireCoordinator(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	f := web.NewForm(nil)
	data, err := uploaded(r)
	if err != nil {
		f.Fail("file", "project.tracker.import.error.file")
		h.importPage(w, r, http.StatusUnprocessableEntity, f, nil)
		return
	}
	res, err := h.t.ImportUpdates(r.Context(), v, data)
	if formErrors(f, err) || (res != nil && len(res.Rejected) > 0) {
		h.importPage(w, r, http.StatusUnprocessableEntity, f, res)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.importPage(w, r, http.StatusOK, f, res)
}

func uploaded(r *http.Request) ([]byte, error) {
	if err := r.ParseMultipartForm(maxImportBytes); err != nil {
		return nil, err
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err == nil && len(data) == 0 {
		err = errors.New("empty file")
	}
	return data, err
}
