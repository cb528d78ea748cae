package search

import (
	"context"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// Put adds or replaces documents (keyed by kind, ref and lang). Pass the transaction that
// writes the content, so the index changes exactly when the content commits; given the
// *db.DB itself, Put opens a transaction of its own.
func (ix *Index) Put(ctx context.Context, q db.Querier, docs ...Document) error {
	if d, ok := q.(*db.DB); ok {
		return d.InTx(ctx, func(tx *db.Tx) error { return ix.Put(ctx, tx, docs...) })
	}
	now := db.Now()
	for _, d := range docs {
		if err := d.check(); err != nil {
			return err
		}
		if err := ix.eng.put(ctx, q, d, now); err != nil {
			return fmt.Errorf("search: put %s/%s/%s: %w", d.Kind, d.Ref, d.Lang, err)
		}
	}
	return nil
}

// Delete removes every language version of one thing, in the caller's transaction like Put.
func (ix *Index) Delete(ctx context.Context, q db.Querier, kind, ref string) error {
	if d, ok := q.(*db.DB); ok {
		return d.InTx(ctx, func(tx *db.Tx) error { return ix.Delete(ctx, tx, kind, ref) })
	}
	if err := ix.eng.delete(ctx, q, kind, ref); err != nil {
		return fmt.Errorf("search: delete %s/%s: %w", kind, ref, err)
	}
	return nil
}

// check catches a module handing over a document the index cannot key or rank; that is a
// programming error, not bad user input.
func (d Document) check() error {
	if kindToken(d.Kind) == "" || d.Ref == "" {
		return fmt.Errorf("search: document without kind or ref (%q, %q)", d.Kind, d.Ref)
	}
	if langCode(d.Lang) == 0 {
		return fmt.Errorf("search: document %s/%s has language %q, want tr, az or en", d.Kind, d.Ref, d.Lang)
	}
	return nil
}

// langCode numbers the languages for the SQLite sort key; 0 is none of them.
func langCode(lang string) int64 {
	switch lang {
	case "tr":
		return 1
	case "az":
		return 2
	case "en":
		return 3
	}
	return 0
}

// Search finds the documents holding every word of q.Text (the last word also as a
// prefix, "izm" → İzmir), best first: documents in the reader's language before the
// others, then by the engine's relevance with the title weighing more than the body, then
// newer first. Of a query matching more than a thousand documents, the newest thousand
// are ranked (see candidates).
func (ix *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	t, err := parse(q.Text)
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	q.Limit = min(q.Limit, MaxLimit)
	hits, err := ix.eng.find(ctx, t, q)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for i := range hits {
		hits[i].TitleHTML = highlight(hits[i].Title, t)
		hits[i].Snippet = snippet(hits[i].Body, t)
	}
	return hits, nil
}

// BareQuery runs the engine's own ranked full-text match for the folded query in its
// plainest form, as the engine's documentation shows it (FTS5: MATCH with its native
// prefix syntax ORDER BY rank; PostgreSQL: @@ ORDER BY ts_rank), without the language
// preference, tie-break, kind filter, candidate bound, titles, bodies or snippets, and
// returns how many rows it produced. It is the benchmark's baseline for Search.
func (ix *Index) BareQuery(ctx context.Context, text string, limit int) (int, error) {
	t, err := parse(text)
	if err != nil {
		return 0, err
	}
	n, err := ix.eng.bare(ctx, t, limit)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return n, nil
}
