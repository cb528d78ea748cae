// Package pdfdoc makes the platform's PDF documents (tickets, badges, agendas, table sheets,
// invitation letters): A4 in millimetres, with DejaVu Sans embedded from ui/fonts and
// subset into each file. The standard PDF fonts and Go's own fonts have no ə/Ə, which
// every Azerbaijani name needs; every text goes through Drawable first, because the PDF
// library indexes its width tables by rune and must never meet a character the font lacks.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"github.com/kopru-platform/kopru/ui"
)

// Font is the family name documents set with Style (or SetFont, for "" and "B").
const Font = "DejaVuSans"

// Colour is an RGB colour.
type Colour [3]int

// Colours of the site (ui/static/css/site.css).
var (
	Aegean = Colour{0x0b, 0x4f, 0x8a}
	Ink    = Colour{0x17, 0x21, 0x2b}
	Muted  = Colour{0x4a, 0x58, 0x66}
	Line   = Colour{0xd3, 0xdb, 0xe3}
	Soft   = Colour{0xe8, 0xf1, 0xfa}
	Mark   = Colour{0xa8, 0x1c, 0x1c} // restrained red, for a warning
	White  = Colour{0xff, 0xff, 0xff}
)

// fontFiles holds the embedded font files and the set of characters both faces can draw.
type fontFiles struct {
	regular, bold []byte
	covered       [0x10000 / 64]uint64 // bit r: both faces have a glyph for rune r
}

var loadFonts = sync.OnceValues(func() (*fontFiles, error) {
	f := &fontFiles{}
	var err error
	if f.regular, err = fs.ReadFile(ui.FS, "fonts/DejaVuSans.ttf"); err != nil {
		return nil, err
	}
	if f.bold, err = fs.ReadFile(ui.FS, "fonts/DejaVuSans-Bold.ttf"); err != nil {
		return nil, err
	}
	reg, err := sfnt.Parse(f.regular)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: DejaVuSans.ttf: %w", err)
	}
	bold, err := sfnt.Parse(f.bold)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: DejaVuSans-Bold.ttf: %w", err)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		a, err1 := reg.GlyphIndex(&buf, r)
		b, err2 := bold.GlyphIndex(&buf, r)
		if err1 == nil && err2 == nil && a != 0 && b != 0 {
			f.covered[r/64] |= 1 << (r % 64)
		}
	}
	return f, nil
})

func (f *fontFiles) has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.covered[r/64]&(1<<(r%64)) != 0
}

// substitutes spell characters the font lacks. DejaVu Sans 2.37 has no manat sign (U+20BC).
var substitutes = map[rune]string{'₼': "AZN"}

// drawable spells out what the font lacks (₼ → AZN), drops marks, emoji and invisible
// joiners, and shows anything else as "?" rather than as an empty box. Control characters
// other than newlines become spaces.
func (f *fontFiles) drawable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case f.has(r):
			b.WriteRune(r)
		case substitutes[r] != "":
			b.WriteString(substitutes[r])
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.So, unicode.Sk, unicode.Co, unicode.Variation_Selector):
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Doc is an A4 document in millimetres with the fonts added, no margins and no automatic
// page breaks: callers place what they draw.
type Doc struct {
	*fpdf.Fpdf
	fonts *fontFiles
	W, H  float64 // the page's size
}

// New starts a document titled title in language lang (may be empty); landscape for wide
// grids.
func New(title, lang string, landscape bool) (*Doc, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	orient, w, h := "P", 210.0, 297.0
	if landscape {
		orient, w, h = "L", 297.0, 210.0
	}
	p := fpdf.New(orient, "mm", "A4", "")
	p.AddUTF8FontFromBytes(Font, "", fonts.regular)
	p.AddUTF8FontFromBytes(Font, "B", fonts.bold)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCellMargin(0)
	p.SetTitle(fonts.drawable(title), true)
	p.SetCreator("Köprü", true)
	if lang != "" {
		p.SetLang(lang)
	}
	return &Doc{Fpdf: p, fonts: fonts, W: w, H: h}, p.Error()
}

// Drawable makes s safe to draw with the document's font.
func (d *Doc) Drawable(s string) string { return d.fonts.drawable(s) }

// Style sets the font weight, size in points and text colour.
func (d *Doc) Style(bold bool, size float64, c Colour) {
	s := ""
	if bold {
		s = "B"
	}
	d.SetFont(Font, s, size)
	d.SetTextColor(c[0], c[1], c[2])
}

// Lines wraps s to width w in the current font, at most maxLines lines (0: no limit), the
// last shortened with "…" when the text does not fit.
func (d *Doc) Lines(s string, w float64, maxLines int) []string {
	s = d.Drawable(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		out = append(out, d.SplitText(strings.TrimSpace(para), w)...)
	}
	if maxLines > 0 && len(out) > maxLines {
		last := strings.TrimRight(out[maxLines-1], " ")
		for last != "" && d.GetStringWidth(last+"…") > w {
			r := []rune(last)
			last = strings.TrimRight(string(r[:len(r)-1]), " ")
		}
		out = append(out[:maxLines-1], last+"…")
	}
	return out
}

// Write draws s wrapped to width w from (x, y), line height lh, aligned "L", "C" or "R",
// and returns the y below it.
func (d *Doc) Write(x, y, w, lh float64, s string, maxLines int, align string) float64 {
	for _, l := range d.Lines(s, w, maxLines) {
		d.SetXY(x, y)
		d.CellFormat(w, lh, l, "", 0, align+"M", false, 0, "")
		y += lh
	}
	return y
}

// Bytes is the finished document.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		return nil, fmt.Errorf("pdfdoc: %w", err)
	}
	return b.Bytes(), nil
}
