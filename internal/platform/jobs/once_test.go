package jobs

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// TestOnceAcrossARunAgain: a job whose handler committed its effect and then lost its
// worker runs again; Once makes the second run write nothing.
func TestOnceAcrossARunAgain(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Exec(ctx, `CREATE TABLE once_effects (n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		q, clk := newQueue(d)
		runs := 0
		q.Register("effect", func(ctx context.Context, _ json.RawMessage) error {
			runs++
			return d.InTx(ctx, func(tx *db.Tx) error {
				first, err := Once(ctx, tx)
				if err != nil || !first {
					return err
				}
				_, err = tx.Exec(ctx, `INSERT INTO once_effects (n) VALUES (1)`)
				return err
			})
		})
		id, err := q.Enqueue(ctx, d, "effect", nil)
		if err != nil {
			t.Fatal(err)
		}
		if ran, err := q.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("first run: %v %v", ran, err)
		}
		// As if the worker died after the commit: the job is still "running" and its lease
		// has run out, so the next worker claims it again.
		if _, err := d.Exec(ctx, `UPDATE jobs SET status = 'running', locked_until = ? WHERE id = ?`, clk.now(), id); err != nil {
			t.Fatal(err)
		}
		if ran, err := q.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("second run: %v %v", ran, err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM once_effects`).Scan(&n); err != nil || runs != 2 || n != 1 {
			t.Fatalf("runs %d, effects %d (%v); want 2 runs, 1 effect", runs, n, err)
		}
		// Outside a job, Once never refuses.
		if first, err := Once(ctx, d); !first || err != nil {
			t.Fatalf("outside a job: %v %v", first, err)
		}
	})
}
