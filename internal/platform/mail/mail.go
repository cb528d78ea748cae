// Package mail stores outgoing mail in the database (the outbox) and delivers it over SMTP.
// Nothing is sent without a row first, so mail exists exactly when the business change
// that caused it committed, and a failed delivery is retried instead of lost.
package mail

import "context"

// Message is one mail to one recipient. HTML is optional; Text is always sent, as the
// plain alternative that every client can show. Attachments (a calendar file, a ticket)
// travel with the message and are stored with its outbox row.
type Message struct {
	To, Subject, Text, HTML, Locale string
	Attachments                     []Attachment
}

// Attachment is one file attached to a message. Name may hold any letters (İ, ş, ə): the
// MIME builder encodes it for mail clients. ContentType defaults to application/octet-stream.
type Attachment struct {
	Name, ContentType string
	Data              []byte
}

// Sender delivers one message; SMTP in production.
type Sender interface {
	Send(ctx context.Context, m Message) error
}
