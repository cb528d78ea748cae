// Package jobs runs durable background jobs: they are rows in the jobs table, so they
// survive a restart, are retried with backoff, and are claimed atomically so that several
// app instances on one PostgreSQL run each job once.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// Job row states.
const (
	StatusQueued  = "queued"
	StatusRunning = "running"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// Timing. A handler's context ends after handlerTimeout; the lease lasts a little longer so
// the outcome is recorded before another instance may take the job over.
const (
	handlerTimeout = 10 * time.Minute
	lease          = handlerTimeout + 5*time.Minute
	maxBackoff     = time.Hour
)

// Handler runs one job. It may run more than once for the same job (after a crash or a
// failure), so it must be idempotent.
type Handler func(ctx context.Context, payload json.RawMessage) error

// Queue enqueues jobs and runs them.
type Queue struct {
	db       *db.DB
	log      *slog.Logger
	handlers map[string]Handler
	wake     chan struct{}
	now      func() time.Time // a field so tests can move time instead of sleeping
}

// New returns a queue over d's jobs table.
func New(d *db.DB, log *slog.Logger) *Queue {
	if log == nil {
		log = slog.Default()
	}
	return &Queue{db: d, log: log, handlers: map[string]Handler{}, wake: make(chan struct{}, 1), now: db.Now}
}

// Register sets the handler for kind. Call it before Start; registering a kind twice is a
// programming error and panics.
func (q *Queue) Register(kind string, h Handler) {
	if _, dup := q.handlers[kind]; dup {
		panic("jobs: handler for " + kind + " registered twice")
	}
	q.handlers[kind] = h
}

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying (bad payload, a record that no longer exists):
// the job fails at once. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

func isPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// backoff is the wait after the given failed attempt: attempts² × 10 s, at most an hour.
func backoff(attempts int) time.Duration {
	if attempts > 18 { // 19² × 10 s is past the cap already; avoids overflow on absurd counts
		return maxBackoff
	}
	return min(time.Duration(attempts*attempts)*10*time.Second, maxBackoff)
}
