// Package dbtest runs one test body on every database engine: always on a fresh SQLite file,
// and on a fresh PostgreSQL schema when KOPRU_TEST_POSTGRES_URL is set.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// EnvPostgres names the variable holding the PostgreSQL server used by tests.
const EnvPostgres = "KOPRU_TEST_POSTGRES_URL"

// Run calls body once per engine as subtests "sqlite" and "postgres", each with a migrated,
// empty database that is removed afterwards.
func Run(t *testing.T, body func(t *testing.T, d *db.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { body(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { body(t, Postgres(t)) })
}

// SQLite returns a migrated database in a fresh file under t.TempDir().
func SQLite(t testing.TB) *db.DB {
	t.Helper()
	return openMigrated(t, "sqlite:"+filepath.Join(t.TempDir(), "kopru.db"))
}

// Postgres returns a migrated database in a fresh schema, dropped when the test ends. It
// skips the test with a message when KOPRU_TEST_POSTGRES_URL is unset.
func Postgres(t testing.TB) *db.DB {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvPostgres + " (for example postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	return openMigrated(t, FreshSchema(t, base))
}

// FreshSchema creates a new schema on the server at base and returns a URL whose
// connections use it; the schema is dropped at cleanup.
func FreshSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := "kopru_test_" + randomHex(6)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("postgres: drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openMigrated(t testing.TB, rawURL string) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, rawURL)
	if err != nil {
		t.Fatalf("open %s: %v", rawURL, err)
	}
	// Registered before the schema drop's cleanup runs (cleanups run last-in first-out).
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return d
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
