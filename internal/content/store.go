package content

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// The SQL is portable: ? placeholders are rebound for PostgreSQL and translatable columns are
// JSON text on both engines.

const entryColumns = `id, kind, slug, status, title, lead, body, body_html, body_text, cover_id,
	author_kind, author_name, author_bio, category_id, published_at, revised_at, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanEntry(s scanner) (*Entry, error) {
	var (
		e                  Entry
		cover, category    sql.NullInt64
		published, revised sql.NullTime
		kind, status       string
		created, modified  time.Time
	)
	err := s.Scan(&e.ID, &kind, &e.Slug, &status, &e.Title, &e.Lead, &e.Body, &e.BodyHTML, &e.BodyText, &cover,
		&e.Author.Kind, &e.Author.Name, &e.Author.Bio, &category, &published, &revised, &created, &modified)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	e.Kind, e.Status = Kind(kind), Status(status)
	e.CoverID, e.CategoryID = cover.Int64, category.Int64
	e.PublishedAt, e.RevisedAt = timePtr(published), timePtr(revised)
	e.CreatedAt, e.UpdatedAt = created.UTC(), modified.UTC()
	return &e, nil
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func insertEntry(ctx context.Context, q db.Querier, e *Entry, userID int64) error {
	err := q.WriteRow(ctx, `INSERT INTO content_entries (kind, slug, status, title, lead, body, body_html, body_text, cover_id,
		author_kind, author_name, author_bio, category_id, published_at, revised_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.Kind, e.Slug, e.Status, e.Title, e.Lead, e.Body, e.BodyHTML, e.BodyText, nullID(e.CoverID),
		e.Author.Kind, e.Author.Name, e.Author.Bio, nullID(e.CategoryID), nullTime(e.PublishedAt), nullTime(e.RevisedAt),
		nullID(userID), e.CreatedAt, e.UpdatedAt).Scan(&e.ID)
	if db.IsUniqueViolation(err) {
		return errSlugRace
	}
	return err
}

// errSlugRace is a unique violation on (kind, slug) that the check before the write missed
// (a concurrent save on PostgreSQL).
var errSlugRace = errors.New("content: slug taken meanwhile")

func updateEntry(ctx context.Context, q db.Querier, e *Entry) error {
	_, err := q.Exec(ctx, `UPDATE content_entries SET slug = ?, status = ?, title = ?, lead = ?, body = ?, body_html = ?, body_text = ?,
		cover_id = ?, author_kind = ?, author_name = ?, author_bio = ?, category_id = ?, published_at = ?, revised_at = ?, updated_at = ?
		WHERE id = ?`,
		e.Slug, e.Status, e.Title, e.Lead, e.Body, e.BodyHTML, e.BodyText, nullID(e.CoverID),
		e.Author.Kind, e.Author.Name, e.Author.Bio, nullID(e.CategoryID), nullTime(e.PublishedAt), nullTime(e.RevisedAt), e.UpdatedAt, e.ID)
	if db.IsUniqueViolation(err) {
		return errSlugRace
	}
	return err
}

// entryByID reads one entry; lock is tx.ForUpdate() when a write depends on what it read.
func entryByID(ctx context.Context, q db.Querier, id int64, lock string) (*Entry, error) {
	return scanEntry(q.QueryRow(ctx, `SELECT `+entryColumns+` FROM content_entries WHERE id = ?`+lock, id))
}

func entryBySlug(ctx context.Context, q db.Querier, kind Kind, slug string) (*Entry, error) {
	return scanEntry(q.QueryRow(ctx, `SELECT `+entryColumns+` FROM content_entries WHERE kind = ? AND slug = ?`, kind, slug))
}

func slugUsed(ctx context.Context, q db.Querier, kind Kind, slug string, except int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM content_entries WHERE kind = ? AND slug = ? AND id <> ?`, kind, slug, except).Scan(&n)
	return n > 0, err
}

func deleteEntry(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, `DELETE FROM content_entries WHERE id = ?`, id)
	return err
}

// Filter selects entries for a list.
type Filter struct {
	Kind     Kind
	Status   Status // empty: every state (editors only)
	Category string // category slug
	Tag      string // tag slug
	Limit    int
	Offset   int
}

func (f Filter) where() (string, []any) {
	conds, args := []string{"kind = ?"}, []any{f.Kind}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if f.Category != "" {
		conds, args = append(conds, "category_id = (SELECT id FROM content_categories WHERE slug = ?)"), append(args, f.Category)
	}
	if f.Tag != "" {
		conds, args = append(conds, "EXISTS (SELECT 1 FROM content_tags t WHERE t.entry_id = content_entries.id AND t.slug = ?)"), append(args, f.Tag)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func listEntries(ctx context.Context, q db.Querier, f Filter) ([]Entry, int, error) {
	where, args := f.where()
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM content_entries`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	// Readers see the newest publication first; editors the latest edited.
	order := ` ORDER BY updated_at DESC, id DESC`
	if f.Status == Published {
		order = ` ORDER BY published_at DESC, id DESC`
	}
	rows, err := q.Query(ctx, `SELECT `+entryColumns+` FROM content_entries`+where+order+` LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *e)
	}
	return out, total, rows.Err()
}

func setTags(ctx context.Context, q db.Querier, entryID int64, tags []Tag) error {
	if _, err := q.Exec(ctx, `DELETE FROM content_tags WHERE entry_id = ?`, entryID); err != nil {
		return err
	}
	for i, t := range tags {
		if _, err := q.Exec(ctx, `INSERT INTO content_tags (entry_id, slug, label, position) VALUES (?, ?, ?, ?)`, entryID, t.Slug, t.Label, i); err != nil {
			return err
		}
	}
	return nil
}

// tagsOf returns the tags of each listed entry.
func tagsOf(ctx context.Context, q db.Querier, ids []int64) (map[int64][]Tag, error) {
	out := map[int64][]Tag{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := q.Query(ctx, `SELECT entry_id, slug, label FROM content_tags WHERE entry_id IN (`+in+`) ORDER BY entry_id, position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			t  Tag
		)
		if err := rows.Scan(&id, &t.Slug, &t.Label); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// setMediaUses records which library files an entry shows.
func setMediaUses(ctx context.Context, q db.Querier, entryID int64, mediaIDs []int64) error {
	if _, err := q.Exec(ctx, `DELETE FROM content_media_uses WHERE entry_id = ?`, entryID); err != nil {
		return err
	}
	for _, id := range mediaIDs {
		if _, err := q.Exec(ctx, `INSERT INTO content_media_uses (entry_id, media_id) VALUES (?, ?)`, entryID, id); err != nil {
			return err
		}
	}
	return nil
}

func insertRevision(ctx context.Context, q db.Querier, r *Revision) error {
	fields, err := json.Marshal(r.Fields)
	if err != nil {
		return err
	}
	snap, err := json.Marshal(r.Snapshot)
	if err != nil {
		return err
	}
	return q.WriteRow(ctx, `INSERT INTO content_revisions (entry_id, user_id, user_name, action, fields, snapshot, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.EntryID, nullID(r.UserID), r.UserName, r.Action, string(fields), string(snap), r.CreatedAt).Scan(&r.ID)
}

func revisionsOf(ctx context.Context, q db.Querier, entryID int64) ([]Revision, error) {
	rows, err := q.Query(ctx, `SELECT id, entry_id, user_id, user_name, action, fields, snapshot, created_at
		FROM content_revisions WHERE entry_id = ? ORDER BY id DESC`, entryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var (
			r            Revision
			user         sql.NullInt64
			fields, snap string
		)
		if err := rows.Scan(&r.ID, &r.EntryID, &user, &r.UserName, &r.Action, &fields, &snap, &r.CreatedAt); err != nil {
			return nil, err
		}
		r.UserID, r.CreatedAt = user.Int64, r.CreatedAt.UTC()
		if err := json.Unmarshal([]byte(fields), &r.Fields); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(snap), &r.Snapshot); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// --- categories

func scanCategory(s scanner) (*Category, error) {
	var c Category
	err := s.Scan(&c.ID, &c.Slug, &c.Name, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	return &c, err
}

func listCategories(ctx context.Context, q db.Querier) ([]Category, error) {
	rows, err := q.Query(ctx, `SELECT id, slug, name, updated_at FROM content_categories ORDER BY slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Category
	for rows.Next() {
		c, err := scanCategory(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func categoryByID(ctx context.Context, q db.Querier, id int64) (*Category, error) {
	return scanCategory(q.QueryRow(ctx, `SELECT id, slug, name, updated_at FROM content_categories WHERE id = ?`, id))
}

func insertCategory(ctx context.Context, q db.Querier, c *Category, now time.Time) error {
	err := q.WriteRow(ctx, `INSERT INTO content_categories (slug, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		c.Slug, c.Name, now, now).Scan(&c.ID)
	if db.IsUniqueViolation(err) {
		return errSlugRace
	}
	return err
}

func updateCategory(ctx context.Context, q db.Querier, c *Category, now time.Time) error {
	res, err := q.Exec(ctx, `UPDATE content_categories SET slug = ?, name = ?, updated_at = ? WHERE id = ?`, c.Slug, c.Name, now, c.ID)
	if db.IsUniqueViolation(err) {
		return errSlugRace
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func deleteCategory(ctx context.Context, q db.Querier, id int64) error {
	res, err := q.Exec(ctx, `DELETE FROM content_categories WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
