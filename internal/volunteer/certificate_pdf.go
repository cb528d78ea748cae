package volunteer

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/pdfdoc"
)

// The certificate is one A4 page drawn with the platform's document (DejaVu Sans embedded,
// so Ə, İ, ğ and ş print as written): the two cities, the holder, the programme, the hours
// as figures and in words, the issuing organisations, and a QR code of the public
// verification page beside the code for typing it in.

// certificateSheet is everything the page shows, already in its language.
type certificateSheet struct {
	Lang      string
	Holder    string
	Programme string
	City      string // izmir, baku
	Minutes   int
	FirstDay  time.Time
	LastDay   time.Time
	IssuedAt  time.Time
	Zone      *time.Location // where the issue date is read: the programme's
	Issuers   []string
	Code      string
	URL       string // of the verification page, encoded in the QR code
}

// Caspian turquoise, Bakü's colour on the site, beside İzmir's Aegean blue.
var certCaspian = pdfdoc.Colour{0x0a, 0x6b, 0x73}

// renderCertificate draws c of programme p in lang, with the title and issuers it was
// issued with.
func (s *Service) renderCertificate(p *Programme, c *issuedCertificate, lang string) ([]byte, error) {
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	sheet := certificateSheet{Lang: lang, Holder: c.HolderName, Programme: certTitle(c, p).In(lang), City: p.City,
		Minutes: c.Minutes, FirstDay: c.FirstDay, LastDay: c.LastDay, IssuedAt: c.IssuedAt, Zone: p.Location(),
		Issuers: s.issuersIn(c, lang), Code: c.Code, URL: VerificationURL(s.baseURL, lang, c.Code)}
	return certificatePDF(sheet, func(key string, args ...any) string { return s.cat.T(lang, key, args...) })
}

// certificatePDF lays out the page; t reads the catalog in the sheet's language.
func certificatePDF(sh certificateSheet, t func(string, ...any) string) ([]byte, error) {
	d, err := pdfdoc.New(t("volunteer.certificates.pdf.title")+" · "+sh.Holder, sh.Lang, false)
	if err != nil {
		return nil, err
	}
	d.SetSubject(sh.Programme, true)
	d.AddPage()
	page := certificatePage{d}
	page.frame()

	const left, width = 25.0, 160.0
	y := 24.0
	d.Style(true, 12, pdfdoc.Aegean)
	y = d.Write(left, y, width, 6, t("volunteer.certificates.pdf.cities"), 1, "C")
	d.Style(false, 9, pdfdoc.Muted)
	y = d.Write(left, y, width, 5, t("volunteer.certificates.pdf.partnership"), 1, "C")
	page.rule(y + 4)

	d.Style(true, 26, pdfdoc.Ink)
	y = d.Write(left, y+12, width, 12, t("volunteer.certificates.pdf.title"), 2, "C")
	d.Style(false, 12, pdfdoc.Muted)
	y = d.Write(left, y+8, width, 6, t("volunteer.certificates.pdf.certifies"), 2, "C")
	size := page.fit(sh.Holder, width, 28, 16)
	d.Style(true, size, pdfdoc.Ink)
	y = d.Write(left, y+4, width, size*0.5, sh.Holder, 2, "C")
	d.Style(false, 12, pdfdoc.Muted)
	y = d.Write(left, y+4, width, 6, t("volunteer.certificates.pdf.served"), 2, "C")
	d.Style(true, 16, pdfdoc.Aegean)
	y = d.Write(left, y+3, width, 8, sh.Programme, 3, "C")

	// The facts, label beside value, centred as a block.
	y += 10
	rows := [][2]string{
		{t("volunteer.certificates.pdf.dates"), certificateDates(sh.Lang, sh.FirstDay, sh.LastDay)},
		{t("volunteer.certificates.pdf.hours"), t("volunteer.certificates.pdf.hours_value", HoursMinutes(sh.Minutes)) +
			"\n(" + HoursInWords(sh.Lang, sh.Minutes) + ")"},
		{t("volunteer.certificates.pdf.city"), t("volunteer.certificates.city." + sh.City)},
		{t("volunteer.certificates.pdf.issuers"), strings.Join(sh.Issuers, "\n")},
		{t("volunteer.certificates.pdf.issued"), i18n.FormatLongDate(sh.Lang, sh.IssuedAt, sh.Zone)},
	}
	for _, r := range rows {
		y = page.fact(r[0], r[1], y)
	}

	// The verification: QR code on the left, the code and the address beside it.
	const qrSide, bottom = 42.0, 224.0
	page.rule(bottom - 4)
	qx, qy := left, bottom+2
	if err := page.qr(sh.URL, qx, qy, qrSide); err != nil {
		return nil, err
	}
	d.LinkString(qx, qy, qrSide, qrSide, sh.URL)
	tx, tw := left+qrSide+6, width-qrSide-6
	d.Style(false, 9, pdfdoc.Muted)
	ty := d.Write(tx, qy+4, tw, 5, t("volunteer.certificates.pdf.code"), 1, "L")
	d.Style(true, 18, pdfdoc.Ink)
	ty = d.Write(tx, ty+1, tw, 9, DisplayCode(sh.Code), 1, "L")
	d.Style(false, 9, pdfdoc.Muted)
	ty = d.Write(tx, ty+2, tw, 4.6, t("volunteer.certificates.pdf.verify"), 3, "L")
	d.Style(false, 8.5, pdfdoc.Aegean)
	uy := ty + 1
	ty = d.Write(tx, uy, tw, 4.4, sh.URL, 2, "L")
	d.LinkString(tx, uy, tw, ty-uy, sh.URL)

	d.Style(false, 8, pdfdoc.Muted)
	d.Write(left, 274, width, 4, t("volunteer.certificates.pdf.footer"), 2, "C")
	return d.Bytes()
}

// certificateDates is the period worked: one day, or first – last.
func certificateDates(lang string, first, last time.Time) string {
	if first.IsZero() {
		return "—"
	}
	a := i18n.FormatLongDate(lang, first, time.UTC)
	if last.IsZero() || last.Equal(first) {
		return a
	}
	return a + " – " + i18n.FormatLongDate(lang, last, time.UTC)
}

type certificatePage struct{ *pdfdoc.Doc }

// frame is the border: a firm Aegean line with a fine one inside it.
func (p certificatePage) frame() {
	p.SetDrawColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	p.SetLineWidth(0.7)
	p.Rect(10, 10, p.W-20, p.H-20, "D")
	p.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	p.SetLineWidth(0.25)
	p.Rect(13, 13, p.W-26, p.H-26, "D")
}

// rule is a short centred line at y, half Aegean (İzmir), half Caspian (Bakü).
func (p certificatePage) rule(y float64) {
	mid := p.W / 2
	p.SetLineWidth(0.6)
	p.SetDrawColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	p.Line(mid-24, y, mid, y)
	p.SetDrawColor(certCaspian[0], certCaspian[1], certCaspian[2])
	p.Line(mid, y, mid+24, y)
}

// fit is the largest size from most down to least (points) at which s stays on one line of
// width w in bold; longer names wrap at least.
func (p certificatePage) fit(s string, w, most, least float64) float64 {
	for size := most; size > least; size-- {
		p.Style(true, size, pdfdoc.Ink)
		if p.GetStringWidth(p.Drawable(s)) <= w {
			return size
		}
	}
	return least
}

// fact draws a label and its value on one row and returns the y below the taller of them.
func (p certificatePage) fact(label, value string, y float64) float64 {
	const labelX, labelW, valueX, valueW = 25.0, 58.0, 87.0, 98.0
	p.Style(false, 10, pdfdoc.Muted)
	ly := p.Write(labelX, y, labelW, 5.6, label, 2, "R")
	p.Style(true, 11, pdfdoc.Ink)
	vy := p.Write(valueX, y, valueW, 5.6, value, 6, "L")
	return math.Max(ly, vy) + 2.5
}

// qr draws text as a QR code (medium error correction, with its quiet zone) side mm square
// at (x, y): each run of dark modules in a row is one filled rectangle, so the code stays
// sharp however far a reader zooms.
func (p certificatePage) qr(text string, x, y, side float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("volunteer: certificate QR code: %w", err)
	}
	modules := q.Bitmap()
	unit := side / float64(len(modules))
	p.SetFillColor(0, 0, 0)
	for row, line := range modules {
		for col := 0; col < len(line); col++ {
			if !line[col] {
				continue
			}
			end := col
			for end < len(line) && line[end] {
				end++
			}
			p.Rect(x+float64(col)*unit, y+float64(row)*unit, float64(end-col)*unit, unit, "F")
			col = end
		}
	}
	return nil
}
