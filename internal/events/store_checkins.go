package events

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// markCheckedIn admits a confirmed, current ticket if no gate has yet. It reports whether
// this call did: of several gates racing, exactly one sees a row change.
func markCheckedIn(ctx context.Context, q db.Querier, regID int64, nonce, gate string, now time.Time) (bool, error) {
	res, err := q.Exec(ctx, `UPDATE event_registrations SET checked_in_at = ?, gate = ?, updated_at = ?
		WHERE id = ? AND ticket_nonce = ? AND status = ? AND checked_in_at IS NULL`,
		now, gate, now, regID, nonce, Confirmed)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func insertCheckin(ctx context.Context, q db.Querier, eventID int64, regID any, gate string, outcome Outcome, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO event_checkins (event_id, registration_id, gate, outcome, scanned_at) VALUES (?, ?, ?, ?, ?)`,
		eventID, regID, gate, outcome, now)
	return err
}

func gateCounts(ctx context.Context, q db.Querier, eventID int64) ([]GateCount, error) {
	rows, err := q.Query(ctx, `SELECT gate, SUM(CASE WHEN outcome = ? THEN 1 ELSE 0 END), COUNT(*)
		FROM event_checkins WHERE event_id = ? GROUP BY gate ORDER BY gate`, Admitted, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GateCount
	for rows.Next() {
		var g GateCount
		if err := rows.Scan(&g.Gate, &g.Admitted, &g.Scans); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
