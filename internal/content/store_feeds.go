package content

import (
	"context"
	"database/sql"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// listed is a published entry as the sitemap needs it: its address and last real change.
type listed struct {
	Kind     Kind
	Slug     string
	Modified time.Time // the text's last change while public, else its publication
}

// Path is the entry's address without the language prefix.
func (l listed) Path() string { return (&Entry{Kind: l.Kind, Input: Input{Slug: l.Slug}}).Path() }

// publishedEntries lists up to limit published entries, newest first, reading only the
// columns the sitemap shows (bodies can be large).
func publishedEntries(ctx context.Context, q db.Querier, limit int) ([]listed, error) {
	rows, err := q.Query(ctx, `SELECT kind, slug, published_at, revised_at FROM content_entries
		WHERE status = ? ORDER BY published_at DESC, id DESC LIMIT ?`, Published, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listed
	for rows.Next() {
		var (
			e                  listed
			kind               string
			published, revised sql.NullTime
		)
		if err := rows.Scan(&kind, &e.Slug, &published, &revised); err != nil {
			return nil, err
		}
		e.Kind = Kind(kind)
		if published.Valid {
			e.Modified = published.Time.UTC()
		}
		if revised.Valid {
			e.Modified = later(e.Modified, revised.Time.UTC())
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
