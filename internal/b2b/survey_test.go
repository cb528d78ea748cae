package b2b

import (
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// surveyForum is a forum with two companies that met: held in slot 0, still "planned" in
// slot 2 and 8, a no-show in slot 4, one cancelled and one never placed.
type surveyForum struct {
	*fixture
	prog                                           *Programme
	izmir, baku                                    *Profile
	bakuRep                                        *web.Viewer
	held, planned, later, noShow, cancelled, unset int64
}

func newSurveyForum(t *testing.T, d *db.DB) *surveyForum {
	t.Helper()
	f := &surveyForum{fixture: newFixture(t, d)}
	f.prog = f.forumProgramme(t)
	f.bakuRep = f.user(t, "ixracat@example.az", "İxracat şöbəsi")
	f.izmir = f.company(t, "Ege Zeytin A.Ş.", "TR", []string{"10", "46"}, f.member)
	f.baku = f.company(t, "Xəzər Logistika MMC", "AZ", []string{"52"}, f.bakuRep)
	f.held = f.meeting(t, f.prog.ID, f.izmir, f.baku, 0, 1, MeetingHeld)
	f.planned = f.meeting(t, f.prog.ID, f.baku, f.izmir, 2, 3, MeetingPlanned)
	f.noShow = f.meeting(t, f.prog.ID, f.izmir, f.baku, 4, 2, MeetingNoShow)
	f.later = f.meeting(t, f.prog.ID, f.izmir, f.baku, 8, 1, MeetingPlanned)
	f.cancelled = f.meeting(t, f.prog.ID, f.baku, f.izmir, 5, 1, MeetingCancelled)
	f.unset = f.meeting(t, f.prog.ID, f.izmir, f.baku, -1, 0, MeetingPlanned)
	return f
}

func TestSurveyListAndAnswers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSurveyForum(t, d)
		f.at(slotStart(2).Add(5 * time.Minute)) // during slot 2, before slot 8

		list, err := f.svc.Surveys(ctx, f.member, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		// No-shows, cancelled and unplaced meetings have nothing to survey.
		states := map[int64]SurveyState{}
		for _, r := range list.Rows {
			states[r.Meeting.ID] = r.Round(1).State
			if r.Other.Name != "Xəzər Logistika MMC" || r.Profile != f.izmir.ID || r.Round(2).State != SurveyUpcoming {
				t.Fatalf("row %+v", r)
			}
		}
		want := map[int64]SurveyState{f.held: SurveyToAnswer, f.planned: SurveyToAnswer, f.later: SurveyUpcoming}
		if len(states) != len(want) || states[f.held] != want[f.held] || states[f.planned] != want[f.planned] || states[f.later] != want[f.later] {
			t.Fatalf("states %v; want %v", states, want)
		}

		// Before the meeting's slot started: a field error, nothing stored.
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.later, answer(1, 4, OutcomeFollowUp, 1000))
		fieldErr(t, err, "survey", "b2b.survey.error.not_started")
		// A meeting that did not take place.
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.noShow, answer(1, 4, OutcomeFollowUp, 1000))
		fieldErr(t, err, "survey", "b2b.survey.error.not_held")
		// Bad answers name every field at once.
		bad := SurveyInput{Round: 1, Rating: 6, Outcome: "maybe", ValueEUR: new(int64(-5))}
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.held, bad)
		fieldErr(t, err, "rating", "b2b.survey.error.rating")
		fieldErr(t, err, "outcome", "b2b.survey.error.outcome")
		fieldErr(t, err, "value_eur", "b2b.survey.error.value")
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.held, SurveyInput{Round: 3, Rating: 3, Outcome: OutcomeNone})
		fieldErr(t, err, "round", "b2b.survey.error.round")
		if n := countSurveys(t, f.fixture); n != 0 {
			t.Fatalf("%d answers stored by bad input", n)
		}

		// A planned meeting whose slot has started counts as held (nobody marked it).
		got, err := f.svc.AnswerSurvey(ctx, f.member, f.planned, answer(1, 4, OutcomeFollowUp, 12000))
		if err != nil || got.ProfileID != f.izmir.ID || got.Comment != "Verimli bir görüşme oldu." {
			t.Fatalf("answer %+v, %v", got, err)
		}
		// Answering again while the round is open replaces the answer.
		if _, err := f.svc.AnswerSurvey(ctx, f.member, f.planned, answer(1, 5, OutcomeOffer, -1)); err != nil {
			t.Fatal(err)
		}
		s, err := surveyOf(ctx, d, f.planned, f.izmir.ID, 1)
		if err != nil || s.Rating != 5 || s.Outcome != OutcomeOffer || s.ValueEUR != nil || s.AnsweredBy != f.member.ID {
			t.Fatalf("stored %+v, %v", s, err)
		}
		if n := countSurveys(t, f.fixture); n != 1 {
			t.Fatalf("%d answers after an update; want 1", n)
		}
		// The other side answers for its own organisation.
		if got, err := f.svc.AnswerSurvey(ctx, f.bakuRep, f.planned, answer(1, 3, OutcomeNone, 0)); err != nil || got.ProfileID != f.baku.ID {
			t.Fatalf("other side: %+v, %v", got, err)
		}
		list, _ = f.svc.Surveys(ctx, f.member, f.forum)
		for _, r := range list.Rows {
			if r.Meeting.ID == f.planned && (r.Round(1).State != SurveyAnswered || r.Round(1).Answer.Rating != 5) {
				t.Fatalf("answered row %+v", r.Round(1))
			}
		}

		// Round 2 waits six months.
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.held, answer(2, 4, OutcomeAgreement, 50000))
		fieldErr(t, err, "survey", "b2b.survey.error.not_open")
	})
}

func TestSurveyRoundsCloseAndFollowUpOpens(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSurveyForum(t, d)
		f.at(forumEnd.AddDate(0, 6, 1))
		_, err := f.svc.AnswerSurvey(ctx, f.member, f.held, answer(1, 4, OutcomeFollowUp, -1))
		fieldErr(t, err, "survey", "b2b.survey.error.closed")
		if _, err := f.svc.AnswerSurvey(ctx, f.member, f.held, answer(2, 5, OutcomeAgreement, 250000)); err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Surveys(ctx, f.member, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list.Rows {
			if r.Round(1).State != SurveyClosed || r.Current() != RoundFollowUp {
				t.Fatalf("round 1 after six months: %+v", r.Round(1))
			}
			if want := map[bool]SurveyState{true: SurveyAnswered, false: SurveyToAnswer}[r.Meeting.ID == f.held]; r.Round(2).State != want {
				t.Fatalf("round 2 of %d: %s; want %s", r.Meeting.ID, r.Round(2).State, want)
			}
		}
		f.at(forumEnd.AddDate(0, 9, 1))
		_, err = f.svc.AnswerSurvey(ctx, f.member, f.held, answer(2, 1, OutcomeNone, -1))
		fieldErr(t, err, "survey", "b2b.survey.error.closed")
		if s, _ := surveyOf(ctx, d, f.held, f.izmir.ID, 2); s == nil || s.Rating != 5 || *s.ValueEUR != 250000 {
			t.Fatalf("closed answer changed: %+v", s)
		}
	})
}

func TestSurveyWrongUsers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSurveyForum(t, d)
		f.at(forumEnd.Add(time.Hour))
		rival := f.user(t, "rakip@example.org", "Rakip")
		f.company(t, "Rakip Ticaret", "TR", []string{"10"}, rival) // a participant, not in these meetings
		outsider := f.user(t, "disari@example.org", "Dışarıdan")

		for name, v := range map[string]*web.Viewer{"other participant": rival, "outsider": outsider, "organiser": f.coordinator} {
			if _, err := f.svc.AnswerSurvey(ctx, v, f.held, answer(1, 5, OutcomeAgreement, 1)); !errors.Is(err, fail.NotFound) {
				t.Errorf("%s answered: %v", name, err)
			}
			if _, err := f.svc.SurveyOf(ctx, v, f.forum, f.held); !errors.Is(err, fail.NotFound) {
				t.Errorf("%s read the survey: %v", name, err)
			}
		}
		if _, err := f.svc.AnswerSurvey(ctx, nil, f.held, answer(1, 5, OutcomeAgreement, 1)); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous: %v", err)
		}
		if _, err := f.svc.Surveys(ctx, outsider, f.forum); !errors.Is(err, fail.Forbidden) {
			t.Errorf("outsider's list: %v", err)
		}
		if l, err := f.svc.Surveys(ctx, rival, f.forum); err != nil || len(l.Rows) != 0 {
			t.Errorf("rival's list: %+v, %v", l, err)
		}
		// A meeting asked for through another event's address is not found.
		if _, err := f.svc.SurveyOf(ctx, f.member, f.festival, f.held); !errors.Is(err, fail.NotFound) {
			t.Errorf("through the festival: %v", err)
		}
		if _, err := f.svc.AnswerSurvey(ctx, f.member, 999999, answer(1, 5, OutcomeAgreement, 1)); !errors.Is(err, fail.NotFound) {
			t.Errorf("unknown meeting: %v", err)
		}
		if n := countSurveys(t, f.fixture); n != 0 {
			t.Fatalf("%d answers stored by wrong users", n)
		}
	})
}

func TestParseValueEUR(t *testing.T) {
	for in, want := range map[string]int64{"": -1, " ": -1, "0": 0, "25000": 25000, "25.000": 25000, "25 000 €": 25000,
		"1,250,000": 1250000, "7": 7} {
		v, ok := ParseValueEUR(in)
		if !ok || (want < 0) != (v == nil) || v != nil && *v != want {
			t.Errorf("ParseValueEUR(%q) = %v, %v; want %d", in, v, ok, want)
		}
	}
	for _, in := range []string{"-5", "1.5", "2,50", "abc", "12e3", "1..000", ".000", "10000.000.0", "99999999999999999999"} {
		if v, ok := ParseValueEUR(in); ok {
			t.Errorf("ParseValueEUR(%q) = %v; want refused", in, *v)
		}
	}
}

func countSurveys(t *testing.T, f *fixture) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_surveys`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
