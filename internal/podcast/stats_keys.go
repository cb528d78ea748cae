package podcast

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// Daily secrets of the listener hash. A listener is HMAC-SHA256(secret of the day, IP +
// user agent): without the secret no one can test an address against the statistics, and
// once a day's secret is deleted (after two days) not even this server can. Yesterday's
// secret is kept so that a window opened before midnight is still found after it.

const dayLayout = "2006-01-02"

func statsDay(t time.Time) string { return t.UTC().Format(dayLayout) }

// listenerKeys returns the secret of at's day (made when missing) and of the day before
// (nil when none was made).
func (s *Stats) listenerKeys(ctx context.Context, at time.Time) (today, yesterday []byte, err error) {
	day, prev := statsDay(at), statsDay(at.Add(-24*time.Hour))
	today, err = s.key(ctx, day, true, at)
	if err != nil {
		return nil, nil, err
	}
	yesterday, err = s.key(ctx, prev, false, at)
	return today, yesterday, err
}

// key reads a day's secret, from memory when read before; create makes it when missing
// and then removes what is older than yesterday (secrets and closed windows).
func (s *Stats) key(ctx context.Context, day string, create bool, at time.Time) ([]byte, error) {
	s.mu.Lock()
	k, ok := s.keys[day]
	s.mu.Unlock()
	if ok {
		return k, nil
	}
	var secret string
	err := s.db.QueryRow(ctx, `SELECT secret FROM podcast_stats_keys WHERE day = ?`, day).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		if !create {
			return nil, nil
		}
		secret, err = s.makeKey(ctx, day, at)
	}
	if err != nil {
		return nil, err
	}
	k, err = hex.DecodeString(secret)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.keys[day] = k
	for d := range s.keys {
		if d < statsDay(at.Add(-24*time.Hour)) {
			delete(s.keys, d)
		}
	}
	s.mu.Unlock()
	return k, nil
}

// makeKey stores a fresh secret for day unless another process did first, and returns
// the one stored.
func (s *Stats) makeKey(ctx context.Context, day string, at time.Time) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	var secret string
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO podcast_stats_keys (day, secret) VALUES (?, ?) ON CONFLICT (day) DO NOTHING`,
			day, hex.EncodeToString(b[:])); err != nil {
			return err
		}
		oldest := statsDay(at.Add(-24 * time.Hour))
		if _, err := tx.Exec(ctx, `DELETE FROM podcast_stats_keys WHERE day < ?`, oldest); err != nil {
			return err
		}
		// A window older than two days can match nothing any more: its secret is gone.
		if _, err := tx.Exec(ctx, `DELETE FROM podcast_stats_windows WHERE started_at < ?`, at.Add(-2*statsWindow)); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT secret FROM podcast_stats_keys WHERE day = ?`, day).Scan(&secret)
	})
	return secret, err
}

// listenerHash is the stored identity of a listener under one day's secret.
func listenerHash(secret []byte, ip, userAgent string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ip))
	m.Write([]byte{0})
	m.Write([]byte(userAgent))
	return hex.EncodeToString(m.Sum(nil))
}
