package podcast

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of the listening statistics.

// window is a listener's open 24-hour window on one episode.
type window struct {
	listener string
	started  time.Time
	bytes    int64
	counted  bool
}

// openWindow finds the listener's window still open at h.At, under today's or yesterday's
// hash, and locks it; without one it opens (or reopens) today's. Rows are locked in
// listener order, so two requests holding both hashes cannot deadlock.
func openWindow(ctx context.Context, tx *db.Tx, h Hit, current, previous string) (*window, error) {
	since := h.At.Add(-statsWindow)
	rows, err := tx.Query(ctx, `SELECT listener, started_at, bytes, counted FROM podcast_stats_windows
		WHERE episode_id = ? AND kind = ? AND listener IN (?, ?) ORDER BY listener`+tx.ForUpdate(), h.EpisodeID, h.Kind, current, previous)
	if err != nil {
		return nil, err
	}
	var open *window
	for rows.Next() {
		w, err := scanWindow(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if w.started.After(since) && (open == nil || w.started.After(open.started)) {
			open = w
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || open != nil {
		return open, err
	}
	// None open: make today's row (a concurrent request of the same listener may make it
	// first; the primary key lets only one through and the other waits for it here).
	if _, err := tx.Exec(ctx, `INSERT INTO podcast_stats_windows (episode_id, kind, listener, started_at, bytes, counted)
		VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (episode_id, kind, listener) DO NOTHING`, h.EpisodeID, h.Kind, current, h.At); err != nil {
		return nil, err
	}
	w, err := scanWindow(tx.QueryRow(ctx, `SELECT listener, started_at, bytes, counted FROM podcast_stats_windows
		WHERE episode_id = ? AND kind = ? AND listener = ?`+tx.ForUpdate(), h.EpisodeID, h.Kind, current))
	if err != nil {
		return nil, err
	}
	if !w.started.After(since) { // a window of today's hash that has closed: start afresh
		w.started, w.bytes, w.counted = h.At, 0, false
	}
	return w, nil
}

func scanWindow(s db.Scanner) (*window, error) {
	var w window
	var counted int
	err := s.Scan(&w.listener, &w.started, &w.bytes, &counted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errors.New("podcast stats: window vanished")
	}
	w.counted = counted == 1
	return &w, err
}

func saveWindow(ctx context.Context, tx *db.Tx, h Hit, w *window) error {
	_, err := tx.Exec(ctx, `UPDATE podcast_stats_windows SET started_at = ?, bytes = ?, counted = ?
		WHERE episode_id = ? AND kind = ? AND listener = ?`, w.started, w.bytes, boolInt(w.counted), h.EpisodeID, h.Kind, w.listener)
	return err
}

func insertEvent(ctx context.Context, tx *db.Tx, h Hit, app, device, country string) error {
	_, err := tx.Exec(ctx, `INSERT INTO podcast_stats_events (show_id, episode_id, kind, day, at, app, device, country)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, h.ShowID, h.EpisodeID, h.Kind, statsDay(h.At), h.At.UTC(), app, device, country)
	return err
}
