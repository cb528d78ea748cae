package student

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Pairing is a student with their mentor or buddy.
type Pairing struct {
	ID          int64      `json:"id"`
	StudentID   int64      `json:"student_id"`
	StudentName string     `json:"student_name"`
	MentorID    int64      `json:"mentor_id"`
	MentorName  string     `json:"mentor_name"`
	Status      string     `json:"status"` // active, ended
	Points      int        `json:"points"`
	CreatedAt   time.Time  `json:"created_at"`
	EndedAt     *time.Time `json:"ended_at,omitempty"`
	EndReason   string     `json:"end_reason,omitempty"`
	// The contact address the other side agreed to share; filled for the people paired.
	StudentEmail string `json:"student_email,omitempty"`
	MentorEmail  string `json:"mentor_email,omitempty"`
}

// Active reports whether the pairing is still running.
func (p *Pairing) Active() bool { return p.Status == "active" }

const pairingColumns = `p.id, p.student_id, p.mentor_id, p.status, p.points, p.created_at, p.ended_at, p.end_reason,
	COALESCE(sp.contact_email, ''), COALESCE(m.contact_email, '')
	FROM student_pairings p LEFT JOIN student_profiles sp ON sp.user_id = p.student_id
	LEFT JOIN student_mentors m ON m.user_id = p.mentor_id`

func scanPairing(s db.Scanner) (*Pairing, error) {
	var p Pairing
	var ended sql.NullTime
	err := s.Scan(&p.ID, &p.StudentID, &p.MentorID, &p.Status, &p.Points, &p.CreatedAt, &ended, &p.EndReason, &p.StudentEmail, &p.MentorEmail)
	p.CreatedAt = p.CreatedAt.UTC()
	if ended.Valid {
		t := ended.Time.UTC()
		p.EndedAt = &t
	}
	return &p, err
}

func pairingByID(ctx context.Context, q db.Querier, id int64) (*Pairing, error) {
	p, err := scanPairing(q.QueryRow(ctx, `SELECT `+pairingColumns+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPairingNotFound
	}
	return p, err
}

// Pairings lists the caller's own pairings (as student or mentor), newest first; with all
// set, a coordinator gets every active pairing instead.
func (s *Mentoring) Pairings(ctx context.Context, v *web.Viewer, all bool) ([]*Pairing, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	var ps []*Pairing
	var err error
	if all {
		if err := coordinator(v); err != nil {
			return nil, err
		}
		ps, err = db.Collect(ctx, s.db, scanPairing, `SELECT `+pairingColumns+` WHERE p.status = 'active' ORDER BY p.created_at DESC, p.id DESC`)
	} else {
		ps, err = db.Collect(ctx, s.db, scanPairing, `SELECT `+pairingColumns+`
			WHERE p.student_id = ? OR p.mentor_id = ? ORDER BY p.status, p.created_at DESC, p.id DESC`, v.ID, v.ID)
	}
	if err != nil {
		return nil, err
	}
	return ps, s.nameParties(ctx, ps)
}

// Pairing returns one pairing to either side or a coordinator.
func (s *Mentoring) Pairing(ctx context.Context, v *web.Viewer, id int64) (*Pairing, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	p, err := pairingByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !partyOrCoordinator(v, p) {
		return nil, errPairingNotFound // not a party: the pairing is none of their business
	}
	return p, s.nameParties(ctx, []*Pairing{p})
}

func partyOrCoordinator(v *web.Viewer, p *Pairing) bool {
	return v.ID == p.StudentID || v.ID == p.MentorID || canCoordinateMentoring(v)
}

func (s *Mentoring) nameParties(ctx context.Context, ps []*Pairing) error {
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.StudentID, p.MentorID)
	}
	if len(ids) == 0 {
		return nil
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range ps {
		p.StudentName, p.MentorName = cs[p.StudentID].Name, cs[p.MentorID].Name
	}
	return nil
}

// Pair pairs a student with a mentor: coordinators pair anyone; a student pairs
// themselves with a mentor from their suggestions when the programme lets students choose.
// Both sides are introduced by mail in the same transaction.
func (s *Mentoring) Pair(ctx context.Context, v *web.Viewer, studentID, mentorID int64) (*Pairing, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	if !canCoordinateMentoring(v) {
		if err := s.mayChoose(ctx, v, studentID, mentorID); err != nil {
			return nil, err
		}
	}
	cs, err := s.dir.Contacts(ctx, []int64{studentID, mentorID})
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		id, err = s.pairTx(ctx, tx, v, studentID, mentorID, cs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Pairing(ctx, v, id)
}

// mayChoose allows a student to pick a mentor themselves: only for their own profile, only
// when the programme allows it, and only a mentor among their suggestions.
func (s *Mentoring) mayChoose(ctx context.Context, v *web.Viewer, studentID, mentorID int64) error {
	if v.ID != studentID {
		return errMentoringForbidden
	}
	on, err := studentsChoose(ctx, s.db)
	if err != nil {
		return err
	}
	if !on {
		return errMentoringForbidden
	}
	var paired int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM student_pairings WHERE student_id = ? AND status = 'active'`, v.ID).Scan(&paired); err != nil {
		return err
	}
	if paired > 0 {
		return fail.Fields{"student_id": "student.mentoring.error.already_paired"}
	}
	choices, err := s.Choices(ctx, v)
	if err != nil {
		return err
	}
	for _, c := range choices {
		if c.MentorID == mentorID {
			return nil
		}
	}
	return fail.Fields{"mentor_id": "student.mentoring.error.not_suggested"}
}

// pairTx writes one pairing after checking, under the mentor row's lock, that the mentor
// is verified and has a free place and that the student has no active pairing. It is the
// one path every pairing takes (one by one or in bulk).
func (s *Mentoring) pairTx(ctx context.Context, tx *db.Tx, v *web.Viewer, studentID, mentorID int64, cs map[int64]MentoringContact) (int64, error) {
	if studentID == mentorID {
		return 0, fail.Fields{"mentor_id": "student.mentoring.error.self"}
	}
	var capacity, verified int
	err := tx.QueryRow(ctx, `SELECT capacity, verified FROM student_mentors WHERE user_id = ?`+tx.ForUpdate(), mentorID).Scan(&capacity, &verified)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fail.Fields{"mentor_id": "student.mentoring.error.no_mentor"}
	}
	if err != nil {
		return 0, err
	}
	if verified != 1 {
		return 0, fail.Fields{"mentor_id": "student.mentoring.error.unverified"}
	}
	var active int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM student_pairings WHERE mentor_id = ? AND status = 'active'`, mentorID).Scan(&active); err != nil {
		return 0, err
	}
	if active >= capacity {
		return 0, fail.Fields{"mentor_id": "student.mentoring.error.mentor_full"}
	}
	st, err := studentProfileByUser(ctx, tx, studentID)
	if errors.Is(err, errProfileNotFound) {
		return 0, fail.Fields{"student_id": "student.mentoring.error.no_student"}
	}
	if err != nil {
		return 0, err
	}
	// A student who chose to stay hidden is paired only by their own choice.
	if !st.Visible && v.ID != studentID {
		return 0, fail.Fields{"student_id": "student.mentoring.error.not_visible"}
	}
	var paired int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM student_pairings WHERE student_id = ? AND status = 'active'`, studentID).Scan(&paired); err != nil {
		return 0, err
	}
	if paired > 0 {
		return 0, fail.Fields{"student_id": "student.mentoring.error.already_paired"}
	}
	m, err := mentorProfileByUser(ctx, tx, mentorID)
	if err != nil {
		return 0, err
	}
	points, _ := scorePair(st, m)
	var id int64
	err = tx.WriteRow(ctx, `INSERT INTO student_pairings (student_id, mentor_id, status, points, created_by, created_at)
		VALUES (?, ?, 'active', ?, ?, ?) RETURNING id`, studentID, mentorID, points, v.ID, s.now()).Scan(&id)
	if db.IsUniqueViolation(err) {
		// Another transaction paired the student a moment ago (PostgreSQL: no lock on a
		// row that did not exist yet, so the index has the last word).
		return 0, fail.Fields{"student_id": "student.mentoring.error.already_paired"}
	}
	if err != nil {
		return 0, err
	}
	return id, s.introduce(ctx, tx, st, m, cs)
}

// EndPairing ends an active pairing with a reason; either side or a coordinator may. The
// other side (both sides, when a coordinator ends it) is told by mail.
func (s *Mentoring) EndPairing(ctx context.Context, v *web.Viewer, id int64, reason string) (*Pairing, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, fail.Fields{"reason": "student.mentoring.error.reason"}
	case utf8.RuneCountInString(reason) > 1000:
		return nil, fail.Fields{"reason": "form.too_long"}
	}
	p, err := pairingByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !partyOrCoordinator(v, p) {
		return nil, errPairingNotFound
	}
	cs, err := s.dir.Contacts(ctx, []int64{p.StudentID, p.MentorID, v.ID})
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM student_pairings WHERE id = ?`+tx.ForUpdate(), id).Scan(&status); err != nil {
			return err
		}
		if status != "active" {
			return fail.Fields{"reason": "student.mentoring.error.ended"}
		}
		if _, err := tx.Exec(ctx, `UPDATE student_pairings SET status = 'ended', ended_by = ?, ended_at = ?, end_reason = ? WHERE id = ?`,
			v.ID, s.now(), reason, id); err != nil {
			return err
		}
		return s.announceEnd(ctx, tx, v, p, reason, cs)
	})
	if err != nil {
		return nil, err
	}
	return s.Pairing(ctx, v, id)
}

// CountActivePairings counts the pairings running now, for the aggregate reports.
func (s *Mentoring) CountActivePairings(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM student_pairings WHERE status = 'active'`).Scan(&n)
	return n, err
}

// ActivePairings is CountActivePairings for a report figure: no personal data, and a
// database failure shows as 0 rather than failing the report page.
func (s *Mentoring) ActivePairings(ctx context.Context) int {
	n, err := s.CountActivePairings(ctx)
	if err != nil {
		return 0
	}
	return n
}
