package b2b

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// SurveyState is where one side's answer for one round stands.
type SurveyState string

const (
	SurveyUpcoming SurveyState = "upcoming"  // the round has not opened for this meeting
	SurveyToAnswer SurveyState = "to_answer" // open, not answered yet
	SurveyAnswered SurveyState = "answered"  // answered (and changeable while open)
	SurveyClosed   SurveyState = "closed"    // closed without an answer
)

// RoundState is one round of one meeting's survey for one side.
type RoundState struct {
	Round  int
	Window RoundWindow
	State  SurveyState
	Answer *Survey // nil until answered
}

// SurveyRow is one of a participant's meetings that can be surveyed, with both rounds.
type SurveyRow struct {
	Meeting Meeting
	Profile int64        // the side answering: one of the viewer's organisations
	Other   Organisation // the other side
	Slot    ProgrammeSlot
	Rounds  [2]RoundState // round 1, round 2
}

// Round returns the state of round n (1 or 2).
func (r SurveyRow) Round(n int) RoundState { return r.Rounds[n-1] }

// Current is the round to offer by default: the follow-up once it has opened, else round 1.
func (r SurveyRow) Current() int {
	if r.Rounds[1].State != SurveyUpcoming {
		return RoundFollowUp
	}
	return RoundAfterForum
}

// SurveyList is a participant's surveys at one forum.
type SurveyList struct {
	Event EventInfo
	Rows  []SurveyRow
}

// Surveys lists v's surveyable meetings at the event's forum: those held, or placed and not
// marked otherwise, for every organisation of v's with a profile there. Someone without a
// profile there gets ErrForbidden (pages send them to join).
func (s *Service) Surveys(ctx context.Context, v *web.Viewer, eventID int64) (*SurveyList, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	ev, p, err := s.Programme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	mine, others, err := s.surveySides(ctx, v, p.ID)
	if err != nil {
		return nil, err
	}
	if len(mine) == 0 {
		return nil, ErrForbidden
	}
	out := &SurveyList{Event: ev}
	for _, prof := range mine {
		rows, err := s.surveyRows(ctx, ev, p, prof, others)
		if err != nil {
			return nil, err
		}
		out.Rows = append(out.Rows, rows...)
	}
	slices.SortStableFunc(out.Rows, func(a, b SurveyRow) int { return a.Meeting.Slot - b.Meeting.Slot })
	return out, nil
}

// surveySides splits the programme's profiles into v's own and everyone's organisations by
// profile.
func (s *Service) surveySides(ctx context.Context, v *web.Viewer, programmeID int64) ([]int64, map[int64]Organisation, error) {
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	list, err := listProfiles(ctx, s.db, programmeID, "")
	if err != nil {
		return nil, nil, err
	}
	if err := s.nameOrganisations(ctx, list); err != nil {
		return nil, nil, err
	}
	var mine []int64
	byProfile := map[int64]Organisation{}
	for _, p := range list {
		byProfile[p.ID] = p.Organisation
		if slices.ContainsFunc(orgs, func(o Organisation) bool { return o.ID == p.OrganisationID }) {
			mine = append(mine, p.ID)
		}
	}
	return mine, byProfile, nil
}

// surveyRows builds the rows of one of v's profiles.
func (s *Service) surveyRows(ctx context.Context, ev EventInfo, p *Programme, profileID int64, orgs map[int64]Organisation) ([]SurveyRow, error) {
	ms, err := surveyMeetingsOf(ctx, s.db, profileID)
	if err != nil {
		return nil, err
	}
	answers, err := profileSurveys(ctx, s.db, profileID)
	if err != nil {
		return nil, err
	}
	slots, now := p.Slots(), s.now()
	var out []SurveyRow
	for _, m := range ms {
		if !surveyable(m) || m.Slot >= len(slots) {
			continue
		}
		row := SurveyRow{Meeting: m, Profile: profileID, Other: orgs[m.Other(profileID)], Slot: slots[m.Slot]}
		for i := range row.Rounds {
			row.Rounds[i] = roundState(i+1, row.Slot.StartsAt, ev.EndsAt, now, findAnswer(answers, m.ID, i+1))
		}
		out = append(out, row)
	}
	return out, nil
}

func findAnswer(list []Survey, meetingID int64, round int) *Survey {
	for i := range list {
		if list[i].MeetingID == meetingID && list[i].Round == round {
			return &list[i]
		}
	}
	return nil
}

func roundState(round int, slotStart, end, now time.Time, answer *Survey) RoundState {
	st := RoundState{Round: round, Window: roundWindow(round, slotStart, end), Answer: answer}
	switch {
	case answer != nil:
		st.State = SurveyAnswered
	case now.Before(st.Window.Opens):
		st.State = SurveyUpcoming
	case st.Window.Open(now):
		st.State = SurveyToAnswer
	default:
		st.State = SurveyClosed
	}
	return st
}

// SurveyOf returns one of v's meetings at the event's forum with its survey rounds, for the
// form. A meeting v's organisations were not in, or of another forum, is ErrNotFound: a
// stranger learns nothing about who met whom.
func (s *Service) SurveyOf(ctx context.Context, v *web.Viewer, eventID, meetingID int64) (*SurveyList, error) {
	list, err := s.Surveys(ctx, v, eventID)
	if errors.Is(err, fail.Forbidden) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	for _, r := range list.Rows {
		if r.Meeting.ID == meetingID {
			list.Rows = []SurveyRow{r}
			return list, nil
		}
	}
	return nil, ErrNotFound
}

// AnswerSurvey stores v's organisation's answer about a meeting for in.Round, replacing an
// earlier one while the round is open. Only members of a side may answer (others get
// ErrNotFound); the meeting must have taken place and the round be open.
func (s *Service) AnswerSurvey(ctx context.Context, v *web.Viewer, meetingID int64, in SurveyInput) (*Survey, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	m, err := surveyMeetingByID(ctx, s.db, meetingID)
	if err != nil {
		return nil, err
	}
	eventID, err := surveyEventOf(ctx, s.db, m.ProgrammeID)
	if err != nil {
		return nil, err
	}
	list, err := s.SurveyOf(ctx, v, eventID, meetingID)
	if errors.Is(err, fail.NotFound) {
		// Not among v's surveyable meetings: tell a side why, a stranger nothing.
		return nil, s.whyNotSurveyable(ctx, v, m, in)
	}
	if err != nil {
		return nil, err
	}
	row := list.Rows[0]
	errs := in.validate()
	if errs["round"] == "" {
		if key := timingError(row.Round(in.Round), s.now()); key != "" {
			errs["survey"] = key
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out := &Survey{MeetingID: m.ID, ProfileID: row.Profile, SurveyInput: in, AnsweredBy: v.ID, AnsweredAt: s.now()}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error { return saveSurvey(ctx, tx, out) }); err != nil {
		return nil, err
	}
	return out, nil
}

// timingError names why a round cannot be answered now, or "".
func timingError(st RoundState, now time.Time) string {
	switch {
	case now.Before(st.Window.Opens) && st.Round == RoundAfterForum:
		return "b2b.survey.error.not_started"
	case now.Before(st.Window.Opens):
		return "b2b.survey.error.not_open"
	case !st.Window.Open(now):
		return "b2b.survey.error.closed"
	}
	return ""
}

// whyNotSurveyable answers a member of one of m's sides whose meeting is not surveyable
// (missed, called off, never placed) with a field error, and anyone else with ErrNotFound.
func (s *Service) whyNotSurveyable(ctx context.Context, v *web.Viewer, m *Meeting, in SurveyInput) error {
	for _, pid := range m.Profiles {
		p, err := profileByID(ctx, s.db, pid)
		if err != nil {
			return err
		}
		if ok, err := s.memberOf(ctx, v, p.OrganisationID); err != nil || ok {
			if err != nil {
				return err
			}
			errs := in.validate()
			errs["survey"] = "b2b.survey.error.not_held"
			return errs
		}
	}
	return ErrNotFound
}

// surveyProfiles returns the profiles with meetings to survey in a programme, each once.
func surveyProfiles(ms []Meeting) []int64 {
	seen := map[int64]bool{}
	for _, m := range ms {
		if surveyable(m) {
			seen[m.Profiles[0]], seen[m.Profiles[1]] = true, true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}
