package volunteer

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Certificates of approved hours. A certificate is issued once per programme, volunteer and
// total of approved minutes: asking again with the same hours gives the same certificate
// (and code); newly approved hours give a new one, while the old code keeps confirming
// what was true when it was issued.

// ErrNoApprovedHours refuses a certificate to someone with nothing approved to certify.
var ErrNoApprovedHours = fmt.Errorf("volunteer: no approved hours to certify: %w", fail.Conflict)

// errCertSignIn asks an anonymous visitor to sign in first.
var errCertSignIn = fmt.Errorf("volunteer: %w", fail.Unauthorized)

// certCodeAlphabet leaves out what a reader confuses (0/O, 1/I): 32 symbols, so a ten-character
// code carries 50 random bits and cannot be guessed.
const (
	certCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	certCodeLength   = 10
)

// newCertificateCode draws a verification code from crypto/rand.
func newCertificateCode() (string, error) {
	b := make([]byte, certCodeLength)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("volunteer: certificate code: %w", err)
	}
	// 256 is a multiple of 32, so taking the byte modulo the alphabet keeps it uniform.
	for i := range b {
		b[i] = certCodeAlphabet[int(b[i])%len(certCodeAlphabet)]
	}
	return string(b), nil
}

// NormalizeCode turns a typed code into its stored form: case ignored, spaces and hyphens
// dropped. It returns "" for anything that cannot be a code, so such input is never looked up.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\u00a0':
			continue
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		}
		if r > 127 || !strings.ContainsRune(certCodeAlphabet, r) {
			return ""
		}
		b.WriteRune(r)
	}
	if b.Len() != certCodeLength {
		return ""
	}
	return b.String()
}

// DisplayCode groups a code in two halves for reading aloud and typing: "K7QPM-X3RTA".
func DisplayCode(code string) string {
	if len(code) != certCodeLength {
		return code
	}
	return code[:certCodeLength/2] + "-" + code[certCodeLength/2:]
}

// VerificationURL is the absolute address of a certificate's public verification page in
// lang: what its QR code encodes.
func VerificationURL(baseURL, lang, code string) string {
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	return strings.TrimSuffix(baseURL, "/") + "/" + lang + "/volunteer/certificates/" + code
}

// ApprovedMinutes is the sum of a volunteer's approved hours in a programme, with the first
// and the last day worked (zero times when there are none).
func (s *Service) ApprovedMinutes(ctx context.Context, programmeID, userID int64) (minutes int, first, last time.Time, err error) {
	return certApprovedMinutes(ctx, s.db, programmeID, userID)
}

// Certificate issues (or finds again) the signed-in volunteer's certificate of approved
// hours in a programme and renders it as a PDF in lang.
func (s *Service) Certificate(ctx context.Context, v *web.Viewer, programmeID int64, lang string) ([]byte, *Certificate, error) {
	if v == nil {
		return nil, nil, errCertSignIn
	}
	return s.CertificateFor(ctx, v, programmeID, v.ID, lang)
}

// CertificateFor is Certificate for volunteer userID: a volunteer may have only their own,
// a coordinator anyone's (from the roster).
func (s *Service) CertificateFor(ctx context.Context, v *web.Viewer, programmeID, userID int64, lang string) ([]byte, *Certificate, error) {
	if v == nil {
		return nil, nil, errCertSignIn
	}
	if v.ID != userID && !canCoordinate(v) {
		return nil, nil, ErrForbidden
	}
	p, err := programmeByID(ctx, s.db, programmeID)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.issueCertificate(ctx, v, p, userID)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := s.renderCertificate(p, c, lang)
	if err != nil {
		return nil, nil, err
	}
	return pdf, &c.Certificate, nil
}

// issueCertificate returns the certificate of the volunteer's approved hours as they stand,
// creating it when none states exactly these hours.
func (s *Service) issueCertificate(ctx context.Context, v *web.Viewer, p *Programme, userID int64) (*issuedCertificate, error) {
	name, err := s.holderName(ctx, v, userID)
	if err != nil {
		return nil, err
	}
	issuers, err := s.namedIssuers(ctx, p)
	if err != nil {
		return nil, err
	}
	// Two requests at once may both find no certificate and both insert: the loser's insert
	// meets the unique index, and the next round finds the winner's certificate. A code
	// drawn twice (2^-50) takes the same path.
	for range 3 {
		var c *issuedCertificate
		err = s.db.InTx(ctx, func(tx *db.Tx) error {
			minutes, first, last, err := certApprovedMinutes(ctx, tx, p.ID, userID)
			if err != nil {
				return err
			}
			if minutes == 0 {
				if !p.Published && !canCoordinate(v) {
					return ErrNotFound // a draft is nobody's business but its coordinators'
				}
				return ErrNoApprovedHours
			}
			if c, err = certificateByHours(ctx, tx, p.ID, userID, minutes); !errors.Is(err, ErrNotFound) {
				return err
			}
			code, err := newCertificateCode()
			if err != nil {
				return err
			}
			c = &issuedCertificate{Certificate: Certificate{Code: code, ProgrammeID: p.ID, UserID: userID, HolderName: name,
				Minutes: minutes, FirstDay: first, LastDay: last, IssuedAt: s.now()}, Title: p.Title, IssuerNames: issuers}
			return insertCertificate(ctx, tx, c)
		})
		if !db.IsUniqueViolation(err) {
			return c, err
		}
	}
	return nil, err
}

// holderName is the volunteer's name as their account gives it now.
func (s *Service) holderName(ctx context.Context, v *web.Viewer, userID int64) (string, error) {
	cs, err := s.dir.Contacts(ctx, []int64{userID})
	if err != nil {
		return "", err
	}
	if c, ok := cs[userID]; ok && strings.TrimSpace(c.Name) != "" {
		return strings.TrimSpace(c.Name), nil
	}
	if v.ID == userID && strings.TrimSpace(v.Name) != "" {
		return strings.TrimSpace(v.Name), nil
	}
	return "", ErrNotFound
}

// namedIssuers are the names of the organisations a programme names as its certificates'
// issuers, in the programme's order.
func (s *Service) namedIssuers(ctx context.Context, p *Programme) ([]string, error) {
	if len(p.Issuers) == 0 {
		return nil, nil
	}
	names, err := s.dir.OrganisationNames(ctx, p.Issuers)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range p.Issuers {
		if n := strings.TrimSpace(names[id]); n != "" {
			out = append(out, n)
		}
	}
	return out, nil
}

// issuersIn is what a certificate names as its issuers in lang: the organisations it was
// issued with, or without any the partnership's two organisers.
func (s *Service) issuersIn(c *issuedCertificate, lang string) []string {
	if len(c.IssuerNames) > 0 {
		return c.IssuerNames
	}
	return []string{s.cat.T(lang, "volunteer.certificates.organiser.municipality"), s.cat.T(lang, "volunteer.certificates.organiser.association")}
}

// certTitle is the programme's title as the certificate printed it.
func certTitle(c *issuedCertificate, p *Programme) i18n.Text {
	if c.Title.Empty() {
		return p.Title
	}
	return c.Title
}

// Verification is what the public verification page confirms about a code: what the
// certificate states, the programme's title and issuers included, as issued.
type Verification struct {
	Certificate
	Programme Programme // without roles and shifts; the title as the certificate printed it
	Issuers   []string
	// Changed reports that the holder's approved hours today differ from the certificate's:
	// the certificate is still genuine, and true as of its issue date.
	Changed bool
}

// VerifyCertificate finds the certificate with a typed or scanned code. Anything that is not
// the code of an issued certificate is ErrNotFound, and nothing else is said about it.
func (s *Service) VerifyCertificate(ctx context.Context, code, lang string) (*Verification, error) {
	code = NormalizeCode(code)
	if code == "" {
		return nil, ErrNotFound
	}
	c, err := certificateByCode(ctx, s.db, code)
	if err != nil {
		return nil, err
	}
	p, err := scanProgramme(s.db.QueryRow(ctx, `SELECT `+programmeColumns+` FROM volunteer_programmes WHERE id = ?`, c.ProgrammeID))
	if err != nil {
		return nil, err
	}
	out := &Verification{Certificate: c.Certificate, Programme: *p, Issuers: s.issuersIn(c, lang)}
	out.Programme.Title = certTitle(c, p)
	now, _, _, err := certApprovedMinutes(ctx, s.db, c.ProgrammeID, c.UserID)
	if err != nil {
		return nil, err
	}
	out.Changed = now != c.Minutes
	return out, nil
}

// MyCertificate is one programme on a volunteer's certificates page.
type MyCertificate struct {
	Programme      Programme // without roles and shifts
	Minutes        int       // approved
	PendingMinutes int       // logged or recorded, waiting for a coordinator
	FirstDay       time.Time // of the approved hours
	LastDay        time.Time
	Issued         []Certificate // newest first
}

// MyCertificates lists the programmes in which the signed-in volunteer has hours, approved
// or waiting, with the certificates issued so far; the latest worked first.
func (s *Service) MyCertificates(ctx context.Context, v *web.Viewer) ([]MyCertificate, error) {
	if v == nil {
		return nil, errCertSignIn
	}
	return myCertificates(ctx, s.db, v.ID)
}
