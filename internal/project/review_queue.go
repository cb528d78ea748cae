package project

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review queue: the proposals waiting for review or for more information, with who
// reviews them, how they score, what each side decided and where the answer stands.
// Coordinators see every one; a reviewer sees those assigned to them.

// QueueFilter narrows the queue.
type QueueFilter struct {
	CallID   int64          // 0: every call; -1: the standing intake
	Status   ProposalStatus // "": submitted and needs_info; drafts are never in review
	Prepared bool           // only proposals whose answer is prepared and not yet published
}

// QueueItem is one row of the queue.
type QueueItem struct {
	Proposal  *ReviewProposal
	Reviewers []Assignment
	Weighted  float64
	Scored    bool
	Decisions map[Side]Decision
	Settled   Outcome
	Answer    *Answer
}

// AnswerState says where the official answer stands: "", "prepared" or "published".
func (q QueueItem) AnswerState() string {
	switch {
	case q.Answer == nil:
		return ""
	case q.Answer.PublishedAt != nil:
		return "published"
	}
	return "prepared"
}

// Queue lists the review queue for v, oldest submission first.
func (s *Service) Queue(ctx context.Context, v *web.Viewer, f QueueFilter) ([]QueueItem, error) {
	if v == nil {
		return nil, ErrForbidden
	}
	if !CanCoordinate(v) && !v.Has("reviewer") {
		return nil, ErrForbidden
	}
	props, err := s.queueProposals(ctx, v, f)
	if err != nil || len(props) == 0 {
		return nil, err
	}
	items := make([]QueueItem, len(props))
	for i, p := range props {
		items[i] = QueueItem{Proposal: p, Decisions: map[Side]Decision{}}
	}
	return items, s.fillQueue(ctx, v, items)
}

func (s *Service) queueProposals(ctx context.Context, v *web.Viewer, f QueueFilter) ([]*ReviewProposal, error) {
	where, args := ` WHERE p.status IN (?, ?)`, []any{Submitted, NeedsInfo}
	if f.Status != "" && f.Status != Draft {
		where, args = ` WHERE p.status = ?`, []any{f.Status}
	}
	if f.Prepared {
		where += ` AND EXISTS (SELECT 1 FROM proposal_responses a WHERE a.proposal_id = p.id AND a.published_at IS NULL)`
	}
	switch {
	case f.CallID > 0:
		where, args = where+` AND p.call_id = ?`, append(args, f.CallID)
	case f.CallID < 0:
		where += ` AND p.call_id IS NULL`
	}
	if !CanCoordinate(v) {
		where, args = where+` AND EXISTS (SELECT 1 FROM proposal_reviewers r WHERE r.proposal_id = p.id AND r.user_id = ?)`, append(args, v.ID)
	}
	return db.Collect(ctx, s.db, scanReviewProposal, `SELECT `+reviewProposalColumns+`
		FROM proposals p LEFT JOIN project_calls c ON c.id = p.call_id`+where+` ORDER BY p.submitted_at, p.id LIMIT 500`, args...)
}

// fillQueue reads the rows' reviewers, scores, decisions and answers in one query each.
func (s *Service) fillQueue(ctx context.Context, v *web.Viewer, items []QueueItem) error {
	ids := make([]int64, len(items))
	at := map[int64]int{}
	for i, it := range items {
		ids[i], at[it.Proposal.ID] = it.Proposal.ID, i
	}
	in, args := db.InList(ids)
	assigned, err := db.Collect(ctx, s.db, func(sc db.Scanner) (Assignment, error) {
		var a Assignment
		err := sc.Scan(&a.ProposalID, &a.UserID, &a.Side, &a.AssignedAt)
		return a, err
	}, `SELECT proposal_id, user_id, side, assigned_at FROM proposal_reviewers WHERE proposal_id IN (`+in+`) ORDER BY side, user_id`, args...)
	if err != nil {
		return err
	}
	if err := s.nameAssignments(ctx, assigned); err != nil {
		return err
	}
	for _, a := range assigned {
		items[at[a.ProposalID]].Reviewers = append(items[at[a.ProposalID]].Reviewers, a)
	}
	if err := s.queueDecisions(ctx, items, at, in, args); err != nil {
		return err
	}
	if err := s.queueAnswers(ctx, items, at, in, args); err != nil {
		return err
	}
	return s.queueScores(ctx, items, at, in, args)
}

func (s *Service) nameAssignments(ctx context.Context, list []Assignment) error {
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.UserID
	}
	people, err := s.dir.Contacts(ctx, ids)
	for i := range list {
		list[i].Name = people[list[i].UserID].Name
	}
	return err
}

func (s *Service) queueDecisions(ctx context.Context, items []QueueItem, at map[int64]int, in string, args []any) error {
	type row struct {
		id int64
		d  Decision
	}
	rows, err := db.Collect(ctx, s.db, func(sc db.Scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.d.Side, &r.d.Outcome, &r.d.UserID, &r.d.DecidedAt)
		return r, err
	}, `SELECT proposal_id, side, decision, COALESCE(user_id, 0), decided_at FROM proposal_decisions WHERE proposal_id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		items[at[r.id]].Decisions[r.d.Side] = r.d
	}
	for i := range items {
		var ds []Decision
		for _, d := range items[i].Decisions {
			ds = append(ds, d)
		}
		items[i].Settled = Settle(items[i].Proposal.Joint, ds)
	}
	return nil
}

func (s *Service) queueAnswers(ctx context.Context, items []QueueItem, at map[int64]int, in string, args []any) error {
	answers, err := db.Collect(ctx, s.db, func(sc db.Scanner) (*Answer, error) {
		var a Answer
		err := sc.Scan(&a.ProposalID, &a.Outcome, &a.PublishedAt)
		return &a, err
	}, `SELECT proposal_id, outcome, published_at FROM proposal_responses WHERE proposal_id IN (`+in+`)`, args...)
	for _, a := range answers {
		items[at[a.ProposalID]].Answer = a
	}
	return err
}

func (s *Service) queueScores(ctx context.Context, items []QueueItem, at map[int64]int, in string, args []any) error {
	type row struct {
		id int64
		sc Score
	}
	rows, err := db.Collect(ctx, s.db, func(sc db.Scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.sc.UserID, &r.sc.CriterionID, &r.sc.Score)
		return r, err
	}, `SELECT proposal_id, user_id, criterion_id, score FROM proposal_scores WHERE proposal_id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	byProposal := map[int64][]Score{}
	for _, r := range rows {
		byProposal[r.id] = append(byProposal[r.id], r.sc)
	}
	criteria := map[int64][]CallCriterion{}
	for i := range items {
		p := items[i].Proposal
		if _, ok := criteria[p.CallID]; !ok && len(byProposal[p.ID]) > 0 {
			if criteria[p.CallID], err = callCriteria(ctx, s.db, p.CallID); err != nil {
				return err
			}
		}
		_, items[i].Weighted = weighScores(criteria[p.CallID], byProposal[p.ID], 0)
		items[i].Scored = len(byProposal[p.ID]) > 0
	}
	return nil
}

// Sided lists sides with each one's decision, for the queue's columns.
func (q QueueItem) Sided() []SideDecision {
	out := make([]SideDecision, 0, len(Sides))
	for _, s := range Sides {
		d, ok := q.Decisions[s]
		out = append(out, SideDecision{Side: s, Decided: ok, Decision: d})
	}
	return out
}

// SideDecision is a side with its decision, if any.
type SideDecision struct {
	Side    Side
	Decided bool
	Decision
}
