package project

import (
	"context"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Exports of the whole tracker for coordinators: CSV for Excel (UTF-8 with a byte-order mark
// and ";" so Turkish and Azerbaijani Excel open it in columns with ş, ğ, ı, ə intact), XLSX
// and JSON. The CSV and XLSX hold the same table; the JSON is the API's project objects.

// AllProjects lists every project for the exports, in id order.
func (t *Tracker) AllProjects(ctx context.Context, v *web.Viewer) ([]*Project, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	return db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects ORDER BY id`)
}

// exportColumns are the table's header keys; the header itself is in the reader's language.
var exportColumns = []string{"id", "slug", "title_tr", "title_az", "title_en", "status", "progress", "themes",
	"starts_on", "ends_on", "currency", "planned", "spent", "delivered"}

func (h *TrackerHandlers) exportTable(w http.ResponseWriter, r *http.Request) ([][]string, bool) {
	list, err := h.t.AllProjects(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	head := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		head[i] = h.rd.T(r, "project.tracker.column."+c)
	}
	table := [][]string{head}
	for _, p := range list {
		delivered := Budget{PlannedMinor: p.PlannedMinor, SpentMinor: p.SpentMinor}.Delivered()
		table = append(table, []string{strconv.FormatInt(p.ID, 10), p.Slug, sheet.Cell(p.Title.TR), sheet.Cell(p.Title.AZ), sheet.Cell(p.Title.EN),
			string(p.Status), strconv.Itoa(p.Progress), strings.Join(p.Themes, " "), p.StartsOn, p.EndsOn, p.Currency,
			MoneyInput(p.PlannedMinor), MoneyInput(p.SpentMinor), strconv.Itoa(delivered)})
	}
	return table, true
}

// ExportCSV serves GET /admin/projects.csv.
func (h *TrackerHandlers) ExportCSV(w http.ResponseWriter, r *http.Request) {
	table, ok := h.exportTable(w, r)
	if !ok {
		return
	}
	cw := sheet.CSV(w, "projects.csv")
	_ = cw.WriteAll(table)
}

// ExportXLSX serves GET /admin/projects.xlsx: the CSV's table, its header row bold.
func (h *TrackerHandlers) ExportXLSX(w http.ResponseWriter, r *http.Request) {
	table, ok := h.exportTable(w, r)
	if !ok {
		return
	}
	sheet.Download(w, "projects.xlsx", sheet.XLSXType)
	if err := sheet.XLSXStrings(w, h.rd.T(r, "project.tracker.title"), table); err != nil {
		h.rd.Logger().Error("projects xlsx", "err", err)
	}
}

// ExportJSON serves GET /admin/projects.json: every project as the API writes it.
func (h *TrackerHandlers) ExportJSON(w http.ResponseWriter, r *http.Request) {
	list, err := h.t.AllProjects(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	out := make([]apiProject, 0, len(list))
	for _, p := range list {
		out = append(out, apiProjectOf(p))
	}
	w.Header().Set("Content-Disposition", `attachment; filename="projects.json"`)
	w.Header().Set("Cache-Control", "private, no-store")
	web.WriteJSON(w, http.StatusOK, out)
}
