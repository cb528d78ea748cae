package b2b

import (
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// statsForum is surveyForum with a third company, open and refused requests, and answers in
// both rounds.
func statsForum(t *testing.T, d *db.DB) *surveyForum {
	t.Helper()
	f := newSurveyForum(t, d)
	rep := f.user(t, "satis@example.org", "Satış")
	rival := f.company(t, "Rakip Gıda", "TR", []string{"10"}, rep)
	f.request(t, f.prog.ID, rival, f.baku, RequestPending)
	f.request(t, f.prog.ID, rival, f.izmir, RequestDeclined)
	f.request(t, f.prog.ID, f.izmir, rival, RequestWithdrawn)
	f.at(forumEnd.Add(time.Hour))
	for _, a := range []struct {
		v       *Profile
		meeting int64
		in      SurveyInput
	}{
		{f.izmir, f.held, answer(1, 4, OutcomeFollowUp, 10000)},
		{f.baku, f.held, answer(1, 5, OutcomeOffer, -1)},
		{f.izmir, f.planned, answer(1, 2, OutcomeNone, 0)},
	} {
		who := f.member
		if a.v == f.baku {
			who = f.bakuRep
		}
		if _, err := f.svc.AnswerSurvey(ctx, who, a.meeting, a.in); err != nil {
			t.Fatal(err)
		}
	}
	f.at(forumEnd.AddDate(0, 6, 2))
	if _, err := f.svc.AnswerSurvey(ctx, f.bakuRep, f.held, answer(2, 5, OutcomeAgreement, 200000)); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestStatsCountsAndBreakdowns(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := statsForum(t, d)
		st, err := f.svc.Stats(ctx, f.coordinator, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		tot := st.Total
		if tot.Participants != 3 {
			t.Errorf("participants %d", tot.Participants)
		}
		if want := (RequestFigures{Sent: 9, Pending: 1, Accepted: 5, Declined: 1, Withdrawn: 1, Cancelled: 1}); tot.Requests != want {
			t.Errorf("requests %+v; want %+v", tot.Requests, want)
		}
		if want := (MeetingFigures{Total: 6, Scheduled: 4, Unscheduled: 1, Held: 1, NoShow: 1, Cancelled: 1}); tot.Meetings != want {
			t.Errorf("meetings %+v; want %+v", tot.Meetings, want)
		}
		r1 := tot.Round(1)
		if r1.Answers != 3 || r1.Outcomes[OutcomeFollowUp] != 1 || r1.Outcomes[OutcomeOffer] != 1 || r1.Outcomes[OutcomeNone] != 1 ||
			r1.Valued != 2 || r1.ValueEUR != 10000 || r1.AverageRating() < 3.66 || r1.AverageRating() > 3.67 {
			t.Errorf("round 1 %+v avg %.3f", r1, r1.AverageRating())
		}
		if r2 := tot.Round(2); r2.Answers != 1 || r2.Outcomes[OutcomeAgreement] != 1 || r2.ValueEUR != 200000 || r2.AverageRating() != 5 {
			t.Errorf("round 2 %+v", r2)
		}

		// By country: a request counts for each side's country, an answer for the answerer's.
		if len(st.ByCountry) != 2 || st.ByCountry[0].Code != "AZ" || st.ByCountry[1].Code != "TR" {
			t.Fatalf("countries %+v", st.ByCountry)
		}
		az, tr := st.ByCountry[0], st.ByCountry[1]
		if az.Participants != 1 || az.Requests.Sent != 7 || az.Meetings.Total != 6 || az.Round(1).Answers != 1 || az.Round(2).Answers != 1 {
			t.Errorf("AZ %+v", az.Figures)
		}
		if tr.Participants != 2 || tr.Requests.Sent != 9 || tr.Round(1).Answers != 2 || tr.Round(2).Answers != 0 {
			t.Errorf("TR %+v", tr.Figures)
		}
		// By NACE section, named in three languages: 10 → C, 46 → G, 52 → H.
		codes := ""
		for _, g := range st.BySector {
			codes += g.Code
		}
		if codes != "CGH" {
			t.Fatalf("sections %q", codes)
		}
		c, h := st.BySector[0], st.BySector[2]
		if c.Participants != 2 || c.Name.TR == "" || c.Name.AZ == "" || c.Name.EN != "Manufacturing" {
			t.Errorf("section C %+v %+v", c.Name, c.Figures)
		}
		if h.Round(2).ValueEUR != 200000 || h.Round(1).Outcomes[OutcomeOffer] != 1 {
			t.Errorf("section H %+v", h.Figures)
		}
	})
}

func TestStatsOnlyForOrganisers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSurveyForum(t, d)
		if _, err := f.svc.Stats(ctx, f.member, f.forum); !errors.Is(err, fail.Forbidden) {
			t.Errorf("participant: %v", err)
		}
		if _, err := f.svc.Stats(ctx, nil, f.forum); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous: %v", err)
		}
		if _, err := f.svc.Stats(ctx, f.coordinator, f.festival); !errors.Is(err, fail.NotFound) {
			t.Errorf("an event without a programme: %v", err)
		}
		// A programme nobody joined yet has zero figures, not missing ones.
		empty := f.event(t, events.BusinessForum, "Boş Forum")
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, empty, setup()); err != nil {
			t.Fatal(err)
		}
		st, err := f.svc.Stats(ctx, f.coordinator, empty)
		if err != nil || st.Total.Participants != 0 || st.Total.Round(1).Outcomes == nil || len(st.ByCountry) != 0 {
			t.Fatalf("empty forum: %+v, %v", st, err)
		}
	})
}
