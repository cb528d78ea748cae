package b2b

import (
	"context"
	"database/sql"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// meetingColumns reads a meeting with its two sides from its request.
const meetingColumns = `m.id, m.programme_id, m.request_id, r.from_profile_id, r.to_profile_id,
	m.slot, m.table_no, m.locked, m.status, m.unplaced, m.created_at, m.updated_at
	FROM b2b_meetings m JOIN b2b_requests r ON r.id = m.request_id`

func scanMeeting(s db.Scanner) (Meeting, error) {
	var m Meeting
	var slot, table sql.NullInt64
	var locked int
	var status string
	err := s.Scan(&m.ID, &m.ProgrammeID, &m.RequestID, &m.Profiles[0], &m.Profiles[1],
		&slot, &table, &locked, &status, &m.Unplaced, &m.CreatedAt, &m.UpdatedAt)
	m.Slot, m.Table = -1, 0
	if slot.Valid && table.Valid {
		m.Slot, m.Table = int(slot.Int64), int(table.Int64)
	}
	m.Locked, m.Status = locked == 1, MeetingStatus(status)
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, err
}

func queryMeetings(ctx context.Context, q db.Querier, where string, args ...any) ([]Meeting, error) {
	return db.Collect(ctx, q, scanMeeting, `SELECT `+meetingColumns+` WHERE `+where, args...)
}

// placedMeetings lists the programme's scheduled meetings that still take place.
func placedMeetings(ctx context.Context, q db.Querier, programmeID int64) ([]Meeting, error) {
	return queryMeetings(ctx, q, `m.programme_id = ? AND m.slot IS NOT NULL AND m.status <> ? ORDER BY m.slot, m.table_no`,
		programmeID, MeetingCancelled)
}
