package project

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review of one proposal on one page: what it says, the criteria with the reader's
// scores and everyone's weighted average, the private discussion, each side's decision and
// the official answer. Only coordinators and the assigned reviewers ever read it.

// CriterionScore is a criterion with the reader's score and all reviewers' average.
type CriterionScore struct {
	CallCriterion
	Mine    *int    // nil: not scored by the reader
	Average float64 // over the reviewers who scored it
	Count   int
}

// Review is the review page's content.
type Review struct {
	Proposal     *ReviewProposal
	Organisation Organisation
	Content      *ProposalContent
	Criteria     []CriterionScore
	Weighted     float64 // the weighted average of every reviewer's scores, 0..10
	Scored       bool    // anyone has scored
	Reviewers    []Assignment
	Notes        []Note
	Decisions    []Decision
	Settled      Outcome // "": not settled yet
	Answer       *Answer // nil: none prepared
	Side         Side    // the reader's side; "" for a coordinator who is not assigned
	Can          map[Action]bool
}

// Review reads a proposal's review for v.
func (s *Service) Review(ctx context.Context, v *web.Viewer, id int64) (*Review, error) {
	p, err := reviewProposalByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	side, err := authorize(ctx, s.db, v, id, p.Status, ActView)
	if err != nil {
		return nil, err
	}
	rv := &Review{Proposal: p, Side: side, Can: map[Action]bool{}}
	actors, _, err := reviewActors(ctx, s.db, v, id)
	if err != nil {
		return nil, err
	}
	for _, a := range actors {
		for _, act := range Actions {
			rv.Can[act] = rv.Can[act] || Allowed(p.Status, a, act)
		}
	}
	if err := s.fillReview(ctx, v, rv); err != nil {
		return nil, err
	}
	// A side decides once (recordDecision refuses a second): once its decision is in,
	// the page stops offering its reviewers a form that could only be refused.
	if slices.ContainsFunc(rv.Decisions, func(d Decision) bool { return d.Side == rv.Side }) {
		rv.Can[ActDecide] = false
	}
	return rv, nil
}

func (s *Service) fillReview(ctx context.Context, v *web.Viewer, rv *Review) error {
	id := rv.Proposal.ID
	var err error
	if rv.Content, err = reviewContent(ctx, s.db, id); err != nil {
		return err
	}
	if err = s.fillScores(ctx, v, rv); err != nil {
		return err
	}
	if rv.Reviewers, err = reviewAssignments(ctx, s.db, id); err != nil {
		return err
	}
	if rv.Notes, err = reviewNotes(ctx, s.db, id); err != nil {
		return err
	}
	if rv.Decisions, err = reviewDecisions(ctx, s.db, id); err != nil {
		return err
	}
	rv.Settled = Settle(rv.Proposal.Joint, rv.Decisions)
	if rv.Answer, err = reviewAnswer(ctx, s.db, id); err != nil {
		return err
	}
	if rv.Organisation, _, err = s.organisation(ctx, rv.Proposal.OrganisationID); err != nil {
		return err
	}
	return s.nameReview(ctx, rv)
}

// nameReview puts people's names on reviewers, notes and decisions.
func (s *Service) nameReview(ctx context.Context, rv *Review) error {
	var ids []int64
	for _, a := range rv.Reviewers {
		ids = append(ids, a.UserID)
	}
	for _, n := range rv.Notes {
		ids = append(ids, n.UserID)
	}
	for _, d := range rv.Decisions {
		ids = append(ids, d.UserID)
	}
	people, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return err
	}
	for i := range rv.Reviewers {
		rv.Reviewers[i].Name = people[rv.Reviewers[i].UserID].Name
	}
	for i := range rv.Notes {
		rv.Notes[i].Name = people[rv.Notes[i].UserID].Name
	}
	for i := range rv.Decisions {
		rv.Decisions[i].Name = people[rv.Decisions[i].UserID].Name
	}
	return nil
}

func (s *Service) fillScores(ctx context.Context, v *web.Viewer, rv *Review) error {
	criteria, err := callCriteria(ctx, s.db, rv.Proposal.CallID)
	if err != nil {
		return err
	}
	scores, err := reviewScores(ctx, s.db, rv.Proposal.ID)
	if err != nil {
		return err
	}
	rv.Criteria, rv.Weighted = weighScores(criteria, scores, v.ID)
	rv.Scored = len(scores) > 0
	return nil
}

// weighScores averages each criterion over the reviewers who scored it and weighs the
// averages by the criteria's weights; criteria nobody scored yet do not pull it down.
func weighScores(criteria []CallCriterion, scores []Score, reader int64) ([]CriterionScore, float64) {
	out := make([]CriterionScore, len(criteria))
	var sum, weights float64
	for i, c := range criteria {
		out[i].CallCriterion = c
		total := 0
		for _, sc := range scores {
			if sc.CriterionID != c.ID {
				continue
			}
			total += sc.Score
			out[i].Count++
			if sc.UserID == reader {
				mine := sc.Score
				out[i].Mine = &mine
			}
		}
		if out[i].Count > 0 {
			out[i].Average = float64(total) / float64(out[i].Count)
			sum += out[i].Average * float64(c.Weight)
			weights += float64(c.Weight)
		}
	}
	if weights == 0 {
		return out, 0
	}
	return out, sum / weights
}

// SaveScores records v's scores (criterion id → 0..10) on the proposal. Only the criteria of
// the proposal's call are taken, and all are checked before any is written.
func (s *Service) SaveScores(ctx context.Context, v *web.Viewer, id int64, scores map[int64]int) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := s.authorizeTx(ctx, tx, v, id, ActScore)
		if err != nil {
			return err
		}
		criteria, err := callCriteria(ctx, tx, p.CallID)
		if err != nil {
			return err
		}
		if err := checkScores(criteria, scores); err != nil {
			return err
		}
		for cid, sc := range scores {
			_, err := tx.Exec(ctx, `INSERT INTO proposal_scores (proposal_id, user_id, criterion_id, score, updated_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (proposal_id, user_id, criterion_id)
				DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at`, id, v.ID, cid, sc, s.now())
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func checkScores(criteria []CallCriterion, scores map[int64]int) error {
	if len(scores) == 0 {
		return fail.Fields{"scores": "project.review.no_scores"}
	}
	bad := fail.Fields{}
	for cid, sc := range scores {
		known := false
		for _, c := range criteria {
			known = known || c.ID == cid
		}
		switch {
		case !known:
			bad["scores"] = "project.review.unknown_criterion"
		case sc < 0 || sc > 10:
			bad[scoreField(cid)] = "project.review.score_range"
		}
	}
	if len(bad) > 0 {
		return bad
	}
	return nil
}

// scoreField names a criterion's field in the scores form.
func scoreField(criterionID int64) string { return "score_" + strconv.FormatInt(criterionID, 10) }

// authorizeTx locks the proposal, checks act for v and returns the proposal.
func (s *Service) authorizeTx(ctx context.Context, tx *db.Tx, v *web.Viewer, id int64, act Action) (*ReviewProposal, error) {
	st, err := lockReviewProposal(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := authorize(ctx, tx, v, id, st, act); err != nil {
		return nil, err
	}
	return reviewProposalByID(ctx, tx, id)
}

// maxNote keeps a note to what a discussion needs.
const maxNote = 5000

// AddNote adds v's message to the proposal's private discussion.
func (s *Service) AddNote(ctx context.Context, v *web.Viewer, id int64, body string) (Note, error) {
	if v == nil {
		return Note{}, fail.Unauthorized
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return Note{}, fail.Fields{"body": "form.required"}
	case utf8.RuneCountInString(body) > maxNote:
		return Note{}, fail.Fields{"body": "project.review.note_long"}
	}
	n := Note{UserID: v.ID, Name: v.Name, Body: body, CreatedAt: s.now()}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := s.authorizeTx(ctx, tx, v, id, ActNote); err != nil {
			return err
		}
		return tx.WriteRow(ctx, `INSERT INTO proposal_notes (proposal_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			id, v.ID, body, n.CreatedAt).Scan(&n.ID)
	})
	return n, err
}
