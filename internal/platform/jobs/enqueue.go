package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

type enqueueOptions struct {
	runAt       time.Time
	dedupeKey   string
	maxAttempts int
}

// Option adjusts one Enqueue.
type Option func(*enqueueOptions)

// RunAt delays the job until t.
func RunAt(t time.Time) Option { return func(o *enqueueOptions) { o.runAt = t.UTC() } }

// DedupeKey makes a second Enqueue with the same key, while a job with it is queued or
// running, a no-op that returns the existing job's id.
func DedupeKey(key string) Option { return func(o *enqueueOptions) { o.dedupeKey = key } }

// MaxAttempts sets how many times the job is tried before it is marked failed (default 10).
func MaxAttempts(n int) Option { return func(o *enqueueOptions) { o.maxAttempts = n } }

// Enqueue stores a job of kind with payload (marshalled to JSON) through dbq, normally the
// caller's transaction, so the job exists iff the business change committed.
func (q *Queue) Enqueue(ctx context.Context, dbq db.Querier, kind string, payload any, opts ...Option) (int64, error) {
	now := q.now()
	o := enqueueOptions{runAt: now, maxAttempts: 10}
	for _, opt := range opts {
		opt(&o)
	}
	if kind == "" {
		return 0, errors.New("jobs: empty kind")
	}
	if o.maxAttempts < 1 {
		return 0, fmt.Errorf("jobs: max attempts %d: want at least 1", o.maxAttempts)
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return 0, fmt.Errorf("jobs: %s payload: %w", kind, err)
	}
	var key any
	if o.dedupeKey != "" {
		key = o.dedupeKey
	}
	// ON CONFLICT … DO NOTHING rather than catching the unique violation: on PostgreSQL
	// an error would abort the caller's whole transaction. The loop covers the existing
	// job finishing between our insert and our lookup.
	for range 3 {
		var id int64
		err := dbq.WriteRow(ctx, `INSERT INTO jobs (kind, payload, status, run_at, attempts, max_attempts, dedupe_key, created_at, updated_at)
			VALUES (?, ?, 'queued', ?, 0, ?, ?, ?, ?)
			ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
			RETURNING id`, kind, string(body), o.runAt, o.maxAttempts, key, now, now).Scan(&id)
		if err == nil {
			// A worker woken before the commit would find nothing and sleep until its next
			// poll (PostgreSQL), so inside a transaction it is woken after the commit.
			if tx, ok := dbq.(*db.Tx); ok {
				tx.AfterCommit(q.notify)
			} else {
				q.notify()
			}
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("jobs: enqueue %s: %w", kind, err)
		}
		err = dbq.QueryRow(ctx, `SELECT id FROM jobs WHERE dedupe_key = ? AND status IN ('queued', 'running')`, o.dedupeKey).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("jobs: enqueue %s: %w", kind, err)
		}
	}
	return 0, fmt.Errorf("jobs: enqueue %s: dedupe key %q keeps changing hands", kind, o.dedupeKey)
}

// notify wakes an idle worker of this process; others find the job at their next poll.
func (q *Queue) notify() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}
