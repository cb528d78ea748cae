package student

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Report holds aggregate figures only: counts and durations, never a subject, a name or a
// message, so coordinators may share it.
type Report struct {
	Total      int            `json:"total"`
	Open       int            `json:"open"` // not closed yet
	ByCategory map[string]int `json:"by_category"`
	ByMonth    []MonthCount   `json:"by_month"` // oldest first, month as YYYY-MM (İzmir time)
	ByOutcome  map[string]int `json:"by_outcome"`
	// Medians in hours (rounded to one decimal); nil when nothing was answered or closed yet.
	MedianFirstReplyHours *float64 `json:"median_first_reply_hours"`
	MedianCloseHours      *float64 `json:"median_close_hours"`
	// ActivePairings counts the mentoring pairings running now (a count, no names).
	ActivePairings int `json:"active_pairings"`
}

// MonthCount is the number of requests opened in one month.
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// Report computes the figures over every request, for coordinators and admins.
func (s *Service) Report(ctx context.Context, v *web.Viewer) (*Report, error) {
	if !isCoordinator(v) {
		return nil, refuse(v)
	}
	type row struct {
		category, status, outcome string
		created                   time.Time
		firstReply, closed        sql.NullTime
	}
	rows, err := db.Collect(ctx, s.db, func(sc db.Scanner) (row, error) {
		var r row
		err := sc.Scan(&r.category, &r.status, &r.outcome, &r.created, &r.firstReply, &r.closed)
		return r, err
	}, `SELECT category, status, outcome, created_at, first_reply_at, closed_at FROM student_requests`)
	if err != nil {
		return nil, err
	}
	rep := &Report{ByCategory: map[string]int{}, ByOutcome: map[string]int{}, ByMonth: []MonthCount{}}
	for _, c := range Categories {
		rep.ByCategory[c] = 0
	}
	for _, o := range Outcomes {
		rep.ByOutcome[o] = 0
	}
	months := map[string]int{}
	var toReply, toClose []float64
	for _, r := range rows {
		rep.Total++
		rep.ByCategory[r.category]++
		months[r.created.In(izmir).Format("2006-01")]++
		if r.status != "closed" {
			rep.Open++
		} else if r.outcome != "" {
			rep.ByOutcome[r.outcome]++
		}
		if r.firstReply.Valid {
			toReply = append(toReply, r.firstReply.Time.Sub(r.created).Hours())
		}
		if r.closed.Valid && r.status == "closed" {
			toClose = append(toClose, r.closed.Time.Sub(r.created).Hours())
		}
	}
	keys := make([]string, 0, len(months))
	for m := range months {
		keys = append(keys, m)
	}
	slices.Sort(keys)
	for _, m := range keys {
		rep.ByMonth = append(rep.ByMonth, MonthCount{Month: m, Count: months[m]})
	}
	rep.MedianFirstReplyHours, rep.MedianCloseHours = median(toReply), median(toClose)
	if s.mentoring != nil {
		if rep.ActivePairings, err = s.mentoring.CountActivePairings(ctx); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// median of xs rounded to a tenth, or nil for none.
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	sort.Float64s(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	m = float64(int64(m*10+0.5)) / 10
	return &m
}

// CSV is the report as rows for a spreadsheet: section, key, value. It holds the same
// aggregate figures and nothing about any one request.
func (rep *Report) CSV() [][]string {
	out := [][]string{{"section", "key", "value"}, {"total", "", itoa(int64(rep.Total))}, {"open", "", itoa(int64(rep.Open))}}
	for _, c := range Categories {
		out = append(out, []string{"category", c, itoa(int64(rep.ByCategory[c]))})
	}
	for _, m := range rep.ByMonth {
		out = append(out, []string{"month", m.Month, itoa(int64(m.Count))})
	}
	for _, o := range Outcomes {
		out = append(out, []string{"outcome", o, itoa(int64(rep.ByOutcome[o]))})
	}
	out = append(out, []string{"median_hours", "first_reply", hours(rep.MedianFirstReplyHours)},
		[]string{"median_hours", "close", hours(rep.MedianCloseHours)},
		[]string{"pairings", "active", itoa(int64(rep.ActivePairings))})
	return out
}

func hours(h *float64) string {
	if h == nil {
		return ""
	}
	return formatTenths(*h)
}

func formatTenths(h float64) string {
	n := int64(h*10 + 0.5)
	return itoa(n/10) + "." + itoa(n%10)
}
