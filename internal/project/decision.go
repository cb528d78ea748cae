package project

import (
	"context"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Joint decisions: each side of the partnership decides once, through one of its assigned
// reviewers. The proposal's outcome follows from the sides' decisions (Settle); the
// official answer then tells it to the proposer.

// Positive reports whether o approves the proposal.
func (o Outcome) Positive() bool { return o == OutcomeAccepted || o == OutcomeAcceptedWithChanges }

// ValidOutcome reports whether o is one of the decisions.
func ValidOutcome(o Outcome) bool { return slices.Contains(Outcomes, o) }

// Settle returns the outcome the decisions so far settle, or "" when it is still open. A
// rejection settles at once, and so does a request for more information (a rejection by
// the other side still wins). Approval needs both sides when joint, one otherwise; when the
// two approvals differ, the proposal is accepted with changes: the side that asked for
// changes is not overruled by the one that did not.
func Settle(joint bool, decisions []Decision) Outcome {
	has := func(o Outcome) bool {
		return slices.ContainsFunc(decisions, func(d Decision) bool { return d.Outcome == o })
	}
	switch {
	case has(OutcomeRejected):
		return OutcomeRejected
	case has(OutcomeNeedsInfo):
		return OutcomeNeedsInfo
	}
	positive := 0
	for _, d := range decisions {
		if d.Outcome.Positive() {
			positive++
		}
	}
	if positive == 0 || joint && positive < len(Sides) {
		return ""
	}
	if has(OutcomeAcceptedWithChanges) {
		return OutcomeAcceptedWithChanges
	}
	return OutcomeAccepted
}

// Decide records side's decision on the proposal, by v, who must review it for that side.
// The proposal's row lock makes two reviewers of one side deciding at once take turns: the
// second finds the side decided and is refused. It returns the outcome now settled, if any.
func (s *Service) Decide(ctx context.Context, v *web.Viewer, id int64, side Side, o Outcome) (Outcome, error) {
	if !slices.Contains(Sides, side) {
		return "", fail.Fields{"side": "project.review.choose_side"}
	}
	if !ValidOutcome(o) {
		return "", fail.Fields{"decision": "form.choice"}
	}
	var settled Outcome
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		p, mine, err := s.authorizeDecision(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if mine != side {
			return ErrForbidden // a reviewer speaks for their own side only
		}
		if settled, err = s.recordDecision(ctx, tx, p, side, o, v.ID); err != nil {
			return err
		}
		return nil
	})
	return settled, err
}

func (s *Service) authorizeDecision(ctx context.Context, tx *db.Tx, v *web.Viewer, id int64) (*ReviewProposal, Side, error) {
	st, err := lockReviewProposal(ctx, tx, id)
	if err != nil {
		return nil, "", err
	}
	side, err := authorize(ctx, tx, v, id, st, ActDecide)
	if err != nil {
		return nil, "", err
	}
	p, err := reviewProposalByID(ctx, tx, id)
	return p, side, err
}

func (s *Service) recordDecision(ctx context.Context, tx *db.Tx, p *ReviewProposal, side Side, o Outcome, by int64) (Outcome, error) {
	decided, err := reviewDecisions(ctx, tx, p.ID)
	if err != nil {
		return "", err
	}
	if slices.ContainsFunc(decided, func(d Decision) bool { return d.Side == side }) {
		return "", ErrAlreadyDecided
	}
	now := s.now()
	if _, err := tx.Exec(ctx, `INSERT INTO proposal_decisions (proposal_id, side, decision, user_id, decided_at) VALUES (?, ?, ?, ?, ?)`,
		p.ID, side, o, by, now); err != nil {
		return "", err
	}
	decided = append(decided, Decision{Side: side, Outcome: o, UserID: by, DecidedAt: now})
	return Settle(p.Joint, decided), nil
}
