// Package sheet writes the exports coordinators open in a spreadsheet: CSV as Excel set to
// Turkish or Azerbaijani reads it, and XLSX with numbers kept as numbers. Every module's
// "export to Excel" goes through it, so all of them behave alike.
package sheet

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXType is the content type of an XLSX file.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Download marks the response as a private file called name.
func Download(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
}

// CSV starts the download of the CSV file name as Excel set to Turkish or Azerbaijani reads
// it: UTF-8 with a byte-order mark (else it reads Windows-1254 and garbles ş, ğ, ı, ə) and
// ";" between cells (it uses "," as the decimal mark).
func CSV(w http.ResponseWriter, name string) *csv.Writer {
	Download(w, name, "text/csv; charset=utf-8")
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	return cw
}

// Cell defuses text a spreadsheet would read as a formula.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// XLSX writes one sheet called name: head in bold, then rows, each cell as its Go type
// (numbers stay numbers).
func XLSX(w io.Writer, name string, head []string, rows [][]any) error {
	f := excelize.NewFile()
	defer f.Close()
	if r := []rune(name); len(r) > 31 { // Excel's limit on a sheet's name
		name = string(r[:31])
	}
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
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// XLSXStrings is XLSX for a table of text whose first row is the head.
func XLSXStrings(w io.Writer, name string, table [][]string) error {
	var head []string
	rows := make([][]any, 0, len(table))
	for i, row := range table {
		if i == 0 {
			head = row
			continue
		}
		cells := make([]any, len(row))
		for j, s := range row {
			cells[j] = s
		}
		rows = append(rows, cells)
	}
	return XLSX(w, name, head, rows)
}
