package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// A volunteer under 18 on a shift's day needs a guardian's consent for the programme before
// a sign-up counts. The consent is recorded with the guardian's name and contact, the time
// and who recorded it: the guardian on the volunteer's own account, or a coordinator who
// received it on paper.

// ConsentInput is the guardian's consent form.
type ConsentInput struct {
	GuardianName    string
	GuardianContact string
	Agreed          bool // the box "I consent" was ticked
}

func hasConsent(ctx context.Context, q db.Querier, programmeID, userID int64) (bool, error) {
	var one int
	err := q.QueryRow(ctx, `SELECT 1 FROM volunteer_guardian_consents WHERE programme_id = ? AND user_id = ?`, programmeID, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// ConsentOf is the consent recorded for a person on a programme, or ErrNotFound; the
// person themselves and coordinators may read it.
func (s *Service) ConsentOf(ctx context.Context, v *web.Viewer, programmeID, userID int64) (*Consent, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	if v.ID != userID && !canCoordinate(v) {
		return nil, ErrNotFound
	}
	c := Consent{ProgrammeID: programmeID, UserID: userID}
	var by sql.NullInt64
	err := s.db.QueryRow(ctx, `SELECT guardian_name, guardian_contact, consented_at, recorded_by FROM volunteer_guardian_consents
		WHERE programme_id = ? AND user_id = ?`, programmeID, userID).Scan(&c.GuardianName, &c.GuardianContact, &c.ConsentedAt, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	c.RecordedBy, c.ConsentedAt = by.Int64, c.ConsentedAt.UTC()
	return &c, err
}

// RecordConsent records a guardian's consent for userID on a programme: the volunteer's
// own (the guardian fills the form on their account) or, for anyone, a coordinator's. A
// later consent replaces the earlier one.
func (s *Service) RecordConsent(ctx context.Context, v *web.Viewer, programmeID, userID int64, in ConsentInput) (*Consent, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	if v.ID != userID && !canCoordinate(v) {
		return nil, ErrForbidden
	}
	p, err := programmeOnly(ctx, s.db, programmeID)
	if err == nil && !p.Published && !canCoordinate(v) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c := &Consent{ProgrammeID: programmeID, UserID: userID, GuardianName: strings.TrimSpace(in.GuardianName),
		GuardianContact: strings.TrimSpace(in.GuardianContact), ConsentedAt: s.now(), RecordedBy: v.ID}
	if errs := checkConsent(c, in.Agreed); len(errs) > 0 {
		return nil, errs
	}
	_, err = s.db.Exec(ctx, `INSERT INTO volunteer_guardian_consents (programme_id, user_id, guardian_name, guardian_contact, consented_at, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (programme_id, user_id) DO UPDATE SET guardian_name = excluded.guardian_name,
		guardian_contact = excluded.guardian_contact, consented_at = excluded.consented_at, recorded_by = excluded.recorded_by`,
		c.ProgrammeID, c.UserID, c.GuardianName, c.GuardianContact, c.ConsentedAt, c.RecordedBy)
	return c, err
}

func checkConsent(c *Consent, agreed bool) fail.Fields {
	errs := fail.Fields{}
	switch n := utf8.RuneCountInString(c.GuardianName); {
	case n == 0:
		errs["guardian_name"] = "form.required"
	case n > 120:
		errs["guardian_name"] = "form.too_long"
	}
	switch n := utf8.RuneCountInString(c.GuardianContact); {
	case n == 0:
		errs["guardian_contact"] = "form.required"
	case n > 120:
		errs["guardian_contact"] = "form.too_long"
	}
	if !agreed {
		errs["agree"] = "volunteer.signups.error.consent_box"
	}
	return errs
}
