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

// The receipt of a submitted proposal is a durable job planned in the transaction that
// submitted it; when it runs it writes to the person who created the proposal, in their
// own language, whoever pressed "submit".

// ProposalMailJob is the job kind of the submission receipt.
const ProposalMailJob = "project.proposal_submitted"

type proposalMailPayload struct {
	Proposal int64 `json:"proposal"`
}

// queueProposalMail plans the receipt of proposal id through the caller's transaction.
func (s *Service) queueProposalMail(ctx context.Context, q db.Querier, id int64) error {
	if s.jobs == nil || s.out == nil {
		return nil
	}
	_, err := s.jobs.Enqueue(ctx, q, ProposalMailJob, proposalMailPayload{Proposal: id},
		jobs.DedupeKey(fmt.Sprintf("%s:%d", ProposalMailJob, id)))
	return err
}

// sendProposalMail runs a planned receipt.
func (s *Service) sendProposalMail(ctx context.Context, raw json.RawMessage) error {
	var pl proposalMailPayload
	if err := json.Unmarshal(raw, &pl); err != nil {
		return jobs.Permanent(fmt.Errorf("project: proposal mail payload %s: %v", raw, err))
	}
	p, err := proposalByID(ctx, s.db, pl.Proposal)
	if errors.Is(err, fail.NotFound) || err == nil && p.CreatedBy == 0 {
		return nil // the proposal or its author is gone
	}
	if err != nil {
		return err
	}
	contacts, err := s.dir.Contacts(ctx, []int64{p.CreatedBy})
	if err != nil {
		return err
	}
	c, ok := contacts[p.CreatedBy]
	if !ok {
		return nil // a disabled account gets nothing
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		// Marked in the mail's own transaction: a job run twice mails once.
		res, err := tx.Exec(ctx, `UPDATE proposals SET receipt_mailed_at = ? WHERE id = ? AND receipt_mailed_at IS NULL`, s.now(), p.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = s.out.Enqueue(ctx, tx, s.receipt(p, c))
		return err
	})
}

// receipt writes the mail about p to c in c's language.
func (s *Service) receipt(p *Proposal, c Contact) mail.Message {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return s.cat.T(lang, key, args...) }
	title := p.Title.In(lang)
	lines := []string{
		t("project.proposal.mail.greeting", c.Name), "",
		t("project.proposal.mail.submitted", title, p.Version),
		t("project.proposal.mail.next"), "",
		fmt.Sprintf("%s/%s/proposals/%d", s.baseURL, lang, p.ID),
		fmt.Sprintf("%s/%s/my/proposals", s.baseURL, lang), "",
		t("mail.signature"),
	}
	return mail.Message{To: c.Email, Subject: t("project.proposal.mail.subject", title),
		Text: strings.Join(lines, "\n"), Locale: lang}
}
