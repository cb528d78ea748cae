package student

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of requests, messages and attachments. The audit log keeps its own SQL in audit.go.

const requestColumns = `id, student_id, category, subject, description, sensitive, status, priority,
	COALESCE(assignee_id, 0), follow_up_on, outcome, outcome_note, consent_notice, consent_at,
	first_reply_at, created_at, updated_at, closed_at`

func scanRequest(s db.Scanner) (*Request, error) {
	var r Request
	var sensitive int
	var consentAt, firstReply, closedAt sql.NullTime
	err := s.Scan(&r.ID, &r.StudentID, &r.Category, &r.Subject, &r.Description, &sensitive, &r.Status, &r.Priority,
		&r.AssigneeID, &r.FollowUpOn, &r.Outcome, &r.OutcomeNote, &r.ConsentNotice, &consentAt,
		&firstReply, &r.CreatedAt, &r.UpdatedAt, &closedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r.Sensitive = sensitive == 1
	r.ConsentAt, r.FirstReplyAt, r.ClosedAt = utc(consentAt), utc(firstReply), utc(closedAt)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
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

// requestByID reads a request; lock adds the row lock of a read-check-write on PostgreSQL.
func requestByID(ctx context.Context, q db.Querier, id int64, lock string) (*Request, error) {
	return scanRequest(q.QueryRow(ctx, `SELECT `+requestColumns+` FROM student_requests WHERE id = ?`+lock, id))
}

func insertRequest(ctx context.Context, q db.Querier, r *Request) error {
	return q.WriteRow(ctx, `INSERT INTO student_requests (student_id, category, subject, description, sensitive,
		status, priority, consent_notice, consent_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.StudentID, r.Category, r.Subject, r.Description, boolInt(r.Sensitive), r.Status, r.Priority,
		r.ConsentNotice, nullTime(r.ConsentAt), r.CreatedAt, r.UpdatedAt).Scan(&r.ID)
}

// saveRequest writes the fields that change after a request is opened.
func saveRequest(ctx context.Context, q db.Querier, r *Request) error {
	_, err := q.Exec(ctx, `UPDATE student_requests SET sensitive = ?, status = ?, priority = ?, assignee_id = ?,
		follow_up_on = ?, outcome = ?, outcome_note = ?, first_reply_at = ?, updated_at = ?, closed_at = ?
		WHERE id = ?`,
		boolInt(r.Sensitive), r.Status, r.Priority, nullID(r.AssigneeID), r.FollowUpOn, r.Outcome, r.OutcomeNote,
		nullTime(r.FirstReplyAt), r.UpdatedAt, nullTime(r.ClosedAt), r.ID)
	return err
}

func requestsWhere(ctx context.Context, q db.Querier, cond string, args ...any) ([]*Request, error) {
	return db.Collect(ctx, q, scanRequest, `SELECT `+requestColumns+` FROM student_requests WHERE `+cond, args...)
}

const messageColumns = `id, request_id, COALESCE(author_id, 0), body, internal, created_at`

func scanMessage(s db.Scanner) (Message, error) {
	var m Message
	var internal int
	err := s.Scan(&m.ID, &m.RequestID, &m.AuthorID, &m.Body, &internal, &m.CreatedAt)
	m.Internal, m.CreatedAt = internal == 1, m.CreatedAt.UTC()
	return m, err
}

// messagesOf lists a request's thread, oldest first; withInternal adds the internal notes.
func messagesOf(ctx context.Context, q db.Querier, requestID int64, withInternal bool) ([]Message, error) {
	cond := ``
	if !withInternal {
		cond = ` AND internal = 0`
	}
	return db.Collect(ctx, q, scanMessage, `SELECT `+messageColumns+` FROM student_messages
		WHERE request_id = ?`+cond+` ORDER BY created_at, id`, requestID)
}

func insertMessage(ctx context.Context, q db.Querier, m *Message) error {
	return q.WriteRow(ctx, `INSERT INTO student_messages (request_id, author_id, body, internal, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, m.RequestID, nullID(m.AuthorID), m.Body, boolInt(m.Internal), m.CreatedAt).Scan(&m.ID)
}

const attachmentColumns = `id, request_id, name, content_type, size, storage_key, COALESCE(uploaded_by, 0), created_at`

func scanAttachment(s db.Scanner) (Attachment, error) {
	var a Attachment
	err := s.Scan(&a.ID, &a.RequestID, &a.Name, &a.ContentType, &a.Size, &a.Key, &a.UploadedBy, &a.CreatedAt)
	a.CreatedAt = a.CreatedAt.UTC()
	return a, err
}

func attachmentsOf(ctx context.Context, q db.Querier, requestID int64) ([]Attachment, error) {
	return db.Collect(ctx, q, scanAttachment, `SELECT `+attachmentColumns+` FROM student_attachments
		WHERE request_id = ? ORDER BY id`, requestID)
}

func insertAttachment(ctx context.Context, q db.Querier, a *Attachment) error {
	return q.WriteRow(ctx, `INSERT INTO student_attachments (request_id, name, content_type, size, storage_key, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.RequestID, a.Name, a.ContentType, a.Size, a.Key, nullID(a.UploadedBy), a.CreatedAt).Scan(&a.ID)
}
