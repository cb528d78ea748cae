package b2b

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const requestColumns = `id, programme_id, from_profile_id, to_profile_id, message, priority, status, reason,
	created_by, answered_by, created_at, answered_at`

func scanRequest(s db.Scanner) (Request, error) {
	var r Request
	var status string
	var createdBy, answeredBy sql.NullInt64
	var answered sql.NullTime
	err := s.Scan(&r.ID, &r.ProgrammeID, &r.FromProfileID, &r.ToProfileID, &r.Message, &r.Priority, &status, &r.Reason,
		&createdBy, &answeredBy, &r.CreatedAt, &answered)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	r.Status, r.CreatedBy, r.AnsweredBy = RequestStatus(status), createdBy.Int64, answeredBy.Int64
	r.CreatedAt = r.CreatedAt.UTC()
	if answered.Valid {
		r.AnsweredAt = answered.Time.UTC()
	}
	return r, err
}

func requestByID(ctx context.Context, q db.Querier, id int64) (Request, error) {
	return scanRequest(q.QueryRow(ctx, `SELECT `+requestColumns+` FROM b2b_requests WHERE id = ?`, id))
}

func queryRequests(ctx context.Context, q db.Querier, where string, args ...any) ([]Request, error) {
	return db.Collect(ctx, q, scanRequest, `SELECT `+requestColumns+` FROM b2b_requests WHERE `+where+` ORDER BY created_at DESC, id DESC`, args...)
}

// requestsOfProfile lists what a participant sent and received, newest first.
func requestsOfProfile(ctx context.Context, q db.Querier, profileID int64) ([]Request, error) {
	return queryRequests(ctx, q, `from_profile_id = ? OR to_profile_id = ?`, profileID, profileID)
}

func requestsOfProgramme(ctx context.Context, q db.Querier, programmeID int64) ([]Request, error) {
	return queryRequests(ctx, q, `programme_id = ?`, programmeID)
}

// liveBetween reports whether a pending or accepted request joins a and b, either way.
func liveBetween(ctx context.Context, q db.Querier, a, b int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_requests WHERE status IN (?, ?)
		AND ((from_profile_id = ? AND to_profile_id = ?) OR (from_profile_id = ? AND to_profile_id = ?))`,
		RequestPending, RequestAccepted, a, b, b, a).Scan(&n)
	return n > 0, err
}

// openSent counts the participant's requests still waiting for an answer.
func openSent(ctx context.Context, q db.Querier, profileID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_requests WHERE from_profile_id = ? AND status = ?`, profileID, RequestPending).Scan(&n)
	return n, err
}

func insertRequest(ctx context.Context, q db.Querier, r *Request) error {
	return q.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status,
		reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.ProgrammeID, r.FromProfileID, r.ToProfileID, r.Message, r.Priority, r.Status, r.Reason, r.CreatedBy, r.CreatedAt).Scan(&r.ID)
}

// answerRequest records a new status, reason and who answered; answeredBy 0 is the
// platform (auto-accept).
func answerRequest(ctx context.Context, q db.Querier, r *Request) error {
	var by any
	if r.AnsweredBy != 0 {
		by = r.AnsweredBy
	}
	_, err := q.Exec(ctx, `UPDATE b2b_requests SET status = ?, reason = ?, answered_by = ?, answered_at = ? WHERE id = ?`,
		r.Status, r.Reason, by, r.AnsweredAt, r.ID)
	return err
}

func insertMeeting(ctx context.Context, q db.Querier, m *Meeting) error {
	var slot, table any
	if m.Scheduled() {
		slot, table = m.Slot, m.Table
	}
	return q.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, slot, table_no, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.ProgrammeID, m.RequestID, slot, table, m.Status, m.CreatedAt, m.UpdatedAt).Scan(&m.ID)
}

func meetingByRequest(ctx context.Context, q db.Querier, requestID int64) (*Meeting, error) {
	ms, err := queryMeetings(ctx, q, `m.request_id = ?`, requestID)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return &ms[0], nil
}

// meetingsOfProgramme maps request ids to their meetings.
func meetingsOfProgramme(ctx context.Context, q db.Querier, programmeID int64) (map[int64]Meeting, error) {
	ms, err := queryMeetings(ctx, q, `m.programme_id = ?`, programmeID)
	out := make(map[int64]Meeting, len(ms))
	for _, m := range ms {
		out[m.RequestID] = m
	}
	return out, err
}

func cancelMeetingOf(ctx context.Context, q db.Querier, requestID int64, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE b2b_meetings SET status = ?, updated_at = ? WHERE request_id = ?`, MeetingCancelled, now, requestID)
	return err
}

// lockProgrammeByID takes the programme's lock (lockProgramme) knowing only its id, and
// reads it whole for the checks that follow.
func lockProgrammeByID(ctx context.Context, tx *db.Tx, programmeID int64) (*Programme, error) {
	var eventID int64
	err := tx.QueryRow(ctx, `SELECT event_id FROM b2b_programmes WHERE id = ?`+tx.ForUpdate(), programmeID).Scan(&eventID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return programmeByEvent(ctx, tx, eventID)
}

func autoAccepts(ctx context.Context, q db.Querier, profileID int64) (bool, error) {
	var on int
	err := q.QueryRow(ctx, `SELECT auto_accept FROM b2b_profiles WHERE id = ?`, profileID).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	}
	return on == 1, err
}

func setAutoAccept(ctx context.Context, q db.Querier, profileID int64, on bool, now time.Time) error {
	v := 0
	if on {
		v = 1
	}
	_, err := q.Exec(ctx, `UPDATE b2b_profiles SET auto_accept = ?, updated_at = ? WHERE id = ?`, v, now, profileID)
	return err
}
