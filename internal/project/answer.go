package project

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Official answers: a coordinator prepares the answer the proposer and the public will read
// (often starting from a template) and publishes it, alone or with others in a batch.
// Publishing gives the proposal its outcome as status, turns an accepted proposal into a
// project and mails the proposer.

// AnswerInput is a prepared answer.
type AnswerInput struct {
	Outcome Outcome
	Text    i18n.Text
}

// maxOfficialAnswer bounds one language of an answer.
const maxOfficialAnswer = 10000

// PrepareAnswer saves (or replaces) the proposal's answer, not yet published. The text may
// still be empty: publishing checks it.
func (s *Service) PrepareAnswer(ctx context.Context, v *web.Viewer, id int64, in AnswerInput) (*Answer, error) {
	if !ValidOutcome(in.Outcome) {
		return nil, fail.Fields{"outcome": "form.choice"}
	}
	in.Text = in.Text.Trimmed()
	for _, l := range i18n.Supported {
		if len([]rune(in.Text.Get(l))) > maxOfficialAnswer {
			return nil, fail.Fields{"answer_" + l: "project.answer.too_long"}
		}
	}
	var a *Answer
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.authorizeTx(ctx, tx, v, id, ActPrepare); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO proposal_responses (proposal_id, outcome, answer, prepared_by, prepared_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (proposal_id) DO UPDATE SET outcome = excluded.outcome,
			answer = excluded.answer, prepared_by = excluded.prepared_by, prepared_at = excluded.prepared_at`,
			id, in.Outcome, in.Text, v.ID, s.now())
		if err != nil {
			return err
		}
		a, err = reviewAnswer(ctx, tx, id)
		return err
	})
	return a, err
}

// PublishRefused says which proposal of a batch could not be published, and why.
type PublishRefused struct {
	ProposalID int64
	Err        error
}

func (e *PublishRefused) Error() string { return fmt.Sprintf("proposal %d: %v", e.ProposalID, e.Err) }
func (e *PublishRefused) Unwrap() error { return e.Err }

// Published is one answer made public.
type Published struct {
	ProposalID int64
	Outcome    Outcome
	ProjectID  int64 // the project an accepted proposal became; 0 otherwise
}

// PublishAnswers publishes the prepared answers of ids, all or none: a batch with one answer
// that cannot go out publishes nothing and names that proposal. An answer goes out only
// with a text and with the outcome the sides' decisions settled.
func (s *Service) PublishAnswers(ctx context.Context, v *web.Viewer, ids []int64) ([]Published, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fail.Fields{"proposal_ids": "project.review.choose_proposals"}
	}
	slices.Sort(ids) // one lock order for every batch, so two batches cannot deadlock
	ids = slices.Compact(ids)
	var out []Published
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		out = out[:0]
		for _, id := range ids {
			pub, err := s.publishOne(ctx, tx, v, id)
			if err != nil {
				return &PublishRefused{ProposalID: id, Err: err}
			}
			out = append(out, pub)
		}
		return nil
	})
	return out, err
}

var errNoAnswer = fail.Fields{"answer": "project.answer.text_required"}

func (s *Service) publishOne(ctx context.Context, tx *db.Tx, v *web.Viewer, id int64) (Published, error) {
	p, err := s.authorizeTx(ctx, tx, v, id, ActPublish)
	if err != nil {
		return Published{}, err
	}
	a, err := reviewAnswer(ctx, tx, id)
	if err != nil {
		return Published{}, err
	}
	if a == nil || a.Text.Empty() {
		return Published{}, errNoAnswer
	}
	if err := s.checkSettled(ctx, tx, p, a.Outcome); err != nil {
		return Published{}, err
	}
	now := s.now()
	if _, err := tx.Exec(ctx, `UPDATE proposal_responses SET published_at = ? WHERE proposal_id = ?`, now, id); err != nil {
		return Published{}, err
	}
	if _, err := tx.Exec(ctx, `UPDATE proposals SET status = ?, updated_at = ? WHERE id = ?`, ProposalStatus(a.Outcome), now, id); err != nil {
		return Published{}, err
	}
	if err := s.indexProposals(ctx, tx, id); err != nil {
		return Published{}, err
	}
	pub := Published{ProposalID: id, Outcome: a.Outcome}
	if a.Outcome.Positive() {
		if pub.ProjectID, err = s.projectFromProposal(ctx, tx, p, v.ID); err != nil {
			return Published{}, err
		}
	}
	return pub, s.queueAnswerMail(ctx, tx, id)
}

// checkSettled refuses an answer whose outcome the sides have not decided: the official
// answer tells the joint decision, it does not replace it.
func (s *Service) checkSettled(ctx context.Context, tx *db.Tx, p *ReviewProposal, o Outcome) error {
	decided, err := reviewDecisions(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	switch settled := Settle(p.Joint, decided); {
	case settled == "":
		return fail.Fields{"outcome": "project.answer.not_settled"}
	case settled != o:
		return fail.Fields{"outcome": "project.answer.outcome_differs"}
	}
	return nil
}

// AnswerTemplate is a reusable official answer.
type AnswerTemplate struct {
	ID      int64
	Name    string
	Outcome Outcome
	Text    i18n.Text
}

// AnswerTemplates lists the templates by name.
func (s *Service) AnswerTemplates(ctx context.Context, v *web.Viewer) ([]AnswerTemplate, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	return db.Collect(ctx, s.db, func(sc db.Scanner) (AnswerTemplate, error) {
		var t AnswerTemplate
		err := sc.Scan(&t.ID, &t.Name, &t.Outcome, &t.Text)
		return t, err
	}, `SELECT id, name, outcome, answer FROM proposal_answer_templates ORDER BY name, id`)
}

// SaveAnswerTemplate creates t (ID 0) or replaces it.
func (s *Service) SaveAnswerTemplate(ctx context.Context, v *web.Viewer, t AnswerTemplate) (AnswerTemplate, error) {
	if err := requireCoordinator(v); err != nil {
		return t, err
	}
	t.Name, t.Text = strings.TrimSpace(t.Name), t.Text.Trimmed()
	bad := fail.Fields{}
	if len([]rune(t.Name)) == 0 || len([]rune(t.Name)) > 200 {
		bad["name"] = "form.required"
	}
	if !ValidOutcome(t.Outcome) {
		bad["outcome"] = "form.choice"
	}
	if t.Text.Empty() {
		bad["answer_tr"] = "project.answer.text_required"
	}
	if len(bad) > 0 {
		return t, bad
	}
	if t.ID == 0 {
		err := s.db.WriteRow(ctx, `INSERT INTO proposal_answer_templates (name, outcome, answer) VALUES (?, ?, ?) RETURNING id`,
			t.Name, t.Outcome, t.Text).Scan(&t.ID)
		return t, err
	}
	res, err := s.db.Exec(ctx, `UPDATE proposal_answer_templates SET name = ?, outcome = ?, answer = ? WHERE id = ?`, t.Name, t.Outcome, t.Text, t.ID)
	if err != nil {
		return t, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t, ErrNotFound
	}
	return t, nil
}

// DeleteAnswerTemplate removes a template; answers started from it keep their text.
func (s *Service) DeleteAnswerTemplate(ctx context.Context, v *web.Viewer, id int64) error {
	if err := requireCoordinator(v); err != nil {
		return err
	}
	res, err := s.db.Exec(ctx, `DELETE FROM proposal_answer_templates WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// isPublishRefused reports the proposal a batch stopped at.
func isPublishRefused(err error) (int64, bool) {
	var pr *PublishRefused
	if errors.As(err, &pr) {
		return pr.ProposalID, true
	}
	return 0, false
}
