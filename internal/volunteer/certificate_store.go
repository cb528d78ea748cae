package volunteer

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// SQL of certificates and of the approved hours they count. Days are stored as YYYY-MM-DD
// text and read back as UTC midnights.

const certDayLayout = "2006-01-02"

func certDay(s string) time.Time {
	t, err := time.Parse(certDayLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func certDayText(t time.Time) string { return t.Format(certDayLayout) }

func certApprovedMinutes(ctx context.Context, q db.Querier, programmeID, userID int64) (int, time.Time, time.Time, error) {
	var minutes int
	var first, last string
	err := q.QueryRow(ctx, `SELECT COALESCE(SUM(minutes), 0), COALESCE(MIN(worked_on), ''), COALESCE(MAX(worked_on), '')
		FROM volunteer_hours WHERE programme_id = ? AND user_id = ? AND status = ?`,
		programmeID, userID, string(HoursApproved)).Scan(&minutes, &first, &last)
	if err != nil {
		return 0, time.Time{}, time.Time{}, err
	}
	return minutes, certDay(first), certDay(last), nil
}

const certificateColumns = `id, code, programme_id, user_id, holder_name, minutes, first_day, last_day, issued_at,
	programme_title, issuer_names`

// issuedCertificate is a certificate with what it printed of its programme: the title and
// the issuing organisations' names (none: the partnership's organisers, named in the
// reader's language).
type issuedCertificate struct {
	Certificate
	Title       i18n.Text
	IssuerNames []string
}

func scanCertificate(s db.Scanner) (issuedCertificate, error) {
	var c issuedCertificate
	var first, last, issuers string
	err := s.Scan(&c.ID, &c.Code, &c.ProgrammeID, &c.UserID, &c.HolderName, &c.Minutes, &first, &last, &c.IssuedAt,
		&c.Title, &issuers)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, err
	}
	c.FirstDay, c.LastDay, c.IssuedAt = certDay(first), certDay(last), c.IssuedAt.UTC()
	if err := json.Unmarshal([]byte(issuers), &c.IssuerNames); err != nil {
		return c, fmt.Errorf("volunteer: certificate %d issuers: %w", c.ID, err)
	}
	return c, nil
}

func certificateWhere(ctx context.Context, q db.Querier, cond string, args ...any) (*issuedCertificate, error) {
	c, err := scanCertificate(q.QueryRow(ctx, `SELECT `+certificateColumns+` FROM volunteer_certificates WHERE `+cond, args...))
	if err != nil {
		return nil, err
	}
	return &c, nil
}

func certificateByCode(ctx context.Context, q db.Querier, code string) (*issuedCertificate, error) {
	return certificateWhere(ctx, q, `code = ?`, code)
}

func certificateByHours(ctx context.Context, q db.Querier, programmeID, userID int64, minutes int) (*issuedCertificate, error) {
	return certificateWhere(ctx, q, `programme_id = ? AND user_id = ? AND minutes = ?`, programmeID, userID, minutes)
}

func insertCertificate(ctx context.Context, tx *db.Tx, c *issuedCertificate) error {
	issuers, err := json.Marshal(append([]string{}, c.IssuerNames...))
	if err != nil {
		return err
	}
	return tx.WriteRow(ctx, `INSERT INTO volunteer_certificates (code, programme_id, user_id, holder_name, minutes,
		first_day, last_day, issued_at, programme_title, issuer_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.Code, c.ProgrammeID, c.UserID, c.HolderName, c.Minutes, certDayText(c.FirstDay), certDayText(c.LastDay), c.IssuedAt,
		c.Title, string(issuers)).Scan(&c.ID)
}

// myCertificates gathers a volunteer's hours per programme (approved and pending), the
// certificates issued to them, and the programmes' titles.
func myCertificates(ctx context.Context, q db.Querier, userID int64) ([]MyCertificate, error) {
	byProgramme := map[int64]*MyCertificate{}
	var order []int64
	entry := func(id int64) *MyCertificate {
		if m, ok := byProgramme[id]; ok {
			return m
		}
		byProgramme[id] = &MyCertificate{}
		order = append(order, id)
		return byProgramme[id]
	}
	rows, err := q.Query(ctx, `SELECT programme_id, status, SUM(minutes), MIN(worked_on), MAX(worked_on)
		FROM volunteer_hours WHERE user_id = ? AND status IN (?, ?) GROUP BY programme_id, status`,
		userID, string(HoursApproved), string(HoursPending))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var status, first, last string
		var minutes int
		if err := rows.Scan(&id, &status, &minutes, &first, &last); err != nil {
			return nil, err
		}
		m := entry(id)
		if HoursStatus(status) == HoursPending {
			m.PendingMinutes = minutes
			continue
		}
		m.Minutes, m.FirstDay, m.LastDay = minutes, certDay(first), certDay(last)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	issued, err := db.Collect(ctx, q, scanCertificate,
		`SELECT `+certificateColumns+` FROM volunteer_certificates WHERE user_id = ? ORDER BY issued_at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	for _, c := range issued {
		m := entry(c.ProgrammeID)
		m.Issued = append(m.Issued, c.Certificate)
	}
	if len(order) == 0 {
		return nil, nil
	}
	in, args := db.InList(order)
	programmes, err := db.Collect(ctx, q, scanProgramme, `SELECT `+programmeColumns+` FROM volunteer_programmes WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]MyCertificate, 0, len(programmes))
	for _, p := range programmes {
		m := byProgramme[p.ID]
		m.Programme = *p
		out = append(out, *m)
	}
	// The latest work first; a programme with pending hours only by its own dates.
	slices.SortFunc(out, func(a, b MyCertificate) int { return certLatest(b).Compare(certLatest(a)) })
	return out, nil
}

func certLatest(m MyCertificate) time.Time {
	if !m.LastDay.IsZero() {
		return m.LastDay
	}
	return m.Programme.StartsAt
}
