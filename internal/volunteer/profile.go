package volunteer

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// A volunteer's profile is told once for every programme: the birth date decides minimum
// ages and whether a guardian must consent; phone, city and languages help coordinators
// place people. Nothing else is asked (KVKK: only what the purpose needs).

// ProfileInput is the profile form.
type ProfileInput struct {
	BirthDate string // YYYY-MM-DD
	Phone     string
	City      string
	Languages []string
}

const dateLayout = time.DateOnly

func profileOf(ctx context.Context, q db.Querier, userID int64) (*Profile, error) {
	p := Profile{UserID: userID}
	var birth, langs string
	err := q.QueryRow(ctx, `SELECT birth_date, phone, city, languages, updated_at FROM volunteer_profiles WHERE user_id = ?`, userID).
		Scan(&birth, &p.Phone, &p.City, &langs, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.BirthDate, _ = time.Parse(dateLayout, birth)
	p.Languages, p.UpdatedAt = strings.Fields(langs), p.UpdatedAt.UTC()
	return &p, nil
}

func putProfile(ctx context.Context, q db.Querier, p *Profile) error {
	_, err := q.Exec(ctx, `INSERT INTO volunteer_profiles (user_id, birth_date, phone, city, languages, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET birth_date = excluded.birth_date,
		phone = excluded.phone, city = excluded.city, languages = excluded.languages, updated_at = excluded.updated_at`,
		p.UserID, p.BirthDate.Format(dateLayout), p.Phone, p.City, strings.Join(p.Languages, " "), p.UpdatedAt)
	return err
}

// MyProfile is the viewer's profile; an empty one (zero birth date) before they first save it.
func (s *Service) MyProfile(ctx context.Context, v *web.Viewer) (*Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	p, err := profileOf(ctx, s.db, v.ID)
	if errors.Is(err, ErrNotFound) {
		return &Profile{UserID: v.ID}, nil
	}
	return p, err
}

// SaveProfile stores the viewer's profile.
func (s *Service) SaveProfile(ctx context.Context, v *web.Viewer, in ProfileInput) (*Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	p, errs := s.checkProfile(v.ID, in)
	if len(errs) > 0 {
		return nil, errs
	}
	return p, putProfile(ctx, s.db, p)
}

// checkProfile validates the form into a profile.
func (s *Service) checkProfile(userID int64, in ProfileInput) (*Profile, fail.Fields) {
	errs := fail.Fields{}
	now := s.now()
	p := &Profile{UserID: userID, Phone: strings.TrimSpace(in.Phone), City: strings.TrimSpace(in.City), UpdatedAt: now}
	if key := birthDateProblem(in.BirthDate, now); key != "" {
		errs["birth_date"] = key
	} else {
		p.BirthDate, _ = time.Parse(dateLayout, strings.TrimSpace(in.BirthDate))
	}
	if utf8.RuneCountInString(p.Phone) > 40 {
		errs["phone"] = "form.too_long"
	}
	if utf8.RuneCountInString(p.City) > 80 {
		errs["city"] = "form.too_long"
	}
	for _, l := range in.Languages {
		if !slices.Contains(Languages, l) {
			errs["languages"] = "form.choice"
		} else if !slices.Contains(p.Languages, l) {
			p.Languages = append(p.Languages, l)
		}
	}
	return p, errs
}

// birthDateProblem is the message key for a birth date nobody can have, or "".
func birthDateProblem(s string, now time.Time) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "form.required"
	}
	d, err := time.Parse(dateLayout, s)
	if err != nil || d.After(now) || d.Year() < now.Year()-110 {
		return "volunteer.signups.error.birth_date"
	}
	return ""
}
