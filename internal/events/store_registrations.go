package events

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const regColumns = `id, event_id, type_id, user_id, name, email, locale, status, seq, ticket_nonce,
	checked_in_at, gate, created_at, cancelled_at, notice_version`

func scanReg(s scanner) (*Registration, error) {
	var (
		r                  Registration
		user               sql.NullInt64
		gate               sql.NullString
		checked, cancelled sql.NullTime
		status             string
		created            time.Time
	)
	err := s.Scan(&r.ID, &r.EventID, &r.TypeID, &user, &r.Name, &r.Email, &r.Locale, &status, &r.Seq, &r.nonce,
		&checked, &gate, &created, &cancelled, &r.NoticeVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r.Status, r.UserID, r.Gate = RegStatus(status), user.Int64, gate.String
	r.CheckedInAt, r.CancelledAt = timePtr(checked), timePtr(cancelled)
	r.CreatedAt = created.UTC()
	return &r, nil
}

func scanRegs(rows *sql.Rows, err error) ([]Registration, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Registration
	for rows.Next() {
		r, err := scanReg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

func regByID(ctx context.Context, q db.Querier, id int64) (*Registration, error) {
	return scanReg(q.QueryRow(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE id = ?`, id))
}

func regByManageHash(ctx context.Context, q db.Querier, hash string) (*Registration, error) {
	return scanReg(q.QueryRow(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE manage_hash = ?`, hash))
}

// liveRegByEmail returns the address's registration for the event that is not cancelled.
func liveRegByEmail(ctx context.Context, q db.Querier, eventID int64, email string) (*Registration, error) {
	return scanReg(q.QueryRow(ctx, `SELECT `+regColumns+` FROM event_registrations
		WHERE event_id = ? AND email = ? AND status <> ?`, eventID, email, RegCancelled))
}

func regsOfUser(ctx context.Context, q db.Querier, userID int64) ([]Registration, error) {
	return scanRegs(q.Query(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE user_id = ? ORDER BY created_at DESC, id DESC`, userID))
}

// regsOfEvent lists an event's registrations in arrival order; status "" lists every state.
func regsOfEvent(ctx context.Context, q db.Querier, eventID int64, status RegStatus) ([]Registration, error) {
	if status == "" {
		return scanRegs(q.Query(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE event_id = ? ORDER BY seq`, eventID))
	}
	return scanRegs(q.Query(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE event_id = ? AND status = ? ORDER BY seq`, eventID, status))
}

// nextSeq hands out the event's next arrival number. Callers hold the event's lock, so the
// numbers grow in the order registrations are decided.
func nextSeq(ctx context.Context, q db.Querier, eventID int64) (int64, error) {
	var seq int64
	err := q.WriteRow(ctx, `UPDATE events SET reg_seq = reg_seq + 1 WHERE id = ? RETURNING reg_seq`, eventID).Scan(&seq)
	return seq, err
}

func insertReg(ctx context.Context, q db.Querier, r *Registration, manageHash string) error {
	err := q.WriteRow(ctx, `INSERT INTO event_registrations (event_id, type_id, user_id, name, email, locale, status, seq,
		ticket_nonce, manage_hash, created_at, updated_at, notice_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.EventID, r.TypeID, nullID(r.UserID), r.Name, r.Email, r.Locale, r.Status, r.Seq, r.nonce, manageHash,
		r.CreatedAt, r.CreatedAt, r.NoticeVersion).Scan(&r.ID)
	return err
}

func setRegStatus(ctx context.Context, q db.Querier, id int64, status RegStatus, now time.Time) error {
	var cancelled any
	if status == RegCancelled {
		cancelled = now
	}
	_, err := q.Exec(ctx, `UPDATE event_registrations SET status = ?, cancelled_at = ?, updated_at = ? WHERE id = ?`,
		status, cancelled, now, id)
	return err
}

// placeCounts is how many confirmed places an event has taken, in total and per type.
type placeCounts struct {
	total  int
	byType map[int64]int
}

func countConfirmed(ctx context.Context, q db.Querier, eventID int64) (placeCounts, error) {
	c := placeCounts{byType: map[int64]int{}}
	rows, err := q.Query(ctx, `SELECT type_id, COUNT(*) FROM event_registrations WHERE event_id = ? AND status = ? GROUP BY type_id`,
		eventID, Confirmed)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			typeID int64
			n      int
		)
		if err := rows.Scan(&typeID, &n); err != nil {
			return c, err
		}
		c.byType[typeID], c.total = n, c.total+n
	}
	return c, rows.Err()
}

// waitingAhead counts the waiting registrations that arrived before seq.
func waitingAhead(ctx context.Context, q db.Querier, eventID, seq int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND status = ? AND seq < ?`,
		eventID, Waiting, seq).Scan(&n)
	return n, err
}

// anyInType reports whether any registration, even cancelled, refers to the type.
func anyInType(ctx context.Context, q db.Querier, typeID int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM event_registrations WHERE type_id = ?`, typeID).Scan(&n)
	return n > 0, err
}
