package project

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// approved is a joint proposal both sides approved.
func (f *reviewFixture) approved(t *testing.T, callID int64) int64 {
	t.Helper()
	id := f.proposal(t, callID, Submitted)
	f.assignBoth(t, id)
	if _, err := f.svc.Decide(ctx, f.aysel, id, Association, OutcomeAccepted); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Decide(ctx, f.murad, id, Municipality, OutcomeAccepted); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPublishAnswersAndProjects(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, _ := f.call(t, true)
		a, b := f.approved(t, callID), f.approved(t, callID)
		open := f.proposal(t, callID, Submitted)
		f.assignBoth(t, open)

		// Publishing without an answer, or with an empty text, is refused.
		if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{a}); fieldErr(err, "answer") != "project.answer.text_required" {
			t.Fatalf("publish without an answer: %v", err)
		}
		if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, a, AnswerInput{Outcome: OutcomeAccepted, Text: i18n.Text{TR: "  "}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{a}); fieldErr(err, "answer") != "project.answer.text_required" {
			t.Fatalf("publish an empty answer: %v", err)
		}
		// An answer must tell what the sides decided.
		if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, a, AnswerInput{Outcome: OutcomeRejected, Text: i18n.Text{TR: "Reddedildi."}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{a}); fieldErr(err, "outcome") != "project.answer.outcome_differs" {
			t.Fatalf("publish against the decisions: %v", err)
		}
		text := i18n.Text{TR: "Festival kabul edildi.", AZ: "Festival qəbul edildi.", EN: "The festival is accepted."}
		for _, id := range []int64{a, b, open} {
			if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, id, AnswerInput{Outcome: OutcomeAccepted, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		prepared, err := f.svc.Queue(ctx, f.coordinator, QueueFilter{Prepared: true})
		if err != nil || len(prepared) != 3 || prepared[2].Settled != "" || prepared[0].Settled != OutcomeAccepted {
			t.Fatalf("prepared: %+v %v", prepared, err)
		}
		// A batch with an undecided proposal publishes nothing and names it.
		_, err = f.svc.PublishAnswers(ctx, f.coordinator, []int64{a, b, open})
		if id, ok := isPublishRefused(err); !ok || id != open || fieldErr(err, "outcome") != "project.answer.not_settled" {
			t.Fatalf("batch with an undecided proposal: %v", err)
		}
		if f.status(t, a) != Submitted || f.count(t, `SELECT COUNT(*) FROM projects`) != 0 {
			t.Fatal("half a batch published")
		}
		pub, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{b, a})
		if err != nil || len(pub) != 2 || pub[0].ProjectID == 0 {
			t.Fatalf("publish: %+v %v", pub, err)
		}
		if f.status(t, a) != Accepted || f.status(t, b) != Accepted {
			t.Fatal("status not set by the answer")
		}
		// The project: both proposals share a title, so the second slug is numbered.
		pid, err := f.svc.ProjectOfProposal(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		var slug, status, starts, ends, currency string
		var planned int64
		var year int
		err = d.QueryRow(ctx, `SELECT slug, status, starts_on, ends_on, currency, planned_minor, year FROM projects WHERE id = ?`, pid).
			Scan(&slug, &status, &starts, &ends, &currency, &planned, &year)
		if err != nil || slug != "izmir-baku-genclik-festivali" || status != "not_started" || starts != "2026-06-01" || ends != "2026-07-12" ||
			currency != "TRY" || planned != 26500000 || year != 2026 {
			t.Fatalf("project: %s %s %s–%s %s %d %d %v", slug, status, starts, ends, currency, planned, year, err)
		}
		other, _ := f.svc.ProjectOfProposal(ctx, b)
		if n := f.count(t, `SELECT COUNT(*) FROM projects WHERE id = ? AND slug = 'izmir-baku-genclik-festivali-2'`, other); n != 1 {
			t.Fatal("second project's slug is not numbered")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM project_indicators WHERE project_id = ? AND actual = 0 AND target IN (500, 40)`, pid); n != 2 {
			t.Fatalf("indicators copied: %d", n)
		}
		// Like a project created on the tracker, it starts its history and its folded text
		// for the tracker's filter.
		if n := f.count(t, `SELECT COUNT(*) FROM project_history WHERE project_id = ? AND field = 'created'`, pid); n != 1 {
			t.Fatalf("history of the new project: %d rows", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM projects WHERE id = ? AND folded LIKE '%genclik%'`, pid); n != 1 {
			t.Fatal("the new project is not folded for the tracker's text filter")
		}
		if _, err := f.svc.ProjectOfProposal(ctx, open); !errors.Is(err, fail.NotFound) {
			t.Fatalf("project of an undecided proposal: %v", err)
		}
		// Published is final.
		if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{a}); !errors.Is(err, ErrWrongState) {
			t.Fatalf("publish twice: %v", err)
		}
	})
}

func TestNeedsInfoAndRejectionMakeNoProject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		callID, _ := f.call(t, true)
		for _, o := range []Outcome{OutcomeNeedsInfo, OutcomeRejected} {
			id := f.proposal(t, callID, Submitted)
			f.assignBoth(t, id)
			if _, err := f.svc.Decide(ctx, f.murad, id, Municipality, o); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, id, AnswerInput{Outcome: o, Text: i18n.Text{EN: "Please add the venue's permit."}}); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{id}); err != nil {
				t.Fatal(err)
			}
			if f.status(t, id) != ProposalStatus(o) {
				t.Fatalf("status after %s: %s", o, f.status(t, id))
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM projects`); n != 0 {
			t.Fatalf("%d projects from unaccepted proposals", n)
		}
	})
}

func TestAnswerTemplates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		if _, err := f.svc.SaveAnswerTemplate(ctx, f.coordinator, AnswerTemplate{Name: "Boş"}); fieldErr(err, "answer_tr") == "" || fieldErr(err, "outcome") == "" {
			t.Fatalf("empty template: %v", err)
		}
		tpl, err := f.svc.SaveAnswerTemplate(ctx, f.coordinator, AnswerTemplate{Name: "Ek bilgi", Outcome: OutcomeNeedsInfo, Text: i18n.Text{TR: "Lütfen bütçeyi ayrıntılandırın.", AZ: "Xahiş edirik, büdcəni ətraflı yazın."}})
		if err != nil {
			t.Fatal(err)
		}
		tpl.Name = "Ek bilgi gerekli"
		if _, err := f.svc.SaveAnswerTemplate(ctx, f.coordinator, tpl); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SaveAnswerTemplate(ctx, f.aysel, tpl); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a reviewer edits templates: %v", err)
		}
		list, err := f.svc.AnswerTemplates(ctx, f.coordinator)
		if err != nil || len(list) != 1 || list[0].Name != "Ek bilgi gerekli" || list[0].Text.AZ != "Xahiş edirik, büdcəni ətraflı yazın." {
			t.Fatalf("templates: %+v %v", list, err)
		}
		if err := f.svc.DeleteAnswerTemplate(ctx, f.leyla, tpl.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member deletes a template: %v", err)
		}
		if _, err := f.svc.AnswerTemplates(ctx, f.murad); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a reviewer lists templates: %v", err)
		}
		if err := f.svc.DeleteAnswerTemplate(ctx, f.coordinator, tpl.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteAnswerTemplate(ctx, f.coordinator, tpl.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("delete twice: %v", err)
		}
	})
}

// The proposer hears of the published answer over real SMTP, in her language (English),
// with the answer's English text.
func TestAnswerMailedToTheProposer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		sink, out, q, cat := startMail(t, d)
		f.svc.UseMail(q, out, cat, "https://kopru.example.org")
		callID, _ := f.call(t, true)
		id := f.approved(t, callID)
		text := i18n.Text{TR: "Festival kabul edildi.", AZ: "Festival qəbul edildi.", EN: "The festival is accepted; the municipality offers the stage."}
		if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, id, AnswerInput{Outcome: OutcomeAccepted, Text: text}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PublishAnswers(ctx, f.coordinator, []int64{id}); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			if ran, err := q.RunOnce(ctx); err != nil {
				t.Fatal(err)
			} else if !ran {
				break
			}
		}
		if _, err := out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := sink.To(fmt.Sprintf("user%d@kopru.test", f.leyla.ID))
		if len(got) != 1 {
			t.Fatalf("mails to Leyla: %+v", sink.All())
		}
		m := got[0]
		if m.Subject != "Answer to your proposal: İzmir–Bakü Gençlik Festivali" || m.Lang != "en" ||
			!strings.Contains(m.Text, text.EN) || !strings.Contains(m.Text, "Decision: Accepted") ||
			!strings.Contains(m.Text, "https://kopru.example.org/en/my/proposals") {
			t.Fatalf("mail: %q (%s)\n%s", m.Subject, m.Lang, m.Text)
		}
	})
}

// Two coordinators publish the same answer at once: one publication, one project.
func TestConcurrentPublicationMakesOneProject(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newReviewFixture(t, d)
		other := f.user(t, "İkinci Koordinatör", "tr", "coordinator")
		callID, _ := f.call(t, true)
		for round := range 3 {
			id := f.approved(t, callID)
			if _, err := f.svc.PrepareAnswer(ctx, f.coordinator, id, AnswerInput{Outcome: OutcomeAccepted, Text: i18n.Text{TR: "Kabul."}}); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, v := range []*web.Viewer{f.coordinator, other} {
				wg.Go(func() { _, errs[i] = f.svc.PublishAnswers(ctx, v, []int64{id}) })
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else if !errors.Is(err, ErrWrongState) {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if n := f.count(t, `SELECT COUNT(*) FROM projects WHERE proposal_id = ?`, id); ok != 1 || n != 1 {
				t.Fatalf("round %d: %d publications, %d projects", round, ok, n)
			}
		}
	})
}
