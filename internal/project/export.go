package project

import (
	"encoding/csv"
	"net/http"
	"strings"
)

// The admin exports (proposals, reviews, projects) download as CSV or XLSX.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// download marks the response as a private file called name.
func download(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
}

// excelCSV starts the CSV file name as Excel set to Turkish or Azerbaijani reads it: UTF-8 with a
// byte-order mark (else it reads Windows-1254 and garbles ş, ğ, ı, ə) and ";" between cells
// (it uses "," as the decimal mark).
func excelCSV(w http.ResponseWriter, name string) *csv.Writer {
	download(w, name, "text/csv; charset=utf-8")
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	return cw
}

// cell defuses text a spreadsheet would read as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
