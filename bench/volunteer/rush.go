package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
	"github.com/kopru-platform/kopru/bench/internal/measure"
)

// answer is what one sign-up request was told.
type answer struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

type rushResult struct {
	answers   []answer // by volunteer; zero ID: no acknowledged answer
	errors    int
	elapsed   time.Duration
	latencies []time.Duration
	sent      int
}

// fire sends one sign-up per volunteer from o.clients goroutines, each volunteer with their
// own token, until all are sent or the budget is spent.
func fire(ctx context.Context, f *fixture, o options) rushResult {
	hc := kopruapi.NewHTTPClient(o.clients+2, 60*time.Second)
	res := rushResult{answers: make([]answer, len(f.tokens))}
	path := fmt.Sprintf("/api/v1/volunteer/shifts/%d/signups", f.shift)
	var next atomic.Int64
	var mu sync.Mutex
	ctx, cancel := context.WithTimeout(ctx, o.budget)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for range o.clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(f.tokens) {
					return
				}
				c := &kopruapi.Client{Base: f.base, Token: f.tokens[i], HC: hc}
				t0 := time.Now()
				var a answer
				status, err := c.Do(ctx, http.MethodPost, path, nil, &a)
				took := time.Since(t0)
				mu.Lock()
				res.sent++
				if err != nil || status != http.StatusCreated {
					res.errors++
				} else {
					res.answers[i] = a
					res.latencies = append(res.latencies, took)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func (er *engineReport) measured(res rushResult, o options) {
	er.Acked, er.Errors = len(res.latencies), res.errors
	er.Seconds = measure.Round(res.elapsed.Seconds(), 3)
	if res.elapsed > 0 {
		er.RPS = measure.Round(float64(er.Acked)/res.elapsed.Seconds(), 1)
	}
	er.P50, er.P99 = measure.Ms(measure.Pct(res.latencies, 0.50)), measure.Ms(measure.Pct(res.latencies, 0.99))
	er.Targets.Rate = er.RPS >= targetRPS
	er.Targets.NoErrors = res.errors == 0
	er.Targets.Completed = res.sent == o.signups
}

// check reads the roster through the API (as the coordinator) and the counter and rows
// straight from the database: exactly the places confirmed, the rest waiting, the counter
// equal to the confirmed rows, and every answer as the roster has it.
func check(ctx context.Context, f *fixture, res rushResult, er *engineReport) error {
	c := &kopruapi.Client{Base: f.base, Token: f.coord, HC: kopruapi.NewHTTPClient(2, time.Minute)}
	var roster struct {
		Places    int `json:"places"`
		Confirmed int `json:"confirmed"`
		Signups   []struct {
			ID       int64  `json:"id"`
			Status   string `json:"status"`
			Position int    `json:"waiting_position"`
		} `json:"signups"`
	}
	status, err := c.Do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/volunteer/shifts/%d/signups", f.shift), nil, &roster)
	if err != nil || status != http.StatusOK {
		return fmt.Errorf("roster: %d %v", status, err)
	}
	byID := map[int64]string{}
	for i, s := range roster.Signups {
		byID[s.ID] = s.Status
		switch s.Status {
		case "confirmed":
			er.Confirmed++
		case "waiting":
			er.Waiting++
			if s.Position != i-er.Confirmed+1 {
				er.Mismatch++ // the waiting list must be numbered in its order
			}
		}
	}
	var rows int
	if err := f.d.QueryRow(ctx, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, f.shift).Scan(&er.Counter); err != nil {
		return err
	}
	if err := f.d.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = 'confirmed'`, f.shift).Scan(&rows); err != nil {
		return err
	}
	for _, a := range res.answers {
		if a.ID != 0 && byID[a.ID] != a.Status {
			er.Mismatch++
		}
	}
	wantConfirmed := min(roster.Places, er.Acked)
	er.Targets.Exact = er.Confirmed == wantConfirmed && er.Confirmed+er.Waiting == er.Acked
	er.Targets.Counter = er.Counter == rows && rows == er.Confirmed && roster.Confirmed == rows
	er.Targets.Statuses = er.Mismatch == 0
	return nil
}
