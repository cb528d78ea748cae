package b2b

import (
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/pdfdoc"
)

// TablesPDF is one A4 page per table that has meetings, to lay on the table: its number and
// name large, then its meetings in slot order with the time in both zones and both companies.
func TablesPDF(sh *Sheets, lang string, first, second i18n.Zone, t Translate) ([]byte, error) {
	title := sh.Event.Title.In(lang)
	d, err := newPDF(title, lang, false)
	if err != nil {
		return nil, err
	}
	width := d.W - 2*pdfMargin
	pages := 0
	for _, tb := range sh.Programme.Tables {
		ms := sh.AtTable(tb.Number)
		if len(ms) == 0 {
			continue
		}
		pages++
		y, day := d.tablePage(title, tb, t), ""
		for _, m := range ms {
			if y > d.H-30 {
				y, day = d.tablePage(title, tb, t), ""
			}
			if date := i18n.FormatLongDate(lang, m.Slot.StartsAt, first.Location); date != day {
				day = date
				d.Style(true, 11, pdfdoc.Aegean)
				y = d.Write(pdfMargin, y, width, 6, date, 1, "L") + 1
			}
			d.Style(true, 10, pdfdoc.Ink)
			d.Write(pdfMargin, y, 62, 5, i18n.DualTime(lang, m.Slot.StartsAt, first, second), 2, "L")
			d.Style(false, 10, pdfdoc.Ink)
			yy := d.Write(pdfMargin+64, y, width-64, 5, m.Sides[0].Name, 2, "L")
			yy = d.Write(pdfMargin+64, yy, width-64, 5, m.Sides[1].Name, 2, "L")
			y = max(yy, y+10) + 1.5
			d.rule(y)
			y += 2.5
		}
	}
	if pages == 0 {
		d.AddPage()
		d.band(title)
		d.Style(false, 12, pdfdoc.Ink)
		d.Write(pdfMargin, 24, width, 6, t("b2b.sheets.empty"), 2, "L")
	}
	return d.Bytes()
}

// tablePage starts a page for table tb and returns where its list begins.
func (d *pdfDoc) tablePage(title string, tb Table, t Translate) float64 {
	d.AddPage()
	d.band(title)
	width := d.W - 2*pdfMargin
	d.Style(true, 28, pdfdoc.Aegean)
	y := d.Write(pdfMargin, 20, width, 12, t("b2b.agenda.table", tb.Number), 1, "L")
	if tb.Name != "" {
		d.Style(true, 14, pdfdoc.Ink)
		y = d.Write(pdfMargin, y, width, 7, tb.Name, 2, "L")
	}
	d.rule(y + 2)
	return y + 5
}

// Grid layout: landscape A4, a time column and up to gridTables tables per page, rows of
// gridRowH; a wide or long grid continues on further pages, slots first.
const (
	gridTables = 8
	gridTimeW  = 34.0
	gridRowH   = 11.0
	gridTop    = 30.0
)

// GridPDF is the whole schedule as a table of slots (rows) and tables (columns), landscape.
func GridPDF(sh *Sheets, lang string, first, second i18n.Zone, t Translate) ([]byte, error) {
	title := sh.Event.Title.In(lang)
	d, err := newPDF(title, lang, true)
	if err != nil {
		return nil, err
	}
	tables := sh.Programme.Tables
	perPage := int((d.H - gridTop - 10) / gridRowH)
	for from := 0; from < len(tables); from += gridTables {
		cols := tables[from:min(from+gridTables, len(tables))]
		for row := 0; row < len(sh.Slots) || row == 0; row += perPage {
			d.gridPage(sh, title, cols, sh.Slots[row:min(row+perPage, len(sh.Slots))], lang, first, second, t)
		}
	}
	return d.Bytes()
}

func (d *pdfDoc) gridPage(sh *Sheets, title string, cols []Table, slots []ProgrammeSlot, lang string, first, second i18n.Zone, t Translate) {
	d.AddPage()
	d.band(title + " · " + t("b2b.sheets.grid"))
	colW := (d.W - 2*pdfMargin - gridTimeW) / float64(len(cols))
	d.SetDrawColor(pdfdoc.Line[0], pdfdoc.Line[1], pdfdoc.Line[2])
	d.SetLineWidth(0.2)
	y := gridTop - 12
	d.Style(true, 8, pdfdoc.Ink)
	d.Write(pdfMargin, y, gridTimeW, 4, t("b2b.sheets.starts"), 1, "L")
	for i, tb := range cols {
		d.Write(pdfMargin+gridTimeW+float64(i)*colW+1, y, colW-2, 4, agendaTableLabel(t, tb), 3, "L")
	}
	y = gridTop
	for _, sl := range slots {
		d.Line(pdfMargin, y, d.W-pdfMargin, y)
		d.Style(false, 7.5, pdfdoc.Ink)
		d.Write(pdfMargin, y+0.5, gridTimeW-1, 3.5, i18n.FormatDate(lang, sl.StartsAt, first.Location)+"\n"+i18n.DualTime(lang, sl.StartsAt, first, second), 3, "L")
		for i, tb := range cols {
			if m := sh.At(sl.Index, tb.Number); m != nil {
				x := pdfMargin + gridTimeW + float64(i)*colW
				d.Style(false, 6.5, pdfdoc.Ink)
				d.Write(x+1, y+0.5, colW-2, 3.2, m.Sides[0].Name, 1, "L")
				d.Write(x+1, y+3.7, colW-2, 3.2, m.Sides[1].Name, 1, "L")
				if m.Meeting.Status != MeetingPlanned {
					d.Style(true, 6, pdfdoc.Muted)
					d.Write(x+1, y+6.9, colW-2, 3.2, t("b2b.agenda.status."+string(m.Meeting.Status)), 1, "L")
				}
			}
		}
		y += gridRowH
	}
	d.Line(pdfMargin, y, d.W-pdfMargin, y)
	for i := range cols { // column rules, so a cell reads as one table's
		x := pdfMargin + gridTimeW + float64(i)*colW
		d.Line(x, gridTop-12, x, y)
	}
}
