package pdfdoc

import (
	"bytes"
	"testing"
)

// The font has no manat sign (U+20BC), so documents spell it; this test notices a font that
// gains it.
func TestFontCoverage(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "əƏıİşŞğĞçÇöÖüÜ₺€–·…→" {
		if !f.has(r) {
			t.Errorf("DejaVu Sans lacks %c (%U)", r, r)
		}
	}
	if f.has('₼') {
		t.Error("DejaVu Sans now has ₼: drop the AZN substitute")
	}
	if got := f.drawable("25 ₼ 🎉 e\u0301\t北"); got != "25 AZN  e\u0301 ?" {
		t.Errorf("drawable() = %q", got)
	}
}

// TestLinesShortenTheLast: a text too long for its lines ends in "…" on the last one.
func TestLinesShortenTheLast(t *testing.T) {
	d, err := New("Sınama", "az", true)
	if err != nil {
		t.Fatal(err)
	}
	if d.W != 297 || d.H != 210 {
		t.Fatalf("landscape page %v×%v", d.W, d.H)
	}
	d.AddPage()
	d.Style(false, 10, Ink)
	long := "Şəki ipəyi, Gəncə xalçası və Lənkəran çayı İzmir limanından Bakıya yola düşür. "
	lines := d.Lines(long+long+long, 40, 2)
	if len(lines) != 2 || !bytes.HasSuffix([]byte(lines[1]), []byte("…")) {
		t.Fatalf("lines = %q", lines)
	}
	if y := d.Write(10, 10, 40, 5, long, 0, "L"); y <= 15 {
		t.Errorf("a wrapped text ends at y %v", y)
	}
	b, err := d.Bytes()
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("Bytes: %v, %.10q", err, b)
	}
}
