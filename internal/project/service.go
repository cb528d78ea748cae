package project

import (
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// Service holds the rules of proposals, review and the tracker. Authorization is checked
// here: members of an organisation propose for it, assigned reviewers review, coordinators
// run calls and keep the tracker, everyone reads what is published.
type Service struct {
	db      *db.DB
	dir     Directory
	files   Files   // attachments; nil: none can be uploaded
	index   Indexer // site search; nil: projects are not indexed
	jobs    *jobs.Queue
	out     Mailer // nil: no mail is planned
	cat     *i18n.Catalog
	baseURL string
	now     func() time.Time
}

// NewService wires the rules to identity.
func NewService(d *db.DB, dir Directory) *Service {
	return &Service{db: d, dir: dir, now: db.Now}
}

// UseFiles stores attachments in files.
func (s *Service) UseFiles(files Files) { s.files = files }

// UseIndex makes project writes update the site search in the same transaction.
func (s *Service) UseIndex(ix Indexer) { s.index = ix }

// UseMail turns the module's mails on: they are planned as jobs on q and written into out,
// each in its recipient's language.
func (s *Service) UseMail(q *jobs.Queue, out Mailer, cat *i18n.Catalog, baseURL string) {
	s.jobs, s.out, s.cat, s.baseURL = q, out, cat, strings.TrimSuffix(baseURL, "/")
	q.Register(ProposalMailJob, s.sendProposalMail) // proposal_mail.go
	q.Register(AnswerMailJob, s.sendAnswerMail)     // answer_mail.go
}
