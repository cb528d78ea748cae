package b2b

import (
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Organiser statistics: /admin/events/{id}/b2b/stats, and the same table as CSV and Excel.
// The page and both files are one table (statsTable), so they cannot disagree.

// statsTable is the header and one row per group (the whole forum, each country, each
// section); cells are int, int64, float64 (average ratings) or string.
type statsTable struct {
	Head []string
	Rows [][]any
}

func (h *Handlers) statsTable(r *http.Request, st *Stats) statsTable {
	l, t := lang(r), func(key string, args ...any) string { return h.rd.T(r, key, args...) }
	head := []string{t("b2b.stats.col.kind"), t("b2b.stats.col.group"), t("b2b.stats.col.participants"),
		t("b2b.stats.col.sent"), t("b2b.stats.col.pending"), t("b2b.stats.col.accepted"), t("b2b.stats.col.declined"),
		t("b2b.stats.col.withdrawn"), t("b2b.stats.col.req_cancelled"), t("b2b.stats.col.meetings"), t("b2b.stats.col.scheduled"),
		t("b2b.stats.col.unscheduled"), t("b2b.stats.col.held"), t("b2b.stats.col.no_show"), t("b2b.stats.col.cancelled")}
	for round := 1; round <= 2; round++ {
		head = append(head, t("b2b.stats.col.answers", round), t("b2b.stats.col.rating", round))
		for _, o := range Outcomes {
			head = append(head, t("b2b.stats.col.outcome", t("b2b.survey.outcome."+string(o)), round))
		}
		head = append(head, t("b2b.stats.col.value", round))
	}
	out := statsTable{Head: head, Rows: [][]any{statsRow(t("b2b.stats.kind.total"), t("b2b.stats.total"), st.Total)}}
	for _, g := range st.ByCountry {
		out.Rows = append(out.Rows, statsRow(t("b2b.stats.kind.country"), g.Code, g.Figures))
	}
	for _, g := range st.BySector {
		out.Rows = append(out.Rows, statsRow(t("b2b.stats.kind.sector"), g.Code+" — "+g.Name.In(l), g.Figures))
	}
	return out
}

func statsRow(kind, group string, f Figures) []any {
	rq, m := f.Requests, f.Meetings
	row := []any{kind, group, f.Participants, rq.Sent, rq.Pending, rq.Accepted, rq.Declined, rq.Withdrawn, rq.Cancelled,
		m.Total, m.Scheduled, m.Unscheduled, m.Held, m.NoShow, m.Cancelled}
	for _, rf := range f.Rounds {
		row = append(row, rf.Answers, rf.AverageRating())
		for _, o := range Outcomes {
			row = append(row, rf.Outcomes[o])
		}
		row = append(row, rf.ValueEUR)
	}
	return row
}

// statsText writes a cell for people in lang: numbers with the language's grouping and decimal
// mark, averages with two decimals.
func statsText(l string, v any) string {
	switch x := v.(type) {
	case int:
		return i18n.FormatInt(l, int64(x))
	case int64:
		return i18n.FormatInt(l, x)
	case float64:
		return i18n.FormatNumber(l, x, 2)
	}
	return fmt.Sprint(v)
}

type statsData struct {
	Event  EventInfo
	Title  string
	Total  Figures
	Table  statsTable
	Cells  [][]string
	Base   string
	Rounds []statsRoundView
}

type statsRoundView struct {
	Label    string
	Answers  string
	Rating   string
	Value    string
	Outcomes []statsCount
}

type statsCount struct{ Label, Count string }

// organiserStats reads the stats for the event in the address; it answers the request
// itself when it returns nil.
func (h *Handlers) organiserStats(w http.ResponseWriter, r *http.Request) *Stats {
	st, err := h.svc.Stats(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil
	}
	return st
}

// Stats serves GET /admin/events/{id}/b2b/stats.
func (h *Handlers) Stats(w http.ResponseWriter, r *http.Request) {
	st := h.organiserStats(w, r)
	if st == nil {
		return
	}
	l := lang(r)
	d := &statsData{Event: st.Event, Title: st.Event.Title.In(l), Total: st.Total, Table: h.statsTable(r, st),
		Base: fmt.Sprintf("/%s/admin/events/%d/b2b/stats", l, st.Event.ID)}
	for _, row := range d.Table.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = statsText(l, v)
		}
		d.Cells = append(d.Cells, cells)
	}
	for i, rf := range st.Total.Rounds {
		rv := statsRoundView{Label: h.rd.T(r, "b2b.stats.round", h.rd.T(r, fmt.Sprintf("b2b.survey.round%d", i+1))),
			Answers: statsText(l, rf.Answers), Rating: "—", Value: statsText(l, rf.ValueEUR)}
		if rf.Answers > 0 { // no answers have no average: 0,00 would read as the worst rating
			rv.Rating = statsText(l, rf.AverageRating())
		}
		for _, o := range Outcomes {
			rv.Outcomes = append(rv.Outcomes, statsCount{h.rd.T(r, "b2b.survey.outcome."+string(o)), statsText(l, rf.Outcomes[o])})
		}
		d.Rounds = append(d.Rounds, rv)
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/stats", &web.Page{Title: h.rd.T(r, "b2b.stats.title"), Data: d})
}

// StatsCSV serves GET /admin/events/{id}/b2b/stats.csv: UTF-8 with a byte-order mark and
// semicolons, as the events module's exports (Excel set to Turkish or Azerbaijani needs
// both). Numbers are written in the page's language, as a spreadsheet there reads them.
func (h *Handlers) StatsCSV(w http.ResponseWriter, r *http.Request) {
	st := h.organiserStats(w, r)
	if st == nil {
		return
	}
	table, l := h.statsTable(r, st), lang(r)
	cw := sheet.CSV(w, st.Event.Slug+"-b2b-stats.csv")
	_ = cw.Write(table.Head)
	for _, row := range table.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = statsCSVCell(l, v)
		}
		_ = cw.Write(cells)
	}
	cw.Flush()
}

// statsCSVCell leaves out thousands separators, which a spreadsheet would take for
// decimals in one language or another; the decimal mark follows the language.
func statsCSVCell(l string, v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'f', 2, 64)
		if l != "en" {
			s = s[:len(s)-3] + "," + s[len(s)-2:]
		}
		return s
	}
	return fmt.Sprint(v)
}

// StatsXLSX serves GET /admin/events/{id}/b2b/stats.xlsx: the same table as an Excel
// workbook with numbers as numbers, the header row bold and frozen.
func (h *Handlers) StatsXLSX(w http.ResponseWriter, r *http.Request) {
	st := h.organiserStats(w, r)
	if st == nil {
		return
	}
	book, err := statsWorkbook(h.rd.T(r, "b2b.stats.sheet"), h.statsTable(r, st))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	defer book.Close()
	sheet.Download(w, st.Event.Slug+"-b2b-stats.xlsx", sheet.XLSXType)
	if err := book.Write(w); err != nil {
		h.rd.Logger().Error("b2b stats xlsx", "err", err)
	}
}

func statsWorkbook(sheet string, t statsTable) (*excelize.File, error) {
	f := excelize.NewFile()
	name := statsSheetName(sheet)
	if err := statsFill(f, name, t); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func statsFill(f *excelize.File, name string, t statsTable) error {
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 36); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	head := make([]any, len(t.Head))
	for i, s := range t.Head {
		head[i] = excelize.Cell{StyleID: bold, Value: s}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, row := range t.Rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// statsSheetName fits Excel's rules: at most 31 characters, none of []:*?/\.
func statsSheetName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = ' '
		}
		out = append(out, r)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}
