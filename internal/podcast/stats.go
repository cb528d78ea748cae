package podcast

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Stats counts downloads and web-page listens the way the IAB Podcast Measurement
// Technical Guidelines (v2) do: once per listener (IP address + user agent) per episode
// per 24 hours, and a download only once at least a minute of audio (or the whole, shorter
// file) has reached that listener; robots and HEAD requests never count. It is the
// podcast.Counter of the audio handler.
type Stats struct {
	db  *db.DB
	svc *Service
	geo *GeoDB // nil: every country is "unknown"
	log *slog.Logger

	mu   sync.Mutex
	keys map[string][]byte // daily secrets by UTC day, as read from the database
}

// Kinds of counted events.
const (
	KindDownload = "download"
	KindListen   = "listen"
)

// statsWindow is the IAB deduplication window.
const statsWindow = 24 * time.Hour

// NewStats counts into d; geo may be nil.
func NewStats(d *db.DB, svc *Service, geo *GeoDB, log *slog.Logger) *Stats {
	if log == nil {
		log = slog.Default()
	}
	return &Stats{db: d, svc: svc, geo: geo, log: log, keys: map[string][]byte{}}
}

// Hit is one delivery to one listener, before deduplication.
type Hit struct {
	Kind      string
	ShowID    int64
	EpisodeID int64
	IP        string // used for the keyed hash and the country, never stored
	UserAgent string
	Bytes     int64 // delivered now
	MinBytes  int64 // what the listener's window must reach to count
	At        time.Time
}

// AudioServed hears of an audio response (podcast.Counter). Errors are logged: a listener
// must never see a statistics failure.
func (s *Stats) AudioServed(ctx context.Context, d Delivery) {
	r := d.Request
	if r.Method != http.MethodGet || (d.Status != http.StatusOK && d.Status != http.StatusPartialContent) || d.Bytes <= 0 {
		return // HEAD, 304, 416 and errors deliver no audio
	}
	ua := r.UserAgent()
	if IsBot(ua) {
		return
	}
	var durationMS int64
	if err := s.db.QueryRow(ctx, `SELECT duration_ms FROM podcast_episodes WHERE id = ?`, d.EpisodeID).Scan(&durationMS); err != nil {
		s.log.Warn("podcast stats: episode", "id", d.EpisodeID, "err", err)
		return
	}
	hit := Hit{Kind: KindDownload, ShowID: d.ShowID, EpisodeID: d.EpisodeID, IP: web.ClientIP(r), UserAgent: ua,
		Bytes: d.Bytes, MinBytes: MinBytes(d.Size, time.Duration(durationMS)*time.Millisecond), At: d.At}
	if _, err := s.Record(ctx, hit); err != nil {
		s.log.Warn("podcast stats: record", "episode", d.EpisodeID, "err", err)
	}
}

// MinBytes is what counts as a download of a file of size bytes lasting duration: the
// bytes of one minute at the file's average bitrate, or the whole file when it is shorter.
func MinBytes(size int64, duration time.Duration) int64 {
	if duration <= time.Minute || size <= 0 {
		return max(size, 1)
	}
	return max(size*int64(time.Minute/time.Millisecond)/duration.Milliseconds(), 1)
}

// Listen counts a web-page listen (the player's beacon) of a published episode; robots
// are ignored. It reports whether this listen was counted (false for a repeat in 24 h).
func (s *Stats) Listen(ctx context.Context, r *http.Request, slug string, episodeID int64) (bool, error) {
	e, sh, err := s.svc.EpisodeOfShow(ctx, nil, slug, episodeID)
	if err != nil {
		return false, err
	}
	ua := r.UserAgent()
	if IsBot(ua) {
		return false, nil
	}
	return s.Record(ctx, Hit{Kind: KindListen, ShowID: sh.ID, EpisodeID: e.ID, IP: web.ClientIP(r), UserAgent: ua,
		Bytes: 1, MinBytes: 1, At: s.svc.now()})
}

// Record adds a hit to its listener's 24-hour window and counts it once the window has
// reached the minimum. Concurrent hits of one listener meet on one window row (its primary
// key, locked on PostgreSQL; SQLite's transaction holds the write lock), so they count once.
func (s *Stats) Record(ctx context.Context, h Hit) (counted bool, err error) {
	today, yesterday, err := s.listenerKeys(ctx, h.At)
	if err != nil {
		return false, err
	}
	current := listenerHash(today, h.IP, h.UserAgent)
	previous := current
	if yesterday != nil {
		previous = listenerHash(yesterday, h.IP, h.UserAgent)
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		w, err := openWindow(ctx, tx, h, current, previous)
		if err != nil {
			return err
		}
		w.bytes += h.Bytes
		if !w.counted && w.bytes >= h.MinBytes {
			w.counted, counted = true, true
			if err := insertEvent(ctx, tx, h, AppOf(h.UserAgent), DeviceOf(h.UserAgent), s.geo.Country(h.IP)); err != nil {
				return err
			}
		}
		return saveWindow(ctx, tx, h, w)
	})
	return counted, err
}
