package db

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// checkpointEvery is how often the background checkpointer copies the SQLite WAL back into
// the database file.
var checkpointEvery = time.Second

// checkpointer copies committed pages from the WAL into the database file on its own
// connection. SQLite would otherwise do it inside whichever commit crossed 1,000 WAL pages,
// with an fsync, and that request would wait for it: the gate scan or registration that
// happened to be the thousandth page took tens of milliseconds (bench/checkin's p99). The
// writer therefore runs with wal_autocheckpoint(0), and this runs PASSIVE checkpoints,
// which never block readers or the writer, once a second.
type checkpointer struct {
	conn *sql.DB
	stop context.CancelFunc
	done sync.WaitGroup
}

func startCheckpointer(conn *sql.DB) *checkpointer {
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{conn: conn, stop: stop}
	c.done.Go(func() {
		t := time.NewTicker(checkpointEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				// A failed round (the file busy or gone while closing) is retried next tick.
				_, _, _ = c.checkpoint(ctx)
			}
		}
	})
	return c
}

// checkpoint runs one PASSIVE checkpoint and reports the WAL's frames and how many of them
// are now in the database file.
func (c *checkpointer) checkpoint(ctx context.Context) (walFrames, copied int, err error) {
	var busy int
	err = c.conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &walFrames, &copied)
	return walFrames, copied, err
}

// close stops the loop, runs a last checkpoint so the file on disk is complete, and closes
// the connection.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	c.stop()
	c.done.Wait()
	_, _, _ = c.checkpoint(context.Background())
	return c.conn.Close()
}
