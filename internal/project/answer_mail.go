package project

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

// AnswerMailJob mails a published answer to the person who wrote the proposal. It is a job
// planned in the publishing transaction, so a batch publishes quickly and a mail is never
// sent for an answer that was rolled back; it writes in the recipient's language, read when
// it runs.
const AnswerMailJob = "project.answer_mail"

type answerMailPayload struct {
	Proposal int64 `json:"proposal"`
}

// HandleAnswerMail registers the answer mail with the job queue given to UseMail; the app
// calls it once at start, on every instance, so any worker can send the mail.
func (s *Service) HandleAnswerMail() {
	if s.jobs != nil {
		s.jobs.Register(AnswerMailJob, s.sendAnswerMail)
	}
}

func (s *Service) queueAnswerMail(ctx context.Context, q db.Querier, proposalID int64) error {
	if s.jobs == nil || s.out == nil {
		return nil
	}
	_, err := s.jobs.Enqueue(ctx, q, AnswerMailJob, answerMailPayload{Proposal: proposalID},
		jobs.DedupeKey(fmt.Sprintf("%s:%d", AnswerMailJob, proposalID)))
	return err
}

func (s *Service) sendAnswerMail(ctx context.Context, raw json.RawMessage) error {
	var pl answerMailPayload
	if err := json.Unmarshal(raw, &pl); err != nil {
		return jobs.Permanent(fmt.Errorf("project: answer mail payload %s: %v", raw, err))
	}
	p, err := reviewProposalByID(ctx, s.db, pl.Proposal)
	if errors.Is(err, fail.NotFound) {
		return nil // the proposal is gone
	}
	if err != nil {
		return err
	}
	a, err := reviewAnswer(ctx, s.db, p.ID)
	if err != nil || a == nil || a.PublishedAt == nil {
		return err
	}
	people, err := s.dir.Contacts(ctx, []int64{p.CreatedBy})
	if err != nil {
		return err
	}
	c, ok := people[p.CreatedBy]
	if !ok {
		return nil // a deleted or disabled account gets nothing
	}
	_, err = s.out.Enqueue(ctx, s.db, answerLetter(s.cat, s.baseURL, p, a, c))
	return err
}

// answerLetter writes the answer in c's language: the outcome, the official text in that
// language (or its nearest) and where to follow the proposal.
func answerLetter(cat *i18n.Catalog, baseURL string, p *ReviewProposal, a *Answer, c Contact) mail.Message {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return cat.T(lang, key, args...) }
	title := p.Title.In(lang)
	body := []string{
		t("project.answer.mail.greeting", c.Name), "",
		t("project.answer.mail.intro", title),
		t("project.answer.mail.outcome", t("project.review.outcome."+string(a.Outcome))), "",
		a.Text.In(lang), "",
	}
	if a.Outcome == OutcomeNeedsInfo {
		body = append(body, t("project.answer.mail.needs_info"))
	}
	body = append(body, baseURL+"/"+lang+"/my/proposals", "", t("mail.signature"))
	return mail.Message{To: c.Email, Subject: t("project.answer.mail.subject", title), Text: strings.Join(body, "\n"), Locale: lang}
}
