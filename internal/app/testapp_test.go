package app

import (
	"log/slog"
	"testing"

	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// newTestApp builds the whole platform on a fresh, migrated SQLite database, without the
// demo data and with a throwaway data directory.
func newTestApp(t *testing.T) *App {
	t.Helper()
	return newTestAppOn(t, dbtest.SQLite(t))
}

// newTestAppOn builds the platform on d (tests that run on every engine use dbtest.Run).
func newTestAppOn(t *testing.T, d *db.DB) *App {
	t.Helper()
	cfg := config.Default()
	cfg.Data = t.TempDir()
	cfg.Demo = "off"
	_ = cfg.Validate()
	a, err := New(cfg, d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}
