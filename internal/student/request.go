package student

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Open files a new request for the signed-in student v, with its attachments. Health
// requests need explicit consent, recorded with the notice version and time; health and
// financial requests are sensitive from the start. Files are checked before anything is
// written, and a failure leaves neither a row nor a stored file behind.
func (s *Service) Open(ctx context.Context, v *web.Viewer, d Draft, files []Upload) (*Request, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	d.clean()
	errs := d.validate()
	ups, ferr := checkUploads(files)
	if ferr != nil {
		errs["files"] = ferr.(fail.Fields)["files"]
	}
	if len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	r := &Request{StudentID: v.ID, Category: d.Category, Subject: d.Subject, Description: d.Description,
		Sensitive: sensitiveCategory(d.Category), Status: "new", Priority: "normal", CreatedAt: now, UpdatedAt: now}
	if d.Category == "health" {
		r.ConsentNotice, r.ConsentAt = NoticeVersion, now
	}
	stored, err := s.putFiles(ctx, v, ups)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := insertRequest(ctx, tx, r); err != nil {
			return err
		}
		if err := addFiles(ctx, tx, r, stored); err != nil {
			return err
		}
		return audit(ctx, tx, r.ID, v.ID, actOpened, r.Category)
	})
	if err != nil {
		s.dropFiles(ctx, stored)
		return nil, err
	}
	r.Attachments = stored
	return r, nil
}

// Mine lists v's own requests, newest first (without threads).
func (s *Service) Mine(ctx context.Context, v *web.Viewer) ([]*Request, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	return requestsWhere(ctx, s.db, `student_id = ? ORDER BY created_at DESC, id DESC`, v.ID)
}

// Request returns request id with its thread and attachments as v may see them: internal
// notes only for the assignee and admins. The read is written to the audit log.
func (s *Service) Request(ctx context.Context, v *web.Viewer, id int64) (*Request, error) {
	r, err := s.readable(ctx, s.db, v, id, "")
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, s.db, r.ID, v.ID, actRead, ""); err != nil {
		return nil, err
	}
	return r, s.fill(ctx, r, isStaffOf(v, r))
}

// IsOwn reports whether request id is v's own, after the same read check as Request but
// without an audit row: the pages use it to send staff to the page with the notes.
func (s *Service) IsOwn(ctx context.Context, v *web.Viewer, id int64) (bool, error) {
	r, err := s.readable(ctx, s.db, v, id, "")
	if err != nil {
		return false, err
	}
	return isStudentOf(v, r), nil
}

// fill reads a request's thread and attachments and names the authors.
func (s *Service) fill(ctx context.Context, r *Request, withInternal bool) error {
	var err error
	if r.Messages, err = messagesOf(ctx, s.db, r.ID, withInternal); err != nil {
		return err
	}
	if r.Attachments, err = attachmentsOf(ctx, s.db, r.ID); err != nil {
		return err
	}
	ids := []int64{}
	for _, m := range r.Messages {
		ids = append(ids, m.AuthorID)
	}
	names := s.names(ctx, ids)
	for i := range r.Messages {
		m := &r.Messages[i]
		m.Author, m.FromStaff = names[m.AuthorID], m.AuthorID != r.StudentID
	}
	return nil
}
