package jobs

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

type jobIDKey struct{}

// withJobID gives a handler's context the id of the job it runs.
func withJobID(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, jobIDKey{}, id)
}

// Once makes a handler's database effect happen once although the handler may run again
// (jobs run at least once: a worker can die after the handler committed and before the job
// was marked done). Call it in the transaction that writes the effect: it records that this
// job did it and reports whether this is the first time. Outside a job it always reports
// true.
func Once(ctx context.Context, q db.Querier) (bool, error) {
	id, _ := ctx.Value(jobIDKey{}).(int64)
	if id == 0 {
		return true, nil
	}
	res, err := q.Exec(ctx, `INSERT INTO job_effects (job_id, created_at) VALUES (?, ?) ON CONFLICT (job_id) DO NOTHING`, id, db.Now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
