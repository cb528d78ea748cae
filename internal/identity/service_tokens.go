package identity

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// tokenPrefix marks Köprü tokens so secret scanners and people recognise a leaked one.
const tokenPrefix = "kopru_"

// CreateToken makes a personal API token for the caller and returns the secret, which is
// shown once; only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, v *web.Viewer, name string) (string, APIToken, error) {
	if v == nil {
		return "", APIToken{}, ErrUnauthorized
	}
	if v.ViaToken {
		// A leaked token must not be able to mint more tokens.
		return "", APIToken{}, ErrForbidden
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", APIToken{}, FieldErrors{"name": "form.required"}
	}
	if utf8.RuneCountInString(name) > 80 {
		return "", APIToken{}, FieldErrors{"name": "form.too_long"}
	}
	secret, hash := newSecret(tokenPrefix)
	now := s.now()
	id, err := insertAPIToken(ctx, s.db, v.ID, name, hash, now)
	return secret, APIToken{ID: id, Name: name, CreatedAt: now}, err
}

// Tokens lists the caller's live tokens.
func (s *Service) Tokens(ctx context.Context, v *web.Viewer) ([]APIToken, error) {
	if v == nil {
		return nil, ErrUnauthorized
	}
	return listAPITokens(ctx, s.db, v.ID)
}

// RevokeToken revokes one of the caller's tokens; someone else's token is reported as not found.
func (s *Service) RevokeToken(ctx context.Context, v *web.Viewer, id int64) error {
	if v == nil {
		return ErrUnauthorized
	}
	return revokeAPIToken(ctx, s.db, v.ID, id, s.now())
}

// AuthenticateToken resolves a bearer token to its user.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (*User, error) {
	if len(secret) < len(tokenPrefix)+10 || len(secret) > 200 {
		return nil, ErrUnauthorized
	}
	u, tokenID, err := userByToken(ctx, s.db, hashSecret(secret))
	if err != nil {
		return nil, err
	}
	if u.DisabledAt != nil {
		return nil, ErrUnauthorized
	}
	s.touch(ctx, tokenID)
	return u, nil
}

// Consents lists the caller's consent history, newest first.
func (s *Service) Consents(ctx context.Context, v *web.Viewer) ([]Consent, error) {
	if v == nil {
		return nil, ErrUnauthorized
	}
	return listConsents(ctx, s.db, v.ID)
}

// SetNewsletter records a new decision about the optional newsletter purpose.
func (s *Service) SetNewsletter(ctx context.Context, v *web.Viewer, granted bool, noticeVersion string) error {
	if v == nil {
		return ErrUnauthorized
	}
	decision := "withdrawn"
	if granted {
		decision = "granted"
	}
	return insertConsent(ctx, s.db, v.ID, Consent{Purpose: PurposeNewsletter, NoticeVersion: noticeVersion, Decision: decision, CreatedAt: s.now()})
}

// NewsletterGranted reports the caller's current newsletter decision (the newest one).
func NewsletterGranted(history []Consent) bool {
	for _, c := range history {
		if c.Purpose == PurposeNewsletter {
			return c.Decision == "granted"
		}
	}
	return false
}

// touch records a token's last use at most once a minute per process: a write per request
// would queue every API call behind SQLite's single writer (bench/checkin showed it).
func (s *Service) touch(ctx context.Context, tokenID int64) {
	now := s.now()
	if last, ok := s.tokenTouched.Load(tokenID); ok && now.Sub(last.(time.Time)) < time.Minute {
		return
	}
	s.tokenTouched.Store(tokenID, now)
	if err := touchAPIToken(ctx, s.db, tokenID, now); err != nil {
		s.log.Warn("token last-used update failed", "err", err)
	}
}
