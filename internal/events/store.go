package events

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// The SQL is portable: ? placeholders are rebound for PostgreSQL, translatable columns are
// JSON text and booleans are 0/1 integers on both engines.

const eventColumns = `id, partnership_id, kind, slug, status, visibility, title, description,
	venue_name, venue_address, venue_city, latitude, longitude, zone, starts_at, ends_at,
	capacity, allow_guests, opens_at, closes_at, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanEvent(s scanner) (*Event, error) {
	var (
		e                 Event
		lat, lon          sql.NullFloat64
		opens, closes     sql.NullTime
		kind, status, vis string
		guests            int
		starts, ends      time.Time
		created, modified time.Time
	)
	err := s.Scan(&e.ID, &e.PartnershipID, &kind, &e.Slug, &status, &vis, &e.Title, &e.Description,
		&e.Venue.Name, &e.Venue.Address, &e.Venue.City, &lat, &lon, &e.Zone, &starts, &ends,
		&e.Capacity, &guests, &opens, &closes, &created, &modified)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	e.Kind, e.Status, e.Visibility = Kind(kind), Status(status), Visibility(vis)
	e.AllowGuests = guests != 0
	if lat.Valid && lon.Valid {
		e.Venue.Lat, e.Venue.Lon = &lat.Float64, &lon.Float64
	}
	e.StartsAt, e.EndsAt = starts.UTC(), ends.UTC()
	e.OpensAt, e.ClosesAt = timePtr(opens), timePtr(closes)
	e.CreatedAt, e.UpdatedAt = created.UTC(), modified.UTC()
	return &e, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func insertEvent(ctx context.Context, q db.Querier, e *Event, userID int64) error {
	return q.WriteRow(ctx, `INSERT INTO events (partnership_id, kind, slug, status, visibility, title, description,
		venue_name, venue_address, venue_city, latitude, longitude, zone, starts_at, ends_at,
		capacity, allow_guests, opens_at, closes_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.PartnershipID, e.Kind, e.Slug, e.Status, e.Visibility, e.Title, e.Description,
		e.Venue.Name, e.Venue.Address, e.Venue.City, nullFloat(e.Venue.Lat), nullFloat(e.Venue.Lon), e.Zone, e.StartsAt, e.EndsAt,
		e.Capacity, boolInt(e.AllowGuests), nullTime(e.OpensAt), nullTime(e.ClosesAt), nullID(userID), e.CreatedAt, e.UpdatedAt).Scan(&e.ID)
}

func updateEvent(ctx context.Context, q db.Querier, e *Event) error {
	_, err := q.Exec(ctx, `UPDATE events SET partnership_id = ?, kind = ?, slug = ?, status = ?, visibility = ?, title = ?, description = ?,
		venue_name = ?, venue_address = ?, venue_city = ?, latitude = ?, longitude = ?, zone = ?, starts_at = ?, ends_at = ?,
		capacity = ?, allow_guests = ?, opens_at = ?, closes_at = ?, updated_at = ? WHERE id = ?`,
		e.PartnershipID, e.Kind, e.Slug, e.Status, e.Visibility, e.Title, e.Description,
		e.Venue.Name, e.Venue.Address, e.Venue.City, nullFloat(e.Venue.Lat), nullFloat(e.Venue.Lon), e.Zone, e.StartsAt, e.EndsAt,
		e.Capacity, boolInt(e.AllowGuests), nullTime(e.OpensAt), nullTime(e.ClosesAt), e.UpdatedAt, e.ID)
	return err
}

// eventByID reads an event without its types.
func eventByID(ctx context.Context, q db.Querier, id int64) (*Event, error) {
	return scanEvent(q.QueryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id))
}

func eventBySlug(ctx context.Context, q db.Querier, slug string) (*Event, error) {
	return scanEvent(q.QueryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE slug = ?`, slug))
}

// lockEvent reads an event and, on PostgreSQL, locks its row for the rest of the transaction:
// every change to the event's places (register, cancel, promote, capacity) takes this lock
// first, so they happen one after another and always in the same lock order. FOR NO KEY
// UPDATE rather than FOR UPDATE: it serialises those writers just as well but does not block
// the key-share locks that foreign-key checks take (a check-in logging a scan), which would
// otherwise deadlock against a cancellation. SQLite's BEGIN IMMEDIATE already serialises.
func lockEvent(ctx context.Context, tx *db.Tx, id int64) (*Event, error) {
	lock := ""
	if tx.Dialect() == db.Postgres {
		lock = " FOR NO KEY UPDATE"
	}
	e, err := scanEvent(tx.QueryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`+lock, id))
	if err != nil {
		return nil, err
	}
	return e, loadTypes(ctx, tx, e)
}

func slugUsed(ctx context.Context, q db.Querier, slug string, except int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE slug = ? AND id <> ?`, slug, except).Scan(&n)
	return n > 0, err
}

// Filter selects events for a list.
type Filter struct {
	PartnershipID int64
	Kind          Kind
	Status        Status     // empty: every state (managers only)
	PublicOnly    bool       // only public visibility
	From, To      *time.Time // events ending after From, starting before To
	Limit         int
	Offset        int
}

func listEvents(ctx context.Context, q db.Querier, f Filter) ([]Event, error) {
	var (
		conds []string
		args  []any
	)
	add := func(cond string, arg any) { conds, args = append(conds, cond), append(args, arg) }
	if f.PartnershipID != 0 {
		add("partnership_id = ?", f.PartnershipID)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	if f.PublicOnly {
		add("visibility = ?", Public)
	}
	if f.From != nil {
		add("ends_at > ?", *f.From)
	}
	if f.To != nil {
		add("starts_at < ?", *f.To)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := q.Query(ctx, `SELECT `+eventColumns+` FROM events`+where+` ORDER BY starts_at, id LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// loadTypes fills e.Types in their order.
func loadTypes(ctx context.Context, q db.Querier, e *Event) error {
	rows, err := q.Query(ctx, `SELECT id, name, quota FROM event_types WHERE event_id = ? ORDER BY position, id`, e.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	e.Types = nil
	for rows.Next() {
		var t RegistrationType
		if err := rows.Scan(&t.ID, &t.Name, &t.Quota); err != nil {
			return err
		}
		e.Types = append(e.Types, t)
	}
	return rows.Err()
}

func insertType(ctx context.Context, q db.Querier, eventID int64, t *RegistrationType, position int) error {
	return q.WriteRow(ctx, `INSERT INTO event_types (event_id, name, quota, position) VALUES (?, ?, ?, ?) RETURNING id`,
		eventID, t.Name, t.Quota, position).Scan(&t.ID)
}

func updateType(ctx context.Context, q db.Querier, eventID int64, t RegistrationType, position int) error {
	_, err := q.Exec(ctx, `UPDATE event_types SET name = ?, quota = ?, position = ? WHERE id = ? AND event_id = ?`,
		t.Name, t.Quota, position, t.ID, eventID)
	return err
}

func deleteType(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, `DELETE FROM event_types WHERE id = ?`, id)
	return err
}

// isForeignKeyViolation reports a reference to a row that does not exist, on either engine.
func isForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23503"
	}
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
