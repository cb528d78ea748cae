package volunteer

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Pages and API of certificates: the volunteer's list and downloads, a coordinator's
// download for anyone, and the public verification of a code.

// certificateLang is the language asked for with ?lang=, else the page's.
func certificateLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); i18n.IsSupported(l) {
		return l
	}
	return lang(r)
}

// MyCertificates (GET /my/volunteer/certificates) lists the volunteer's programmes with
// their approved hours and a download in each language.
func (h *Handlers) MyCertificates(w http.ResponseWriter, r *http.Request) {
	h.renderMyCertificates(w, r, http.StatusOK, "")
}

// renderMyCertificates shows the list, with alert (a message key) above it when a download
// was refused.
func (h *Handlers) renderMyCertificates(w http.ResponseWriter, r *http.Request, status int, alert string) {
	list, err := h.svc.MyCertificates(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	data := struct {
		List  []certMineRow
		Alert string
	}{Alert: alert}
	for _, m := range list {
		data.List = append(data.List, h.certMineRowOf(l, m))
	}
	h.rd.Render(w, r, status, "volunteer/certificate_mine", &web.Page{Title: h.rd.T(r, "volunteer.certificates.mine.title"), Data: data})
}

// certMineRow is one programme on the volunteer's certificates page, formatted for lang.
type certMineRow struct {
	ID        int64
	Slug      string
	Published bool
	Title     string
	TitleLang string
	Hours     string // approved, h:mm; "" when none yet
	Pending   string // waiting for approval, h:mm; "" when none
	Dates     string
	Downloads []certDownloadLink
	Issued    []certIssuedRow
}

type certDownloadLink struct{ Lang, Name, Href string }

type certIssuedRow struct{ Code, Hours, Date, Href string }

func (h *Handlers) certMineRowOf(l string, m MyCertificate) certMineRow {
	p := m.Programme
	row := certMineRow{ID: p.ID, Slug: p.Slug, Published: p.Published, TitleLang: p.Title.Lang(l)}
	row.Title = p.Title.Get(row.TitleLang)
	if m.Minutes > 0 {
		row.Hours, row.Dates = HoursMinutes(m.Minutes), certificateDates(l, m.FirstDay, m.LastDay)
		for _, code := range i18n.Supported {
			row.Downloads = append(row.Downloads, certDownloadLink{Lang: code, Name: h.rd.Catalog().T(code, "lang.name"),
				Href: "/" + l + "/my/volunteer/programmes/" + strconv.FormatInt(p.ID, 10) + "/certificate.pdf?lang=" + code})
		}
	}
	if m.PendingMinutes > 0 {
		row.Pending = HoursMinutes(m.PendingMinutes)
	}
	for _, c := range m.Issued {
		row.Issued = append(row.Issued, certIssuedRow{Code: DisplayCode(c.Code), Hours: HoursMinutes(c.Minutes),
			Date: i18n.FormatDate(l, c.IssuedAt, p.Location()), Href: "/" + l + "/volunteer/certificates/" + c.Code})
	}
	return row
}

// CertificatePDF (GET /my/volunteer/programmes/{id}/certificate.pdf?lang=) is the signed-in
// volunteer's certificate.
func (h *Handlers) CertificatePDF(w http.ResponseWriter, r *http.Request) {
	l := certificateLang(r)
	pdf, _, err := h.svc.Certificate(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), l)
	h.sendCertificate(w, r, pathID(r, "id"), l, pdf, err)
}

// VolunteerCertificatePDF (GET /admin/volunteer/programmes/{id}/volunteers/{uid}/certificate.pdf)
// is any volunteer's certificate, for coordinators (linked from the roster).
func (h *Handlers) VolunteerCertificatePDF(w http.ResponseWriter, r *http.Request) {
	l := certificateLang(r)
	id := pathID(r, "id")
	pdf, _, err := h.svc.CertificateFor(r.Context(), web.ViewerOf(r.Context()), id, pathID(r, "uid"), l)
	if errors.Is(err, ErrNoApprovedHours) {
		// Back to the programme, saying why: the coordinator approves hours there first.
		h.flash(r, h.rd.T(r, "volunteer.certificates.error.no_hours_volunteer"))
		http.Redirect(w, r, "/"+lang(r)+"/admin/volunteer/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return
	}
	h.sendCertificate(w, r, id, l, pdf, err)
}

func (h *Handlers) sendCertificate(w http.ResponseWriter, r *http.Request, programmeID int64, l string, pdf []byte, err error) {
	if errors.Is(err, ErrNoApprovedHours) {
		h.renderMyCertificates(w, r, http.StatusConflict, "volunteer.certificates.error.no_hours")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	name := "certificate-" + strconv.FormatInt(programmeID, 10)
	if p, err := h.svc.Programme(r.Context(), web.ViewerOf(r.Context()), programmeID); err == nil {
		name = p.Slug
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="`+certificateFilename(h.rd.Catalog().T(l, "volunteer.certificates.file"), name, l)+`"`)
	hd.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(pdf)
}

// certificateFilename is a name every browser and file system keeps: ASCII letters, digits
// and hyphens only ("gonullu-belgesi-festival-2026-tr.pdf").
func certificateFilename(base, slug, l string) string {
	var b strings.Builder
	for _, r := range text.Slug(base + " " + slug + " " + l) {
		if r < 128 {
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "certificate"
	}
	return name + ".pdf"
}

// certVerifyData is the verification page: the code typed (for the form) and, when it is
// genuine, what the certificate states.
type certVerifyData struct {
	Typed     string
	Searched  bool
	Found     *Verification
	Code      string // grouped for reading
	Programme string
	ProgLang  string // the language the programme's title is shown in
	ProgURL   string // its public page, while it is published
	Hours     string
	Words     string
	Dates     string
	Issued    string
	City      string
}

// VerifyCertificate (GET /volunteer/certificates/{code}) is the public verification page a
// certificate's QR code opens.
func (h *Handlers) VerifyCertificate(w http.ResponseWriter, r *http.Request) {
	h.verifyPage(w, r, r.PathValue("code"))
}

// FindCertificate (GET /volunteer/certificates?code=) is the form to type a code in, and
// its answer.
func (h *Handlers) FindCertificate(w http.ResponseWriter, r *http.Request) {
	code := strings.TrimSpace(r.URL.Query().Get("code"))
	if code == "" {
		h.renderVerify(w, r, http.StatusOK, certVerifyData{})
		return
	}
	h.verifyPage(w, r, code)
}

func (h *Handlers) verifyPage(w http.ResponseWriter, r *http.Request, code string) {
	l := lang(r)
	data := certVerifyData{Typed: strings.TrimSpace(code), Searched: true}
	found, err := h.svc.VerifyCertificate(r.Context(), code, l)
	if errors.Is(err, ErrNotFound) {
		// Nothing about the code is said: not whether it was close, nor whose it might be.
		h.renderVerify(w, r, http.StatusNotFound, data)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	data.Found, data.Code = found, DisplayCode(found.Code)
	data.ProgLang = found.Programme.Title.Lang(l)
	data.Programme = found.Programme.Title.Get(data.ProgLang)
	if found.Programme.Published {
		data.ProgURL = "/" + l + "/volunteer/" + found.Programme.Slug
	}
	data.Hours, data.Words = HoursMinutes(found.Minutes), HoursInWords(l, found.Minutes)
	data.Dates = certificateDates(l, found.FirstDay, found.LastDay)
	data.Issued = i18n.FormatLongDate(l, found.IssuedAt, found.Programme.Location())
	data.City = h.rd.T(r, "volunteer.certificates.city."+found.Programme.City)
	h.renderVerify(w, r, http.StatusOK, data)
}

func (h *Handlers) renderVerify(w http.ResponseWriter, r *http.Request, status int, data certVerifyData) {
	// A holder's name is shown to whoever has the code, and to no search engine or cache.
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Cache-Control", "no-store")
	h.rd.Render(w, r, status, "volunteer/certificate_verify", &web.Page{Title: h.rd.T(r, "volunteer.certificates.verify.title"), Data: data})
}

// apiCertificate is what the API confirms about a genuine code: what the certificate states.
type apiCertificate struct {
	Code       string    `json:"code"`
	Holder     string    `json:"holder_name"`
	Programme  i18n.Text `json:"programme"`
	Minutes    int       `json:"minutes"`
	Hours      string    `json:"hours"`
	FirstDay   string    `json:"first_day"`
	LastDay    string    `json:"last_day"`
	Issuers    []string  `json:"issuers"`
	IssuedAt   time.Time `json:"issued_at"`
	VerifyURL  string    `json:"verification_url"`
	HoursSince bool      `json:"hours_changed_since"`
}

// APICertificate (GET /api/v1/volunteer/certificates/{code}) verifies a code: public, 404
// problem+json for anything that is not an issued certificate.
func (h *Handlers) APICertificate(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	found, err := h.svc.VerifyCertificate(r.Context(), r.PathValue("code"), l)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, apiCertificate{Code: found.Code, Holder: found.HolderName, Programme: found.Programme.Title,
		Minutes: found.Minutes, Hours: HoursMinutes(found.Minutes), FirstDay: certDayText(found.FirstDay), LastDay: certDayText(found.LastDay),
		Issuers: found.Issuers, IssuedAt: found.IssuedAt, VerifyURL: VerificationURL(h.svc.baseURL, l, found.Code), HoursSince: found.Changed})
}
