package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// Each engine has its own folder with the same version numbers (a test checks), so the
// few statements that differ (identity columns, timestamp types) stay plain SQL.
//
//go:embed migrations
var migrations embed.FS

// Migrate brings the schema to the newest version. It is safe to call on every start.
func (d *DB) Migrate(ctx context.Context) error {
	p, err := d.migrator()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	return nil
}

// Version reports the schema version the database is at.
func (d *DB) Version(ctx context.Context) (int64, error) {
	p, err := d.migrator()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

func (d *DB) migrator() (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if d.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, "migrations/"+string(d.Dialect))
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, d.write, sub)
}

// MigrationsFS exposes the embedded migrations (for the parity test).
func MigrationsFS() fs.FS { return migrations }
