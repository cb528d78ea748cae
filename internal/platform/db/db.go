// Package db opens the platform's database on SQLite or PostgreSQL and hides the few
// differences between them: placeholder syntax, the writer pool and the migration folder.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the platform's handle on its database. On SQLite it keeps two pools: many readers
// and exactly one writer, because SQLite allows one writer at a time and a single writer
// connection turns "database is locked" errors into orderly queueing. On PostgreSQL both
// pools are the same.
type DB struct {
	Dialect Dialect
	read    *sql.DB
	write   *sql.DB
	path    string // SQLite file path, for backups

	readStmts, writeStmts *stmtCache    // SQLite only (stmts.go); nil on PostgreSQL
	checkpoints           *checkpointer // SQLite only (checkpoint.go)
}

// Open connects to url, which is "sqlite:PATH" (or a bare path ending in .db) or
// "postgres://…"/"postgresql://…". It does not migrate; call Migrate.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return openPostgres(ctx, rawURL)
	case strings.HasPrefix(rawURL, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(rawURL, "sqlite:"))
	case strings.HasSuffix(rawURL, ".db"):
		return openSQLite(ctx, rawURL)
	}
	return nil, fmt.Errorf("db: unsupported database URL %q (want sqlite:PATH or postgres://…)", redact(rawURL))
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("db: empty SQLite path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("db: create data directory: %w", err)
		}
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	// The writer starts every transaction with BEGIN IMMEDIATE so read-check-write
	// sequences (capacity, quotas) hold the write lock from their first read.
	write, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	d := &DB{Dialect: SQLite, read: read, write: write, path: path, readStmts: newStmtCache(read), writeStmts: newStmtCache(write)}
	// Touch the writer first: it creates the file and switches it to WAL before readers arrive.
	if err := write.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db: open SQLite %s: %w", path, err)
	}
	// Commits never checkpoint (the writer's wal_autocheckpoint is 0); this connection does.
	ckpt, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
	if err != nil {
		d.Close()
		return nil, err
	}
	ckpt.SetMaxOpenConns(1)
	d.checkpoints = startCheckpointer(ckpt)
	return d, nil
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	pool, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("db: connect to PostgreSQL %s: %w", redact(rawURL), err)
	}
	return &DB{Dialect: Postgres, read: pool, write: pool}, nil
}

// Close releases both pools.
func (d *DB) Close() error {
	d.readStmts.close()
	d.writeStmts.close()
	err := d.checkpoints.close()
	err = errors.Join(err, d.write.Close())
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Ping checks that the database answers (used by /readyz).
func (d *DB) Ping(ctx context.Context) error { return d.read.PingContext(ctx) }

// Stats reports the pool figures exported on /metrics: the reader pool and the writer pool.
func (d *DB) Stats() (read, write sql.DBStats) { return d.read.Stats(), d.write.Stats() }

// Exec runs a statement on the writer.
func (d *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := d.writeStmts.get(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return d.write.ExecContext(ctx, d.Rebind(query), args...)
}

// Query runs a read on the reader pool.
func (d *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := d.readStmts.get(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.read.QueryContext(ctx, d.Rebind(query), args...)
}

// QueryRow runs a single-row read on the reader pool. Statements with RETURNING write, so
// they go through Exec-like paths: use WriteRow.
func (d *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := d.readStmts.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.read.QueryRowContext(ctx, d.Rebind(query), args...)
}

// WriteRow runs a writing statement that returns one row (INSERT … RETURNING id).
func (d *DB) WriteRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := d.writeStmts.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.write.QueryRowContext(ctx, d.Rebind(query), args...)
}

// Rebind turns ? placeholders into $1, $2 … for PostgreSQL. Question marks inside
// single-quoted literals are left alone.
func (d *DB) Rebind(query string) string { return rebind(d.Dialect, query) }

func rebind(dialect Dialect, query string) string {
	if dialect != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// redact hides a password in a database URL before it reaches a log or an error.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Now is the current time as stored: UTC, at microsecond precision (PostgreSQL's), so a
// value read back equals the value written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Pools names the connection pools for the metrics collector.
func (d *DB) Pools() map[string]*sql.DB {
	if d.read == d.write {
		return map[string]*sql.DB{"postgres": d.read}
	}
	return map[string]*sql.DB{"sqlite_read": d.read, "sqlite_write": d.write}
}
