package identity

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SessionStore keeps scs sessions in the platform database (table sessions), so sessions
// survive restarts and are shared by every instance on one PostgreSQL.
type SessionStore struct{ db *db.DB }

// FindCtx returns a live session's data.
func (s SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.QueryRow(ctx, `SELECT data FROM sessions WHERE token = ? AND expiry > ?`, token, db.Now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx stores or replaces a session.
func (s SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, token, b, expiry.UTC())
	return err
}

// DeleteCtx removes a session.
func (s SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE token = ?`, token)
	return err
}

// The context-free methods complete scs.Store; scs calls the Ctx variants.
func (s SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}
func (s SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}
func (s SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpiredSessions removes sessions past their expiry; the server calls it periodically.
func DeleteExpiredSessions(ctx context.Context, d *db.DB) (int64, error) {
	res, err := d.Exec(ctx, `DELETE FROM sessions WHERE expiry < ?`, db.Now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// NewSessionManager configures scs: HttpOnly cookie, SameSite=Lax, Secure on https, two
// weeks' lifetime with a one-week idle timeout.
func NewSessionManager(d *db.DB, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = SessionStore{db: d}
	sm.Lifetime = 14 * 24 * time.Hour
	sm.IdleTimeout = 7 * 24 * time.Hour
	sm.Cookie.Name = "kopru_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Path = "/"
	return sm
}
