package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Mailer is what identity needs from the outbox: a message stored in the caller's
// transaction, so an account and its confirmation mail exist together or not at all.
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Token lifetimes.
const (
	ConfirmTTL = 48 * time.Hour
	ResetTTL   = time.Hour
	// MinPassword is long enough to resist guessing without composition rules (NIST SP 800-63B).
	MinPassword = 10
)

// Service holds the identity rules. Authorization is checked here, next to each rule.
type Service struct {
	db      *db.DB
	mail    Mailer
	catalog *i18n.Catalog
	baseURL string
	log     *slog.Logger
	now     func() time.Time

	tokenTouched sync.Map // API token ID → when this process last recorded its use
}

// NewService wires the identity rules to the database, the outbox and the catalog used for mail.
func NewService(d *db.DB, m Mailer, catalog *i18n.Catalog, baseURL string, log *slog.Logger) *Service {
	return &Service{db: d, mail: m, catalog: catalog, baseURL: baseURL, log: log, now: db.Now}
}

// newSecret returns a random URL-safe token and the hash that is stored in its place.
func newSecret(prefix string) (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func (s *Service) validateRegistration(r *Registration) FieldErrors {
	errs := FieldErrors{}
	r.Name = strings.TrimSpace(r.Name)
	r.Email = normalizeEmail(r.Email)
	switch n := utf8.RuneCountInString(r.Name); {
	case n == 0:
		errs["name"] = "form.required"
	case n > 120:
		errs["name"] = "form.too_long"
	}
	switch {
	case r.Email == "":
		errs["email"] = "form.required"
	case !web.IsEmail(r.Email):
		errs["email"] = "form.email"
	}
	if msg := passwordProblem(r.Password); msg != "" {
		errs["password"] = msg
	}
	if !i18n.IsSupported(r.Locale) {
		r.Locale = i18n.Default
	}
	if !r.AcceptPrivacy {
		errs["privacy"] = "identity.privacy_required"
	}
	return errs
}

func passwordProblem(p string) string {
	switch {
	case p == "":
		return "form.required"
	case utf8.RuneCountInString(p) < MinPassword:
		return "identity.password_short"
	case len(p) > 1024:
		return "form.too_long"
	}
	return ""
}

// Register creates an unconfirmed account, records the consents given with the privacy
// notice version, and queues the confirmation mail — all in one transaction.
func (s *Service) Register(ctx context.Context, r Registration) (*User, error) {
	if errs := s.validateRegistration(&r); len(errs) > 0 {
		return nil, errs
	}
	hash, err := HashPassword(r.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Email: r.Email, Name: r.Name, Locale: r.Locale}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		now := s.now()
		if err := insertUser(ctx, tx, u, hash, now); err != nil {
			return err
		}
		if err := insertConsent(ctx, tx, u.ID, Consent{Purpose: PurposeAccount, NoticeVersion: r.NoticeVersion, Decision: "granted", CreatedAt: now}); err != nil {
			return err
		}
		if r.Newsletter {
			if err := insertConsent(ctx, tx, u.ID, Consent{Purpose: PurposeNewsletter, NoticeVersion: r.NoticeVersion, Decision: "granted", CreatedAt: now}); err != nil {
				return err
			}
		}
		return s.sendToken(ctx, tx, u, "confirm", "/confirm", ConfirmTTL)
	})
	if errors.Is(err, ErrEmailTaken) {
		return nil, FieldErrors{"email": "identity.email_taken"}
	}
	return u, err
}

// sendToken stores a single-use token and queues the mail carrying its link, in the
// recipient's language.
func (s *Service) sendToken(ctx context.Context, q db.Querier, u *User, purpose, path string, ttl time.Duration) error {
	secret, hash := newSecret("")
	now := s.now()
	if err := insertEmailToken(ctx, q, u.ID, purpose, hash, now.Add(ttl), now); err != nil {
		return err
	}
	link := fmt.Sprintf("%s/%s%s?token=%s", s.baseURL, u.Locale, path, secret)
	t := func(key string, args ...any) string { return s.catalog.T(u.Locale, key, args...) }
	_, err := s.mail.Enqueue(ctx, q, mail.Message{
		To:      u.Email,
		Subject: t("mail." + purpose + ".subject"),
		Text:    t("mail."+purpose+".body", u.Name, link) + "\n\n" + t("mail.signature"),
		Locale:  u.Locale,
	})
	return err
}

// Confirm marks the email of the token's owner confirmed. A token works once.
func (s *Service) Confirm(ctx context.Context, secret string) (*User, error) {
	var u *User
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		id, err := useEmailToken(ctx, tx, "confirm", hashSecret(secret), s.now())
		if err != nil {
			return err
		}
		if err := confirmEmail(ctx, tx, id, s.now()); err != nil {
			return err
		}
		u, _, err = userByID(ctx, tx, id)
		return err
	})
	return u, err
}

// ResendConfirmation sends a fresh confirmation link to an unconfirmed account. It says
// nothing about whether the address exists.
func (s *Service) ResendConfirmation(ctx context.Context, email string) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		u, _, err := userByEmail(ctx, tx, email)
		if errors.Is(err, ErrNotFound) || (err == nil && (u.ConfirmedAt != nil || u.DisabledAt != nil)) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.sendToken(ctx, tx, u, "confirm", "/confirm", ConfirmTTL)
	})
}

// Login checks a password. Unknown email and wrong password give the same error after the
// same work, so neither timing nor wording reveals which accounts exist.
func (s *Service) Login(ctx context.Context, email, password string) (*User, int, error) {
	u, epoch, err := userByEmail(ctx, s.db, email)
	if errors.Is(err, ErrNotFound) {
		CheckPassword(dummyHash(), password)
		return nil, 0, ErrBadLogin
	}
	if err != nil {
		return nil, 0, err
	}
	if !CheckPassword(u.hash, password) || u.DisabledAt != nil {
		return nil, 0, ErrBadLogin
	}
	if u.ConfirmedAt == nil {
		return nil, 0, ErrNotConfirmed
	}
	return u, epoch, nil
}

// RequestReset mails a reset link if the address belongs to an account, and is silent otherwise.
func (s *Service) RequestReset(ctx context.Context, email string) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		u, _, err := userByEmail(ctx, tx, email)
		if errors.Is(err, ErrNotFound) || (err == nil && u.DisabledAt != nil) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.sendToken(ctx, tx, u, "reset", "/password/reset", ResetTTL)
	})
}

// ResetPassword sets a new password with a reset token. It also confirms the email (the
// link proved the address) and ends every existing session of the account.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) (*User, error) {
	if msg := passwordProblem(password); msg != "" {
		return nil, FieldErrors{"password": msg}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		now := s.now()
		id, err := useEmailToken(ctx, tx, "reset", hashSecret(secret), now)
		if err != nil {
			return err
		}
		if err := setPassword(ctx, tx, id, hash, now); err != nil {
			return err
		}
		if err := confirmEmail(ctx, tx, id, now); err != nil {
			return err
		}
		u, _, err = userByID(ctx, tx, id)
		return err
	})
	return u, err
}

// Session resolves a signed-in session to its user. A session from before the last password
// change (older epoch) or of a disabled account is no longer valid.
func (s *Service) Session(ctx context.Context, userID int64, epoch int) (*User, error) {
	u, current, err := userByID(ctx, s.db, userID)
	if err != nil {
		return nil, err
	}
	if current != epoch || u.DisabledAt != nil {
		return nil, ErrUnauthorized
	}
	return u, nil
}

// UpdateProfile changes the caller's own name and preferred language.
func (s *Service) UpdateProfile(ctx context.Context, v *web.Viewer, name, locale string) error {
	if v == nil {
		return ErrUnauthorized
	}
	name = strings.TrimSpace(name)
	errs := FieldErrors{}
	if name == "" {
		errs["name"] = "form.required"
	} else if utf8.RuneCountInString(name) > 120 {
		errs["name"] = "form.too_long"
	}
	if !i18n.IsSupported(locale) {
		errs["locale"] = "form.choice"
	}
	if len(errs) > 0 {
		return errs
	}
	return updateUser(ctx, s.db, v.ID, name, locale, s.now())
}

// Viewer turns a user into the request's viewer.
func Viewer(u *User) *web.Viewer {
	return &web.Viewer{ID: u.ID, Name: u.Name, Email: u.Email, Roles: u.Roles, Locale: u.Locale}
}
