package student

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// MentoringData is everything mentoring keeps about one person, for the student's data
// download (KVKK/GDPR access request).
type MentoringData struct {
	Student  *StudentProfile `json:"student_profile"`
	Mentor   *MentorProfile  `json:"mentor_profile"`
	Pairings []*Pairing      `json:"pairings"`
}

// OwnData returns the caller's mentoring data.
func (s *Mentoring) OwnData(ctx context.Context, v *web.Viewer) (*MentoringData, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	d := &MentoringData{}
	var err error
	if d.Student, err = studentProfileByUser(ctx, s.db, v.ID); err != nil && !errors.Is(err, fail.NotFound) {
		return nil, err
	}
	if d.Mentor, err = mentorProfileByUser(ctx, s.db, v.ID); err != nil && !errors.Is(err, fail.NotFound) {
		return nil, err
	}
	if d.Pairings, err = s.Pairings(ctx, v, false); err != nil {
		return nil, err
	}
	return d, nil
}

// ForgetPerson deletes a person's mentoring profiles and pairings, as a confirmed
// deletion request asks (coordinators; the support module's privacy flow calls it). The
// other side of a pairing loses it from their list too: it named this person.
func (s *Mentoring) ForgetPerson(ctx context.Context, v *web.Viewer, userID int64) error {
	if err := coordinator(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, q := range []string{
			`DELETE FROM student_pairings WHERE student_id = ? OR mentor_id = ?`,
			`DELETE FROM student_profiles WHERE user_id = ? OR user_id = ?`,
			`DELETE FROM student_mentors WHERE user_id = ? OR user_id = ?`,
		} {
			if _, err := tx.Exec(ctx, q, userID, userID); err != nil {
				return err
			}
		}
		return nil
	})
}
