package b2b

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

// B2B papers (agendas, table sheets, the grid) use DejaVu Sans embedded from ui/fonts, as the
// events module's tickets do: the standard PDF fonts have no ə/Ə, which every Azerbaijani
// company name needs. b2b does not import events (modules talk through interfaces), so the
// few drawing helpers live here too.

const pdfFont = "DejaVuSans"

var (
	colAegean = [3]int{0x0b, 0x4f, 0x8a}
	colInk    = [3]int{0x17, 0x21, 0x2b}
	colMuted  = [3]int{0x4a, 0x58, 0x66}
	colLine   = [3]int{0xd3, 0xdb, 0xe3}
	colSoft   = [3]int{0xe8, 0xf1, 0xfa}
	colWhite  = [3]int{0xff, 0xff, 0xff}
)

type pdfFontFiles struct {
	regular, bold []byte
	covered       [0x10000 / 64]uint64 // bit r: both faces draw rune r
}

var loadPDFFonts = sync.OnceValues(func() (*pdfFontFiles, error) {
	f := &pdfFontFiles{}
	var err error
	if f.regular, err = fs.ReadFile(ui.FS, "fonts/DejaVuSans.ttf"); err != nil {
		return nil, err
	}
	if f.bold, err = fs.ReadFile(ui.FS, "fonts/DejaVuSans-Bold.ttf"); err != nil {
		return nil, err
	}
	reg, err := sfnt.Parse(f.regular)
	if err != nil {
		return nil, fmt.Errorf("b2b: DejaVuSans.ttf: %w", err)
	}
	bold, err := sfnt.Parse(f.bold)
	if err != nil {
		return nil, fmt.Errorf("b2b: DejaVuSans-Bold.ttf: %w", err)
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

func (f *pdfFontFiles) has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.covered[r/64]&(1<<(r%64)) != 0
}

// text makes s drawable: the PDF library indexes its width tables by rune, so a character
// the font lacks must never reach it. Marks and emoji are dropped, the rest shown as "?".
func (f *pdfFontFiles) text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case f.has(r):
			b.WriteRune(r)
		case r == '₼':
			b.WriteString("AZN")
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.So, unicode.Sk, unicode.Co, unicode.Variation_Selector):
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfDoc is an A4 document in millimetres; all text goes through write so it is drawable.
type pdfDoc struct {
	*fpdf.Fpdf
	fonts *pdfFontFiles
	w, h  float64 // page size
}

// newPDF starts a document; landscape for wide grids.
func newPDF(title, lang string, landscape bool) (*pdfDoc, error) {
	fonts, err := loadPDFFonts()
	if err != nil {
		return nil, err
	}
	orient, w, h := "P", 210.0, 297.0
	if landscape {
		orient, w, h = "L", 297.0, 210.0
	}
	p := fpdf.New(orient, "mm", "A4", "")
	p.AddUTF8FontFromBytes(pdfFont, "", fonts.regular)
	p.AddUTF8FontFromBytes(pdfFont, "B", fonts.bold)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCellMargin(0)
	d := &pdfDoc{Fpdf: p, fonts: fonts, w: w, h: h}
	p.SetTitle(fonts.text(title), true)
	p.SetCreator("Köprü", true)
	if lang != "" {
		p.SetLang(lang)
	}
	return d, p.Error()
}

func (d *pdfDoc) style(bold bool, size float64, c [3]int) {
	s := ""
	if bold {
		s = "B"
	}
	d.SetFont(pdfFont, s, size)
	d.SetTextColor(c[0], c[1], c[2])
}

// lines wraps s to width w in the current font, at most maxLines lines (0: no limit), the
// last one shortened with "…" when the text does not fit.
func (d *pdfDoc) lines(s string, w float64, maxLines int) []string {
	s = d.fonts.text(strings.TrimSpace(s))
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

// write draws s wrapped to width w from (x, y), line height lh, and returns the y below it.
func (d *pdfDoc) write(x, y, w, lh float64, s string, maxLines int, align string) float64 {
	for _, l := range d.lines(s, w, maxLines) {
		d.SetXY(x, y)
		d.CellFormat(w, lh, l, "", 0, align+"M", false, 0, "")
		y += lh
	}
	return y
}

// band draws the coloured strip across the top of a page with text in it.
func (d *pdfDoc) band(text string) {
	d.SetFillColor(colAegean[0], colAegean[1], colAegean[2])
	d.Rect(0, 0, d.w, 14, "F")
	d.style(true, 12, colWhite)
	d.write(pdfMargin, 3.5, d.w-2*pdfMargin, 7, text, 1, "L")
}

func (d *pdfDoc) rule(y float64) {
	d.SetDrawColor(colLine[0], colLine[1], colLine[2])
	d.SetLineWidth(0.3)
	d.Line(pdfMargin, y, d.w-pdfMargin, y)
}

func (d *pdfDoc) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		return nil, fmt.Errorf("b2b: PDF: %w", err)
	}
	return b.Bytes(), nil
}

const pdfMargin = 15.0

// Translate is a message catalog bound to the reader's language.
type Translate func(key string, args ...any) string

// AgendaPDF is a participant's agenda on A4: the forum and the organisation, then one block
// per meeting with its date, times in both zones, table and the other company with its
// people, and the meetings still waiting for a slot at the end.
func AgendaPDF(a *Agenda, lang string, first, second i18n.Zone, t Translate) ([]byte, error) {
	title := a.Event.Title.In(lang)
	d, err := newPDF(title, lang, false)
	if err != nil {
		return nil, err
	}
	d.AddPage()
	d.band(t("b2b.agenda.title"))
	width := d.w - 2*pdfMargin
	d.style(true, 18, colInk)
	y := d.write(pdfMargin, 20, width, 8, title, 3, "L") + 1
	d.style(false, 12, colMuted)
	y = d.write(pdfMargin, y, width, 6, a.Profile.Organisation.Name, 2, "L")
	y = d.write(pdfMargin, y, width, 6, agendaPeople(a.Profile.People), 2, "L") + 2
	d.rule(y)
	y += 4
	if len(a.Meetings) == 0 {
		d.style(false, 11, colInk)
		y = d.write(pdfMargin, y, width, 6, t(emptyAgendaKey(a)), 3, "L") + 4
	}
	day := ""
	for _, it := range a.Meetings {
		if y > d.h-40 {
			d.AddPage()
			d.band(t("b2b.agenda.title"))
			y, day = 20, ""
		}
		if date := i18n.FormatLongDate(lang, it.Slot.StartsAt, first.Location); date != day {
			day = date
			d.style(true, 12, colAegean)
			y = d.write(pdfMargin, y, width, 7, date, 1, "L") + 1
		}
		y = d.agendaBlock(y, width, it, lang, first, second, t)
	}
	return d.waitingList(y, width, a, t)
}

// agendaBlock draws one meeting: the time column on the left, the rest beside it.
func (d *pdfDoc) agendaBlock(y, width float64, it AgendaItem, lang string, first, second i18n.Zone, t Translate) float64 {
	const timeW = 62.0
	d.style(true, 10, colInk)
	d.write(pdfMargin, y, timeW, 5.5, i18n.DualTime(lang, it.Slot.StartsAt, first, second), 2, "L")
	d.style(false, 9, colMuted)
	d.write(pdfMargin, y+11, timeW, 4.5, t("b2b.agenda.until", i18n.FormatTime(lang, it.Slot.EndsAt, first.Location)), 1, "L")
	x, w := pdfMargin+timeW+3, width-timeW-3
	d.style(true, 11, colInk)
	yy := d.write(x, y, w, 5.5, it.Other.Name, 2, "L")
	d.style(false, 10, colInk)
	yy = d.write(x, yy, w, 5, agendaTableLabel(t, it.Table), 2, "L")
	d.style(false, 9, colMuted)
	yy = d.write(x, yy, w, 4.5, agendaPeople(it.People), 2, "L")
	if it.Meeting.Status != MeetingPlanned {
		yy = d.write(x, yy, w, 4.5, t("b2b.agenda.status."+string(it.Meeting.Status)), 1, "L")
	}
	y = max(yy, y+16) + 2
	d.rule(y)
	return y + 3
}

func (d *pdfDoc) waitingList(y, width float64, a *Agenda, t Translate) ([]byte, error) {
	if len(a.Waiting) > 0 {
		if y > d.h-30 {
			d.AddPage()
			d.band(t("b2b.agenda.title"))
			y = 20
		}
		d.style(true, 12, colAegean)
		y = d.write(pdfMargin, y+2, width, 7, t("b2b.agenda.waiting"), 1, "L")
		d.style(false, 10, colInk)
		for _, it := range a.Waiting {
			if y > d.h-15 {
				d.AddPage()
				y = 20
			}
			y = d.write(pdfMargin, y, width, 5.5, "• "+it.Other.Name, 2, "L")
		}
	}
	return d.bytes()
}

// emptyAgendaKey says why an agenda has no placed meetings.
func emptyAgendaKey(a *Agenda) string {
	switch {
	case !a.Visible:
		return "b2b.agenda.not_published"
	case len(a.Waiting) > 0:
		return "b2b.agenda.all_waiting"
	}
	return "b2b.agenda.none"
}

// agendaTableLabel is "Table 2 · Port of Baku stand", or "Table 2" for an unnamed one.
func agendaTableLabel(t Translate, tb Table) string {
	s := t("b2b.agenda.table", tb.Number)
	if tb.Name != "" {
		s += " · " + tb.Name
	}
	return s
}

func agendaPeople(ps []Person) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
