package student

// Mails about a request say only that something happened and link to the request: never
// its subject, description, a reply's text or an internal note, since mail passes through
// servers the association does not control and a health or money matter must not.
// Each mail is written in its recipient's language into the outbox, in the transaction
// of the change that caused it.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// notify writes mail kind about r to user to (0: nobody). Kinds: reply and status go to
// the student; assigned, student_reply, reopened, deletion and follow_up to the assignee.
func (s *Service) notify(ctx context.Context, q db.Querier, to int64, kind string, r *Request) error {
	if s.out == nil || to == 0 {
		return nil
	}
	cs, err := s.dir.Contacts(ctx, []int64{to})
	if err != nil {
		return err
	}
	c, ok := cs[to]
	if !ok {
		return nil // the account is gone or disabled
	}
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return s.cat.T(lang, key, args...) }
	path := fmt.Sprintf("/admin/support/%d", r.ID)
	if to == r.StudentID {
		path = fmt.Sprintf("/support/%d", r.ID)
	}
	lines := []string{
		t("student.mail.greeting", c.Name), "",
		t("student.mail."+kind+".body", r.ID, t("student.status."+r.Status)), "",
		t("student.mail.link", s.baseURL+"/"+lang+path), "",
		t("mail.signature"),
	}
	_, err = s.out.Enqueue(ctx, q, mail.Message{To: c.Email, Locale: lang,
		Subject: t("student.mail."+kind+".subject", r.ID), Text: strings.Join(lines, "\n")})
	return err
}

// followUpJob reminds the assignee of a request on its follow-up date.
const followUpJob = "student.follow_up"

type followUp struct {
	Request int64  `json:"request"`
	On      string `json:"on"`
}

// planFollowUp plans the reminder for 09:00 İzmir time on r's follow-up date. The dedupe
// key makes setting the same date twice plan one job; a changed date plans another, and
// the job for the old date finds the date changed and does nothing.
func (s *Service) planFollowUp(ctx context.Context, q db.Querier, r *Request) error {
	if s.jobs == nil {
		return nil
	}
	day, err := time.ParseInLocation(time.DateOnly, r.FollowUpOn, izmir)
	if err != nil {
		return err
	}
	_, err = s.jobs.Enqueue(ctx, q, followUpJob, followUp{Request: r.ID, On: r.FollowUpOn},
		jobs.RunAt(day.Add(9*time.Hour)), jobs.DedupeKey(fmt.Sprintf("%s:%d:%s", followUpJob, r.ID, r.FollowUpOn)))
	return err
}

var izmir = i18n.MustLocation("Europe/Istanbul")

// sendFollowUp is the job: it checks the request as it is now (still open, same date, an
// assignee) and writes the reminder once, even if the job runs again.
func (s *Service) sendFollowUp(ctx context.Context, raw json.RawMessage) error {
	var p followUp
	if err := json.Unmarshal(raw, &p); err != nil {
		return jobs.Permanent(fmt.Errorf("student: follow-up payload %s: %v", raw, err))
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := requestByID(ctx, tx, p.Request, tx.ForUpdate())
		if err == ErrNotFound {
			return nil // deleted meanwhile
		}
		if err != nil {
			return err
		}
		if r.FollowUpOn != p.On || r.AssigneeID == 0 || r.Closed() || r.Status == "deletion_requested" {
			return nil
		}
		first, err := jobs.Once(ctx, tx)
		if err != nil || !first {
			return err
		}
		return s.notify(ctx, tx, r.AssigneeID, "follow_up", r)
	})
}
