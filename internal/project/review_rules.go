package project

import (
	"context"
	"fmt"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review workflow as one table: for each proposal status, what each kind of actor may
// do. Every review operation asks the table first, and the tests try every cell it leaves
// out, so the rules live here and nowhere else.

// Actor is how a person stands towards one proposal's review.
type Actor string

const (
	ActorCoordinator  Actor = "coordinator"  // admins and coordinators
	ActorAssociation  Actor = "association"  // a reviewer assigned for the association
	ActorMunicipality Actor = "municipality" // a reviewer assigned for the municipality
	ActorOutsider     Actor = "outsider"     // anyone else: the proposer, an unassigned reviewer, the public
)

// Actors lists them in the order the tests walk them.
var Actors = []Actor{ActorCoordinator, ActorAssociation, ActorMunicipality, ActorOutsider}

// Action is one thing done in review.
type Action string

const (
	ActView    Action = "view"    // read the review: scores, notes, decisions
	ActScore   Action = "score"   // score the criteria
	ActNote    Action = "note"    // write in the private discussion
	ActDecide  Action = "decide"  // record one's own side's decision
	ActAssign  Action = "assign"  // assign or unassign reviewers
	ActPrepare Action = "prepare" // prepare the official answer
	ActPublish Action = "publish" // publish the official answer
)

// Actions lists them in the order the tests walk them.
var Actions = []Action{ActView, ActScore, ActNote, ActDecide, ActAssign, ActPrepare, ActPublish}

// ProposalStatuses lists every status, for the tests' walk of the table.
var ProposalStatuses = []ProposalStatus{Draft, Submitted, NeedsInfo, Accepted, AcceptedWithChanges, Rejected, Superseded}

var (
	reviewerOpen = []Action{ActView, ActScore, ActNote, ActDecide}
	closed       = []Action{ActView}
)

// reviewTable: a draft is the proposer's alone; a submitted proposal is under review; a
// proposal waiting for more information can still be discussed and staffed, but not
// decided (its next version will be); an answered or replaced proposal is read-only.
// Outsiders appear nowhere: they may do nothing.
var reviewTable = map[ProposalStatus]map[Actor][]Action{
	Submitted: {
		ActorCoordinator:  {ActView, ActNote, ActAssign, ActPrepare, ActPublish},
		ActorAssociation:  reviewerOpen,
		ActorMunicipality: reviewerOpen,
	},
	NeedsInfo: {
		ActorCoordinator:  {ActView, ActNote, ActAssign},
		ActorAssociation:  {ActView, ActNote},
		ActorMunicipality: {ActView, ActNote},
	},
	Accepted:            {ActorCoordinator: closed, ActorAssociation: closed, ActorMunicipality: closed},
	AcceptedWithChanges: {ActorCoordinator: closed, ActorAssociation: closed, ActorMunicipality: closed},
	Rejected:            {ActorCoordinator: closed, ActorAssociation: closed, ActorMunicipality: closed},
	Superseded:          {ActorCoordinator: closed, ActorAssociation: closed, ActorMunicipality: closed},
}

// Allowed reports whether actor may do act on a proposal in status st.
func Allowed(st ProposalStatus, actor Actor, act Action) bool {
	return slices.Contains(reviewTable[st][actor], act)
}

var (
	// ErrWrongState: the action exists for this person, but not in the proposal's status.
	ErrWrongState = fmt.Errorf("project: not possible in the proposal's status: %w", fail.Conflict)
	// ErrAlreadyDecided: a side decides once.
	ErrAlreadyDecided = fmt.Errorf("project: this side has already decided: %w", fail.Conflict)
)

// reviewActors returns how v stands towards the proposal: a coordinator and an assigned
// reviewer at once holds both parts; anyone else is an outsider.
func reviewActors(ctx context.Context, q db.Querier, v *web.Viewer, proposalID int64) ([]Actor, Side, error) {
	var out []Actor
	if CanCoordinate(v) {
		out = append(out, ActorCoordinator)
	}
	side, err := reviewSideOf(ctx, q, proposalID, v.ID)
	if err != nil {
		return nil, "", err
	}
	switch side {
	case Association:
		out = append(out, ActorAssociation)
	case Municipality:
		out = append(out, ActorMunicipality)
	}
	if len(out) == 0 {
		out = append(out, ActorOutsider)
	}
	return out, side, nil
}

// authorize checks act against the table for v and returns v's side. The error says as
// little as it may: someone who may not even read the review learns only "not found".
func authorize(ctx context.Context, q db.Querier, v *web.Viewer, proposalID int64, st ProposalStatus, act Action) (Side, error) {
	if v == nil {
		return "", fail.Unauthorized
	}
	actors, side, err := reviewActors(ctx, q, v, proposalID)
	if err != nil {
		return "", err
	}
	if slices.ContainsFunc(actors, func(a Actor) bool { return Allowed(st, a, act) }) {
		return side, nil
	}
	for _, a := range actors {
		for _, other := range ProposalStatuses {
			if Allowed(other, a, act) && Allowed(st, a, ActView) {
				return side, ErrWrongState
			}
		}
	}
	if slices.ContainsFunc(actors, func(a Actor) bool { return Allowed(st, a, ActView) }) {
		return side, ErrForbidden
	}
	return side, ErrNotFound
}
