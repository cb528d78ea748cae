package project

import (
	"errors"
	"fmt"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The workflow table, cell by cell: every action every actor may not take in a status is
// tried and must be refused by the table (not by some later check) without changing a row;
// every allowed one is tried on a fresh proposal and must succeed.

// cellProposal is a proposal in st, reviewed by Aysel (association) and Murad
// (municipality); for publishing, both sides have approved and an answer is prepared.
func (f *reviewFixture) cellProposal(t *testing.T, callID int64, st ProposalStatus, act Action) int64 {
	t.Helper()
	id := f.proposal(t, callID, st)
	f.exec(t, `INSERT INTO proposal_reviewers (proposal_id, user_id, side, assigned_at) VALUES (?, ?, 'association', ?), (?, ?, 'municipality', ?)`,
		id, f.aysel.ID, t0, id, f.murad.ID, t0)
	if act == ActPublish {
		f.exec(t, `INSERT INTO proposal_decisions (proposal_id, side, decision, user_id, decided_at) VALUES (?, 'association', 'accepted', ?, ?), (?, 'municipality', 'accepted', ?, ?)`,
			id, f.aysel.ID, t0, id, f.murad.ID, t0)
		f.exec(t, `INSERT INTO proposal_responses (proposal_id, outcome, answer, prepared_by, prepared_at) VALUES (?, 'accepted', ?, ?, ?)`,
			id, i18n.Text{TR: "Kabul edildi."}, f.coordinator.ID, t0)
	}
	return id
}

// actorViewers: the outsider is tried as the proposer and as a reviewer nobody assigned.
func (f *reviewFixture) actorViewers(a Actor) []*web.Viewer {
	switch a {
	case ActorCoordinator:
		return []*web.Viewer{f.coordinator}
	case ActorAssociation:
		return []*web.Viewer{f.aysel}
	case ActorMunicipality:
		return []*web.Viewer{f.murad}
	}
	return []*web.Viewer{f.leyla, f.elvin}
}

// attempt does act on id as v; deciding is for v's own side (the association for others).
func (f *reviewFixture) attempt(v *web.Viewer, id int64, criterion int64, act Action) error {
	switch act {
	case ActView:
		_, err := f.svc.Review(ctx, v, id)
		return err
	case ActScore:
		return f.svc.SaveScores(ctx, v, id, map[int64]int{criterion: 7})
	case ActNote:
		_, err := f.svc.AddNote(ctx, v, id, "Bütçe dengeli görünüyor.")
		return err
	case ActDecide:
		side := Association
		if v == f.murad {
			side = Municipality
		}
		_, err := f.svc.Decide(ctx, v, id, side, OutcomeAccepted)
		return err
	case ActAssign:
		return f.svc.Assign(ctx, v, []int64{id}, f.elvin.ID, Municipality)
	case ActPrepare:
		_, err := f.svc.PrepareAnswer(ctx, v, id, AnswerInput{Outcome: OutcomeAccepted, Text: i18n.Text{TR: "Kabul."}})
		return err
	case ActPublish:
		_, err := f.svc.PublishAnswers(ctx, v, []int64{id})
		return err
	}
	panic("unknown action " + act)
}

// footprint sums every row review writes, to see that a refusal changed nothing.
func (f *reviewFixture) footprint(t *testing.T) string {
	t.Helper()
	out := ""
	for _, table := range []string{"proposal_reviewers", "proposal_scores", "proposal_notes", "proposal_decisions", "proposal_responses", "projects", "jobs"} {
		out += fmt.Sprintf("%s=%d ", table, f.count(t, `SELECT COUNT(*) FROM `+table))
	}
	out += fmt.Sprintf("published=%d ", f.count(t, `SELECT COUNT(*) FROM proposal_responses WHERE published_at IS NOT NULL`))
	return out + fmt.Sprintf("statuses=%d", f.count(t, `SELECT COUNT(DISTINCT status || id) FROM proposals`))
}

func refusedByTable(err error) bool {
	return errors.Is(err, fail.NotFound) || errors.Is(err, fail.Forbidden) || errors.Is(err, ErrWrongState) || errors.Is(err, fail.Unauthorized)
}

func TestEveryForbiddenTransitionIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, criteria := f.call(t, true)
		tried := 0
		for _, st := range ProposalStatuses {
			for _, act := range Actions {
				id := f.cellProposal(t, callID, st, act)
				for _, a := range Actors {
					if Allowed(st, a, act) {
						continue
					}
					for _, v := range f.actorViewers(a) {
						before := f.footprint(t)
						err := f.attempt(v, id, criteria[0], act)
						if !refusedByTable(err) {
							t.Errorf("%s as %s (%s) on a %s proposal: got %v, want a refusal", act, a, v.Name, st, err)
						}
						if after := f.footprint(t); after != before {
							t.Errorf("%s as %s on a %s proposal changed rows: %s → %s", act, a, st, before, after)
						}
						tried++
					}
				}
			}
		}
		if err := f.attempt(nil, f.cellProposal(t, callID, Submitted, ActView), criteria[0], ActView); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous review: %v", err)
		}
		// 7 statuses × 7 actions × 5 people, less the 29 allowed cells' people.
		if tried < 200 {
			t.Fatalf("only %d forbidden attempts", tried)
		}
	})
}

func TestEveryAllowedTransitionSucceeds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, criteria := f.call(t, true)
		for _, st := range ProposalStatuses {
			for _, act := range Actions {
				for _, a := range Actors {
					if !Allowed(st, a, act) {
						continue
					}
					id := f.cellProposal(t, callID, st, act)
					if err := f.attempt(f.actorViewers(a)[0], id, criteria[0], act); err != nil {
						t.Errorf("%s as %s on a %s proposal: %v", act, a, st, err)
					}
				}
			}
		}
		for _, a := range Actors {
			if Allowed(Submitted, ActorOutsider, ActView) || Allowed(Draft, a, ActView) {
				t.Errorf("the table lets %s read a draft or an outsider read a review", a)
			}
		}
	})
}
