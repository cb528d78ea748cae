package b2b

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const runColumns = `id, programme_id, started_by, meetings, placed, locked, upper_bound, elapsed_ms, created_at`

func scanRun(s db.Scanner) (Run, error) {
	var r Run
	var by sql.NullInt64
	err := s.Scan(&r.ID, &r.ProgrammeID, &by, &r.Meetings, &r.Placed, &r.Locked, &r.UpperBound, &r.ElapsedMS, &r.CreatedAt)
	r.StartedBy, r.CreatedAt = by.Int64, r.CreatedAt.UTC()
	return r, err
}

func insertRun(ctx context.Context, q db.Querier, r *Run) error {
	return q.WriteRow(ctx, `INSERT INTO b2b_schedule_runs (programme_id, started_by, meetings, placed, locked, upper_bound, elapsed_ms, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.ProgrammeID, r.StartedBy, r.Meetings, r.Placed, r.Locked, r.UpperBound, r.ElapsedMS, r.CreatedAt).Scan(&r.ID)
}

func listRuns(ctx context.Context, q db.Querier, programmeID int64) ([]Run, error) {
	runs, err := db.Collect(ctx, q, scanRun, `SELECT `+runColumns+` FROM b2b_schedule_runs WHERE programme_id = ? ORDER BY id DESC`, programmeID)
	if runs == nil && err == nil {
		runs = []Run{} // the API lists none as [], not null
	}
	return runs, err
}

// lastRun is the programme's latest run; ok false before the first.
func lastRun(ctx context.Context, q db.Querier, programmeID int64) (r Run, ok bool, err error) {
	r, err = scanRun(q.QueryRow(ctx, `SELECT `+runColumns+` FROM b2b_schedule_runs WHERE programme_id = ? ORDER BY id DESC LIMIT 1`, programmeID))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, false, nil
	}
	return r, err == nil, err
}

// writePlace stores a meeting's slot, table, lock and unplaced reason.
func writePlace(ctx context.Context, q db.Querier, m Meeting) error {
	var slot, table any
	if m.Scheduled() {
		slot, table = m.Slot, m.Table
	}
	locked := 0
	if m.Locked {
		locked = 1
	}
	_, err := q.Exec(ctx, `UPDATE b2b_meetings SET slot = ?, table_no = ?, locked = ?, unplaced = ?, updated_at = ? WHERE id = ?`,
		slot, table, locked, m.Unplaced, m.UpdatedAt, m.ID)
	return err
}

// meetingByID reads one meeting with its two sides.
func meetingByID(ctx context.Context, q db.Querier, id int64) (Meeting, error) {
	ms, err := queryMeetings(ctx, q, `m.id = ?`, id)
	if err != nil {
		return Meeting{}, err
	}
	if len(ms) == 0 {
		return Meeting{}, ErrNotFound
	}
	return ms[0], nil
}

// eventOfProgramme is the event a programme belongs to.
func eventOfProgramme(ctx context.Context, q db.Querier, programmeID int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT event_id FROM b2b_programmes WHERE id = ?`, programmeID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

func setPublished(ctx context.Context, q db.Querier, p *Programme) error {
	_, err := q.Exec(ctx, `UPDATE b2b_programmes SET published_at = ? WHERE id = ?`, p.PublishedAt, p.ID)
	return err
}
