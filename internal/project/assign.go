package project

import (
	"context"
	"fmt"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Reviewer is a person who may be assigned to review: a reviewer or a coordinator.
type Reviewer struct {
	UserID        int64
	Name          string
	Roles         []string
	Organisations []Organisation
}

// CanReview reports whether r holds a role that reviews.
func (r Reviewer) CanReview() bool {
	return slices.ContainsFunc(r.Roles, func(role string) bool { return role == "reviewer" || role == "coordinator" || role == "admin" })
}

// DefaultSide is the side r's organisations put them on: the municipality's staff review
// for the municipality, the association's members for the association; "" when r belongs
// to neither (or to both), and the coordinator must choose.
func (r Reviewer) DefaultSide() Side {
	var sides []Side
	for _, o := range r.Organisations {
		if s := Side(o.Kind); (s == Association || s == Municipality) && !slices.Contains(sides, s) {
			sides = append(sides, s)
		}
	}
	if len(sides) == 1 {
		return sides[0]
	}
	return ""
}

// ReviewerDirectory is what assignment needs from identity beyond Directory: a person's
// platform roles and organisations, and the people who may review. The app's Directory
// implements it too; it is asked for by assertion so that a Directory without it (a test's)
// still serves every other part of the module, and assignment then refuses.
type ReviewerDirectory interface {
	// Reviewer returns the person with id, or ErrNotFound.
	Reviewer(ctx context.Context, id int64) (Reviewer, error)
	// Reviewers lists the people holding the reviewer or coordinator role.
	Reviewers(ctx context.Context) ([]Reviewer, error)
}

func (s *Service) reviewerDirectory() (ReviewerDirectory, error) {
	rd, ok := s.dir.(ReviewerDirectory)
	if !ok {
		return nil, fmt.Errorf("project: the directory cannot look up reviewers")
	}
	return rd, nil
}

// AssignableReviewers lists who coordinators may assign, for the assignment forms.
func (s *Service) AssignableReviewers(ctx context.Context, v *web.Viewer) ([]Reviewer, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	rd, err := s.reviewerDirectory()
	if err != nil {
		return nil, err
	}
	return rd.Reviewers(ctx)
}

// Assign makes userID a reviewer of every proposal in proposalIDs, for side (or, when side is
// empty, the side their organisation stands on). All or none: one proposal that cannot take
// the reviewer leaves every other unchanged.
func (s *Service) Assign(ctx context.Context, v *web.Viewer, proposalIDs []int64, userID int64, side Side) error {
	if err := requireCoordinator(v); err != nil {
		return err
	}
	if len(proposalIDs) == 0 {
		return fail.Fields{"proposal_ids": "project.review.choose_proposals"}
	}
	r, side, err := s.checkReviewer(ctx, userID, side)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, id := range proposalIDs {
			if err := s.assignOne(ctx, tx, v, id, r, side); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkReviewer refuses anyone whose role does not review, and settles the side.
func (s *Service) checkReviewer(ctx context.Context, userID int64, side Side) (Reviewer, Side, error) {
	rd, err := s.reviewerDirectory()
	if err != nil {
		return Reviewer{}, "", err
	}
	r, err := rd.Reviewer(ctx, userID)
	if err != nil || !r.CanReview() {
		return r, "", fail.Fields{"user_id": "project.review.not_a_reviewer"}
	}
	if side == "" {
		side = r.DefaultSide()
	}
	if !slices.Contains(Sides, side) {
		return r, "", fail.Fields{"side": "project.review.choose_side"}
	}
	return r, side, nil
}

func (s *Service) assignOne(ctx context.Context, tx *db.Tx, v *web.Viewer, proposalID int64, r Reviewer, side Side) error {
	st, err := lockReviewProposal(ctx, tx, proposalID)
	if err != nil {
		return err
	}
	if _, err := authorize(ctx, tx, v, proposalID, st, ActAssign); err != nil {
		return err
	}
	p, err := reviewProposalByID(ctx, tx, proposalID)
	if err != nil {
		return err
	}
	// Nobody reviews their own organisation's proposal.
	if slices.ContainsFunc(r.Organisations, func(o Organisation) bool { return o.ID == p.OrganisationID }) {
		return fail.Fields{"user_id": "project.review.own_proposal"}
	}
	_, err = tx.Exec(ctx, `INSERT INTO proposal_reviewers (proposal_id, user_id, side, assigned_by, assigned_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (proposal_id, user_id) DO UPDATE SET side = excluded.side`,
		proposalID, r.UserID, side, v.ID, s.now())
	return err
}

// Unassign takes userID off the proposal's review. Their scores go with them, so averages
// count only the reviewers who are assigned; their notes stay in the discussion, and a
// decision already recorded for their side stands.
func (s *Service) Unassign(ctx context.Context, v *web.Viewer, proposalID, userID int64) error {
	if err := requireCoordinator(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		st, err := lockReviewProposal(ctx, tx, proposalID)
		if err != nil {
			return err
		}
		if _, err := authorize(ctx, tx, v, proposalID, st, ActAssign); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM proposal_reviewers WHERE proposal_id = ? AND user_id = ?`, proposalID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		_, err = tx.Exec(ctx, `DELETE FROM proposal_scores WHERE proposal_id = ? AND user_id = ?`, proposalID, userID)
		return err
	})
}
