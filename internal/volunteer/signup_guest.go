package volunteer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Guest sign-up: someone without an account gives a name, an address and a birth date on a
// programme's page. Nothing counts yet: a link is mailed in the page's language, and
// following it (and choosing a password) creates the account, stores the birth date in the
// volunteer profile and only then signs up. An address that already has an account is asked
// to sign in instead.

// Accounts is what guest sign-up and the roster need from identity.
type Accounts interface {
	// UserIDByEmail finds the account of an address; ok is false when there is none.
	UserIDByEmail(ctx context.Context, email string) (id int64, ok bool, err error)
	// CreateAccount makes a confirmed account: the address was just proven by the mailed
	// link. Password problems come back as fail.Fields on "password".
	CreateAccount(ctx context.Context, name, email, password, locale string) (int64, error)
}

// GuestTTL is how long a mailed guest sign-up link works.
const GuestTTL = 48 * time.Hour

// GuestInput is the guest form on a programme's page.
type GuestInput struct {
	ShiftID       int64
	Name, Email   string
	BirthDate     string
	Locale        string
	AcceptPrivacy bool
	NoticeVersion string
}

// GuestSignup is a pending guest sign-up as its confirmation page shows it.
type GuestSignup struct {
	ID        int64
	ShiftID   int64
	Name      string
	Email     string
	BirthDate string
	Locale    string
}

// GuestSignUp checks the form and the shift, and mails the confirmation link.
func (s *Service) GuestSignUp(ctx context.Context, acc Accounts, in GuestInput) error {
	in.Name, in.Email = strings.TrimSpace(in.Name), strings.ToLower(strings.TrimSpace(in.Email))
	if !i18n.IsSupported(in.Locale) {
		in.Locale = i18n.Default
	}
	errs := fail.Fields{}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		errs["name"] = "form.required"
	case n > 120:
		errs["name"] = "form.too_long"
	}
	if in.Email == "" {
		errs["email"] = "form.required"
	} else if !web.IsEmail(in.Email) {
		errs["email"] = "form.email"
	}
	if key := birthDateProblem(in.BirthDate, s.now()); key != "" {
		errs["birth_date"] = key
	}
	if !in.AcceptPrivacy {
		errs["privacy"] = "volunteer.signups.error.privacy"
	}
	if len(errs) > 0 {
		return errs
	}
	sh, err := shiftByID(ctx, s.db, in.ShiftID)
	if err != nil {
		return err
	}
	p, err := programmeOnly(ctx, s.db, sh.ProgrammeID)
	if err == nil && !p.Published {
		err = ErrNotFound
	}
	if err != nil {
		return err
	}
	if !s.now().Before(SignupDeadline(p, sh)) {
		return refusal("signup", "volunteer.signups.error.closed")
	}
	if _, exists, err := acc.UserIDByEmail(ctx, in.Email); err != nil {
		return err
	} else if exists {
		return refusal("email", "volunteer.signups.error.has_account")
	}
	secret, hash := guestSecret()
	now := s.now()
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		// Links never followed are personal data kept for nothing once they expire.
		if _, err := tx.Exec(ctx, `DELETE FROM volunteer_guest_signups WHERE used_at IS NULL AND expires_at < ?`, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO volunteer_guest_signups (shift_id, name, email, birth_date, locale, notice_version,
			token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, sh.ID, in.Name, in.Email,
			strings.TrimSpace(in.BirthDate), in.Locale, in.NoticeVersion, hash, now.Add(GuestTTL), now); err != nil {
			return err
		}
		return s.mailGuestLink(ctx, tx, in, p, sh, secret)
	})
}

func guestSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, hashGuestSecret(secret)
}

func hashGuestSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// mailGuestLink writes the confirmation mail in the outbox of the caller's transaction.
// Without mail configured the guest could never finish, so that is an error.
func (s *Service) mailGuestLink(ctx context.Context, tx *db.Tx, in GuestInput, p *Programme, sh *Shift, secret string) error {
	if s.out == nil {
		return errors.New("volunteer: guest sign-up needs mail")
	}
	t := func(key string, args ...any) string { return s.cat.T(in.Locale, key, args...) }
	link := s.baseURL + "/" + in.Locale + "/volunteer/signup/confirm?token=" + secret
	title := p.Title.In(in.Locale)
	_, err := s.out.Enqueue(ctx, tx, mail.Message{To: in.Email, Locale: in.Locale,
		Subject: t("volunteer.signups.mail.guest.subject", title),
		Text: strings.Join([]string{t("volunteer.signups.mail.greeting", in.Name), "",
			t("volunteer.signups.mail.guest.intro", title, ShiftWhen(s.cat, in.Locale, p, sh)), "",
			link, "", t("volunteer.signups.mail.guest.ignore"), "", t("mail.signature")}, "\n")})
	return err
}

// ErrGuestToken is a guest link that is unknown, used or expired.
var ErrGuestToken = fail.Fields{"token": "volunteer.signups.error.token"}

// GuestByToken reads the pending sign-up of a mailed link that still works.
func (s *Service) GuestByToken(ctx context.Context, secret string) (*GuestSignup, error) {
	var g GuestSignup
	var expires time.Time
	var used sql.NullTime
	err := s.db.QueryRow(ctx, `SELECT id, shift_id, name, email, birth_date, locale, expires_at, used_at
		FROM volunteer_guest_signups WHERE token_hash = ?`, hashGuestSecret(secret)).
		Scan(&g.ID, &g.ShiftID, &g.Name, &g.Email, &g.BirthDate, &g.Locale, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || !s.now().Before(expires))) {
		return nil, ErrGuestToken
	}
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// ConfirmGuest finishes a guest sign-up: the account is created with password, the link
// is used up, the birth date becomes the profile's, and the sign-up is made. The account
// stays when the sign-up itself is refused (say the shift closed meanwhile): signupErr
// tells why, and the person can sign in and choose another shift.
func (s *Service) ConfirmGuest(ctx context.Context, acc Accounts, secret, password string) (userID int64, su *Signup, signupErr error, err error) {
	g, err := s.GuestByToken(ctx, secret)
	if err != nil {
		return 0, nil, nil, err
	}
	if userID, err = acc.CreateAccount(ctx, g.Name, g.Email, password, g.Locale); err != nil {
		return 0, nil, nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE volunteer_guest_signups SET used_at = ? WHERE id = ? AND used_at IS NULL`, s.now(), g.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrGuestToken
		}
		birth, _ := time.Parse(dateLayout, g.BirthDate)
		return putProfile(ctx, tx, &Profile{UserID: userID, BirthDate: birth, UpdatedAt: s.now()})
	})
	if err != nil {
		return 0, nil, nil, err
	}
	su, signupErr = s.SignUp(ctx, &web.Viewer{ID: userID, Name: g.Name, Email: g.Email, Locale: g.Locale}, g.ShiftID)
	return userID, su, signupErr, nil
}
