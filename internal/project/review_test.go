package project

import (
	"errors"
	"math"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func fieldErr(err error, field string) string {
	var fields fail.Fields
	if errors.As(err, &fields) {
		return fields[field]
	}
	return ""
}

func TestAssignReviewers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, _ := f.call(t, true)
		a, b := f.proposal(t, callID, Submitted), f.proposal(t, callID, Submitted)
		draft := f.proposal(t, callID, Draft)

		// In bulk, each on the side of their organisation.
		for _, r := range []*web.Viewer{f.aysel, f.murad} {
			if err := f.svc.Assign(ctx, f.coordinator, []int64{a, b}, r.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		rv, err := f.svc.Review(ctx, f.coordinator, b)
		if err != nil || len(rv.Reviewers) != 2 || rv.Reviewers[0].Side != Association || rv.Reviewers[0].Name != "Aysel Məmmədova" || rv.Reviewers[1].Side != Municipality {
			t.Fatalf("reviewers of b: %+v %v", rv, err)
		}
		// Elvin belongs to no organisation: the coordinator must choose his side.
		if err := f.svc.Assign(ctx, f.coordinator, []int64{a}, f.elvin.ID, ""); fieldErr(err, "side") != "project.review.choose_side" {
			t.Fatalf("assign without a side: %v", err)
		}
		// Leyla is no reviewer, and the author's organisation never reviews itself.
		if err := f.svc.Assign(ctx, f.coordinator, []int64{a}, f.leyla.ID, Association); fieldErr(err, "user_id") != "project.review.not_a_reviewer" {
			t.Fatalf("assign a member: %v", err)
		}
		f.dir.members[f.izazder] = append(f.dir.members[f.izazder], f.elvin.ID)
		if err := f.svc.Assign(ctx, f.coordinator, []int64{a}, f.elvin.ID, Association); fieldErr(err, "user_id") != "project.review.own_proposal" {
			t.Fatalf("assign to the own organisation's proposal: %v", err)
		}
		f.dir.members[f.izazder] = f.dir.members[f.izazder][:1]
		// A batch with a draft in it assigns nobody.
		if err := f.svc.Assign(ctx, f.coordinator, []int64{a, draft}, f.elvin.ID, Municipality); err == nil {
			t.Fatal("assigned to a draft")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM proposal_reviewers WHERE user_id = ?`, f.elvin.ID); n != 0 {
			t.Fatalf("half a batch assigned: %d", n)
		}
		// Only coordinators assign.
		if err := f.svc.Assign(ctx, f.aysel, []int64{a}, f.elvin.ID, Municipality); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a reviewer assigned: %v", err)
		}
		if err := f.svc.Unassign(ctx, f.aysel, a, f.murad.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a reviewer unassigned another: %v", err)
		}
		if _, err := f.svc.AssignableReviewers(ctx, f.leyla); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member lists the reviewers: %v", err)
		}
		// Unassigning takes the reviewer's scores away with them.
		f.exec(t, `INSERT INTO proposal_scores (proposal_id, user_id, criterion_id, score, updated_at) SELECT ?, ?, id, 5, ? FROM project_call_criteria WHERE call_id = ?`, a, f.murad.ID, t0, callID)
		if err := f.svc.Unassign(ctx, f.coordinator, a, f.murad.ID); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM proposal_scores WHERE proposal_id = ?`, a); n != 0 {
			t.Fatalf("scores of an unassigned reviewer: %d", n)
		}
		if _, err := f.svc.Review(ctx, f.murad, a); !errors.Is(err, fail.NotFound) {
			t.Fatalf("unassigned reviewer reads the review: %v", err)
		}
		if err := f.svc.Unassign(ctx, f.coordinator, a, f.murad.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("unassign twice: %v", err)
		}
	})
}

func TestReviewPageScoresAndNotes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, crit := f.call(t, true)
		id := f.proposal(t, callID, Submitted)
		f.assignBoth(t, id)

		if err := f.svc.SaveScores(ctx, f.aysel, id, map[int64]int{crit[0]: 8, crit[1]: 6}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SaveScores(ctx, f.murad, id, map[int64]int{crit[0]: 6, crit[1]: 10}); err != nil {
			t.Fatal(err)
		}
		// A second save replaces the first.
		if err := f.svc.SaveScores(ctx, f.murad, id, map[int64]int{crit[1]: 10}); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []map[int64]int{{crit[0]: 11}, {crit[0]: -1}, {crit[0]: 5, 99999: 5}, {}} {
			if err := f.svc.SaveScores(ctx, f.aysel, id, bad); !errors.As(err, new(fail.Fields)) {
				t.Fatalf("scores %v: %v", bad, err)
			}
		}
		if _, err := f.svc.AddNote(ctx, f.aysel, id, "  "); fieldErr(err, "body") != "form.required" {
			t.Fatalf("empty note: %v", err)
		}
		if _, err := f.svc.AddNote(ctx, f.aysel, id, "Bütçedeki ulaşım kalemi AZN olarak yazılmış."); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddNote(ctx, f.coordinator, id, "Belediye otobüsleri verilebilir."); err != nil {
			t.Fatal(err)
		}

		rv, err := f.svc.Review(ctx, f.aysel, id)
		if err != nil {
			t.Fatal(err)
		}
		// Relevance averages 7, feasibility 8: (7×60 + 8×40) / 100 = 7.4.
		if math.Abs(rv.Weighted-7.4) > 1e-9 || *rv.Criteria[0].Mine != 8 || rv.Criteria[1].Average != 8 {
			t.Fatalf("scores: %v %+v", rv.Weighted, rv.Criteria)
		}
		c := rv.Content
		if len(c.Activities) != 2 || len(c.Budget) != 3 || len(c.Indicators) != 2 || len(c.Answers) != 1 || len(c.Attachments) != 1 {
			t.Fatalf("content: %+v", c)
		}
		if c.Totals[0] != (ProposalTotal{"TRY", 26500000, 20000000, 6500000}) || c.Totals[1].Currency != "AZN" {
			t.Fatalf("totals: %+v", c.Totals)
		}
		if len(rv.Notes) != 2 || rv.Notes[1].Name != "Koordinatör" || rv.Side != Association || !rv.Can[ActDecide] || rv.Can[ActPublish] {
			t.Fatalf("notes, side, rights: %+v %s %v", rv.Notes, rv.Side, rv.Can)
		}
		// The proposer and a reviewer someone else was assigned learn nothing, not even that
		// there is a review.
		for _, v := range []*web.Viewer{f.leyla, f.elvin} {
			if _, err := f.svc.Review(ctx, v, id); !errors.Is(err, fail.NotFound) {
				t.Fatalf("%s reads the review: %v", v.Name, err)
			}
			if err := f.svc.SaveScores(ctx, v, id, map[int64]int{crit[0]: 10}); !errors.Is(err, fail.NotFound) {
				t.Fatalf("%s scores: %v", v.Name, err)
			}
		}
	})
}

func TestJointDecisions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		joint, _ := f.call(t, true)
		id := f.proposal(t, joint, Submitted)
		f.assignBoth(t, id)

		if o, err := f.svc.Decide(ctx, f.aysel, id, Association, OutcomeAccepted); err != nil || o != "" {
			t.Fatalf("first approval: %q %v", o, err)
		}
		// Approving twice, and approving for the other side, are refused.
		if _, err := f.svc.Decide(ctx, f.aysel, id, Association, OutcomeAccepted); !errors.Is(err, ErrAlreadyDecided) {
			t.Fatalf("approving twice: %v", err)
		}
		if _, err := f.svc.Decide(ctx, f.aysel, id, Municipality, OutcomeAccepted); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("approving for the other side: %v", err)
		}
		// The decided side is no longer offered to decide; the other side still is.
		if rv, err := f.svc.Review(ctx, f.aysel, id); err != nil || rv.Can[ActDecide] {
			t.Fatalf("the association's review after its decision: may decide %v, %v", rv != nil && rv.Can[ActDecide], err)
		}
		if rv, err := f.svc.Review(ctx, f.murad, id); err != nil || !rv.Can[ActDecide] {
			t.Fatalf("the municipality's review before its decision: may decide %v, %v", rv != nil && rv.Can[ActDecide], err)
		}
		if _, err := f.svc.Decide(ctx, f.murad, id, Municipality, "maybe"); fieldErr(err, "decision") != "form.choice" {
			t.Fatalf("unknown decision: %v", err)
		}
		if o, err := f.svc.Decide(ctx, f.murad, id, Municipality, OutcomeAcceptedWithChanges); err != nil || o != OutcomeAcceptedWithChanges {
			t.Fatalf("second approval: %q %v", o, err)
		}
		rv, err := f.svc.Review(ctx, f.coordinator, id)
		if err != nil || len(rv.Decisions) != 2 || rv.Decisions[0].Name != "Aysel Məmmədova" || !rv.Decisions[1].DecidedAt.Equal(t0) || rv.Settled != OutcomeAcceptedWithChanges {
			t.Fatalf("decisions: %+v %v", rv, err)
		}

		// Without joint approval one side settles it; in a joint call a rejection does.
		single, _ := f.call(t, false)
		one := f.proposal(t, single, Submitted)
		f.assignBoth(t, one)
		if o, _ := f.svc.Decide(ctx, f.murad, one, Municipality, OutcomeAccepted); o != OutcomeAccepted {
			t.Fatalf("single approval settles: %q", o)
		}
		rej := f.proposal(t, joint, Submitted)
		f.assignBoth(t, rej)
		if o, _ := f.svc.Decide(ctx, f.aysel, rej, Association, OutcomeRejected); o != OutcomeRejected {
			t.Fatalf("a rejection settles: %q", o)
		}
		// The standing intake is always joint.
		intake := f.proposal(t, 0, Submitted)
		f.assignBoth(t, intake)
		if o, _ := f.svc.Decide(ctx, f.aysel, intake, Association, OutcomeAccepted); o != "" {
			t.Fatalf("intake settled by one side: %q", o)
		}
	})
}

func TestSettleTable(t *testing.T) {
	acc, chg, rej, info := OutcomeAccepted, OutcomeAcceptedWithChanges, OutcomeRejected, OutcomeNeedsInfo
	for _, c := range []struct {
		joint bool
		a, m  Outcome // "" : undecided
		want  Outcome
	}{
		{true, acc, "", ""}, {true, acc, acc, acc}, {true, acc, chg, chg}, {true, chg, chg, chg},
		{true, rej, "", rej}, {true, acc, rej, rej}, {true, info, "", info}, {true, info, rej, rej}, {true, acc, info, info},
		{false, acc, "", acc}, {false, "", chg, chg}, {false, acc, rej, rej}, {false, "", "", ""},
	} {
		var ds []Decision
		if c.a != "" {
			ds = append(ds, Decision{Side: Association, Outcome: c.a})
		}
		if c.m != "" {
			ds = append(ds, Decision{Side: Municipality, Outcome: c.m})
		}
		if got := Settle(c.joint, ds); got != c.want {
			t.Errorf("joint=%v %q+%q: %q, want %q", c.joint, c.a, c.m, got, c.want)
		}
	}
}

// Two reviewers of the association approve at the same moment: one decision is recorded,
// the other reviewer is told the side has decided.
func TestConcurrentApprovalsForOneSide(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, _ := f.call(t, true)
		second := f.user(t, "Nigar Quliyeva", "az", "reviewer")
		f.dir.members[f.culture] = append(f.dir.members[f.culture], second.ID)
		for round := range 5 {
			id := f.proposal(t, callID, Submitted)
			f.assignBoth(t, id)
			if err := f.svc.Assign(ctx, f.coordinator, []int64{id}, second.ID, ""); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, v := range []*web.Viewer{f.aysel, second} {
				wg.Go(func() { _, errs[i] = f.svc.Decide(ctx, v, id, Association, OutcomeAccepted) })
			}
			wg.Wait()
			ok, dup := 0, 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case errors.Is(err, ErrAlreadyDecided) || db.IsUniqueViolation(err):
					dup++
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if n := f.count(t, `SELECT COUNT(*) FROM proposal_decisions WHERE proposal_id = ?`, id); ok != 1 || dup != 1 || n != 1 {
				t.Fatalf("round %d: %d recorded, %d refused, %d rows", round, ok, dup, n)
			}
		}
	})
}

func TestQueueAndCarriedReviewers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, _ := f.call(t, true)
		a, b := f.approved(t, callID), f.proposal(t, 0, Submitted)
		f.proposal(t, callID, Draft)
		f.assignBoth(t, b)
		if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, a, AnswerInput{Outcome: OutcomeAccepted}); err != nil {
			t.Fatal(err)
		}
		all, err := f.svc.Queue(ctx, f.coordinator, QueueFilter{})
		if err != nil || len(all) != 2 || all[0].Settled != OutcomeAccepted || all[0].AnswerState() != "prepared" || len(all[1].Reviewers) != 2 {
			t.Fatalf("queue: %+v %v", all, err)
		}
		for _, c := range []struct {
			f    QueueFilter
			want int64
		}{{QueueFilter{CallID: -1}, b}, {QueueFilter{CallID: callID}, a}, {QueueFilter{Prepared: true}, a}} {
			got, err := f.svc.Queue(ctx, f.coordinator, c.f)
			if err != nil || len(got) != 1 || got[0].Proposal.ID != c.want {
				t.Fatalf("filter %+v: %+v %v", c.f, got, err)
			}
		}
		if mine, _ := f.svc.Queue(ctx, f.elvin, QueueFilter{}); len(mine) != 0 {
			t.Fatalf("an unassigned reviewer's queue: %+v", mine)
		}
		if _, err := f.svc.Queue(ctx, f.leyla, QueueFilter{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("the proposer's queue: %v", err)
		}
		if got, err := f.svc.PublicAnswerOf(ctx, a); got != nil || err != nil {
			t.Fatalf("an unpublished answer shown: %+v %v", got, err)
		}
		// A new version keeps the reviewers.
		next := f.proposal(t, callID, Submitted)
		if err := inheritReview(ctx, d, b, next); err != nil {
			t.Fatal(err)
		}
		if rv, err := f.svc.Review(ctx, f.murad, next); err != nil || rv.Side != Municipality || len(rv.Reviewers) != 2 {
			t.Fatalf("carried review: %+v %v", rv, err)
		}
	})
}
