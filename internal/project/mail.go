package project

// The module's mails (a proposal's receipt, its official answer, a project's progress
// update) are jobs planned in the transaction that made the change; when a job runs it
// writes to each person in that person's language, never in the language of whoever caused
// it.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// proposalMail is the payload of a mail about one proposal (its receipt, its answer).
type proposalMail struct {
	Proposal int64 `json:"proposal"`
}

// planProposalMail plans mail kind about proposal id through the caller's transaction,
// once however often it is planned.
func (s *Service) planProposalMail(ctx context.Context, q db.Querier, kind string, id int64) error {
	if s.jobs == nil || s.out == nil {
		return nil
	}
	_, err := s.jobs.Enqueue(ctx, q, kind, proposalMail{Proposal: id}, jobs.DedupeKey(fmt.Sprintf("%s:%d", kind, id)))
	return err
}

// readProposalMail reads the payload of a planned mail about one proposal; what names the
// mail in the error.
func readProposalMail(what string, raw json.RawMessage) (int64, error) {
	var pl proposalMail
	if err := json.Unmarshal(raw, &pl); err != nil {
		return 0, jobs.Permanent(fmt.Errorf("project: %s payload %s: %v", what, raw, err))
	}
	return pl.Proposal, nil
}

// writer writes one mail to one person in their language, or in the default one where the
// platform does not speak theirs.
type writer struct {
	lang    string
	to      Contact
	cat     *i18n.Catalog
	baseURL string
}

func (s *Service) writerTo(c Contact) writer {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	return writer{lang: lang, to: c, cat: s.cat, baseURL: s.baseURL}
}

// t translates key into the recipient's language.
func (w writer) t(key string, args ...any) string { return w.cat.T(w.lang, key, args...) }

// link makes path (starting with "/", without the language) an absolute address in the
// recipient's language.
func (w writer) link(path string) string { return w.baseURL + "/" + w.lang + path }

// message is the mail with subject and the body's lines.
func (w writer) message(subject string, lines ...string) mail.Message {
	return mail.Message{To: w.to.Email, Subject: subject, Text: strings.Join(lines, "\n"), Locale: w.lang}
}
