package student

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Contact is a person the module writes to or names.
type Contact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// Directory is what support requests need from identity.
type Directory interface {
	// Contacts returns the enabled users among ids.
	Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error)
	// Staff lists the enabled coordinators and admins: the people a request may be assigned to.
	Staff(ctx context.Context) ([]Contact, error)
}

// Mailer puts a mail into the outbox inside the caller's transaction.
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Files is where attachments are kept (media.Storage).
type Files interface {
	Put(ctx context.Context, key string, data []byte, contentType string) error
	Open(ctx context.Context, key string) (io.ReadCloser, media.Info, error)
	Delete(ctx context.Context, key string) error
}

// Service holds the rules of support requests. Every method takes the viewer and checks
// it here: the student reads their own requests, the assignee and admins read everything
// about a request, other coordinators see only the triage list.
type Service struct {
	db      *db.DB
	dir     Directory
	files   Files
	jobs    *jobs.Queue
	out     Mailer // nil: no mail is written
	cat     *i18n.Catalog
	baseURL string
	now     func() time.Time
	// mentoring adds the mentoring half to reports and the student's data export; nil:
	// support requests only.
	mentoring *Mentoring
}

// UseMentoring adds active pairings to the reports and the person's mentoring profiles and
// pairings to their data export.
func (s *Service) UseMentoring(m *Mentoring) { s.mentoring = m }

// NewService wires the rules to identity and to the attachment storage.
func NewService(d *db.DB, dir Directory, files Files) *Service {
	return &Service{db: d, dir: dir, files: files, now: db.Now}
}

// UseMail turns the module's mails on, each written in its recipient's language, and
// registers the follow-up reminder job on q.
func (s *Service) UseMail(q *jobs.Queue, out Mailer, cat *i18n.Catalog, baseURL string) {
	s.jobs, s.out, s.cat, s.baseURL = q, out, cat, strings.TrimSuffix(baseURL, "/")
	q.Register(followUpJob, s.sendFollowUp)
}

func isAdmin(v *web.Viewer) bool { return v != nil && v.Has("admin") }

// isCoordinator reports whether v may triage: coordinators and admins.
func isCoordinator(v *web.Viewer) bool { return v != nil && (v.Has("coordinator") || v.Has("admin")) }

// isStaffOf reports whether v handles r: its assignee (still a coordinator) or an admin.
func isStaffOf(v *web.Viewer, r *Request) bool {
	return isAdmin(v) || isCoordinator(v) && r.AssigneeID == v.ID
}

func isStudentOf(v *web.Viewer, r *Request) bool { return v != nil && r.StudentID == v.ID }

// refuse is the error for a viewer who may not read r. A coordinator knows the request
// exists from the triage list and is told it is not theirs; anyone else learns nothing.
func refuse(v *web.Viewer) error {
	switch {
	case v == nil:
		return fail.Unauthorized
	case isCoordinator(v):
		return ErrForbidden
	}
	return ErrNotFound
}

// readable loads request id for v, who must be its student, its assignee or an admin.
func (s *Service) readable(ctx context.Context, q db.Querier, v *web.Viewer, id int64, lock string) (*Request, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	r, err := requestByID(ctx, q, id, lock)
	if err != nil {
		return nil, err
	}
	if !isStudentOf(v, r) && !isStaffOf(v, r) {
		return nil, refuse(v)
	}
	return r, nil
}

// handled loads request id for v, who must be its assignee or an admin.
func (s *Service) handled(ctx context.Context, q db.Querier, v *web.Viewer, id int64, lock string) (*Request, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	r, err := requestByID(ctx, q, id, lock)
	if err != nil {
		return nil, err
	}
	if !isStaffOf(v, r) {
		return nil, refuse(v)
	}
	return r, nil
}

// names returns the display names of the given users (unknown ones are left out).
func (s *Service) names(ctx context.Context, ids []int64) map[int64]string {
	out := map[int64]string{}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return out
	}
	for id, c := range cs {
		out[id] = c.Name
	}
	return out
}

// Staff lists the people requests can be assigned to, for coordinators and admins.
func (s *Service) Staff(ctx context.Context, v *web.Viewer) ([]Contact, error) {
	if !isCoordinator(v) {
		return nil, refuse(v)
	}
	return s.dir.Staff(ctx)
}
