package db_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

func TestRebind(t *testing.T) {
	d := &db.DB{Dialect: db.Postgres}
	got := d.Rebind("SELECT '?' , a FROM t WHERE b = ? AND c IN (?, ?)")
	want := "SELECT '?' , a FROM t WHERE b = $1 AND c IN ($2, $3)"
	if got != want {
		t.Fatalf("Rebind = %q, want %q", got, want)
	}
	s := &db.DB{Dialect: db.SQLite}
	if q := "SELECT ? "; s.Rebind(q) != q {
		t.Fatalf("SQLite query changed: %q", s.Rebind(q))
	}
}

// Both engines must carry the same migration versions, or one of them silently lacks a table.
func TestMigrationParity(t *testing.T) {
	versions := func(dir string) []string {
		entries, err := fs.ReadDir(db.MigrationsFS(), "migrations/"+dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, strings.SplitN(e.Name(), "_", 2)[0])
		}
		return out
	}
	a, b := versions("sqlite"), versions("postgres")
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Fatalf("migration versions differ: sqlite %v, postgres %v", a, b)
	}
}

func TestOpenRejectsUnknownURL(t *testing.T) {
	_, err := db.Open(context.Background(), "mysql://root:secret@localhost/x")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("want an error without the password, got %v", err)
	}
}

func TestStoreRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Now()
		var id int64
		err := d.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, "a@example.org", "Ayşe Örnek", "x", now, now).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		var name string
		var created time.Time
		if err := d.QueryRow(ctx, "SELECT name, created_at FROM users WHERE id = ?", id).Scan(&name, &created); err != nil {
			t.Fatal(err)
		}
		if name != "Ayşe Örnek" || !created.Equal(now) {
			t.Fatalf("read back %q %v, want %q %v", name, created, "Ayşe Örnek", now)
		}
		// Times compare correctly in SQL on both engines.
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE created_at < ?", now.Add(time.Millisecond)).Scan(&n); err != nil || n != 1 {
			t.Fatalf("time comparison: n=%d err=%v", n, err)
		}
	})
}

func TestInTxRollsBackOnError(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			now := db.Now()
			if _, err := tx.Exec(ctx, `INSERT INTO users (email, name, password_hash, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)`, "b@example.org", "B", "x", now, now); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx error = %v", err)
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil || n != 0 {
			t.Fatalf("half-written record survived: n=%d err=%v", n, err)
		}
	})
}

func TestBackupSQLite(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx := context.Background()
	now := db.Now()
	if _, err := d.Exec(ctx, `INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		"c@example.org", "C", "x", now, now); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := d.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := d.Backup(ctx, path); err == nil {
		t.Fatal("backup over an existing file must be refused")
	}
	c, err := db.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var email string
	if err := c.QueryRow(ctx, "SELECT email FROM users").Scan(&email); err != nil || email != "c@example.org" {
		t.Fatalf("backup content: %q %v", email, err)
	}
}
