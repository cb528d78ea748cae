package b2b

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// The SQL is portable: ? placeholders are rebound for PostgreSQL; breaks are JSON text.

// byValue adapts a scan that returns a pointer (as single-row lookups want) to db.Collect,
// which lists values.
func byValue[T any](scan func(db.Scanner) (*T, error)) func(db.Scanner) (T, error) {
	return func(s db.Scanner) (T, error) {
		p, err := scan(s)
		if err != nil {
			var zero T
			return zero, err
		}
		return *p, nil
	}
}

func programmeByEvent(ctx context.Context, q db.Querier, eventID int64) (*Programme, error) {
	var p Programme
	var mode string
	var published sql.NullTime
	err := q.QueryRow(ctx, `SELECT id, event_id, mode, opens_at, closes_at, max_open_requests, published_at, created_at, updated_at
		FROM b2b_programmes WHERE event_id = ?`, eventID).
		Scan(&p.ID, &p.EventID, &mode, &p.OpensAt, &p.ClosesAt, &p.MaxOpenRequests, &published, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.Mode = Mode(mode)
	if published.Valid {
		p.PublishedAt = published.Time.UTC()
	}
	p.OpensAt, p.ClosesAt, p.CreatedAt, p.UpdatedAt = p.OpensAt.UTC(), p.ClosesAt.UTC(), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if p.Sessions, err = loadSessions(ctx, q, p.ID); err != nil {
		return nil, err
	}
	p.Tables, err = loadTables(ctx, q, p.ID)
	return &p, err
}

func loadSessions(ctx context.Context, q db.Querier, programmeID int64) ([]Session, error) {
	rows, err := q.Query(ctx, `SELECT id, starts_at, slot_minutes, slots, max_meetings, breaks
		FROM b2b_sessions WHERE programme_id = ? ORDER BY position`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var s Session
		var breaks string
		if err := rows.Scan(&s.ID, &s.StartsAt, &s.SlotMinutes, &s.Slots, &s.MaxMeetings, &breaks); err != nil {
			return nil, err
		}
		s.StartsAt = s.StartsAt.UTC()
		if err := json.Unmarshal([]byte(breaks), &s.Breaks); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func loadTables(ctx context.Context, q db.Querier, programmeID int64) ([]Table, error) {
	rows, err := q.Query(ctx, `SELECT number, name FROM b2b_tables WHERE programme_id = ? ORDER BY number`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Table
	for rows.Next() {
		var t Table
		if err := rows.Scan(&t.Number, &t.Name); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func insertProgramme(ctx context.Context, q db.Querier, p *Programme) error {
	return q.WriteRow(ctx, `INSERT INTO b2b_programmes (event_id, mode, opens_at, closes_at, max_open_requests, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.EventID, p.Mode, p.OpensAt, p.ClosesAt, p.MaxOpenRequests, p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
}

func updateProgramme(ctx context.Context, q db.Querier, p *Programme) error {
	_, err := q.Exec(ctx, `UPDATE b2b_programmes SET mode = ?, opens_at = ?, closes_at = ?, max_open_requests = ?, updated_at = ?
		WHERE id = ?`, p.Mode, p.OpensAt, p.ClosesAt, p.MaxOpenRequests, p.UpdatedAt, p.ID)
	return err
}

// saveSessions makes the stored sessions those of p: listed IDs are updated, new ones
// inserted (their IDs set in p), the rest deleted. An ID of another programme counts as new,
// so a session cannot be moved between programmes.
func saveSessions(ctx context.Context, q db.Querier, p *Programme) error {
	old, err := loadSessions(ctx, q, p.ID)
	if err != nil {
		return err
	}
	kept := map[int64]bool{}
	for i := range p.Sessions {
		s := &p.Sessions[i]
		breaks, err := json.Marshal(orEmpty(s.Breaks))
		if err != nil {
			return err
		}
		if s.ID != 0 && hasSession(old, s.ID) {
			kept[s.ID] = true
			_, err = q.Exec(ctx, `UPDATE b2b_sessions SET position = ?, starts_at = ?, slot_minutes = ?, slots = ?, max_meetings = ?, breaks = ?
				WHERE id = ?`, i, s.StartsAt, s.SlotMinutes, s.Slots, s.MaxMeetings, string(breaks), s.ID)
		} else {
			err = q.WriteRow(ctx, `INSERT INTO b2b_sessions (programme_id, position, starts_at, slot_minutes, slots, max_meetings, breaks)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.ID, i, s.StartsAt, s.SlotMinutes, s.Slots, s.MaxMeetings, string(breaks)).Scan(&s.ID)
		}
		if err != nil {
			return err
		}
	}
	for _, s := range old {
		if !kept[s.ID] {
			if _, err := q.Exec(ctx, `DELETE FROM b2b_sessions WHERE id = ?`, s.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasSession(list []Session, id int64) bool {
	for _, s := range list {
		if s.ID == id {
			return true
		}
	}
	return false
}

func orEmpty(b []Break) []Break {
	if b == nil {
		return []Break{}
	}
	return b
}

// saveTables rewrites the numbered tables: a table is only its number and name here.
func saveTables(ctx context.Context, q db.Querier, p *Programme) error {
	if _, err := q.Exec(ctx, `DELETE FROM b2b_tables WHERE programme_id = ?`, p.ID); err != nil {
		return err
	}
	for _, t := range p.Tables {
		if _, err := q.Exec(ctx, `INSERT INTO b2b_tables (programme_id, number, name) VALUES (?, ?, ?)`, p.ID, t.Number, t.Name); err != nil {
			return err
		}
	}
	return nil
}

// lockProgramme reads the event's programme for update, so two organisers saving at once
// apply one after the other; nil when there is none yet.
func lockProgramme(ctx context.Context, tx *db.Tx, eventID int64) (*Programme, error) {
	var id int64
	var created time.Time
	err := tx.QueryRow(ctx, `SELECT id, created_at FROM b2b_programmes WHERE event_id = ?`+tx.ForUpdate(), eventID).Scan(&id, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &Programme{ID: id, EventID: eventID, CreatedAt: created.UTC()}, nil
}
