package project

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// The receipt of a submitted proposal is a durable job planned in the transaction that
// submitted it; when it runs it writes to the person who created the proposal, in their
// own language, whoever pressed "submit".

// ProposalMailJob is the job kind of the submission receipt.
const ProposalMailJob = "project.proposal_submitted"

// queueProposalMail plans the receipt of proposal id through the caller's transaction.
func (s *Service) queueProposalMail(ctx context.Context, q db.Querier, id int64) error {
	return s.planProposalMail(ctx, q, ProposalMailJob, id)
}

// sendProposalMail runs a planned receipt.
func (s *Service) sendProposalMail(ctx context.Context, raw json.RawMessage) error {
	id, err := readProposalMail("proposal mail", raw)
	if err != nil {
		return err
	}
	p, err := proposalByID(ctx, s.db, id)
	if errors.Is(err, fail.NotFound) || err == nil && p.CreatedBy == 0 {
		return nil // the proposal or its author is gone
	}
	if err != nil {
		return err
	}
	c, ok, err := s.contact(ctx, p.CreatedBy)
	if err != nil || !ok {
		return err // a disabled account gets nothing
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
		_, err = s.out.Enqueue(ctx, tx, receipt(s.writerTo(c), p))
		return err
	})
}

// receipt writes the mail about p in the recipient's language.
func receipt(w writer, p *Proposal) mail.Message {
	title := p.Title.In(w.lang)
	return w.message(w.t("project.proposal.mail.subject", title),
		w.t("project.proposal.mail.greeting", w.to.Name), "",
		w.t("project.proposal.mail.submitted", title, p.Version),
		w.t("project.proposal.mail.next"), "",
		w.link(fmt.Sprintf("/proposals/%d", p.ID)),
		w.link("/my/proposals"), "",
		w.t("mail.signature"))
}
