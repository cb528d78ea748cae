package events

import (
	"fmt"
	"net/http"

	"github.com/xuri/excelize/v2"
)

// RegistrationsXLSX serves /admin/events/{id}/registrations.xlsx: the CSV's columns as an
// Excel workbook (text is UTF-8 inside the file, so Turkish and Azerbaijani letters need no
// byte-order mark), the header row bold and frozen. Cells are written as strings, so an
// entry starting with "=" stays text and never becomes a formula.
func (h *Handlers) RegistrationsXLSX(w http.ResponseWriter, r *http.Request) {
	e, rows, ok := h.exportTable(w, r)
	if !ok {
		return
	}
	book, err := registrationsWorkbook(h.rd.T(r, "events.admin.registrations"), rows)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	defer book.Close()
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-registrations.xlsx"`, e.Slug))
	w.Header().Set("Cache-Control", "private, no-store")
	if err := book.Write(w); err != nil {
		h.rd.Logger().Error("registrations xlsx", "err", err)
	}
}

// registrationsWorkbook lays rows out on one sheet named sheet; the first row is the header.
func registrationsWorkbook(sheet string, rows [][]string) (*excelize.File, error) {
	f := excelize.NewFile()
	name := excelSheetName(sheet)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		f.Close()
		return nil, err
	}
	widths := []float64{6, 28, 32, 18, 16, 18, 18, 14}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		f.Close()
		return nil, err
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, s := range row {
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: bold, Value: s}
			} else {
				cells[j] = s
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, cells); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// excelSheetName fits Excel's rules: at most 31 characters, none of []:*?/\.
func excelSheetName(s string) string {
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
