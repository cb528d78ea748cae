package project

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// The review's own reads of proposal rows. The calls-and-proposals code keeps its own
// store; these queries read only what review needs, so the two never step on each other.

// ReviewProposal is a proposal as review sees it.
type ReviewProposal struct {
	ID             int64
	PartnershipID  int64
	CallID         int64 // 0: the standing intake
	OrganisationID int64
	Version        int
	Status         ProposalStatus
	Title, Summary i18n.Text
	Themes         string
	TargetGroups   string
	CreatedBy      int64
	SubmittedAt    *time.Time
	CallTitle      i18n.Text
	// Joint says whether both sides must approve: the call's setting, and always for the
	// standing intake, where no call has said otherwise.
	Joint bool
}

const reviewProposalColumns = `p.id, p.partnership_id, COALESCE(p.call_id, 0), p.organisation_id, p.version, p.status,
	p.title, p.summary, p.themes, p.target_groups, COALESCE(p.created_by, 0), p.submitted_at,
	COALESCE(c.title, '{}'), COALESCE(c.joint_approval, 1)`

func scanReviewProposal(s db.Scanner) (*ReviewProposal, error) {
	var p ReviewProposal
	var submitted sql.NullTime
	var joint int
	err := s.Scan(&p.ID, &p.PartnershipID, &p.CallID, &p.OrganisationID, &p.Version, &p.Status,
		&p.Title, &p.Summary, &p.Themes, &p.TargetGroups, &p.CreatedBy, &submitted, &p.CallTitle, &joint)
	if err != nil {
		return nil, err
	}
	if submitted.Valid {
		t := submitted.Time.UTC()
		p.SubmittedAt = &t
	}
	p.Joint = joint != 0
	return &p, nil
}

func reviewProposalByID(ctx context.Context, q db.Querier, id int64) (*ReviewProposal, error) {
	p, err := scanReviewProposal(q.QueryRow(ctx, `SELECT `+reviewProposalColumns+`
		FROM proposals p LEFT JOIN project_calls c ON c.id = p.call_id WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return p, err
}

// lockReviewProposal takes the proposal's row lock and returns its status, so that two
// decisions, publications or assignments of one proposal run one after the other.
func lockReviewProposal(ctx context.Context, tx *db.Tx, id int64) (ProposalStatus, error) {
	var st ProposalStatus
	err := tx.QueryRow(ctx, `SELECT status FROM proposals WHERE id = ?`+tx.ForUpdate(), id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return st, err
}

// Assignment is a reviewer assigned to a proposal for one side.
type Assignment struct {
	ProposalID int64
	UserID     int64
	Name       string // filled from the directory
	Side       Side
	AssignedAt time.Time
}

func reviewAssignments(ctx context.Context, q db.Querier, proposalID int64) ([]Assignment, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Assignment, error) {
		var a Assignment
		err := s.Scan(&a.ProposalID, &a.UserID, &a.Side, &a.AssignedAt)
		return a, err
	}, `SELECT proposal_id, user_id, side, assigned_at FROM proposal_reviewers WHERE proposal_id = ? ORDER BY side, assigned_at, user_id`, proposalID)
}

// reviewSideOf returns the side v reviews proposalID for, or "" when v is not assigned.
func reviewSideOf(ctx context.Context, q db.Querier, proposalID, userID int64) (Side, error) {
	var side Side
	err := q.QueryRow(ctx, `SELECT side FROM proposal_reviewers WHERE proposal_id = ? AND user_id = ?`, proposalID, userID).Scan(&side)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return side, err
}

// Score is one reviewer's score on one criterion.
type Score struct {
	UserID      int64
	CriterionID int64
	Score       int
}

func reviewScores(ctx context.Context, q db.Querier, proposalID int64) ([]Score, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Score, error) {
		var sc Score
		err := s.Scan(&sc.UserID, &sc.CriterionID, &sc.Score)
		return sc, err
	}, `SELECT user_id, criterion_id, score FROM proposal_scores WHERE proposal_id = ? ORDER BY user_id, criterion_id`, proposalID)
}

// Note is one message of the reviewers' private discussion.
type Note struct {
	ID        int64
	UserID    int64
	Name      string
	Body      string
	CreatedAt time.Time
}

func reviewNotes(ctx context.Context, q db.Querier, proposalID int64) ([]Note, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Note, error) {
		var n Note
		err := s.Scan(&n.ID, &n.UserID, &n.Body, &n.CreatedAt)
		return n, err
	}, `SELECT id, COALESCE(user_id, 0), body, created_at FROM proposal_notes WHERE proposal_id = ? ORDER BY id`, proposalID)
}

// Decision is one side's decision.
type Decision struct {
	Side      Side
	Outcome   Outcome
	UserID    int64
	Name      string
	DecidedAt time.Time
}

func reviewDecisions(ctx context.Context, q db.Querier, proposalID int64) ([]Decision, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (Decision, error) {
		var d Decision
		err := s.Scan(&d.Side, &d.Outcome, &d.UserID, &d.DecidedAt)
		return d, err
	}, `SELECT side, decision, COALESCE(user_id, 0), decided_at FROM proposal_decisions WHERE proposal_id = ? ORDER BY side`, proposalID)
}

// Answer is the official answer, prepared and then published.
type Answer struct {
	ProposalID  int64
	Outcome     Outcome
	Text        i18n.Text
	PreparedBy  int64
	PreparedAt  time.Time
	PublishedAt *time.Time
}

// reviewAnswer returns the proposal's answer, or nil when none is prepared.
func reviewAnswer(ctx context.Context, q db.Querier, proposalID int64) (*Answer, error) {
	var a Answer
	var published sql.NullTime
	err := q.QueryRow(ctx, `SELECT proposal_id, outcome, answer, COALESCE(prepared_by, 0), prepared_at, published_at
		FROM proposal_responses WHERE proposal_id = ?`, proposalID).Scan(&a.ProposalID, &a.Outcome, &a.Text, &a.PreparedBy, &a.PreparedAt, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if published.Valid {
		t := published.Time.UTC()
		a.PublishedAt = &t
	}
	return &a, err
}
