package identity

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// The store holds the module's SQL. Functions take a db.Querier so the service decides
// which of them share a transaction.

const userColumns = `id, email, name, password_hash, locale, email_confirmed_at, disabled_at, session_epoch, created_at`

func scanUser(row interface{ Scan(...any) error }) (*User, int, error) {
	var u User
	var epoch int
	var confirmed, disabled sql.NullTime
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.hash, &u.Locale, &confirmed, &disabled, &epoch, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, err
	}
	if confirmed.Valid {
		u.ConfirmedAt = &confirmed.Time
	}
	if disabled.Valid {
		u.DisabledAt = &disabled.Time
	}
	return &u, epoch, nil
}

func insertUser(ctx context.Context, q db.Querier, u *User, hash string, now time.Time) error {
	err := q.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, locale, search_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, u.Email, u.Name, hash, u.Locale, searchKey(u.Name, u.Email), now, now).Scan(&u.ID)
	if db.IsUniqueViolation(err) {
		return ErrEmailTaken
	}
	u.CreatedAt = now
	return err
}

func userByEmail(ctx context.Context, q db.Querier, email string) (*User, int, error) {
	u, epoch, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, normalizeEmail(email)))
	if err == nil {
		u.Roles, err = rolesOf(ctx, q, u.ID)
	}
	return u, epoch, err
}

func userByID(ctx context.Context, q db.Querier, id int64) (*User, int, error) {
	u, epoch, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err == nil {
		u.Roles, err = rolesOf(ctx, q, u.ID)
	}
	return u, epoch, err
}

func rolesOf(ctx context.Context, q db.Querier, userID int64) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT role FROM user_roles WHERE user_id = ? ORDER BY role`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var roles []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		roles = append(roles, r)
	}
	return roles, rows.Err()
}

func replaceRoles(ctx context.Context, q db.Querier, userID int64, roles []string, now time.Time) error {
	if _, err := q.Exec(ctx, `DELETE FROM user_roles WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, r := range roles {
		if r == RoleMember {
			continue
		}
		if _, err := q.Exec(ctx, `INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, ?)`, userID, r, now); err != nil {
			return err
		}
	}
	return nil
}

func countAdmins(ctx context.Context, q db.Querier) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id
		WHERE r.role = 'admin' AND u.disabled_at IS NULL`).Scan(&n)
	return n, err
}

func updateUser(ctx context.Context, q db.Querier, id int64, name, locale string, now time.Time) error {
	var email string
	switch err := q.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, id).Scan(&email); {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	}
	_, err := q.Exec(ctx, `UPDATE users SET name = ?, locale = ?, search_key = ?, updated_at = ? WHERE id = ?`,
		name, locale, searchKey(name, email), now, id)
	return err
}

// searchKey is what the admin's user search matches: name and address, folded.
func searchKey(name, email string) string { return text.Fold(name + " " + email) }

// FillSearchKeys writes the search key of users who have none yet (rows from before the
// key existed). It runs when the platform opens the database; a no-op once all are filled.
func FillSearchKeys(ctx context.Context, d *db.DB) error {
	type row struct {
		id          int64
		name, email string
	}
	rows, err := d.Query(ctx, `SELECT id, name, email FROM users WHERE search_key = ''`)
	if err != nil {
		return err
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.name, &r.email); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		if _, err := d.Exec(ctx, `UPDATE users SET search_key = ? WHERE id = ?`, searchKey(r.name, r.email), r.id); err != nil {
			return err
		}
	}
	return nil
}

func setPassword(ctx context.Context, q db.Querier, id int64, hash string, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1, updated_at = ? WHERE id = ?`, hash, now, id)
	return err
}

func confirmEmail(ctx context.Context, q db.Querier, id int64, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, ?), updated_at = ? WHERE id = ?`, now, now, id)
	return err
}

// listUsers returns a page of users whose name or email contains the query, and the total.
func listUsers(ctx context.Context, q db.Querier, query string, limit, offset int) ([]User, int, error) {
	where, args := "", []any{}
	if query != "" {
		where = ` WHERE search_key LIKE ? ESCAPE '\'`
		// % and _ typed by the admin are letters, not wildcards.
		args = append(args, "%"+likeEscaper.Replace(text.Fold(query))+"%")
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM users`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users`+where+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		u, _, err := scanUser(rows)
		if err != nil {
			return nil, 0, err
		}
		users = append(users, *u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	for i := range users {
		if users[i].Roles, err = rolesOf(ctx, q, users[i].ID); err != nil {
			return nil, 0, err
		}
	}
	return users, total, nil
}

// --- email tokens

func insertEmailToken(ctx context.Context, q db.Querier, userID int64, purpose, hash string, expires, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`,
		userID, purpose, hash, expires, now)
	return err
}

// useEmailToken marks a token used and returns its user, in one statement, so two clicks
// racing on the same link cannot both succeed.
func useEmailToken(ctx context.Context, q db.Querier, purpose, hash string, now time.Time) (int64, error) {
	var userID int64
	err := q.WriteRow(ctx, `UPDATE email_tokens SET used_at = ?
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
		now, hash, purpose, now).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrTokenInvalid
	}
	return userID, err
}

// --- API tokens

func insertAPIToken(ctx context.Context, q db.Querier, userID int64, name, hash string, now time.Time) (int64, error) {
	var id int64
	err := q.WriteRow(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		userID, name, hash, now).Scan(&id)
	return id, err
}

// userByToken finds a live token's user in one query (every API call asks it).
func userByToken(ctx context.Context, q db.Querier, hash string) (*User, int64, error) {
	var tokenID int64
	u, _, err := scanUser(rowWithTail{q.QueryRow(ctx, `SELECT u.`+strings.ReplaceAll(userColumns, ", ", ", u.")+`, t.id
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = ? AND t.revoked_at IS NULL`, hash), &tokenID})
	if errors.Is(err, ErrNotFound) {
		return nil, 0, ErrUnauthorized
	}
	if err != nil {
		return nil, 0, err
	}
	u.Roles, err = rolesOf(ctx, q, u.ID)
	return u, tokenID, err
}

// rowWithTail scans one extra trailing column after what scanUser reads.
type rowWithTail struct {
	row  *sql.Row
	tail any
}

func (r rowWithTail) Scan(dest ...any) error { return r.row.Scan(append(dest, r.tail)...) }

func touchAPIToken(ctx context.Context, q db.Querier, id int64, now time.Time) error {
	// Writing on every request would serialise API reads behind the writer; a minute's
	// precision is plenty for "last used".
	_, err := q.Exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
		now, id, now.Add(-time.Minute))
	return err
}

func listAPITokens(ctx context.Context, q db.Querier, userID int64) ([]APIToken, error) {
	rows, err := q.Query(ctx, `SELECT id, name, created_at, last_used_at FROM api_tokens
		WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var used sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &used); err != nil {
			return nil, err
		}
		if used.Valid {
			t.LastUsedAt = &used.Time
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// revokeAPIToken revokes a token only if it belongs to userID; another user's token is "not found".
func revokeAPIToken(ctx context.Context, q db.Querier, userID, tokenID int64, now time.Time) error {
	res, err := q.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, now, tokenID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// --- consents

func insertConsent(ctx context.Context, q db.Querier, userID int64, c Consent) error {
	_, err := q.Exec(ctx, `INSERT INTO consents (user_id, purpose, notice_version, decision, created_at) VALUES (?, ?, ?, ?, ?)`,
		userID, c.Purpose, c.NoticeVersion, c.Decision, c.CreatedAt)
	return err
}

func listConsents(ctx context.Context, q db.Querier, userID int64) ([]Consent, error) {
	rows, err := q.Query(ctx, `SELECT purpose, notice_version, decision, created_at FROM consents
		WHERE user_id = ? ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		if err := rows.Scan(&c.Purpose, &c.NoticeVersion, &c.Decision, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func normalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
