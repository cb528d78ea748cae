package mail

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"
)

// Attachment limits: a name a header can carry, and files a mailbox accepts.
const (
	maxAttachmentName  = 120 // runes
	maxAttachmentBytes = 10 << 20
)

// cleanAttachments checks attachments before they are stored: a name without path or
// control characters, a valid media type (application/octet-stream when empty), a bounded size.
func cleanAttachments(in []Attachment) ([]Attachment, error) {
	out := make([]Attachment, 0, len(in))
	total := 0
	for _, a := range in {
		name := strings.Map(func(r rune) rune {
			switch {
			case r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r):
				return '_'
			}
			return r
		}, strings.TrimSpace(strings.ToValidUTF8(a.Name, "")))
		if name == "" {
			return nil, errors.New("mail: attachment without a name")
		}
		if utf8.RuneCountInString(name) > maxAttachmentName {
			return nil, fmt.Errorf("mail: attachment name %q is too long", name)
		}
		ct := strings.TrimSpace(a.ContentType)
		if ct == "" {
			ct = "application/octet-stream"
		}
		if _, _, err := mime.ParseMediaType(ct); err != nil {
			return nil, fmt.Errorf("mail: attachment %q: content type %q: %w", name, ct, err)
		}
		if total += len(a.Data); total > maxAttachmentBytes {
			return nil, fmt.Errorf("mail: attachments larger than %d bytes", maxAttachmentBytes)
		}
		out = append(out, Attachment{Name: name, ContentType: ct, Data: a.Data})
	}
	return out, nil
}

// Attachments returns the files of outbox message id, in the order they were given.
func (o *Outbox) Attachments(ctx context.Context, id int64) ([]Attachment, error) {
	rows, err := o.db.Query(ctx, `SELECT name, content_type, data FROM mail_attachments WHERE mail_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("mail: attachments of %d: %w", id, err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.Name, &a.ContentType, &a.Data); err != nil {
			return nil, fmt.Errorf("mail: attachments of %d: %w", id, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mail: attachments of %d: %w", id, err)
	}
	return out, nil
}

// attachmentNames fills the names (only) of the entries' attachments, for listings.
func (o *Outbox) attachmentNames(ctx context.Context, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	lo, hi := entries[0].ID, entries[0].ID
	at := make(map[int64]int, len(entries))
	for i, e := range entries {
		lo, hi = min(lo, e.ID), max(hi, e.ID)
		at[e.ID] = i
	}
	rows, err := o.db.Query(ctx, `SELECT mail_id, name FROM mail_attachments WHERE mail_id BETWEEN ? AND ? ORDER BY id`, lo, hi)
	if err != nil {
		return fmt.Errorf("mail: attachment names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("mail: attachment names: %w", err)
		}
		if i, ok := at[id]; ok {
			entries[i].Attachments = append(entries[i].Attachments, name)
		}
	}
	return rows.Err()
}
