package project

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// What the proposal says, read for the review page: the plan, the budget, the expected
// results, the answers to the call's questions and the attached files.

// Activity is one step of the proposal's plan.
type Activity struct {
	Title            string
	StartsOn, EndsOn string // YYYY-MM-DD
}

// ReviewIndicator is an expected result with its target.
type ReviewIndicator struct {
	Name   i18n.Text
	Unit   string
	Target float64
}

// QA is a call question with the proposal's answer.
type QA struct {
	Question i18n.Text
	Answer   string
}

// Attachment is a file of the proposal (its content is served by the proposal pages).
type Attachment struct {
	ID        int64
	Name      string
	Size      int64
	CreatedAt time.Time
}

// ProposalContent is everything the proposer wrote beyond the title and summary.
type ProposalContent struct {
	Activities  []Activity
	Budget      []ProposalBudgetLine
	Totals      []ProposalTotal
	Indicators  []ReviewIndicator
	Answers     []QA
	Attachments []Attachment
}

func reviewContent(ctx context.Context, q db.Querier, id int64) (*ProposalContent, error) {
	var c ProposalContent
	var err error
	if c.Activities, err = reviewActivities(ctx, q, id); err != nil {
		return nil, err
	}
	if c.Budget, err = proposalBudget(ctx, q, id); err != nil {
		return nil, err
	}
	c.Totals = budgetTotals(c.Budget)
	if c.Indicators, err = reviewIndicators(ctx, q, id); err != nil {
		return nil, err
	}
	if c.Answers, err = db.Collect(ctx, q, func(s db.Scanner) (QA, error) {
		var a QA
		err := s.Scan(&a.Question, &a.Answer)
		return a, err
	}, `SELECT q.label, a.answer FROM proposal_answers a JOIN project_call_questions q ON q.id = a.question_id
		WHERE a.proposal_id = ? ORDER BY q.position, q.id`, id); err != nil {
		return nil, err
	}
	c.Attachments, err = db.Collect(ctx, q, func(s db.Scanner) (Attachment, error) {
		var a Attachment
		err := s.Scan(&a.ID, &a.Name, &a.Size, &a.CreatedAt)
		return a, err
	}, `SELECT id, name, size, created_at FROM proposal_attachments WHERE proposal_id = ? ORDER BY id`, id)
	return &c, err
}

func reviewActivities(ctx context.Context, q db.Querier, id int64) ([]Activity, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Activity, error) {
		var a Activity
		err := s.Scan(&a.Title, &a.StartsOn, &a.EndsOn)
		return a, err
	}, `SELECT title, starts_on, ends_on FROM proposal_activities WHERE proposal_id = ? ORDER BY position`, id)
}

func reviewIndicators(ctx context.Context, q db.Querier, id int64) ([]ReviewIndicator, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (ReviewIndicator, error) {
		var in ReviewIndicator
		err := s.Scan(&in.Name, &in.Unit, &in.Target)
		return in, err
	}, `SELECT name, unit, target FROM proposal_indicators WHERE proposal_id = ? ORDER BY position`, id)
}

// budgetTotals adds the lines up per currency, largest total first.
func budgetTotals(lines []ProposalBudgetLine) []ProposalTotal {
	out := sumBudget(lines)
	slices.SortStableFunc(out, func(a, b ProposalTotal) int { return cmp.Compare(b.Amount, a.Amount) })
	return out
}
