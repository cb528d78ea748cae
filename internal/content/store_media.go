package content

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const mediaColumns = `id, kind, file_key, name, content_type, size, width, height, variants, alt, caption, created_at, updated_at`

func scanMedia(s scanner, extra ...any) (*Media, error) {
	var (
		m        Media
		variants string
	)
	dest := append([]any{&m.ID, &m.Kind, &m.Key, &m.Name, &m.ContentType, &m.Size, &m.Width, &m.Height, &variants,
		&m.Alt, &m.Caption, &m.CreatedAt, &m.UpdatedAt}, extra...)
	err := s.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(variants), &m.Variants); err != nil {
		return nil, err
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return &m, nil
}

func insertMedia(ctx context.Context, q db.Querier, m *Media, userID int64) error {
	variants, err := json.Marshal(m.Variants)
	if err != nil {
		return err
	}
	return q.WriteRow(ctx, `INSERT INTO content_media (kind, file_key, name, content_type, size, width, height, variants, alt, caption, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.Kind, m.Key, m.Name, m.ContentType, m.Size, m.Width, m.Height, string(variants), m.Alt, m.Caption, nullID(userID), m.CreatedAt, m.UpdatedAt).Scan(&m.ID)
}

func updateMediaTexts(ctx context.Context, q db.Querier, m *Media) error {
	res, err := q.Exec(ctx, `UPDATE content_media SET alt = ?, caption = ?, updated_at = ? WHERE id = ?`, m.Alt, m.Caption, m.UpdatedAt, m.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func mediaByID(ctx context.Context, q db.Querier, id int64) (*Media, error) {
	return scanMedia(q.QueryRow(ctx, `SELECT `+mediaColumns+` FROM content_media WHERE id = ?`, id))
}

// mediaByIDs loads the listed files; IDs without a file are simply absent from the map.
func mediaByIDs(ctx context.Context, q db.Querier, ids []int64) (map[int64]*Media, error) {
	out := map[int64]*Media{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := q.Query(ctx, `SELECT `+mediaColumns+` FROM content_media WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, err
		}
		out[m.ID] = m
	}
	return out, rows.Err()
}

// listMedia pages through the library, newest first; kind "" means every kind.
func listMedia(ctx context.Context, q db.Querier, kind string, limit, offset int) ([]Media, int, error) {
	where, args := "", []any{}
	if kind != "" {
		where, args = " WHERE kind = ?", append(args, kind)
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM content_media`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := q.Query(ctx, `SELECT `+mediaColumns+`, (SELECT COUNT(*) FROM content_media_uses u WHERE u.media_id = content_media.id)
		FROM content_media`+where+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Media
	for rows.Next() {
		var uses int
		m, err := scanMedia(rows, &uses)
		if err != nil {
			return nil, 0, err
		}
		m.Uses = uses
		out = append(out, *m)
	}
	return out, total, rows.Err()
}

// EntryRef names an entry for lists of where something is used.
type EntryRef struct {
	ID     int64
	Kind   Kind
	Title  Text
	Status Status
}

// mediaUsers lists the entries showing a file.
func mediaUsers(ctx context.Context, q db.Querier, mediaID int64) ([]EntryRef, error) {
	rows, err := q.Query(ctx, `SELECT e.id, e.kind, e.title, e.status FROM content_media_uses u
		JOIN content_entries e ON e.id = u.entry_id WHERE u.media_id = ? ORDER BY e.id`, mediaID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EntryRef
	for rows.Next() {
		var r EntryRef
		if err := rows.Scan(&r.ID, &r.Kind, &r.Title, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// deleteMediaRow removes a file's row unless an entry still shows it; the check and the
// delete are one statement, so a save racing the delete cannot leave a dangling use.
func deleteMediaRow(ctx context.Context, q db.Querier, id int64) error {
	res, err := q.Exec(ctx, `DELETE FROM content_media WHERE id = ?
		AND NOT EXISTS (SELECT 1 FROM content_media_uses WHERE media_id = ?)`, id, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := mediaByID(ctx, q, id); err != nil {
			return err
		}
		return ErrInUse
	}
	return nil
}

func setRenderedBody(ctx context.Context, q db.Querier, id int64, html, plain Text) error {
	_, err := q.Exec(ctx, `UPDATE content_entries SET body_html = ?, body_text = ? WHERE id = ?`, html, plain, id)
	return err
}
