package search

import (
	"context"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// postgresEngine keeps the index in a tsvector column with a GIN index. The 'simple'
// configuration only lower-cases: the words arrive folded already, and stemming one
// language would mangle the other two.
type postgresEngine struct{ db *db.DB }

func (e postgresEngine) put(ctx context.Context, q db.Querier, d Document, indexed time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO search_documents
		(kind, ref, lang, title, body, url, published_at, indexed_at, tsv)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?,
			setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'))
		ON CONFLICT (kind, ref, lang) DO UPDATE SET title = excluded.title, body = excluded.body,
			url = excluded.url, published_at = excluded.published_at,
			indexed_at = excluded.indexed_at, tsv = excluded.tsv`,
		d.Kind, d.Ref, d.Lang, d.Title, d.Body, d.URL, d.Date.UTC().Truncate(time.Microsecond), indexed,
		indexText(d.Title), indexText(d.Body))
	return err
}

func (e postgresEngine) delete(ctx context.Context, q db.Querier, kind, ref string) error {
	_, err := q.Exec(ctx, `DELETE FROM search_documents WHERE kind = ? AND ref = ?`, kind, ref)
	return err
}

func (e postgresEngine) sweep(ctx context.Context, q db.Querier, before time.Time) error {
	_, err := q.Exec(ctx, `DELETE FROM search_documents WHERE indexed_at < ?`, before)
	return err
}

// compact rewrites the table in publication order and refreshes the planner's statistics.
// Searches walk the newest documents first, and on a table in date order that walk reads
// consecutive pages, several times faster than jumping across a table filled in whatever
// order the sources listed. Content written later is appended roughly in date order
// anyway. CLUSTER locks the table while it runs: a few seconds per hundred thousand
// documents, at the end of a reindex. The rewrite also rebuilds GIN without a pending list.
func (e postgresEngine) compact(ctx context.Context) error {
	if _, err := e.db.Exec(ctx, `CLUSTER search_documents USING search_documents_published`); err != nil {
		return err
	}
	_, err := e.db.Exec(ctx, `ANALYZE search_documents`)
	return err
}

// literal is the tsquery for t as an SQL string literal. It is written into the statement
// rather than bound because the best plan depends on the words: a rare word is found
// through GIN, a word in most documents by walking the date index, and only a planner
// that sees the words can tell (a prepared statement's generic plan cannot). Words hold
// only letters and digits, so the literal cannot end early; doubling quotes is a second
// guard.
func literal(t terms) string {
	return "'" + strings.ReplaceAll(t.tsquery(), "'", "''") + "'"
}

func (e postgresEngine) find(ctx context.Context, t terms, q Query) ([]Hit, error) {
	tsq := "to_tsquery('simple', " + literal(t) + ")"
	args := []any{q.Lang}
	kinds := ""
	if len(q.Kinds) > 0 {
		kinds = " AND kind IN (?" + strings.Repeat(", ?", len(q.Kinds)-1) + ")"
		for _, k := range q.Kinds {
			args = append(args, k)
		}
	}
	args = append(args, candidates, q.Limit)
	// Three steps: the newest candidates (only ids, so sorting them carries no tsvectors),
	// their ranking, then the texts of the page.
	rows, err := e.db.Query(ctx, `SELECT d.kind, d.ref, d.lang, d.title, d.body, d.url, d.published_at, r.score
		FROM (SELECT s.id, s.lang = ? AS own, ts_rank(s.tsv, `+tsq+`) AS score, s.published_at
			FROM (SELECT id FROM search_documents WHERE tsv @@ `+tsq+kinds+`
				ORDER BY published_at DESC, id DESC LIMIT ?) c
			JOIN search_documents s ON s.id = c.id
			ORDER BY own DESC, score DESC, s.published_at DESC, s.id DESC LIMIT ?) r
		JOIN search_documents d ON d.id = r.id
		ORDER BY r.own DESC, r.score DESC, r.published_at DESC, r.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	return scanHits(rows)
}

func (e postgresEngine) bare(ctx context.Context, t terms, limit int) (int, error) {
	rows, err := e.db.Query(ctx, `SELECT id FROM search_documents, to_tsquery('simple', ?) q
		WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT ?`, t.tsquery(), limit)
	if err != nil {
		return 0, err
	}
	return count(rows)
}
