package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

type job struct {
	id          int64
	kind        string
	payload     json.RawMessage
	attempts    int
	maxAttempts int
}

// RunOnce claims one due job (or one whose lease expired because its worker died) and runs
// it. ran reports whether there was one; err reports database trouble only, since a
// handler's failure is recorded on the job (and logged).
func (q *Queue) RunOnce(ctx context.Context) (ran bool, err error) {
	j, err := q.claim(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("jobs: claim: %w", err)
	}
	// The outcome is recorded even if ctx ends meanwhile; otherwise the job would wait
	// for its lease and run again although it finished.
	rec := context.WithoutCancel(ctx)
	if j.attempts > j.maxAttempts {
		return true, q.finish(rec, j, Permanent(errors.New("the worker stopped during the last attempt (lease expired)")))
	}
	h, ok := q.handlers[j.kind]
	if !ok {
		return true, q.finish(rec, j, Permanent(fmt.Errorf("no handler registered for job kind %q", j.kind)))
	}
	hctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	return true, q.finish(rec, j, q.call(hctx, j, h))
}

// claim marks one job running in a single UPDATE, which is atomic on both engines: SQLite
// has one writer, and on PostgreSQL SKIP LOCKED lets instances take different jobs instead
// of waiting on each other. Counting the attempt at claim time means a job that keeps
// crashing its worker still runs out of attempts.
//
// Jobs whose worker died (lease expired) and due jobs are looked for in two statements: as
// one (an OR), SQLite sorted every due job on each claim, on the writer, which a backlog of
// thousands (a registration rush's mails, bench/rush) made quadratic; each alone walks the
// (status, run_at) index and stops at the first row. The expired come first, so a queue that
// never empties cannot starve them.
func (q *Queue) claim(ctx context.Context) (job, error) {
	j, err := q.claimWhere(ctx, `status = 'running' AND locked_until <= ?`)
	if errors.Is(err, sql.ErrNoRows) {
		j, err = q.claimWhere(ctx, `status = 'queued' AND run_at <= ?`)
	}
	return j, err
}

// claimWhere claims the first job, by run_at and id, matching cond (one ? for now).
func (q *Queue) claimWhere(ctx context.Context, cond string) (job, error) {
	lock := ""
	if q.db.Dialect == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now := q.now()
	var j job
	var payload string
	err := q.db.WriteRow(ctx, `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = ?, updated_at = ?
		WHERE id = (SELECT id FROM jobs WHERE `+cond+` ORDER BY run_at, id LIMIT 1`+lock+`)
		RETURNING id, kind, payload, attempts, max_attempts`,
		now.Add(lease), now, now).Scan(&j.id, &j.kind, &payload, &j.attempts, &j.maxAttempts)
	j.payload = json.RawMessage(payload)
	return j, err
}

// call runs h, turning a panic into an error so one bad job cannot take the process down.
func (q *Queue) call(ctx context.Context, j job, h Handler) (err error) {
	defer func() {
		if p := recover(); p != nil {
			q.log.Error("job panicked", "id", j.id, "kind", j.kind, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return h(withJobID(ctx, j.id), j.payload)
}

// finish records the outcome. The WHERE clause checks the job is still this claim (same
// attempt, still running), so a worker that overran its lease cannot overwrite the state
// set by the worker that took over.
func (q *Queue) finish(ctx context.Context, j job, runErr error) error {
	now := q.now()
	var err error
	switch {
	case runErr == nil:
		_, err = q.db.Exec(ctx, `UPDATE jobs SET status = 'done', locked_until = NULL, last_error = '', updated_at = ?
			WHERE id = ? AND status = 'running' AND attempts = ?`, now, j.id, j.attempts)
	case isPermanent(runErr) || j.attempts >= j.maxAttempts:
		q.log.Error("job failed", "id", j.id, "kind", j.kind, "attempts", j.attempts, "err", runErr)
		_, err = q.db.Exec(ctx, `UPDATE jobs SET status = 'failed', locked_until = NULL, last_error = ?, updated_at = ?
			WHERE id = ? AND status = 'running' AND attempts = ?`, truncate(runErr.Error()), now, j.id, j.attempts)
	default:
		retry := backoff(j.attempts)
		q.log.Warn("job failed, will retry", "id", j.id, "kind", j.kind, "attempts", j.attempts, "retry_in", retry, "err", runErr)
		_, err = q.db.Exec(ctx, `UPDATE jobs SET status = 'queued', run_at = ?, locked_until = NULL, last_error = ?, updated_at = ?
			WHERE id = ? AND status = 'running' AND attempts = ?`, now.Add(retry), truncate(runErr.Error()), now, j.id, j.attempts)
	}
	if err != nil {
		return fmt.Errorf("jobs: record outcome of %d: %w", j.id, err)
	}
	return nil
}

// truncate keeps error text bounded in the table.
func truncate(s string) string {
	const limit = 2000
	if len(s) <= limit {
		return s
	}
	return strings.ToValidUTF8(s[:limit], "") + "…"
}
