package student

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// A student's rights over their data (KVKK article 11, GDPR articles 15 and 17): a copy of
// everything they gave and were told, and the deletion of a request.
//
// The export leaves out staff's internal notes. They are the association's working notes,
// not data the student provided or was sent; showing them on request would make coordinators
// stop writing them, and the audit log keeps that they exist. This is documented in
// docs/architecture.md.

// Export is the student's copy of their support data.
type Export struct {
	ExportedAt time.Time        `json:"exported_at"`
	Requests   []ExportedRecord `json:"requests"`
	// Mentoring is the person's own student and mentor profiles and pairings (nil when
	// mentoring is not wired).
	Mentoring *MentoringData `json:"mentoring,omitempty"`
}

// ExportedRecord is one request with its public thread and file metadata.
type ExportedRecord struct {
	ID            int64              `json:"id"`
	Category      string             `json:"category"`
	Subject       string             `json:"subject"`
	Description   string             `json:"description"`
	Status        string             `json:"status"`
	Outcome       string             `json:"outcome,omitempty"`
	ConsentNotice string             `json:"consent_notice_version,omitempty"`
	ConsentAt     *time.Time         `json:"consent_at,omitempty"`
	CreatedAt     time.Time          `json:"created_at"`
	ClosedAt      *time.Time         `json:"closed_at,omitempty"`
	Messages      []ExportedMessage  `json:"messages"`
	Attachments   []ExportedFileInfo `json:"attachments"`
}

// ExportedMessage is a public message; From is "student" or "staff".
type ExportedMessage struct {
	From      string    `json:"from"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportedFileInfo describes a file without its content (the student downloads files from
// the request's page).
type ExportedFileInfo struct {
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	CreatedAt   time.Time `json:"created_at"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Export gathers v's own requests and mentoring data. Each exported request gets an audit
// row.
func (s *Service) Export(ctx context.Context, v *web.Viewer) (*Export, error) {
	list, err := s.Mine(ctx, v)
	if err != nil {
		return nil, err
	}
	out := &Export{ExportedAt: s.now(), Requests: []ExportedRecord{}}
	for _, r := range list {
		if err := s.fill(ctx, r, false); err != nil {
			return nil, err
		}
		if err := audit(ctx, s.db, r.ID, v.ID, actExported, ""); err != nil {
			return nil, err
		}
		out.Requests = append(out.Requests, exported(r))
	}
	if s.mentoring != nil {
		if out.Mentoring, err = s.mentoring.OwnData(ctx, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func exported(r *Request) ExportedRecord {
	e := ExportedRecord{ID: r.ID, Category: r.Category, Subject: r.Subject, Description: r.Description,
		Status: r.Status, Outcome: r.Outcome, ConsentNotice: r.ConsentNotice, ConsentAt: timePtr(r.ConsentAt),
		CreatedAt: r.CreatedAt, ClosedAt: timePtr(r.ClosedAt),
		Messages: []ExportedMessage{}, Attachments: []ExportedFileInfo{}}
	for _, m := range r.Messages {
		from := "student"
		if m.FromStaff {
			from = "staff"
		}
		e.Messages = append(e.Messages, ExportedMessage{From: from, Author: m.Author, Body: m.Body, CreatedAt: m.CreatedAt})
	}
	for _, a := range r.Attachments {
		e.Attachments = append(e.Attachments, ExportedFileInfo{Name: a.Name, ContentType: a.ContentType, Size: a.Size, CreatedAt: a.CreatedAt})
	}
	return e
}

// AskDeletion is the student's request to delete request id. It stops the work on it
// (status deletion_requested) until the assignee or an admin confirms; the assignee is told.
func (s *Service) AskDeletion(ctx context.Context, v *web.Viewer, id int64) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := s.readable(ctx, tx, v, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if !isStudentOf(v, r) {
			return ErrForbidden
		}
		if r.Status == "deletion_requested" {
			return nil
		}
		r.Status, r.UpdatedAt = "deletion_requested", s.now()
		if err := saveRequest(ctx, tx, r); err != nil {
			return err
		}
		if err := audit(ctx, tx, r.ID, v.ID, actDeletionAsked, ""); err != nil {
			return err
		}
		return s.notify(ctx, tx, r.AssigneeID, "deletion", r)
	})
}

// ConfirmDeletion deletes request id with its thread and files, after the student asked.
// v must be the assignee or an admin. The audit log keeps that it happened and who did it.
func (s *Service) ConfirmDeletion(ctx context.Context, v *web.Viewer, id int64) error {
	var files []Attachment
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := s.handled(ctx, tx, v, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if r.Status != "deletion_requested" {
			return fail.Fields{"delete": "student.error.deletion_not_asked"}
		}
		if files, err = attachmentsOf(ctx, tx, r.ID); err != nil {
			return err
		}
		// Messages and attachment rows go with the request (ON DELETE CASCADE).
		if _, err := tx.Exec(ctx, `DELETE FROM student_requests WHERE id = ?`, r.ID); err != nil {
			return err
		}
		return audit(ctx, tx, r.ID, v.ID, actDeleted, "")
	})
	if err != nil {
		return err
	}
	s.dropFiles(ctx, files)
	return nil
}
