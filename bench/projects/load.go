package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/measure"
	"github.com/kopru-platform/kopru/internal/app"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/project"
)

// countingDB counts the statements a call sends.
type countingDB struct {
	*db.DB
	n int
}

func (c *countingDB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n++
	return c.DB.Query(ctx, q, args...)
}

func (c *countingDB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	c.n++
	return c.DB.QueryRow(ctx, q, args...)
}

func summaryQueries(ctx context.Context, a *app.App, d *db.DB) (int, error) {
	c := &countingDB{DB: d}
	_, err := a.Tracker.Summarize(ctx, c, project.Filter{Theme: "youth"})
	return c.n, err
}

// filters are the combinations a visitor of the tracker tries.
func filters(g *generator) map[string]string {
	return map[string]string{
		"none":                  "",
		"status":                "?status=in_progress",
		"theme":                 "?theme=youth",
		"year":                  "?year=2026",
		"partner":               fmt.Sprintf("?org=%d", g.orgs[7]),
		"theme+status+year":     "?theme=culture&status=completed&year=2025",
		"text":                  "?q=G%C3%96N%C3%9CLL%C3%9C", // GÖNÜLLÜ, folded
		"text+status":           "?q=g%C9%99nclik&status=in_progress",
		"partner+theme, page 3": fmt.Sprintf("?org=%d&theme=trade&page=3", g.orgs[3]),
		"page 50":               "?page=50",
	}
}

// measurePages serves the platform on a loopback port and times the list page under each
// filter, round-robin, one keep-alive client, within the request and time budget.
func measurePages(ctx context.Context, a *app.App, g *generator, o options, r *engineReport) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := httptest.NewUnstartedServer(a.Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	c := srv.Client()
	fs := filters(g)
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names { // warm up: each once
		if _, err := get(ctx, c, srv.URL+"/tr/projects"+fs[n]); err != nil {
			return err
		}
	}
	byFilter := map[string][]time.Duration{}
	var all, health []time.Duration
	deadline := time.Now().Add(o.budget)
	for i := 0; i < o.requests && time.Now().Before(deadline); i++ {
		for _, n := range names {
			d, err := get(ctx, c, srv.URL+"/tr/projects"+fs[n])
			if err != nil {
				return err
			}
			byFilter[n] = append(byFilter[n], d)
			all = append(all, d)
		}
		d, err := get(ctx, c, srv.URL+"/healthz")
		if err != nil {
			return err
		}
		health = append(health, d)
	}
	r.Requests = len(all)
	r.P50Ms, r.P95Ms, r.P99Ms = measure.Ms(measure.Pct(all, .5)), measure.Ms(measure.Pct(all, .95)), measure.Ms(measure.Pct(all, .99))
	r.P95ByFilterMs = map[string]float64{}
	for n, ds := range byFilter {
		r.P95ByFilterMs[n] = measure.Ms(measure.Pct(ds, .95))
	}
	r.HealthzP95Ms = measure.Ms(measure.Pct(health, .95))
	if r.HealthzP95Ms > 0 {
		r.RatioToHealthz = measure.Round(r.P95Ms/r.HealthzP95Ms, 1)
	}
	r.TargetP95Met = measure.Pct(all, .95) < targetP95
	return nil
}

func get(ctx context.Context, c *http.Client, url string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(start)
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %d", url, res.StatusCode)
	}
	return d, nil
}
