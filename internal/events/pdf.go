package events

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/pdfdoc"
)

// PDFs are drawn with the platform's document (internal/platform/pdfdoc: A4, DejaVu Sans
// embedded for ə/Ə); tickets and badges add the QR code and the fitted name.
type pdfDoc struct{ *pdfdoc.Doc }

func newPDF(title, lang string) (*pdfDoc, error) {
	d, err := pdfdoc.New(title, lang, false)
	if err != nil {
		return nil, err
	}
	return &pdfDoc{d}, nil
}

// fitSize returns the largest font size from size down to least (in steps of 1pt) at which s
// fits in width w on at most maxLines lines.
func (d *pdfDoc) fitSize(bold bool, s string, w float64, maxLines int, size, least float64) float64 {
	for ; size > least; size-- {
		d.Style(bold, size, pdfdoc.Ink)
		if len(d.Lines(s, w, 0)) <= maxLines {
			return size
		}
	}
	return least
}

// qr draws text as a QR code with its top-left corner at (x, y), side mm square including the
// quiet zone, as one vector path: sharp at any zoom and on any printer.
func (d *pdfDoc) qr(text string, x, y, side float64) error {
	m, err := qrModules(text)
	if err != nil {
		return err
	}
	u := side / float64(len(m))
	d.SetFillColor(255, 255, 255)
	d.Rect(x, y, side, side, "F")
	d.SetFillColor(0, 0, 0)
	drawn := false
	for row, cells := range m {
		for col := 0; col < len(cells); {
			if !cells[col] {
				col++
				continue
			}
			start := col
			for col < len(cells) && cells[col] {
				col++
			}
			x0, y0, x1, y1 := x+float64(start)*u, y+float64(row)*u, x+float64(col)*u, y+float64(row+1)*u
			d.MoveTo(x0, y0)
			d.LineTo(x1, y0)
			d.LineTo(x1, y1)
			d.LineTo(x0, y1)
			d.ClosePath()
			drawn = true
		}
	}
	if drawn {
		d.DrawPath("F")
	}
	return nil
}

// TicketPDF is one A4 ticket: event title (in lang with fallback), the person's name,
// registration type, venue, the time in the venue zone and the partner city's zone (first and
// second, first normally the venue's), the ticket code as a large QR code with the code in
// small type beneath, and a line saying the ticket is personal. Labels come from t, the
// message catalog in the reader's language: events.ticket.title, .name, .type, .when, .where
// and .personal. Only a confirmed registration has a ticket: others are refused.
func TicketPDF(e *Event, r *Registration, typeName, lang string, first, second i18n.Zone, t func(string) string) ([]byte, error) {
	if e == nil || r == nil {
		return nil, errors.New("events: TicketPDF needs an event and a registration")
	}
	if r.Status != Confirmed || r.Ticket == "" {
		return nil, fmt.Errorf("events: registration %d is %s, not a confirmed ticket: %w", r.ID, r.Status, ErrNotFound)
	}
	if t == nil {
		t = func(key string) string { return key }
	}
	if first.Location == nil {
		first.Location = e.Location()
	}
	title := e.Title.In(lang)
	d, err := newPDF(title, lang)
	if err != nil {
		return nil, err
	}
	d.AddPage()
	const (
		pageW  = 210.0
		margin = 20.0
		width  = pageW - 2*margin
	)

	// Band across the top: what this paper is.
	d.SetFillColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	d.Rect(0, 0, pageW, 16, "F")
	d.Style(true, 13, [3]int{255, 255, 255})
	d.Write(margin, 4, width, 8, t("events.ticket.title"), 1, "L")

	d.Style(true, 22, pdfdoc.Ink)
	y := d.Write(margin, 26, width, 10, title, 4, "L") + 4
	d.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	d.SetLineWidth(0.3)
	d.Line(margin, y, pageW-margin, y)
	y += 5

	field := func(key, value string, bold bool, size, lh float64) {
		if strings.TrimSpace(value) == "" {
			return
		}
		d.Style(false, 9, pdfdoc.Muted)
		y = d.Write(margin, y, width, 5, t(key), 1, "L")
		d.Style(bold, size, pdfdoc.Ink)
		y = d.Write(margin, y, width, lh, value, 4, "L") + 3.5
	}
	field("events.ticket.name", r.Name, true, 18, 8)
	field("events.ticket.type", typeName, false, 12, 6)
	field("events.ticket.when", ticketWhen(e, lang, first, second), false, 12, 6)
	var where []string
	for _, s := range []string{e.Venue.Name, e.Venue.Address, e.Venue.City} {
		if s = strings.TrimSpace(s); s != "" {
			where = append(where, s)
		}
	}
	field("events.ticket.where", strings.Join(where, "\n"), false, 12, 6)

	// The code, as large as the rest of the page allows (at most 80 mm), centred.
	const bottom = 297.0 - 22
	side := math.Min(80, bottom-8-(y+4))
	side = math.Max(side, 40) // never smaller than a phone reads at arm's length
	qy := y + 4
	if err := d.qr(r.Ticket, (pageW-side)/2, qy, side); err != nil {
		return nil, err
	}
	d.Style(false, 7, pdfdoc.Muted)
	d.Write(margin, qy+side, width, 4, r.Ticket, 2, "C")

	d.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	d.Line(margin, bottom, pageW-margin, bottom)
	d.Style(false, 9, pdfdoc.Muted)
	d.Write(margin, bottom+3, width, 5, t("events.ticket.personal"), 3, "C")
	return d.Bytes()
}

// ticketWhen is the event's date and times: the start date in the first zone, then the start
// and end in both zones; an end on another day (in the first zone) carries its own date.
func ticketWhen(e *Event, lang string, first, second i18n.Zone) string {
	if e.StartsAt.IsZero() {
		return ""
	}
	s := i18n.FormatLongDate(lang, e.StartsAt, first.Location) + "\n" + i18n.DualTime(lang, e.StartsAt, first, second)
	if e.EndsAt.After(e.StartsAt) {
		end := i18n.DualTime(lang, e.EndsAt, first, second)
		if i18n.FormatDate(lang, e.EndsAt, first.Location) != i18n.FormatDate(lang, e.StartsAt, first.Location) {
			end = i18n.FormatLongDate(lang, e.EndsAt, first.Location) + ", " + end
		}
		s += "\n– " + end
	}
	return s
}

// Badge is one attendee's name badge. Code is the ticket code; a badge without one gets no QR
// code, and one without a name is left blank to be written on by hand. Mark is a short
// warning printed in red above the type (that the person did not consent to photos).
type Badge struct{ Name, Organisation, Type, Code, Mark string }

// Badge sheet geometry: eight 95 × 68 mm badges (2 × 4) centred on A4, with cut marks in the
// margins where the cuts run and a faint outline round each badge.
const (
	badgeW, badgeH   = 95.0, 68.0
	badgeCols        = 2
	badgeRows        = 4
	badgesPerPage    = badgeCols * badgeRows
	badgeLeft        = (210.0 - badgeCols*badgeW) / 2
	badgeTop         = (297.0 - badgeRows*badgeH) / 2
	badgePad         = 5.0
	badgeQR          = 30.0
	badgeCutMarkLen  = 5.0
	badgeCutMarkSkip = 1.5 // gap between a mark and the badge edge
)

// BadgesPDF lays out attendee badges eight to an A4 sheet (2 × 4, each 95 × 68 mm) with cut
// marks: the event title small at the top, the name large, the organisation, the registration
// type on a band, and a QR code of the ticket code. It refuses an empty list.
func BadgesPDF(eventTitle string, badges []Badge) ([]byte, error) {
	if len(badges) == 0 {
		return nil, errors.New("events: no badges to print")
	}
	d, err := newPDF(eventTitle, "")
	if err != nil {
		return nil, err
	}
	for i, b := range badges {
		if i%badgesPerPage == 0 {
			d.AddPage()
			d.cutMarks()
		}
		cell := i % badgesPerPage
		x := badgeLeft + float64(cell%badgeCols)*badgeW
		y := badgeTop + float64(cell/badgeCols)*badgeH
		if err := d.badge(x, y, eventTitle, b); err != nil {
			return nil, fmt.Errorf("events: badge %d: %w", i+1, err)
		}
	}
	return d.Bytes()
}

func (d *pdfDoc) cutMarks() {
	d.SetLineWidth(0.2)
	d.SetDrawColor(0, 0, 0)
	const right, bottom = badgeLeft + badgeCols*badgeW, badgeTop + badgeRows*badgeH
	for c := 0; c <= badgeCols; c++ {
		x := badgeLeft + float64(c)*badgeW
		d.Line(x, badgeTop-badgeCutMarkSkip-badgeCutMarkLen, x, badgeTop-badgeCutMarkSkip)
		d.Line(x, bottom+badgeCutMarkSkip, x, bottom+badgeCutMarkSkip+badgeCutMarkLen)
	}
	for r := 0; r <= badgeRows; r++ {
		y := badgeTop + float64(r)*badgeH
		d.Line(badgeLeft-badgeCutMarkSkip-badgeCutMarkLen, y, badgeLeft-badgeCutMarkSkip, y)
		d.Line(right+badgeCutMarkSkip, y, right+badgeCutMarkSkip+badgeCutMarkLen, y)
	}
}

func (d *pdfDoc) badge(x, y float64, eventTitle string, b Badge) error {
	d.SetLineWidth(0.1)
	d.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	d.Rect(x, y, badgeW, badgeH, "D")
	// The event across the top.
	d.SetFillColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	d.Rect(x, y, badgeW, 9, "F")
	d.Style(true, 8.5, [3]int{255, 255, 255})
	d.Write(x+badgePad, y+1.5, badgeW-2*badgePad, 6, eventTitle, 1, "L")

	inner := badgeW - 2*badgePad
	// The name: as large as fits on two lines.
	size := d.fitSize(true, b.Name, inner, 2, 22, 12)
	d.Style(true, size, pdfdoc.Ink)
	lh := size * 0.42
	ny := d.Write(x+badgePad, y+12, inner, lh, b.Name, 2, "L")

	qrX, qrY := x+badgeW-badgePad-badgeQR+2, y+badgeH-badgeQR-2 // the quiet zone is margin enough
	left := qrX - (x + badgePad) - 2
	oy := math.Max(ny+1.5, y+28)
	d.Style(false, 10.5, pdfdoc.Muted)
	d.Write(x+badgePad, oy, left, 4.8, b.Organisation, 3, "L")

	if t := strings.TrimSpace(b.Type); t != "" {
		d.Style(true, 9, pdfdoc.Aegean)
		l := d.Lines(t, left-4, 1)
		w := math.Min(d.GetStringWidth(l[0])+4, left)
		ty := y + badgeH - badgePad - 6
		d.SetFillColor(pdfdoc.Soft[0], pdfdoc.Soft[1], pdfdoc.Soft[2])
		d.RoundedRect(x+badgePad, ty, w, 6, 1.2, "1234", "F")
		d.SetXY(x+badgePad+2, ty)
		d.CellFormat(w-4, 6, l[0], "", 0, "LM", false, 0, "")
	}
	if m := strings.TrimSpace(b.Mark); m != "" {
		d.Style(true, 8.5, pdfdoc.Mark)
		d.Write(x+badgePad, y+badgeH-badgePad-12.5, left, 5, m, 1, "L")
	}
	if b.Code != "" {
		return d.qr(b.Code, qrX, qrY, badgeQR)
	}
	return nil
}
