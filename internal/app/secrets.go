package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// secret returns the installation secret called name, making it on first use. The first
// instance to ask wins (ON CONFLICT DO NOTHING) and every instance reads the stored value
// back, so all instances on one PostgreSQL database sign and verify with the same key, and
// a restart keeps it: tickets already mailed keep verifying.
func secret(ctx context.Context, d *db.DB, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	if _, err := d.Exec(ctx, `INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	var stored string
	if err := d.WriteRow(ctx, `SELECT value FROM app_secrets WHERE name = ?`, name).Scan(&stored); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	key, err := hex.DecodeString(stored)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("secret %s: stored value is not 32 hex-encoded bytes", name)
	}
	return key, nil
}
