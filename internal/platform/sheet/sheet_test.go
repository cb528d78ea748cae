package sheet

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A CSV download opens in Excel set to Turkish or Azerbaijani: byte-order mark, ";" between
// cells, letters intact, formulas defused, a private attachment.
func TestCSVForExcel(t *testing.T) {
	w := httptest.NewRecorder()
	cw := CSV(w, "rapor.csv")
	_ = cw.Write([]string{"Ad", "Şəhər"})
	_ = cw.Write([]string{Cell("=HYPERLINK(\"x\")"), "İzmir; Bakı"})
	cw.Flush()
	body := w.Body.String()
	if !strings.HasPrefix(body, "\uFEFFAd;Şəhər\r\n") {
		t.Fatalf("head %q", body)
	}
	if !strings.Contains(body, `"'=HYPERLINK(""x"")";"İzmir; Bakı"`) {
		t.Fatalf("row %q", body)
	}
	if h := w.Header(); h.Get("Content-Disposition") != `attachment; filename="rapor.csv"` || h.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("headers %v", h)
	}
}

// An XLSX keeps numbers as numbers and text as typed, under a sheet name Excel accepts.
func TestXLSXKeepsNumbersAndLetters(t *testing.T) {
	var b bytes.Buffer
	long := "Gönüllülük saatleri raporu — İzmir ve Bakü"
	if err := XLSX(&b, long, []string{"Program", "Saat"}, [][]any{{"Festival könüllüləri", 12.5}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetName(0)
	if name != string([]rune(long)[:31]) {
		t.Fatalf("sheet %q", name)
	}
	rows, err := f.GetRows(name)
	if err != nil || len(rows) != 2 || rows[1][0] != "Festival könüllüləri" {
		t.Fatalf("rows %v, %v", rows, err)
	}
	if typ, _ := f.GetCellType(name, "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("B2 is %v, want a number", typ)
	}
	if v, _ := f.GetCellValue(name, "B2"); v != "12.5" {
		t.Fatalf("B2 = %q", v)
	}
}
