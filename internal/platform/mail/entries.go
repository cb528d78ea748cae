package mail

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Entry is an outbox row as administrators (and tests) see it.
type Entry struct {
	ID                                                 int64
	To, Subject, Text, HTML, Locale, Status, LastError string
	Attempts                                           int
	CreatedAt                                          time.Time
	SentAt                                             *time.Time
	Attachments                                        []string // file names
}

const entryColumns = `id, to_addr, subject, body_text, body_html, locale, status, last_error, attempts, created_at, sent_at`

// List returns outbox entries, newest first.
func (o *Outbox) List(ctx context.Context, limit, offset int) ([]Entry, error) {
	rows, err := o.db.Query(ctx, `SELECT `+entryColumns+` FROM mail_outbox ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("mail: list outbox: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("mail: list outbox: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mail: list outbox: %w", err)
	}
	return out, o.attachmentNames(ctx, out)
}

// Latest returns the newest message to the address to; the error wraps sql.ErrNoRows when
// there is none.
func (o *Outbox) Latest(ctx context.Context, to string) (Entry, error) {
	e, err := scanEntry(o.db.QueryRow(ctx, `SELECT `+entryColumns+` FROM mail_outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`, to))
	if err != nil {
		return Entry{}, fmt.Errorf("mail: latest message to %s: %w", to, err)
	}
	list := []Entry{e}
	err = o.attachmentNames(ctx, list)
	return list[0], err
}

func scanEntry(row interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var sent sql.NullTime
	err := row.Scan(&e.ID, &e.To, &e.Subject, &e.Text, &e.HTML, &e.Locale, &e.Status, &e.LastError, &e.Attempts, &e.CreatedAt, &sent)
	e.CreatedAt = e.CreatedAt.UTC()
	if sent.Valid {
		t := sent.Time.UTC()
		e.SentAt = &t
	}
	return e, err
}
