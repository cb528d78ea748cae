package podcast

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// StatsReport is a show's statistics over a range of UTC days.
type StatsReport struct {
	Show      *Show
	From, To  string      // UTC days, inclusive
	Days      []StatsDay  // every day of the range, zeros included
	Episodes  []StatsItem // every episode, most downloaded first
	Rows      []StatsRow  // per episode per day, days with counts only
	Apps      []StatsName // downloads by app, largest first
	Devices   []StatsName
	Countries []StatsName
	Downloads int
	Listens   int
}

// StatsDay is one day's totals.
type StatsDay struct {
	Day       string
	Downloads int
	Listens   int
}

// StatsItem is one episode's totals.
type StatsItem struct {
	EpisodeID int64
	Title     string
	Downloads int
	Listens   int
}

// StatsRow is one episode on one day (the CSV rows).
type StatsRow struct {
	Day       string
	EpisodeID int64
	Title     string
	Downloads int
	Listens   int
}

// StatsName is a count under a name (app, device class, country).
type StatsName struct {
	Name  string
	Count int
}

// MaxStatsDays bounds a report's range (two years and a day).
const MaxStatsDays = 732

// ParseStatsRange reads a range of days; empty bounds mean the last 30 days up to today.
func ParseStatsRange(from, to string, now time.Time) (string, string, error) {
	end := now.UTC()
	if to != "" {
		t, err := time.Parse(dayLayout, to)
		if err != nil {
			return "", "", fail.Fields{"to": "podcast.stats.error.date"}
		}
		end = t
	}
	start := end.AddDate(0, 0, -29)
	if from != "" {
		t, err := time.Parse(dayLayout, from)
		if err != nil {
			return "", "", fail.Fields{"from": "podcast.stats.error.date"}
		}
		start = t
	}
	switch {
	case start.After(end):
		return "", "", fail.Fields{"from": "podcast.stats.error.order"}
	case end.Sub(start) > MaxStatsDays*24*time.Hour:
		return "", "", fail.Fields{"from": "podcast.stats.error.span"}
	}
	return statsDay(start), statsDay(end), nil
}

// Report gathers show showID's statistics for the UTC days from..to as typed (YYYY-MM-DD;
// empty bounds as in ParseStatsRange). Only coordinators and administrators see
// statistics; they are told of a bad range with field errors.
func (s *Stats) Report(ctx context.Context, v *web.Viewer, showID int64, from, to string) (*StatsReport, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	from, to, err := ParseStatsRange(from, to, s.svc.now())
	if err != nil {
		return nil, err
	}
	sh, err := s.svc.Show(ctx, showID)
	if err != nil {
		return nil, err
	}
	eps, err := s.svc.Episodes(ctx, v, showID)
	if err != nil {
		return nil, err
	}
	rep := &StatsReport{Show: sh, From: from, To: to}
	titles := map[int64]string{}
	items := map[int64]*StatsItem{}
	for _, e := range eps {
		titles[e.ID] = e.Title
		items[e.ID] = &StatsItem{EpisodeID: e.ID, Title: e.Title}
	}
	byDay := map[string]*StatsDay{}
	start, _ := time.Parse(dayLayout, from)
	end, _ := time.Parse(dayLayout, to)
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		rep.Days = append(rep.Days, StatsDay{Day: statsDay(d)})
	}
	for i := range rep.Days {
		byDay[rep.Days[i].Day] = &rep.Days[i]
	}
	rows, err := countRows(ctx, s.db, showID, from, to)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		r.Title = titles[r.EpisodeID]
		rep.Rows = append(rep.Rows, r)
		rep.Downloads += r.Downloads
		rep.Listens += r.Listens
		if d := byDay[r.Day]; d != nil {
			d.Downloads += r.Downloads
			d.Listens += r.Listens
		}
		if it := items[r.EpisodeID]; it != nil {
			it.Downloads += r.Downloads
			it.Listens += r.Listens
		}
	}
	for _, e := range eps {
		rep.Episodes = append(rep.Episodes, *items[e.ID])
	}
	sortItems(rep.Episodes)
	for _, g := range []struct {
		column string
		into   *[]StatsName
	}{{"app", &rep.Apps}, {"device", &rep.Devices}, {"country", &rep.Countries}} {
		if *g.into, err = countBy(ctx, s.db, g.column, showID, from, to); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// sortItems puts the most downloaded episodes first (stable, so equal ones keep the
// episode order).
func sortItems(items []StatsItem) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Downloads > items[j-1].Downloads; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

func countRows(ctx context.Context, q db.Querier, showID int64, from, to string) ([]StatsRow, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (StatsRow, error) {
		var r StatsRow
		err := s.Scan(&r.Day, &r.EpisodeID, &r.Downloads, &r.Listens)
		return r, err
	}, `SELECT day, episode_id, SUM(CASE WHEN kind = 'download' THEN 1 ELSE 0 END),
		SUM(CASE WHEN kind = 'listen' THEN 1 ELSE 0 END)
		FROM podcast_stats_events WHERE show_id = ? AND day >= ? AND day <= ?
		GROUP BY day, episode_id ORDER BY day, episode_id`, showID, from, to)
}

// countBy counts downloads by one of the columns app, device or country (a constant,
// never user input).
func countBy(ctx context.Context, q db.Querier, column string, showID int64, from, to string) ([]StatsName, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (StatsName, error) {
		var n StatsName
		err := s.Scan(&n.Name, &n.Count)
		return n, err
	}, `SELECT `+column+`, COUNT(*) FROM podcast_stats_events
		WHERE show_id = ? AND kind = 'download' AND day >= ? AND day <= ?
		GROUP BY `+column+` ORDER BY COUNT(*) DESC, `+column, showID, from, to)
}
