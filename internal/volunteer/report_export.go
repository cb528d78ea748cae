package volunteer

import (
	"math"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
)

// The report as a file: one table, a line per sum, in the page's language. CSV is written as
// Excel set to Turkish or Azerbaijani reads it (UTF-8 with a byte-order mark, ";" between
// cells, as the project module's exports); XLSX keeps numbers as numbers.

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
	cw := sheet.CSV(w, "volunteer-hours.csv")
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
				cells[i] = sheet.Cell(v)
			}
		}
		_ = cw.Write(cells)
	}
	cw.Flush()
}

// ReportXLSX serves GET /admin/volunteer/reports.xlsx.
func (h *Handlers) ReportXLSX(w http.ResponseWriter, r *http.Request) {
	head, rows, err := h.reportTable(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	sheet.Download(w, "volunteer-hours.xlsx", sheet.XLSXType)
	if err := sheet.XLSX(w, h.rd.T(r, "volunteer.hours.report.sheet"), head, rows); err != nil {
		h.rd.Logger().Error("volunteer hours xlsx", "err", err)
	}
}
