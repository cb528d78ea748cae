package project

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// SQL of proposals and their parts. The parts (activities, budget lines, indicators,
// answers) are rewritten whole on each save: a draft is one form, saved as one.

const proposalColumns = `id, COALESCE(call_id, 0), organisation_id, COALESCE(previous_id, 0), version, status, title, summary,
	themes, target_groups, partners, COALESCE(created_by, 0), submitted_at, created_at, updated_at`

func scanProposal(s db.Scanner) (*Proposal, error) {
	var p Proposal
	var status, themes, groups, partners string
	var submitted sql.NullTime
	err := s.Scan(&p.ID, &p.CallID, &p.OrganisationID, &p.PreviousID, &p.Version, &status, &p.Title, &p.Summary,
		&themes, &groups, &partners, &p.CreatedBy, &submitted, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.Status, p.Themes, p.TargetGroups = ProposalStatus(status), strings.Fields(themes), strings.Fields(groups)
	if err := json.Unmarshal([]byte(partners), &p.Partners); err != nil {
		return nil, err
	}
	if submitted.Valid {
		t := submitted.Time.UTC()
		p.SubmittedAt = &t
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func proposalValue(s db.Scanner) (Proposal, error) {
	p, err := scanProposal(s)
	if err != nil {
		return Proposal{}, err
	}
	return *p, nil
}

// proposalByID reads a proposal with all its parts.
func proposalByID(ctx context.Context, q db.Querier, id int64) (*Proposal, error) {
	p, err := scanProposal(q.QueryRow(ctx, `SELECT `+proposalColumns+` FROM proposals WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return p, readProposalParts(ctx, q, p)
}

func readProposalParts(ctx context.Context, q db.Querier, p *Proposal) error {
	var err error
	if p.Activities, err = proposalActivities(ctx, q, p.ID); err != nil {
		return err
	}
	if p.Budget, err = proposalBudget(ctx, q, p.ID); err != nil {
		return err
	}
	if p.Indicators, err = proposalIndicators(ctx, q, p.ID); err != nil {
		return err
	}
	if p.Attachments, err = proposalAttachments(ctx, q, p.ID); err != nil {
		return err
	}
	return readAnswers(ctx, q, p)
}

func readAnswers(ctx context.Context, q db.Querier, p *Proposal) error {
	type answer struct {
		id   int64
		text string
	}
	rows, err := db.Collect(ctx, q, func(s db.Scanner) (answer, error) {
		var a answer
		return a, s.Scan(&a.id, &a.text)
	}, `SELECT question_id, answer FROM proposal_answers WHERE proposal_id = ?`, p.ID)
	p.Answers = make(map[int64]string, len(rows))
	for _, a := range rows {
		p.Answers[a.id] = a.text
	}
	return err
}

func proposalAttachments(ctx context.Context, q db.Querier, proposalID int64) ([]ProposalAttachment, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ProposalAttachment, error) {
		var a ProposalAttachment
		err := s.Scan(&a.ID, &a.Name, &a.Size, &a.Key, &a.CreatedAt)
		a.CreatedAt = a.CreatedAt.UTC()
		return a, err
	}, `SELECT id, name, size, storage_key, created_at FROM proposal_attachments WHERE proposal_id = ? ORDER BY id`, proposalID)
}

// listProposals returns proposals matching cond (a WHERE clause), the latest first,
// without their parts except the budget (lists show totals).
func listProposals(ctx context.Context, q db.Querier, cond string, args ...any) ([]Proposal, error) {
	list, err := db.Collect(ctx, q, proposalValue, `SELECT `+proposalColumns+` FROM proposals WHERE `+cond+`
		ORDER BY COALESCE(submitted_at, updated_at) DESC, id DESC`, args...)
	if err != nil || len(list) == 0 {
		return list, err
	}
	return list, readBudgets(ctx, q, list)
}

// proposalActivities reads the activities of proposal id, in order.
func proposalActivities(ctx context.Context, q db.Querier, id int64) ([]ProposalActivity, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ProposalActivity, error) {
		var a ProposalActivity
		err := s.Scan(&a.Title, &a.StartsOn, &a.EndsOn)
		return a, err
	}, `SELECT title, starts_on, ends_on FROM proposal_activities WHERE proposal_id = ? ORDER BY position`, id)
}

// proposalBudget reads the budget lines of proposal id, in order.
func proposalBudget(ctx context.Context, q db.Querier, id int64) ([]ProposalBudgetLine, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ProposalBudgetLine, error) {
		var b ProposalBudgetLine
		err := s.Scan(&b.Label, &b.Currency, &b.Amount, &b.Requested, &b.Cofunding)
		return b, err
	}, `SELECT label, currency, amount_minor, requested_minor, cofunding_minor FROM proposal_budget_lines
		WHERE proposal_id = ? ORDER BY position`, id)
}

// proposalIndicators reads the indicators of proposal id, in order.
func proposalIndicators(ctx context.Context, q db.Querier, id int64) ([]ProposalIndicator, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ProposalIndicator, error) {
		var ind ProposalIndicator
		err := s.Scan(&ind.Name, &ind.Unit, &ind.Target)
		return ind, err
	}, `SELECT name, unit, target FROM proposal_indicators WHERE proposal_id = ? ORDER BY position`, id)
}

// readBudgets fills the budgets of list in one query.
func readBudgets(ctx context.Context, q db.Querier, list []Proposal) error {
	ids := make([]int64, len(list))
	at := make(map[int64]int, len(list))
	for i, p := range list {
		ids[i], at[p.ID] = p.ID, i
	}
	in, args := db.InList(ids)
	type line struct {
		id int64
		b  ProposalBudgetLine
	}
	lines, err := db.Collect(ctx, q, func(s db.Scanner) (line, error) {
		var l line
		return l, s.Scan(&l.id, &l.b.Label, &l.b.Currency, &l.b.Amount, &l.b.Requested, &l.b.Cofunding)
	}, `SELECT proposal_id, label, currency, amount_minor, requested_minor, cofunding_minor FROM proposal_budget_lines
		WHERE proposal_id IN (`+in+`) ORDER BY proposal_id, position`, args...)
	for _, l := range lines {
		list[at[l.id]].Budget = append(list[at[l.id]].Budget, l.b)
	}
	return err
}

func insertProposal(ctx context.Context, q db.Querier, p *Proposal, partnershipID int64) error {
	partners, _ := json.Marshal(p.Partners)
	return q.WriteRow(ctx, `INSERT INTO proposals (partnership_id, call_id, organisation_id, previous_id, version, status, title,
		summary, themes, target_groups, partners, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		partnershipID, nullID(p.CallID), p.OrganisationID, nullID(p.PreviousID), p.Version, p.Status, p.Title,
		p.Summary, strings.Join(p.Themes, " "), strings.Join(p.TargetGroups, " "), string(partners), nullID(p.CreatedBy),
		p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
}

func updateProposal(ctx context.Context, q db.Querier, p *Proposal) error {
	partners, _ := json.Marshal(p.Partners)
	_, err := q.Exec(ctx, `UPDATE proposals SET call_id = ?, organisation_id = ?, title = ?, summary = ?, themes = ?,
		target_groups = ?, partners = ?, updated_at = ? WHERE id = ?`,
		nullID(p.CallID), p.OrganisationID, p.Title, p.Summary, strings.Join(p.Themes, " "),
		strings.Join(p.TargetGroups, " "), string(partners), p.UpdatedAt, p.ID)
	return err
}

// writeProposalParts replaces the proposal's activities, budget, indicators and answers.
func writeProposalParts(ctx context.Context, q db.Querier, p *Proposal) error {
	for _, t := range []string{"proposal_activities", "proposal_budget_lines", "proposal_indicators", "proposal_answers"} {
		if _, err := q.Exec(ctx, `DELETE FROM `+t+` WHERE proposal_id = ?`, p.ID); err != nil {
			return err
		}
	}
	for i, a := range p.Activities {
		if _, err := q.Exec(ctx, `INSERT INTO proposal_activities (proposal_id, position, title, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)`,
			p.ID, i, a.Title, a.StartsOn, a.EndsOn); err != nil {
			return err
		}
	}
	for i, b := range p.Budget {
		if _, err := q.Exec(ctx, `INSERT INTO proposal_budget_lines (proposal_id, position, label, currency, amount_minor,
			requested_minor, cofunding_minor) VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, i, b.Label, b.Currency, b.Amount, b.Requested, b.Cofunding); err != nil {
			return err
		}
	}
	for i, ind := range p.Indicators {
		if _, err := q.Exec(ctx, `INSERT INTO proposal_indicators (proposal_id, position, name, unit, target) VALUES (?, ?, ?, ?, ?)`,
			p.ID, i, ind.Name, ind.Unit, ind.Target); err != nil {
			return err
		}
	}
	for qid, a := range p.Answers {
		if a == "" {
			continue
		}
		if _, err := q.Exec(ctx, `INSERT INTO proposal_answers (proposal_id, question_id, answer) VALUES (?, ?, ?)`, p.ID, qid, a); err != nil {
			return err
		}
	}
	return nil
}

// setProposalStatus moves a proposal from one of from to status, reporting whether it did:
// a conditional update, so two submits of one draft make one submission.
func setProposalStatus(ctx context.Context, q db.Querier, id int64, status ProposalStatus, at time.Time, from ...ProposalStatus) (bool, error) {
	set, args := `status = ?, updated_at = ?`, []any{status, at}
	if status == Submitted {
		set, args = set+`, submitted_at = ?`, append(args, at)
	}
	args = append(args, id)
	for _, f := range from {
		args = append(args, f)
	}
	res, err := q.Exec(ctx, `UPDATE proposals SET `+set+` WHERE id = ? AND status IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(from)), ", ")+`)`, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// pendingVersion is the draft made from proposal id, if any.
func pendingVersion(ctx context.Context, q db.Querier, id int64) (int64, error) {
	var next int64
	err := q.QueryRow(ctx, `SELECT id FROM proposals WHERE previous_id = ? AND status = 'draft'`, id).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return next, err
}

// copyAttachments gives the new version the previous one's files (the stored file is shared).
func copyAttachments(ctx context.Context, q db.Querier, from, to int64) error {
	_, err := q.Exec(ctx, `INSERT INTO proposal_attachments (proposal_id, name, size, storage_key, created_at)
		SELECT ?, name, size, storage_key, created_at FROM proposal_attachments WHERE proposal_id = ? ORDER BY id`, to, from)
	return err
}

// inheritReview hands the previous version's reviewers to the new one, which takes its
// place in review.
func inheritReview(ctx context.Context, q db.Querier, from, to int64) error {
	_, err := q.Exec(ctx, `INSERT INTO proposal_reviewers (proposal_id, user_id, side, assigned_by, assigned_at)
		SELECT ?, user_id, side, assigned_by, assigned_at FROM proposal_reviewers WHERE proposal_id = ?`, to, from)
	return err
}

// PublicAnswer is the official answer to a proposal, once published: what the proposer and
// the public see of the review.
type PublicAnswer struct {
	Outcome     Outcome   `json:"outcome"`
	Answer      i18n.Text `json:"answer"`
	PublishedAt time.Time `json:"published_at"`
}

// publicAnswers reads the published answers to ids.
func publicAnswers(ctx context.Context, q db.Querier, ids []int64) (map[int64]PublicAnswer, error) {
	out := map[int64]PublicAnswer{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	type row struct {
		id int64
		a  PublicAnswer
	}
	rows, err := db.Collect(ctx, q, func(s db.Scanner) (row, error) {
		var r row
		var outcome string
		err := s.Scan(&r.id, &outcome, &r.a.Answer, &r.a.PublishedAt)
		r.a.Outcome, r.a.PublishedAt = Outcome(outcome), r.a.PublishedAt.UTC()
		return r, err
	}, `SELECT proposal_id, outcome, answer, published_at FROM proposal_responses
		WHERE published_at IS NOT NULL AND proposal_id IN (`+in+`)`, args...)
	for _, r := range rows {
		out[r.id] = r.a
	}
	return out, err
}
