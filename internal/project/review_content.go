package project

import (
	"cmp"
	"context"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// What the proposal says, read for the review page: the plan, the budget, the expected
// results, the answers to the call's questions and the attached files.

// QA is a call question with the proposal's answer.
type QA struct {
	Question i18n.Text
	Answer   string
}

// ProposalContent is everything the proposer wrote beyond the title and summary.
type ProposalContent struct {
	Activities  []ProposalActivity
	Budget      []ProposalBudgetLine
	Totals      []ProposalTotal
	Indicators  []ProposalIndicator
	Answers     []QA
	Attachments []ProposalAttachment
}

func reviewContent(ctx context.Context, q db.Querier, id int64) (*ProposalContent, error) {
	var c ProposalContent
	var err error
	if c.Activities, err = proposalActivities(ctx, q, id); err != nil {
		return nil, err
	}
	if c.Budget, err = proposalBudget(ctx, q, id); err != nil {
		return nil, err
	}
	c.Totals = budgetTotals(c.Budget)
	if c.Indicators, err = proposalIndicators(ctx, q, id); err != nil {
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
	c.Attachments, err = proposalAttachments(ctx, q, id)
	return &c, err
}

// budgetTotals adds the lines up per currency, largest total first.
func budgetTotals(lines []ProposalBudgetLine) []ProposalTotal {
	out := sumBudget(lines)
	slices.SortStableFunc(out, func(a, b ProposalTotal) int { return cmp.Compare(b.Amount, a.Amount) })
	return out
}
