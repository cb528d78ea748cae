package student

import (
	"context"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Reply adds a message to request id's thread, with optional files.
//
// A student's reply to a closed request reopens it (status open, outcome cleared) and tells
// the assignee: a student who writes again still needs help, and refusing the message would
// only make them open a second request with the context lost. A reply to a request waiting
// for the student also moves it back to open. While deletion is pending nothing can be added.
//
// Staff (the assignee or an admin) write public replies, which mail the student a link,
// or internal notes (internal true), which the student never sees and which mail nobody.
func (s *Service) Reply(ctx context.Context, v *web.Viewer, id int64, body string, internal bool, files []Upload) (*Message, error) {
	// Check the reader before storing any file; the transaction checks again under the lock.
	if _, err := s.readable(ctx, s.db, v, id, ""); err != nil {
		return nil, err
	}
	body = strings.TrimSpace(body)
	errs := fail.Fields{}
	checkText(errs, "body", body, maxBody)
	ups, ferr := checkUploads(files)
	if ferr != nil {
		errs["files"] = ferr.(fail.Fields)["files"]
	}
	if internal && len(files) > 0 {
		errs["files"] = "student.error.note_files"
	}
	if len(errs) > 0 {
		return nil, errs
	}
	stored, err := s.putFiles(ctx, v, ups)
	if err != nil {
		return nil, err
	}
	var m *Message
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := s.readable(ctx, tx, v, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		m, err = s.reply(ctx, tx, v, r, body, internal)
		if err != nil {
			return err
		}
		return addFiles(ctx, tx, r, stored)
	})
	if err != nil {
		s.dropFiles(ctx, stored)
		return nil, err
	}
	return m, nil
}

// reply writes the message and its consequences on the locked request r.
func (s *Service) reply(ctx context.Context, tx *db.Tx, v *web.Viewer, r *Request, body string, internal bool) (*Message, error) {
	if r.Status == "deletion_requested" {
		return nil, fail.Fields{"body": "student.error.deletion_pending"}
	}
	staff := isStaffOf(v, r) && !isStudentOf(v, r)
	if internal && !staff {
		return nil, refuse(v) // only the assignee and admins write notes
	}
	now := s.now()
	m := &Message{RequestID: r.ID, AuthorID: v.ID, Body: body, Internal: internal, CreatedAt: now, FromStaff: staff}
	if err := insertMessage(ctx, tx, m); err != nil {
		return nil, err
	}
	if internal {
		return m, audit(ctx, tx, r.ID, v.ID, actNoted, itoa(m.ID))
	}
	wasClosed := r.Closed()
	if staff {
		if r.FirstReplyAt.IsZero() {
			r.FirstReplyAt = now
		}
		if r.Status == "new" || wasClosed {
			r.Status = "open"
		}
	} else if wasClosed || r.Status == "waiting_student" {
		r.Status = "open"
	}
	if wasClosed {
		r.Outcome, r.OutcomeNote, r.ClosedAt = "", "", time.Time{}
	}
	r.UpdatedAt = now
	if err := saveRequest(ctx, tx, r); err != nil {
		return nil, err
	}
	if wasClosed {
		if err := audit(ctx, tx, r.ID, v.ID, actReopened, ""); err != nil {
			return nil, err
		}
	}
	if err := audit(ctx, tx, r.ID, v.ID, actReplied, itoa(m.ID)); err != nil {
		return nil, err
	}
	if staff {
		return m, s.notify(ctx, tx, r.StudentID, "reply", r)
	}
	if wasClosed {
		return m, s.notify(ctx, tx, r.AssigneeID, "reopened", r)
	}
	return m, s.notify(ctx, tx, r.AssigneeID, "student_reply", r)
}
