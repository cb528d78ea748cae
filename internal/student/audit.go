package student

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Audit actions. Every read of a request or an attachment and every change is written with
// its actor; a row holds a code or an id as detail, never the request's content, so the log
// may outlive the request it describes.
const (
	actOpened         = "opened"
	actRead           = "read"
	actAttachmentRead = "attachment_read"
	actReplied        = "replied"
	actNoted          = "noted"
	actAssigned       = "assigned"
	actTriaged        = "triaged"
	actClosed         = "closed"
	actReopened       = "reopened"
	actDeletionAsked  = "deletion_requested"
	actDeleted        = "deleted"
	actExported       = "exported"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID        int64
	RequestID int64
	ActorID   int64
	Actor     string // filled for display
	Action    string
	Detail    string
	CreatedAt time.Time
}

func audit(ctx context.Context, q db.Querier, requestID, actorID int64, action, detail string) error {
	_, err := q.Exec(ctx, `INSERT INTO student_audit (request_id, actor_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?)`,
		requestID, nullID(actorID), action, detail, db.Now())
	return err
}

func scanAudit(s db.Scanner) (AuditEntry, error) {
	var e AuditEntry
	err := s.Scan(&e.ID, &e.RequestID, &e.ActorID, &e.Action, &e.Detail, &e.CreatedAt)
	e.CreatedAt = e.CreatedAt.UTC()
	return e, err
}

const auditColumns = `id, request_id, COALESCE(actor_id, 0), action, detail, created_at`

// AuditOf is the log of one request, for its assignee and admins; deleted requests' rows
// are read by admins through Audit.
func (s *Service) AuditOf(ctx context.Context, v *web.Viewer, requestID int64) ([]AuditEntry, error) {
	if _, err := s.handled(ctx, s.db, v, requestID, ""); err != nil {
		return nil, err
	}
	list, err := db.Collect(ctx, s.db, scanAudit, `SELECT `+auditColumns+` FROM student_audit
		WHERE request_id = ? ORDER BY created_at DESC, id DESC`, requestID)
	return s.withActors(ctx, list, err)
}

// Audit is the latest part of the whole log (at most limit rows), for admins only: it
// names who looked at which request, which is itself personal data.
func (s *Service) Audit(ctx context.Context, v *web.Viewer, limit int) ([]AuditEntry, error) {
	if !isAdmin(v) {
		return nil, refuse(v)
	}
	list, err := db.Collect(ctx, s.db, scanAudit, `SELECT `+auditColumns+` FROM student_audit
		ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	return s.withActors(ctx, list, err)
}

func (s *Service) withActors(ctx context.Context, list []AuditEntry, err error) ([]AuditEntry, error) {
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(list))
	for _, e := range list {
		ids = append(ids, e.ActorID)
	}
	names := s.names(ctx, ids)
	for i := range list {
		list[i].Actor = names[list[i].ActorID]
	}
	return list, nil
}
