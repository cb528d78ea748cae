package b2b

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// Invitation letters for visa applications. The letter is drawn in DejaVu Sans, embedded in
// the binary and subset into the PDF, because the standard PDF fonts have no ə, ğ, ı, İ or ş
// and a consulate must read the passport name exactly as written.

const letterFont = "DejaVuSans"

var letterFonts = sync.OnceValues(func() ([2][]byte, error) {
	regular, err := fs.ReadFile(ui.FS, "fonts/DejaVuSans.ttf")
	if err != nil {
		return [2][]byte{}, err
	}
	bold, err := fs.ReadFile(ui.FS, "fonts/DejaVuSans-Bold.ttf")
	return [2][]byte{regular, bold}, err
})

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
	fonts, err := letterFonts()
	if err != nil {
		return nil, err
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(letterFont, "", fonts[0])
	p.AddUTF8FontFromBytes(letterFont, "B", fonts[1])
	p.SetMargins(25, 20, 25)
	p.SetAutoPageBreak(true, 20)
	p.SetTitle(t("b2b.delegation.letter.title"), true)
	p.SetSubject(d.Reference(m), true)
	p.SetCreator("Köprü", true)
	p.SetLang(lang)
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
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		return nil, fmt.Errorf("b2b: letter PDF: %w", err)
	}
	return b.Bytes(), nil
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
type letter struct{ *fpdf.Fpdf }

func (l letter) style(bold bool, size float64) {
	s := ""
	if bold {
		s = "B"
	}
	l.SetFont(letterFont, s, size)
}

// band is the coloured strip across the top naming the platform (Aegean blue, as the site).
func (l letter) band(s string) {
	l.SetFillColor(0x0b, 0x4f, 0x8a)
	l.Rect(0, 0, 210, 14, "F")
	l.style(true, 11)
	l.SetTextColor(255, 255, 255)
	l.SetXY(25, 3)
	l.CellFormat(160, 8, s, "", 0, "LM", false, 0, "")
	l.SetTextColor(0x17, 0x21, 0x2b)
	l.SetXY(25, 24)
}

func (l letter) text(bold bool, size, lh float64, s string) {
	l.style(bold, size)
	for _, para := range strings.Split(strings.TrimSpace(letterSafe(s)), "\n") {
		l.MultiCell(0, lh, strings.TrimSpace(para), "", "L", false)
	}
}

// row is a label and its value on one line, the value wrapping beside the label.
func (l letter) row(label, value string) {
	l.style(false, 10)
	l.SetTextColor(0x4a, 0x58, 0x66)
	l.CellFormat(50, 6, label, "", 0, "L", false, 0, "")
	l.style(true, 10)
	l.SetTextColor(0x17, 0x21, 0x2b)
	l.MultiCell(0, 6, letterSafe(value), "", "L", false)
}

// letterSafe keeps the characters DejaVu Sans certainly draws (Latin with every extension
// Turkish and Azerbaijani need, Greek, Cyrillic, punctuation, currency signs, arrows) and
// shows anything else, such as an emoji typed into a name, as "?": the PDF library must
// never meet a glyph the font lacks.
func letterSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < 0x20 || r == 0x7f:
			return ' '
		case r < 0x0530, r >= 0x2000 && r <= 0x206f, r >= 0x20a0 && r <= 0x20bb, r >= 0x2190 && r <= 0x21ff:
			return r
		}
		return '?'
	}, s)
}
