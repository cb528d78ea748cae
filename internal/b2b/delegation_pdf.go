package b2b

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/pdfdoc"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Invitation letters for visa applications, drawn with the platform's document
// (internal/platform/pdfdoc): DejaVu Sans is embedded because the standard PDF fonts have no
// ə, ğ, ı, İ or ş, and a consulate must read the passport name exactly as written.

// LetterLangs are the languages a letter can be written in: the interface languages.
var LetterLangs = i18n.Supported

// Letter returns what the invitation letter of a member needs: only the member and
// coordinators may have it (anyone else gets 404, as if it did not exist).
func (s *Delegations) Letter(ctx context.Context, v *web.Viewer, memberID int64) (*Delegation, *Member, error) {
	m, err := s.Member(ctx, v, memberID)
	if err != nil {
		return nil, nil, err
	}
	d, err := delegationByID(ctx, s.db, m.DelegationID)
	if err != nil {
		return nil, nil, err
	}
	if d.Status == DelegationDraft {
		return nil, nil, fmt.Errorf("b2b: letters wait for the announcement: %w", fail.NotFound)
	}
	return d, m, nil
}

// InvitationLetterPDF writes member m's letter in lang; t is the catalog in that language.
// issued is the letter's date.
func InvitationLetterPDF(d *Delegation, m *Member, lang string, issued time.Time, t func(string, ...any) string) ([]byte, error) {
	p, err := pdfdoc.New(t("b2b.delegation.letter.title"), lang, false)
	if err != nil {
		return nil, err
	}
	// A letter flows like text: margins, and a new page when it runs long.
	p.SetMargins(25, 20, 25)
	p.SetAutoPageBreak(true, 20)
	p.SetSubject(d.Reference(m), true)
	p.AddPage()
	l := letter{p}

	l.band(t("b2b.delegation.letter.band"))
	l.text(true, 16, 9, t("b2b.delegation.letter.title"))
	l.text(false, 10, 5, t("b2b.delegation.letter.reference", d.Reference(m)))
	l.text(false, 10, 5, t("b2b.delegation.letter.issued", i18n.FormatDate(lang, issued, i18n.MustLocation(d.Direction.OriginZone()))))
	p.Ln(4)
	l.text(true, 11, 6, t("b2b.delegation.letter.from", d.Host))
	p.Ln(2)
	l.text(false, 11, 6, t("b2b.delegation.letter.salutation"))
	from, to := letterCities(d.Direction, t)
	org := m.Organisation.Name
	if org == "" {
		org = "—"
	}
	role := t("b2b.delegation.role." + string(m.Role))
	l.text(false, 11, 6, t("b2b.delegation.letter.body", d.Host, m.PassportName, m.Nationality, org, role,
		d.Title.In(lang), from, to, DelegationDates(lang, d)))
	p.Ln(3)
	for _, row := range [][2]string{
		{"b2b.delegation.letter.passport_name", m.PassportName},
		{"b2b.delegation.letter.nationality", m.Nationality},
		{"b2b.delegation.letter.organisation", org},
		{"b2b.delegation.letter.role", role},
		{"b2b.delegation.letter.dates", DelegationDates(lang, d)},
		{"b2b.delegation.letter.route", from + " → " + to},
	} {
		l.row(t(row[0]), row[1])
	}
	p.Ln(3)
	l.text(true, 11, 6, t("b2b.delegation.letter.purpose"))
	l.text(false, 11, 6, d.Purpose.In(lang))
	p.Ln(3)
	l.text(false, 11, 6, t("b2b.delegation.letter.request"))
	p.Ln(8)
	l.text(true, 11, 6, d.Host)
	l.text(false, 9, 5, t("b2b.delegation.letter.footer"))
	return p.Bytes()
}

// letterCities names the origin and the destination in the letter's language.
func letterCities(d Direction, t func(string, ...any) string) (from, to string) {
	izmir, baku := t("b2b.delegation.city.izmir"), t("b2b.delegation.city.baku")
	if d == BakuToIzmir {
		return baku, izmir
	}
	return izmir, baku
}

// letter draws on an A4 page in the flow of the text.
type letter struct{ *pdfdoc.Doc }

func (l letter) style(bold bool, size float64) { l.Style(bold, size, pdfdoc.Ink) }

// band is the coloured strip across the top naming the platform (Aegean blue, as the site).
func (l letter) band(s string) {
	l.SetFillColor(pdfdoc.Aegean[0], pdfdoc.Aegean[1], pdfdoc.Aegean[2])
	l.Rect(0, 0, l.W, 14, "F")
	l.Style(true, 11, pdfdoc.White)
	l.SetXY(25, 3)
	l.CellFormat(160, 8, l.Drawable(s), "", 0, "LM", false, 0, "")
	l.SetTextColor(pdfdoc.Ink[0], pdfdoc.Ink[1], pdfdoc.Ink[2])
	l.SetXY(25, 24)
}

func (l letter) text(bold bool, size, lh float64, s string) {
	l.style(bold, size)
	for _, para := range strings.Split(strings.TrimSpace(l.Drawable(s)), "\n") {
		l.MultiCell(0, lh, strings.TrimSpace(para), "", "L", false)
	}
}

// row is a label and its value on one line, the value wrapping beside the label.
func (l letter) row(label, value string) {
	l.Style(false, 10, pdfdoc.Muted)
	l.CellFormat(50, 6, l.Drawable(label), "", 0, "L", false, 0, "")
	l.style(true, 10)
	l.MultiCell(0, 6, l.Drawable(value), "", "L", false)
}
