package project

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// AnswerMailJob mails a published answer to the person who wrote the proposal. It is a job
// planned in the publishing transaction, so a batch publishes quickly and a mail is never
// sent for an answer that was rolled back; it writes in the recipient's language, read when
// it runs.
const AnswerMailJob = "project.answer_mail"

func (s *Service) queueAnswerMail(ctx context.Context, q db.Querier, proposalID int64) error {
	return s.planProposalMail(ctx, q, AnswerMailJob, proposalID)
}

func (s *Service) sendAnswerMail(ctx context.Context, raw json.RawMessage) error {
	id, err := readProposalMail("answer mail", raw)
	if err != nil {
		return err
	}
	p, err := reviewProposalByID(ctx, s.db, id)
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
	c, ok, err := s.contact(ctx, p.CreatedBy)
	if err != nil || !ok {
		return err // a deleted or disabled account gets nothing
	}
	_, err = s.out.Enqueue(ctx, s.db, answerLetter(s.writerTo(c), p, a))
	return err
}

// answerLetter writes the answer in the recipient's language: the outcome, the official
// text in that language (or its nearest) and where to follow the proposal.
func answerLetter(w writer, p *ReviewProposal, a *Answer) mail.Message {
	title := p.Title.In(w.lang)
	body := []string{
		w.t("project.answer.mail.greeting", w.to.Name), "",
		w.t("project.answer.mail.intro", title),
		w.t("project.answer.mail.outcome", w.t("project.review.outcome."+string(a.Outcome))), "",
		a.Text.In(w.lang), "",
	}
	if a.Outcome == OutcomeNeedsInfo {
		body = append(body, w.t("project.answer.mail.needs_info"))
	}
	body = append(body, w.link("/my/proposals"), "", w.t("mail.signature"))
	return w.message(w.t("project.answer.mail.subject", title), body...)
}
