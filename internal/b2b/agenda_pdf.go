package b2b

import (
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/pdfdoc"
)

// B2B papers (agendas, table sheets, the grid) are drawn with the platform's document
// (internal/platform/pdfdoc: A4, DejaVu Sans embedded, so ə/Ə in company names render).
type pdfDoc struct{ *pdfdoc.Doc }

// newPDF starts a document; landscape for wide grids.
func newPDF(title, lang string, landscape bool) (*pdfDoc, error) {
	d, err := pdfdoc.New(title, lang, landscape)
	if err != nil {
		return nil, err
	}
	return &pdfDoc{d}, nil
}

// band draws the coloured strip across the top of a page with text in it.
func (d *pdfDoc) band(text string) {
	d.SetFillColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	d.Rect(0, 0, d.W, 14, "F")
	d.Style(true, 12, pdfdoc.White)
	d.Write(pdfMargin, 3.5, d.W-2*pdfMargin, 7, text, 1, "L")
}

func (d *pdfDoc) rule(y float64) {
	d.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	d.SetLineWidth(0.3)
	d.Line(pdfMargin, y, d.W-pdfMargin, y)
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
	width := d.W - 2*pdfMargin
	d.Style(true, 18, pdfdoc.Ink)
	y := d.Write(pdfMargin, 20, width, 8, title, 3, "L") + 1
	d.Style(false, 12, pdfdoc.Muted)
	y = d.Write(pdfMargin, y, width, 6, a.Profile.Organisation.Name, 2, "L")
	y = d.Write(pdfMargin, y, width, 6, agendaPeople(a.Profile.People), 2, "L") + 2
	d.rule(y)
	y += 4
	if len(a.Meetings) == 0 {
		d.Style(false, 11, pdfdoc.Ink)
		y = d.Write(pdfMargin, y, width, 6, t(emptyAgendaKey(a)), 3, "L") + 4
	}
	day := ""
	for _, it := range a.Meetings {
		if y > d.H-40 {
			d.AddPage()
			d.band(t("b2b.agenda.title"))
			y, day = 20, ""
		}
		if date := i18n.FormatLongDate(lang, it.Slot.StartsAt, first.Location); date != day {
			day = date
			d.Style(true, 12, pdfdoc.Aegean)
			y = d.Write(pdfMargin, y, width, 7, date, 1, "L") + 1
		}
		y = d.agendaBlock(y, width, it, lang, first, second, t)
	}
	return d.waitingList(y, width, a, t)
}

// agendaBlock draws one meeting: the time column on the left, the rest beside it.
func (d *pdfDoc) agendaBlock(y, width float64, it AgendaItem, lang string, first, second i18n.Zone, t Translate) float64 {
	const timeW = 62.0
	d.Style(true, 10, pdfdoc.Ink)
	d.Write(pdfMargin, y, timeW, 5.5, i18n.DualTime(lang, it.Slot.StartsAt, first, second), 2, "L")
	d.Style(false, 9, pdfdoc.Muted)
	d.Write(pdfMargin, y+11, timeW, 4.5, t("b2b.agenda.until", i18n.FormatTime(lang, it.Slot.EndsAt, first.Location)), 1, "L")
	x, w := pdfMargin+timeW+3, width-timeW-3
	d.Style(true, 11, pdfdoc.Ink)
	yy := d.Write(x, y, w, 5.5, it.Other.Name, 2, "L")
	d.Style(false, 10, pdfdoc.Ink)
	yy = d.Write(x, yy, w, 5, agendaTableLabel(t, it.Table), 2, "L")
	d.Style(false, 9, pdfdoc.Muted)
	yy = d.Write(x, yy, w, 4.5, agendaPeople(it.People), 2, "L")
	if it.Meeting.Status != MeetingPlanned {
		yy = d.Write(x, yy, w, 4.5, t("b2b.agenda.status."+string(it.Meeting.Status)), 1, "L")
	}
	y = max(yy, y+16) + 2
	d.rule(y)
	return y + 3
}

func (d *pdfDoc) waitingList(y, width float64, a *Agenda, t Translate) ([]byte, error) {
	if len(a.Waiting) > 0 {
		if y > d.H-30 {
			d.AddPage()
			d.band(t("b2b.agenda.title"))
			y = 20
		}
		d.Style(true, 12, pdfdoc.Aegean)
		y = d.Write(pdfMargin, y+2, width, 7, t("b2b.agenda.waiting"), 1, "L")
		d.Style(false, 10, pdfdoc.Ink)
		for _, it := range a.Waiting {
			if y > d.H-15 {
				d.AddPage()
				y = 20
			}
			y = d.Write(pdfMargin, y, width, 5.5, "• "+it.Other.Name, 2, "L")
		}
	}
	return d.Bytes()
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
