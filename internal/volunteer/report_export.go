package volunteer

import (
	"encoding/csv"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/xuri/excelize/v2"
)

// The report as a file: one table, a line per sum, in the page's language. CSV is written as
// Excel set to Turkish or Azerbaijani reads it (UTF-8 with a byte-order mark, ";" between
// cells, as the project module's exports); XLSX keeps numbers as numbers.

const reportXLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// reportTable is the export's header and lines: section, name, h:mm, decimal hours, volunteers.
func (h *Handlers) reportTable(r *http.Request) ([]string, [][]any, error) {
	rep, f, err := h.report(r)
	if err != nil {
		return nil, nil, err
	}
	if rep == nil {
		for _, key := range f.Errors {
			return nil, nil, fail.Fields{"filter": key}
		}
	}
	t := func(key string) string { return h.rd.T(r, key) }
	head := []string{t("volunteer.hours.report.section"), t("volunteer.hours.report.name"), t("volunteer.hours.report.hm"),
		t("volunteer.hours.report.decimal"), t("volunteer.hours.report.volunteers")}
	rows := [][]any{{t("volunteer.hours.report.total"), "", HoursHM(rep.Minutes), decimalHours(rep.Minutes), rep.Volunteers}}
	for _, sec := range h.sections(r, rep) {
		for _, c := range sec.Lines {
			rows = append(rows, []any{sec.Title, c.Name, c.HM(), decimalHours(c.Minutes), c.Volunteers})
		}
	}
	return head, rows, nil
}

func decimalHours(minutes int) float64 { return math.Round(float64(minutes)/60*100) / 100 }

// ReportCSV serves GET /admin/volunteer/reports.csv.
func (h *Handlers) ReportCSV(w http.ResponseWriter, r *http.Request) {
	head, rows, err := h.reportTable(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	reportDownload(w, "volunteer-hours.csv", "text/csv; charset=utf-8")
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	_ = cw.Write(head)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case float64:
				cells[i] = HoursDecimal(lang(r), int(math.Round(v*60)))
			case int:
				cells[i] = strconv.Itoa(v)
			case string:
				cells[i] = reportCell(v)
			}
		}
		_ = cw.Write(cells)
	}
	cw.Flush()
}

// reportCell defuses text a spreadsheet would read as a formula.
func reportCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ReportXLSX serves GET /admin/volunteer/reports.xlsx.
func (h *Handlers) ReportXLSX(w http.ResponseWriter, r *http.Request) {
	head, rows, err := h.reportTable(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	book := excelize.NewFile()
	defer book.Close()
	if err := fillReportSheet(book, h.rd.T(r, "volunteer.hours.report.sheet"), head, rows); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	reportDownload(w, "volunteer-hours.xlsx", reportXLSXType)
	if err := book.Write(w); err != nil {
		h.rd.Logger().Error("volunteer hours xlsx", "err", err)
	}
}

func fillReportSheet(f *excelize.File, name string, head []string, rows [][]any) error {
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	cells := make([]any, len(head))
	for i, s := range head {
		cells[i] = excelize.Cell{StyleID: bold, Value: s}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for i, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// reportDownload marks the response as a private file called name.
func reportDownload(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
}
