package search

import (
	"context"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// A Source lists every public document of one kind, for Reindex. Each module that puts
// documents into the index provides one. Each may read the database (on SQLite through
// the reader pool, as db.DB.Query does) but must not hold a write transaction: Reindex
// writes between the documents it hands over.
type Source interface {
	Kind() string
	Count(ctx context.Context) (int, error)
	Each(ctx context.Context, fn func(Document) error) error
}

// reindexBatch is how many documents one reindex transaction writes: large enough to
// amortise the commit, small enough that content edits waiting for the single SQLite
// writer are not held up for long.
const reindexBatch = 500

// Reindex rebuilds the index from sources: it puts every document they list, in batches
// of transactions, then removes whatever none of them listed. The index stays searchable
// throughout, except on PostgreSQL for the few seconds of the final compaction (see
// postgresEngine.compact). progress, when not nil, is called after each batch with the documents
// written so far and the total the sources announced.
func (ix *Index) Reindex(ctx context.Context, sources []Source, progress func(done, total int)) error {
	total := 0
	for _, s := range sources {
		n, err := s.Count(ctx)
		if err != nil {
			return fmt.Errorf("search: reindex: count %s: %w", s.Kind(), err)
		}
		total += n
	}
	// Rows written before this instant and not rewritten by the run are stale; a Put by a
	// content edit during the run is newer and stays.
	started := db.Now()
	done := 0
	batch := make([]Document, 0, reindexBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := ix.db.InTx(ctx, func(tx *db.Tx) error { return ix.Put(ctx, tx, batch...) })
		if err != nil {
			return err
		}
		done += len(batch)
		batch = batch[:0]
		if progress != nil {
			progress(done, max(total, done))
		}
		return nil
	}
	for _, s := range sources {
		err := s.Each(ctx, func(d Document) error {
			batch = append(batch, d)
			if len(batch) == reindexBatch {
				return flush()
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("search: reindex %s: %w", s.Kind(), err)
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("search: reindex: %w", err)
	}
	if err := ix.db.InTx(ctx, func(tx *db.Tx) error { return ix.eng.sweep(ctx, tx, started) }); err != nil {
		return fmt.Errorf("search: reindex: remove stale documents: %w", err)
	}
	if progress != nil && done == 0 {
		progress(0, total)
	}
	if err := ix.eng.compact(ctx); err != nil {
		return fmt.Errorf("search: reindex: compact: %w", err)
	}
	return nil
}
