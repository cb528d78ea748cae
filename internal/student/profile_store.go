package student

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// --- universities

func listUniversities(ctx context.Context, q db.Querier) ([]University, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (University, error) {
		var u University
		var retired int
		err := s.Scan(&u.ID, &u.Name, &retired)
		u.Retired = retired == 1
		return u, err
	}, `SELECT id, name, retired FROM student_universities`)
}

func universityByID(ctx context.Context, q db.Querier, id int64) (*University, error) {
	var u University
	var retired int
	err := q.QueryRow(ctx, `SELECT id, name, retired FROM student_universities WHERE id = ?`, id).Scan(&u.ID, &u.Name, &retired)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errUniversityNotFound
	}
	u.Retired = retired == 1
	return &u, err
}

func insertUniversity(ctx context.Context, q db.Querier, name, key string) (int64, error) {
	var id int64
	err := q.WriteRow(ctx, `INSERT INTO student_universities (name, name_key) VALUES (?, ?) RETURNING id`, name, key).Scan(&id)
	return id, err
}

func updateUniversity(ctx context.Context, q db.Querier, id int64, name, key string, retired bool) error {
	res, err := q.Exec(ctx, `UPDATE student_universities SET name = ?, name_key = ?, retired = ? WHERE id = ?`, name, key, boolInt(retired), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errUniversityNotFound
	}
	return nil
}

// --- student profiles

const studentProfileColumns = `p.user_id, COALESCE(p.university_id, 0), COALESCE(u.name, ''), p.faculty, p.programme, p.year,
	p.home_city, p.languages, p.interests, p.wants, p.contact_email, p.visible, p.consent_version, p.consent_at, p.updated_at
	FROM student_profiles p LEFT JOIN student_universities u ON u.id = p.university_id`

func scanStudentProfile(s db.Scanner) (*StudentProfile, error) {
	var p StudentProfile
	var langs, interests, wants string
	var visible int
	err := s.Scan(&p.UserID, &p.UniversityID, &p.University, &p.Faculty, &p.Programme, &p.Year,
		&p.HomeCity, &langs, &interests, &wants, &p.ContactEmail, &visible, &p.ConsentVersion, &p.ConsentAt, &p.UpdatedAt)
	p.Languages, p.Interests, p.Wants = codeList(langs), splitList(interests), codeList(wants)
	p.Visible = visible == 1
	p.ConsentAt, p.UpdatedAt = p.ConsentAt.UTC(), p.UpdatedAt.UTC()
	return &p, err
}

func studentProfileByUser(ctx context.Context, q db.Querier, userID int64) (*StudentProfile, error) {
	p, err := scanStudentProfile(q.QueryRow(ctx, `SELECT `+studentProfileColumns+` WHERE p.user_id = ?`, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errProfileNotFound
	}
	return p, err
}

// unpairedVisibleStudents are the students coordinators may pair: visible, without an
// active pairing, oldest profile first (who waited longest is listed first).
func unpairedVisibleStudents(ctx context.Context, q db.Querier) ([]*StudentProfile, error) {
	return db.Collect(ctx, q, scanStudentProfile, `SELECT `+studentProfileColumns+`
		WHERE p.visible = 1 AND NOT EXISTS (SELECT 1 FROM student_pairings s WHERE s.student_id = p.user_id AND s.status = 'active')
		ORDER BY p.created_at, p.user_id`)
}

func upsertStudentProfile(ctx context.Context, q db.Querier, userID int64, in StudentProfileInput, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO student_profiles (user_id, university_id, faculty, programme, year, home_city, languages,
		interests, wants, contact_email, visible, consent_version, consent_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET university_id = excluded.university_id, faculty = excluded.faculty,
		programme = excluded.programme, year = excluded.year, home_city = excluded.home_city, languages = excluded.languages,
		interests = excluded.interests, wants = excluded.wants, contact_email = excluded.contact_email, visible = excluded.visible,
		consent_version = excluded.consent_version, consent_at = excluded.consent_at, updated_at = excluded.updated_at`,
		userID, nullID(in.UniversityID), in.Faculty, in.Programme, in.Year, in.HomeCity, strings.Join(in.Languages, " "),
		strings.Join(in.Interests, ","), strings.Join(in.Wants, " "), in.ContactEmail, boolInt(in.Visible),
		MentoringNoticeVersion, now, now, now)
	return err
}

// --- mentor profiles

const mentorProfileColumns = `m.user_id, m.kind, COALESCE(m.university_id, 0), COALESCE(u.name, ''), m.field, m.home_city,
	m.languages, m.interests, m.offers, m.capacity, m.about, m.contact_email, m.verified, m.consent_version, m.consent_at, m.updated_at,
	(SELECT COUNT(*) FROM student_pairings s WHERE s.mentor_id = m.user_id AND s.status = 'active')
	FROM student_mentors m LEFT JOIN student_universities u ON u.id = m.university_id`

func scanMentorProfile(s db.Scanner) (*MentorProfile, error) {
	var m MentorProfile
	var langs, interests, offers string
	var verified int
	err := s.Scan(&m.UserID, &m.Kind, &m.UniversityID, &m.University, &m.Field, &m.HomeCity,
		&langs, &interests, &offers, &m.Capacity, &m.About, &m.ContactEmail, &verified, &m.ConsentVersion, &m.ConsentAt, &m.UpdatedAt, &m.Active)
	m.Languages, m.Interests, m.Offers = codeList(langs), splitList(interests), codeList(offers)
	m.Verified = verified == 1
	m.ConsentAt, m.UpdatedAt = m.ConsentAt.UTC(), m.UpdatedAt.UTC()
	return &m, err
}

func mentorProfileByUser(ctx context.Context, q db.Querier, userID int64) (*MentorProfile, error) {
	m, err := scanMentorProfile(q.QueryRow(ctx, `SELECT `+mentorProfileColumns+` WHERE m.user_id = ?`, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errMentorNotFound
	}
	return m, err
}

// listMentors lists every mentor profile, unverified first (they wait for a coordinator).
func listMentors(ctx context.Context, q db.Querier, verifiedOnly bool) ([]*MentorProfile, error) {
	where := ""
	if verifiedOnly {
		where = ` WHERE m.verified = 1`
	}
	return db.Collect(ctx, q, scanMentorProfile, `SELECT `+mentorProfileColumns+where+` ORDER BY m.verified, m.created_at, m.user_id`)
}

func upsertMentorProfile(ctx context.Context, q db.Querier, userID int64, in MentorProfileInput, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO student_mentors (user_id, kind, university_id, field, home_city, languages, interests,
		offers, capacity, about, contact_email, consent_version, consent_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, university_id = excluded.university_id, field = excluded.field,
		home_city = excluded.home_city, languages = excluded.languages, interests = excluded.interests, offers = excluded.offers,
		capacity = excluded.capacity, about = excluded.about, contact_email = excluded.contact_email,
		consent_version = excluded.consent_version, consent_at = excluded.consent_at, updated_at = excluded.updated_at`,
		userID, in.Kind, nullID(in.UniversityID), in.Field, in.HomeCity, strings.Join(in.Languages, " "),
		strings.Join(in.Interests, ","), strings.Join(in.Offers, " "), in.Capacity, in.About, in.ContactEmail,
		MentoringNoticeVersion, now, now, now)
	return err
}

func setMentorVerified(ctx context.Context, q db.Querier, userID, by int64, verified bool, now time.Time) error {
	var at any
	if verified {
		at = now
	}
	res, err := q.Exec(ctx, `UPDATE student_mentors SET verified = ?, verified_by = ?, verified_at = ? WHERE user_id = ?`,
		boolInt(verified), by, at, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errMentorNotFound
	}
	return nil
}

// --- settings

func studentsChoose(ctx context.Context, q db.Querier) (bool, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT students_choose FROM student_mentoring_settings WHERE id = 1`).Scan(&v)
	return v == 1, err
}

func setStudentsChoose(ctx context.Context, q db.Querier, on bool) error {
	_, err := q.Exec(ctx, `UPDATE student_mentoring_settings SET students_choose = ? WHERE id = 1`, boolInt(on))
	return err
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// codeList reads a space-separated list of codes; never nil, so JSON shows [].
func codeList(s string) []string {
	out := strings.Fields(s)
	if out == nil {
		return []string{}
	}
	return out
}
