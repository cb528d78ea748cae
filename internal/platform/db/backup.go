package db

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupPostgres tells the caller that PostgreSQL backups are taken with pg_dump.
var ErrBackupPostgres = errors.New("PostgreSQL is backed up with its own tools: pg_dump --format=custom --file=kopru.dump \"$KOPRU_DATABASE_URL\" (restore with pg_restore); see docs/operations.md")

// Backup writes a consistent copy of a SQLite database to path while the server keeps
// running: VACUUM INTO reads inside one transaction, so the copy is a single point in time.
func (d *DB) Backup(ctx context.Context, path string) error {
	if d.Dialect == Postgres {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name", path)
	}
	if _, err := d.write.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
