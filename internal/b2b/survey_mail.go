package b2b

// Survey mails. Saving a programme plans two jobs for its forum: one when the event ends
// (round 1) and one six months later (round 2). Each job, when it runs, reads the event and
// the meetings again and plans one mail per participant with a meeting to survey; the mail
// itself (mail.go) goes to every attendee in their own language, and only if something is
// still unanswered.
//
// Planning is idempotent: the dedupe key names the event, the round and the moment, so
// saving a programme twice makes one job. Nothing is planned for a moment already past, so
// a save after the forum does not mail again. If the event's end moved since a job was
// planned, the job plans itself for the new moment (when that is still ahead) and stands
// down; if the end was moved into the past, there is no other job for it, so this one mails.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// SurveyJob is the job kind that mails a forum's participants their surveys.
const SurveyJob = "b2b.surveys"

// Mail kinds of the survey invitations, one per round (mail.go's composers).
const (
	mailSurvey1 = "survey_round1"
	mailSurvey2 = "survey_round2"
)

func init() {
	registerMail(mailSurvey1, func(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
		return s.surveyLetter(ctx, RoundAfterForum, ref, profileID, w)
	})
	registerMail(mailSurvey2, func(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
		return s.surveyLetter(ctx, RoundFollowUp, ref, profileID, w)
	})
}

type surveyPlan struct {
	Event int64     `json:"event"`
	Round int       `json:"round"`
	Due   time.Time `json:"due"`
}

// surveyDue is when round's invitations go out for a forum ending at end.
func surveyDue(round int, end time.Time) time.Time {
	if round == RoundFollowUp {
		return followUpAt(end).UTC()
	}
	return end.UTC()
}

// planSurveys plans both rounds' invitations for ev through q (the caller's transaction).
func (s *Service) planSurveys(ctx context.Context, q db.Querier, ev EventInfo) error {
	for _, round := range []int{RoundAfterForum, RoundFollowUp} {
		if err := s.planSurvey(ctx, q, ev, round); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) planSurvey(ctx context.Context, q db.Querier, ev EventInfo, round int) error {
	due := surveyDue(round, ev.EndsAt)
	if s.mail == nil || !due.After(s.now()) {
		return nil
	}
	_, err := s.mail.jobs.Enqueue(ctx, q, SurveyJob, surveyPlan{Event: ev.ID, Round: round, Due: due},
		jobs.RunAt(due), jobs.DedupeKey(fmt.Sprintf("%s:%d:%d:%d", SurveyJob, ev.ID, round, due.Unix())))
	return err
}

// sendSurveys runs one planned round: it plans a mail for every participant with a meeting
// to survey. The mails are deduplicated per participant and round while they wait.
func (s *Service) sendSurveys(ctx context.Context, raw json.RawMessage) error {
	var p surveyPlan
	if err := json.Unmarshal(raw, &p); err != nil || p.Event == 0 || (p.Round != RoundAfterForum && p.Round != RoundFollowUp) {
		return jobs.Permanent(fmt.Errorf("b2b: survey plan %s: %v", raw, err))
	}
	// A job reads what anyone may see: a forum turned back into a draft mails nobody.
	ev, prog, err := s.Programme(ctx, nil, p.Event)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	due := surveyDue(p.Round, ev.EndsAt)
	switch {
	case !due.Equal(p.Due) && due.After(s.now()):
		return s.planSurvey(ctx, s.db, ev, p.Round)
	case s.now().Before(due):
		return fmt.Errorf("b2b: survey round %d of event %d is due at %s", p.Round, p.Event, due) // a clock behind: retried
	}
	ms, err := queryMeetings(ctx, s.db, `m.programme_id = ?`, prog.ID)
	if err != nil {
		return err
	}
	kind := mailSurvey1
	if p.Round == RoundFollowUp {
		kind = mailSurvey2
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		return s.queueMail(ctx, tx, kind, ev.ID, surveyProfiles(ms)...)
	})
}

// surveyLetter invites one participant's person to answer round's surveys; nothing when all
// the participant's meetings are answered already.
func (s *Service) surveyLetter(ctx context.Context, round int, eventID, profileID int64, w Writer) (Letter, bool, error) {
	ev, prog, err := s.Programme(ctx, nil, eventID)
	if err != nil {
		return Letter{}, false, err
	}
	rows, err := s.surveyRows(ctx, ev, prog, profileID, map[int64]Organisation{})
	if err != nil {
		return Letter{}, false, err
	}
	open := 0
	var closes time.Time
	for _, r := range rows {
		if st := r.Round(round); st.State == SurveyToAnswer {
			open, closes = open+1, st.Window.Closes
		}
	}
	if open == 0 {
		return Letter{}, false, nil
	}
	title := ev.Title.In(w.Lang)
	key := fmt.Sprintf("b2b.survey.mail.round%d", round)
	return Letter{
		Subject: w.T(key+".subject", title),
		Lines: []string{
			w.T(key+".intro", title),
			w.T("b2b.survey.mail.count", open),
			"",
			w.Link("/b2b/" + ev.Slug + "/surveys"),
			"",
			w.T("b2b.survey.mail.until", i18n.FormatDate(w.Lang, closes.Add(-time.Minute), ev.Location())),
		},
	}, true, nil
}
