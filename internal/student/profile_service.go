package student

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// mayRead allows a person their own profile and coordinators everyone's; anyone else is
// refused whether or not the profile exists, so ids cannot be probed.
func mayRead(v *web.Viewer, userID int64) error {
	if err := signedIn(v); err != nil {
		return err
	}
	if v.ID != userID && !canCoordinateMentoring(v) {
		return errMentoringForbidden
	}
	return nil
}

// StudentProfile returns a student's profile to the student or a coordinator.
func (s *Mentoring) StudentProfile(ctx context.Context, v *web.Viewer, userID int64) (*StudentProfile, error) {
	if err := mayRead(v, userID); err != nil {
		return nil, err
	}
	return studentProfileByUser(ctx, s.db, userID)
}

// SaveStudentProfile creates or updates the caller's own student profile, recording the
// consent to the current mentoring notice with its time.
func (s *Mentoring) SaveStudentProfile(ctx context.Context, v *web.Viewer, in StudentProfileInput) (*StudentProfile, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var current int64
	if p, err := studentProfileByUser(ctx, s.db, v.ID); err == nil {
		current = p.UniversityID
	}
	if err := s.checkUniversity(ctx, in.UniversityID, current); err != nil {
		return nil, err
	}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error {
		return upsertStudentProfile(ctx, tx, v.ID, in, s.now())
	}); err != nil {
		return nil, err
	}
	return studentProfileByUser(ctx, s.db, v.ID)
}

// MentorProfile returns a mentor's profile to the mentor or a coordinator.
func (s *Mentoring) MentorProfile(ctx context.Context, v *web.Viewer, userID int64) (*MentorProfile, error) {
	if err := mayRead(v, userID); err != nil {
		return nil, err
	}
	return mentorProfileByUser(ctx, s.db, userID)
}

// SaveMentorProfile creates or updates the caller's own mentor profile. A new profile
// waits for a coordinator's verification; lowering the capacity below the current
// mentees ends no pairing, it only stops new ones.
func (s *Mentoring) SaveMentorProfile(ctx context.Context, v *web.Viewer, in MentorProfileInput) (*MentorProfile, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var current int64
	if m, err := mentorProfileByUser(ctx, s.db, v.ID); err == nil {
		current = m.UniversityID
	}
	if err := s.checkUniversity(ctx, in.UniversityID, current); err != nil {
		return nil, err
	}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error {
		return upsertMentorProfile(ctx, tx, v.ID, in, s.now())
	}); err != nil {
		return nil, err
	}
	return mentorProfileByUser(ctx, s.db, v.ID)
}

// Mentors lists every mentor profile with the account names (coordinators).
func (s *Mentoring) Mentors(ctx context.Context, v *web.Viewer) ([]*MentorProfile, error) {
	if err := coordinator(v); err != nil {
		return nil, err
	}
	ms, err := listMentors(ctx, s.db, false)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.UserID
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		m.Name = cs[m.UserID].Name
	}
	return ms, nil
}

// SetMentorVerified verifies a mentor (or withdraws it); only verified mentors are
// suggested and paired. Existing pairings stay: ending them is a separate decision.
func (s *Mentoring) SetMentorVerified(ctx context.Context, v *web.Viewer, userID int64, verified bool) error {
	if err := coordinator(v); err != nil {
		return err
	}
	return setMentorVerified(ctx, s.db, userID, v.ID, verified, s.now())
}
