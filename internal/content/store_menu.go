package content

import (
	"context"
	"database/sql"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

func listMenu(ctx context.Context, q db.Querier) ([]MenuItem, error) {
	rows, err := q.Query(ctx, `SELECT m.id, m.label, m.entry_id, COALESCE(e.slug, ''), COALESCE(e.status, ''), m.url, m.position
		FROM content_menu m LEFT JOIN content_entries e ON e.id = m.entry_id ORDER BY m.position, m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MenuItem
	for rows.Next() {
		var (
			it     MenuItem
			entry  sql.NullInt64
			status string
		)
		if err := rows.Scan(&it.ID, &it.Label, &entry, &it.EntrySlug, &status, &it.URL, &it.Position); err != nil {
			return nil, err
		}
		it.EntryID, it.EntryLive = entry.Int64, Status(status) == Published
		out = append(out, it)
	}
	return out, rows.Err()
}

func insertMenuItem(ctx context.Context, q db.Querier, it *MenuItem, now time.Time) error {
	return q.WriteRow(ctx, `INSERT INTO content_menu (label, entry_id, url, position, created_at, updated_at)
		VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM content_menu), ?, ?) RETURNING id, position`,
		it.Label, nullID(it.EntryID), it.URL, now, now).Scan(&it.ID, &it.Position)
}

func deleteMenuItem(ctx context.Context, q db.Querier, id int64) error {
	res, err := q.Exec(ctx, `DELETE FROM content_menu WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func setMenuPosition(ctx context.Context, q db.Querier, id int64, position int, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE content_menu SET position = ?, updated_at = ? WHERE id = ?`, position, now, id)
	return err
}
