package b2b

import (
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Organisers' sheets: /admin/events/{id}/b2b/sheets lists the meetings by slot with
// attendance buttons and links to the table sheets and the grid (PDF) and the grid and
// meeting list (CSV).

type sheetRow struct {
	ID     int64
	Slot   int
	When   string
	Table  string
	Sides  string
	Status string
	Action string
}

type sheetsView struct {
	Event   EventInfo
	Title   string
	Base    string // /{lang}/admin/events/{id}/b2b
	Rows    []sheetRow
	Waiting int
	Visible bool
}

// sheetsOf reads the schedule for an organiser; it answers the request itself on failure.
func (h *Handlers) sheetsOf(w http.ResponseWriter, r *http.Request) (*Sheets, bool) {
	sh, err := h.svc.Sheets(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return sh, true
}

// Sheets serves GET /admin/events/{id}/b2b/sheets.
func (h *Handlers) Sheets(w http.ResponseWriter, r *http.Request) {
	sh, ok := h.sheetsOf(w, r)
	if !ok {
		return
	}
	l := lang(r)
	d := &sheetsView{Event: sh.Event, Title: sh.Event.Title.In(l), Base: fmt.Sprintf("/%s/admin/events/%d/b2b", l, sh.Event.ID),
		Waiting: sh.Waiting, Visible: sh.Programme.ScheduleVisible()}
	for _, m := range sh.Meetings {
		d.Rows = append(d.Rows, sheetRow{ID: m.Meeting.ID, Slot: m.Slot.Index + 1,
			When:  h.dualTime(l, sh.Event, m.Slot.StartsAt),
			Table: agendaTableLabel(h.agendaT(r), m.Table), Sides: m.pair(),
			Status: h.rd.T(r, "b2b.agenda.status."+string(m.Meeting.Status)),
			Action: fmt.Sprintf("%s/meetings/%d/attendance", d.Base, m.Meeting.ID)})
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/sheets", &web.Page{Title: h.rd.T(r, "b2b.sheets.title"), Data: d})
}

// TablesPDF serves GET /admin/events/{id}/b2b/sheets/tables.pdf.
func (h *Handlers) TablesPDF(w http.ResponseWriter, r *http.Request) {
	h.sheetPDF(w, r, "tables", TablesPDF)
}

// GridPDF serves GET /admin/events/{id}/b2b/sheets/grid.pdf.
func (h *Handlers) GridPDF(w http.ResponseWriter, r *http.Request) {
	h.sheetPDF(w, r, "grid", GridPDF)
}

type sheetMaker func(*Sheets, string, i18n.Zone, i18n.Zone, Translate) ([]byte, error)

func (h *Handlers) sheetPDF(w http.ResponseWriter, r *http.Request, name string, build sheetMaker) {
	sh, ok := h.sheetsOf(w, r)
	if !ok {
		return
	}
	first, second := h.svc.events.Zones(lang(r), sh.Event)
	b, err := build(sh, lang(r), first, second, h.agendaT(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	sendPaper(w, "application/pdf", fmt.Sprintf("%s-b2b-%s.pdf", sh.Event.Slug, name), b)
}

// GridCSV serves GET /admin/events/{id}/b2b/sheets/grid.csv.
func (h *Handlers) GridCSV(w http.ResponseWriter, r *http.Request) {
	sh, ok := h.sheetsOf(w, r)
	if !ok {
		return
	}
	first, second := h.svc.events.Zones(lang(r), sh.Event)
	writeSheetCSV(w, sh.Event.Slug+"-b2b-grid.csv", sh.GridRows(lang(r), first, second, h.agendaT(r)))
}

// MeetingsCSV serves GET /admin/events/{id}/b2b/sheets/meetings.csv.
func (h *Handlers) MeetingsCSV(w http.ResponseWriter, r *http.Request) {
	sh, ok := h.sheetsOf(w, r)
	if !ok {
		return
	}
	first, second := h.svc.events.Zones(lang(r), sh.Event)
	writeSheetCSV(w, sh.Event.Slug+"-b2b-meetings.csv", sh.MeetingRows(lang(r), first, second, h.agendaT(r)))
}

// writeSheetCSV sends rows as the events module's exports do: UTF-8 with a byte-order mark (or
// Excel reads Windows-1254 and garbles ş, ğ, ı, ə), separated by ";" (Excel set to Turkish
// or Azerbaijani splits lists there, the comma being the decimal mark), cells a spreadsheet
// would run as a formula defused with a leading apostrophe.
func writeSheetCSV(w http.ResponseWriter, name string, rows [][]string) {
	cw := sheet.CSV(w, name)
	for _, row := range rows {
		for i := range row {
			row[i] = sheet.Cell(row[i])
		}
		_ = cw.Write(row)
	}
	cw.Flush()
}

// MarkFromSheets serves POST /admin/events/{id}/b2b/meetings/{mid}/attendance: an organiser
// marks any meeting from the sheets page.
func (h *Handlers) MarkFromSheets(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	if err := requireOrganiser(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.mark(w, r, f, fmt.Sprintf("/%s/admin/events/%d/b2b/sheets", lang(r), pathID(r)))
}
