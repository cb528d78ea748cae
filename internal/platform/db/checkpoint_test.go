package db

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Commits leave their pages in the WAL (the writer never checkpoints); the background
// checkpointer moves them into the database file, and closing leaves the file complete.
func TestCheckpointerMovesTheWALIntoTheFile(t *testing.T) {
	checkpointEvery = 20 * time.Millisecond
	t.Cleanup(func() { checkpointEvery = time.Second })
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	d, err := Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec(ctx, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var auto int
	if err := d.write.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("the writer's wal_autocheckpoint is %d (%v), want 0: commits must not checkpoint", auto, err)
	}
	before := fileSize(t, path)
	body := strings.Repeat("İzmir–Bakı ", 400) // about 5 kB: a few pages per row
	for i := range 300 {
		if _, err := d.Exec(ctx, `INSERT INTO notes (id, body) VALUES (?, ?)`, i, body); err != nil {
			t.Fatal(err)
		}
	}
	// The file grows only when a checkpoint copies the pages in: wait for the background one.
	deadline := time.Now().Add(10 * time.Second)
	for fileSize(t, path) < before+300*4096 {
		if time.Now().After(deadline) {
			t.Fatalf("after 300 commits and 10 s the database file is %d bytes (was %d): no checkpoint ran", fileSize(t, path), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
	frames, copied, err := d.checkpoints.checkpoint(ctx)
	if err != nil || copied != frames {
		t.Fatalf("a checkpoint after the background ones: %d of %d frames copied (%v)", copied, frames, err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened, every row is there.
	d, err = Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM notes`).Scan(&n); err != nil || n != 300 {
		t.Fatalf("after reopening: %d rows (%v), want 300", n, err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
