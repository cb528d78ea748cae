package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/platform/db"
)

// runEngine generates the tracker on a fresh database of engine, then measures.
func runEngine(ctx context.Context, engine string, o options) (engineReport, error) {
	r := engineReport{Engine: engine, Projects: o.projects, Updates: o.updates}
	dir, err := os.MkdirTemp("", "kopru-bench-projects-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	rawURL := "sqlite:" + filepath.Join(dir, "kopru.db")
	if engine == "postgres" {
		u, drop, err := freshSchema(ctx, o.postgres)
		if err != nil {
			return r, err
		}
		defer drop()
		rawURL = u
	}
	d, err := db.Open(ctx, rawURL)
	if err != nil {
		return r, err
	}
	defer d.Close()
	if err := d.Migrate(ctx); err != nil {
		return r, err
	}
	cfg := config.Default()
	cfg.Data, cfg.Demo = dir, "off"
	if err := cfg.Validate(); err != nil {
		return r, err
	}
	a, err := app.New(cfg, d, slog.New(slog.DiscardHandler))
	if err != nil {
		return r, err
	}
	g := newGenerator(o.seed)
	if err := g.base(ctx, d); err != nil {
		return r, err
	}
	// The summary's queries at 100 projects, then at all of them.
	if err := g.projects(ctx, d, 100, 0); err != nil {
		return r, err
	}
	if r.SummaryQueries[0], err = summaryQueries(ctx, a, d); err != nil {
		return r, err
	}
	start := time.Now()
	if err := g.projects(ctx, d, o.projects-100, o.updates); err != nil {
		return r, err
	}
	r.GenerateS = float64(time.Since(start).Milliseconds()) / 1000
	// After a bulk load the planner needs statistics, and PostgreSQL's index-only scans need
	// the visibility map; autovacuum does both on a live server shortly after such a load.
	maintenance := "ANALYZE"
	if engine == "postgres" {
		maintenance = "VACUUM ANALYZE projects"
	}
	if _, err := d.Exec(ctx, maintenance); err != nil {
		return r, err
	}
	if r.SummaryQueries[1], err = summaryQueries(ctx, a, d); err != nil {
		return r, err
	}
	r.SummaryFixed = r.SummaryQueries[0] == r.SummaryQueries[1]
	return r, measurePages(ctx, a, g, o, &r)
}

// freshSchema creates an empty schema and returns a URL that uses it and its dropper.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "kopru_bench_projects_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("postgres: create schema: %w", err)
	}
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
