package volunteer

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Contact is a person the module writes to or names.
type Contact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// Directory is what volunteering needs from identity.
type Directory interface {
	// Contacts returns the enabled users among ids.
	Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error)
	// OrganisationNames returns the names of those of ids that exist, for certificates.
	OrganisationNames(ctx context.Context, ids []int64) (map[int64]string, error)
}

// Mailer puts a mail into the outbox inside the caller's transaction.
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Service holds the rules of programmes, sign-ups, hours and certificates. Authorization
// is checked here: coordinators run programmes, volunteers manage their own sign-ups and
// hours, everyone reads what is published.
type Service struct {
	db      *db.DB
	dir     Directory
	jobs    *jobs.Queue
	out     Mailer // nil: no mail is planned
	cat     *i18n.Catalog
	baseURL string
	now     func() time.Time
	prog    progLinks // programmes' links to search, events, projects and cached pages (programme_service.go)
}

// NewService wires the rules to identity.
func NewService(d *db.DB, dir Directory) *Service {
	return &Service{db: d, dir: dir, now: db.Now}
}

// UseMail turns the module's mails on: they are planned as jobs on q and written into out,
// each in its recipient's language.
func (s *Service) UseMail(q *jobs.Queue, out Mailer, cat *i18n.Catalog, baseURL string) {
	s.jobs, s.out, s.cat, s.baseURL = q, out, cat, strings.TrimSuffix(baseURL, "/")
}

// canCoordinate reports whether v runs volunteering programmes.
func canCoordinate(v *web.Viewer) bool { return v.Has("coordinator") || v.Has("admin") }

// Programme returns a programme with its roles and shifts; drafts only to coordinators.
func (s *Service) Programme(ctx context.Context, v *web.Viewer, id int64) (*Programme, error) {
	p, err := programmeByID(ctx, s.db, id)
	return visible(v, p, err)
}

// ProgrammeBySlug is Programme found by its slug.
func (s *Service) ProgrammeBySlug(ctx context.Context, v *web.Viewer, slug string) (*Programme, error) {
	p, err := programmeBySlug(ctx, s.db, slug)
	return visible(v, p, err)
}

func visible(v *web.Viewer, p *Programme, err error) (*Programme, error) {
	if err != nil {
		return nil, err
	}
	if !p.Published && !canCoordinate(v) {
		return nil, ErrNotFound
	}
	return p, nil
}

// Handlers serves the pages and the API of volunteering.
type Handlers struct {
	svc   *Service
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
}

// NewHandlers wires the pages; flash shows a one-time message on the next page.
func NewHandlers(svc *Service, rd *web.Renderer, flash func(r *http.Request, msg string)) *Handlers {
	return &Handlers{svc: svc, rd: rd, flash: flash}
}

func lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func pathID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id
}
