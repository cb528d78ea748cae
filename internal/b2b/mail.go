package b2b

// B2B mails (a request received, answered, the schedule published, a meeting moved, a
// survey due) are durable jobs enqueued in the transaction that made the change. A job
// names what the mail is about and the participant it goes to; when it runs it reads the
// current state and writes to each of the participant's people in that person's language,
// never in the language of whoever caused it.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// MailJob is the job kind of every B2B mail.
const MailJob = "b2b.mail"

// Mailer queues a mail for delivery (the platform's outbox).
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Contact is a person the module writes to.
type Contact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// Letter is one mail's content for one person: the subject, the lines between the greeting
// and the signature, and any files.
type Letter struct {
	Subject     string
	Lines       []string
	Attachments []mail.Attachment
}

// Writer is what a composer writes with: the recipient's language and catalog, and links.
type Writer struct {
	Lang    string
	To      Contact
	cat     *i18n.Catalog
	baseURL string
}

// T translates key into the recipient's language.
func (w Writer) T(key string, args ...any) string { return w.cat.T(w.Lang, key, args...) }

// Link makes path (starting with "/", without the language) an absolute address in the
// recipient's language.
func (w Writer) Link(path string) string { return w.baseURL + "/" + w.Lang + path }

// composer writes mail kind about ref (a request, a meeting, a programme…) for one person of
// a participant; send false when the state has moved on and there is nothing to say.
type composer func(ctx context.Context, s *Service, ref, profileID int64, w Writer) (l Letter, send bool, err error)

// composers maps each mail kind to its writer; each concern's file registers its kinds in
// an init function, so this file need not know them.
var composers = map[string]composer{}

func registerMail(kind string, c composer) {
	if _, dup := composers[kind]; dup {
		panic("b2b: mail " + kind + " registered twice")
	}
	composers[kind] = c
}

type mailPayload struct {
	Kind    string `json:"kind"`
	Ref     int64  `json:"ref"`
	Profile int64  `json:"profile"`
}

// mailer holds what sending needs; nil until UseMail, and then no mail is planned.
type mailer struct {
	jobs    *jobs.Queue
	out     Mailer
	cat     *i18n.Catalog
	baseURL string
}

// UseMail turns B2B mails on: they are planned on q and written into out.
func (s *Service) UseMail(q *jobs.Queue, out Mailer, cat *i18n.Catalog, baseURL string) {
	s.mail = &mailer{jobs: q, out: out, cat: cat, baseURL: strings.TrimSuffix(baseURL, "/")}
	q.Register(MailJob, s.sendMail)
	q.Register(SurveyJob, s.sendSurveys) // survey_mail.go
}

// queueMail plans mail kind about ref for the people of each profile, through the caller's
// transaction. Planning the same mail twice while it waits makes one job: the job reads
// the state when it runs, so one mail tells the latest.
func (s *Service) queueMail(ctx context.Context, q db.Querier, kind string, ref int64, profiles ...int64) error {
	if s.mail == nil {
		return nil
	}
	if _, ok := composers[kind]; !ok {
		return fmt.Errorf("b2b: no mail %q", kind)
	}
	for _, p := range profiles {
		_, err := s.mail.jobs.Enqueue(ctx, q, MailJob, mailPayload{Kind: kind, Ref: ref, Profile: p},
			jobs.DedupeKey(fmt.Sprintf("%s:%s:%d:%d", MailJob, kind, ref, p)))
		if err != nil {
			return err
		}
	}
	return nil
}

// sendMail runs one planned mail: it writes to every person attending for the profile, in
// one transaction, so the mails go out together or the job runs again.
func (s *Service) sendMail(ctx context.Context, raw json.RawMessage) error {
	var p mailPayload
	if err := json.Unmarshal(raw, &p); err != nil || composers[p.Kind] == nil {
		return jobs.Permanent(fmt.Errorf("b2b: mail payload %s: %v", raw, err))
	}
	people, err := profileAttendees(ctx, s.db, p.Profile)
	if err != nil {
		return err
	}
	contacts, err := s.dir.Contacts(ctx, people)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if first, err := jobs.Once(ctx, tx); err != nil || !first {
			return err // a run after a crash: these mails are in the outbox already
		}
		for _, id := range people {
			c, ok := contacts[id]
			if !ok {
				continue // a disabled account gets nothing
			}
			if err := s.writeOne(ctx, tx, p, c); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) writeOne(ctx context.Context, tx *db.Tx, p mailPayload, c Contact) error {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	w := Writer{Lang: lang, To: c, cat: s.mail.cat, baseURL: s.mail.baseURL}
	l, send, err := composers[p.Kind](ctx, s, p.Ref, p.Profile, w)
	if errors.Is(err, fail.NotFound) {
		return nil // what the mail was about is gone
	}
	if err != nil || !send {
		return err
	}
	body := append([]string{w.T("b2b.mail.greeting", c.Name), ""}, l.Lines...)
	body = append(body, "", w.T("mail.signature"))
	_, err = s.mail.out.Enqueue(ctx, tx, mail.Message{To: c.Email, Subject: l.Subject,
		Text: strings.Join(body, "\n"), Locale: w.Lang, Attachments: l.Attachments})
	return err
}
