package b2b

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const surveyColumns = `s.meeting_id, s.profile_id, s.round, s.rating, s.outcome, s.value_eur, s.comment, s.answered_by, s.created_at`

func scanSurvey(row db.Scanner) (Survey, error) {
	var s Survey
	var outcome string
	var value, by sql.NullInt64
	err := row.Scan(&s.MeetingID, &s.ProfileID, &s.Round, &s.Rating, &outcome, &value, &s.Comment, &by, &s.AnsweredAt)
	s.Outcome, s.AnsweredBy, s.AnsweredAt = Outcome(outcome), by.Int64, s.AnsweredAt.UTC()
	if value.Valid {
		s.ValueEUR = &value.Int64
	}
	return s, err
}

// programmeSurveys lists every answer about the programme's meetings.
func programmeSurveys(ctx context.Context, q db.Querier, programmeID int64) ([]Survey, error) {
	return querySurveys(ctx, q, `SELECT `+surveyColumns+` FROM b2b_surveys s JOIN b2b_meetings m ON m.id = s.meeting_id
		WHERE m.programme_id = ? ORDER BY s.meeting_id, s.profile_id, s.round`, programmeID)
}

// profileSurveys lists one side's answers.
func profileSurveys(ctx context.Context, q db.Querier, profileID int64) ([]Survey, error) {
	return querySurveys(ctx, q, `SELECT `+surveyColumns+` FROM b2b_surveys s WHERE s.profile_id = ? ORDER BY s.meeting_id, s.round`, profileID)
}

func querySurveys(ctx context.Context, q db.Querier, query string, args ...any) ([]Survey, error) {
	return db.Collect(ctx, q, scanSurvey, query, args...)
}

// surveyOf returns one side's answer for a round, or ErrNotFound.
func surveyOf(ctx context.Context, q db.Querier, meetingID, profileID int64, round int) (*Survey, error) {
	s, err := scanSurvey(q.QueryRow(ctx, `SELECT `+surveyColumns+` FROM b2b_surveys s
		WHERE s.meeting_id = ? AND s.profile_id = ? AND s.round = ?`, meetingID, profileID, round))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &s, err
}

// saveSurvey stores an answer, replacing the side's earlier one for the round. The upsert
// is the same statement on both engines.
func saveSurvey(ctx context.Context, q db.Querier, s *Survey) error {
	_, err := q.Exec(ctx, `INSERT INTO b2b_surveys (meeting_id, profile_id, round, rating, outcome, value_eur, comment, answered_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (meeting_id, profile_id, round) DO UPDATE SET rating = excluded.rating, outcome = excluded.outcome,
			value_eur = excluded.value_eur, comment = excluded.comment, answered_by = excluded.answered_by, created_at = excluded.created_at`,
		s.MeetingID, s.ProfileID, s.Round, s.Rating, s.Outcome, s.ValueEUR, s.Comment, s.AnsweredBy, s.AnsweredAt)
	return err
}

// surveyMeetingByID returns one meeting with its sides.
func surveyMeetingByID(ctx context.Context, q db.Querier, id int64) (*Meeting, error) {
	ms, err := queryMeetings(ctx, q, `m.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, ErrNotFound
	}
	return &ms[0], nil
}

// surveyMeetingsOf lists the meetings one profile is a side of, in slot order.
func surveyMeetingsOf(ctx context.Context, q db.Querier, profileID int64) ([]Meeting, error) {
	return queryMeetings(ctx, q, `(r.from_profile_id = ? OR r.to_profile_id = ?) ORDER BY m.slot, m.id`, profileID, profileID)
}

// surveyEventOf returns the event a programme belongs to.
func surveyEventOf(ctx context.Context, q db.Querier, programmeID int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT event_id FROM b2b_programmes WHERE id = ?`, programmeID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}
