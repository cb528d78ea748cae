package volunteer

// Mails about a place: confirmed, promoted from the waiting list, assigned or moved by a
// coordinator, and the reminder the day before. Each is a job planned in the transaction
// that changed the place; when it runs it checks the place still stands, writes in the
// volunteer's language, and records with jobs.Once that it wrote, so a job that runs twice
// mails once.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// Job kinds of the sign-up mails.
const (
	SignupMailJob = "volunteer.signup_mail"
	ReminderJob   = "volunteer.shift_reminder"
)

// What a sign-up mail tells.
const (
	mailConfirmed = "confirmed"
	mailPromoted  = "promoted"
	mailAssigned  = "assigned"
	mailMoved     = "moved"
	mailReminder  = "reminder"
)

// ReminderLead is how long before a shift the reminder goes out.
const ReminderLead = 24 * time.Hour

type signupMail struct {
	Signup int64     `json:"signup"`
	Kind   string    `json:"kind"`
	Starts time.Time `json:"starts,omitzero"` // reminders: the start they were planned for
}

// HandleSignupJobs registers the sign-up mails' jobs on q.
func (s *Service) HandleSignupJobs(q *jobs.Queue) {
	q.Register(SignupMailJob, s.sendSignupMail)
	q.Register(ReminderJob, s.sendSignupMail)
}

// planConfirmed plans the mail about a place just confirmed and the reminder before its
// shift. Ongoing needs have no start to remind of.
func (s *Service) planConfirmed(ctx context.Context, tx *db.Tx, su *Signup, sh *Shift, kind string) error {
	if s.jobs == nil || s.out == nil {
		return nil
	}
	if _, err := s.jobs.Enqueue(ctx, tx, SignupMailJob, signupMail{Signup: su.ID, Kind: kind},
		jobs.DedupeKey(fmt.Sprintf("%s:%s:%d", SignupMailJob, kind, su.ID))); err != nil {
		return err
	}
	at := sh.StartsAt.Add(-ReminderLead)
	if sh.Kind == Ongoing || !s.now().Before(at) {
		return nil // too late for a day-before reminder: the confirmation says when
	}
	_, err := s.jobs.Enqueue(ctx, tx, ReminderJob, signupMail{Signup: su.ID, Kind: mailReminder, Starts: sh.StartsAt},
		jobs.RunAt(at), jobs.DedupeKey(fmt.Sprintf("%s:%d:%d", ReminderJob, su.ID, sh.StartsAt.Unix())))
	return err
}

func (s *Service) sendSignupMail(ctx context.Context, raw json.RawMessage) error {
	var m signupMail
	if err := json.Unmarshal(raw, &m); err != nil {
		return jobs.Permanent(fmt.Errorf("volunteer: sign-up mail payload %s: %v", raw, err))
	}
	su, err := signupByID(ctx, s.db, m.Signup)
	if errors.Is(err, ErrNotFound) {
		return nil // gone with its shift
	}
	if err != nil {
		return err
	}
	sh, err := shiftByID(ctx, s.db, su.ShiftID)
	if err != nil {
		return ignoreGone(err)
	}
	// The place must still stand; a reminder also only for the start it was planned for
	// (a shift moved since gets its own reminder from whoever moved it).
	if su.Status != Confirmed || (m.Kind == mailReminder && (!sh.StartsAt.Equal(m.Starts) || !s.now().Before(sh.StartsAt))) {
		return nil
	}
	p, err := programmeByID(ctx, s.db, sh.ProgrammeID)
	if err != nil {
		return ignoreGone(err)
	}
	contacts, err := s.dir.Contacts(ctx, []int64{su.UserID})
	if err != nil {
		return err
	}
	c, ok := contacts[su.UserID]
	if !ok {
		return nil // the account is disabled
	}
	msg := s.signupMessage(c, m.Kind, p, sh)
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		first, err := jobs.Once(ctx, tx)
		if err != nil || !first {
			return err
		}
		_, err = s.out.Enqueue(ctx, tx, msg)
		return err
	})
}

func ignoreGone(err error) error {
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// signupMessage writes the mail of kind about a place on sh to c, in c's language.
func (s *Service) signupMessage(c Contact, kind string, p *Programme, sh *Shift) mail.Message {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return s.cat.T(lang, key, args...) }
	title := p.Title.In(lang)
	var role string
	for _, r := range p.Roles {
		if r.ID == sh.RoleID {
			role = r.Name.In(lang)
		}
	}
	lines := []string{
		t("volunteer.signups.mail.greeting", c.Name), "",
		t("volunteer.signups.mail."+kind+".intro", title), "",
		t("volunteer.signups.mail.role", role),
		t("volunteer.signups.mail.when", ShiftWhen(s.cat, lang, p, sh)),
	}
	if sh.Location != "" {
		lines = append(lines, t("volunteer.signups.mail.where", sh.Location))
	}
	if sh.ContactName != "" || sh.ContactDetail != "" {
		lines = append(lines, t("volunteer.signups.mail.contact", strings.TrimSpace(sh.ContactName+" "+sh.ContactDetail)))
	}
	lines = append(lines, "", t("volunteer.signups.mail.manage", s.baseURL+"/"+lang+"/my/volunteer"), "", t("mail.signature"))
	return mail.Message{To: c.Email, Subject: t("volunteer.signups.mail."+kind+".subject", title),
		Text: strings.Join(lines, "\n"), Locale: lang}
}
