package b2b

import (
	"math"
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Survey and statistics API: a participant answers and lists their surveys; organisers read
// the figures.

type apiSurveyInput struct {
	Round    int      `json:"round"`
	Rating   int      `json:"rating"`
	Outcome  Outcome  `json:"outcome"`
	ValueEUR *float64 `json:"value_eur"` // whole euros or null
	Comment  string   `json:"comment"`
}

type apiSurvey struct {
	MeetingID  int64     `json:"meeting_id"`
	ProfileID  int64     `json:"profile_id"`
	Round      int       `json:"round"`
	Rating     int       `json:"rating"`
	Outcome    Outcome   `json:"outcome"`
	ValueEUR   *int64    `json:"value_eur"`
	Comment    string    `json:"comment"`
	AnsweredAt time.Time `json:"answered_at"`
}

func apiSurveyOf(s *Survey) apiSurvey {
	return apiSurvey{MeetingID: s.MeetingID, ProfileID: s.ProfileID, Round: s.Round, Rating: s.Rating, Outcome: s.Outcome,
		ValueEUR: s.ValueEUR, Comment: s.Comment, AnsweredAt: s.AnsweredAt}
}

// input turns the body into an answer. A value that is not a whole number becomes -1, which
// the service refuses with the value's message.
func (in apiSurveyInput) input() SurveyInput {
	out := SurveyInput{Round: in.Round, Rating: in.Rating, Outcome: in.Outcome, Comment: in.Comment}
	if in.ValueEUR != nil {
		v := int64(-1)
		if x := *in.ValueEUR; x == math.Trunc(x) && x >= 0 && x <= maxValueEUR {
			v = int64(x)
		}
		out.ValueEUR = &v
	}
	return out
}

// APIAnswerSurvey serves POST /api/v1/b2b/meetings/{id}/survey: the caller's organisation's
// answer for a round (replacing an earlier one while the round is open).
func (h *Handlers) APIAnswerSurvey(w http.ResponseWriter, r *http.Request) {
	var body apiSurveyInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	s, err := h.svc.AnswerSurvey(r.Context(), web.ViewerOf(r.Context()), pathID(r), body.input())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiSurveyOf(s))
}

type apiRoundState struct {
	Round  int         `json:"round"`
	State  SurveyState `json:"state"`
	Opens  time.Time   `json:"opens_at"`
	Closes time.Time   `json:"closes_at"`
	Answer *apiSurvey  `json:"answer"`
}

type apiSurveyRow struct {
	MeetingID int64           `json:"meeting_id"`
	ProfileID int64           `json:"profile_id"`
	With      apiOrganisation `json:"with"`
	Slot      int             `json:"slot"`
	Table     int             `json:"table"`
	StartsAt  time.Time       `json:"starts_at"`
	Status    MeetingStatus   `json:"status"`
	Rounds    []apiRoundState `json:"rounds"`
}

// APISurveys serves GET /api/v1/events/{id}/b2b/surveys: the caller's surveyable meetings
// with both rounds' state.
func (h *Handlers) APISurveys(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Surveys(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := []apiSurveyRow{}
	for _, row := range list.Rows {
		ar := apiSurveyRow{MeetingID: row.Meeting.ID, ProfileID: row.Profile, With: apiOrganisation(row.Other), Slot: row.Meeting.Slot,
			Table: row.Meeting.Table, StartsAt: row.Slot.StartsAt, Status: row.Meeting.Status}
		for _, st := range row.Rounds {
			rs := apiRoundState{Round: st.Round, State: st.State, Opens: st.Window.Opens, Closes: st.Window.Closes}
			if st.Answer != nil {
				a := apiSurveyOf(st.Answer)
				rs.Answer = &a
			}
			ar.Rounds = append(ar.Rounds, rs)
		}
		out = append(out, ar)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"event_id": list.Event.ID, "meetings": out})
}

type apiRoundFigures struct {
	Answers       int             `json:"answers"`
	Outcomes      map[Outcome]int `json:"outcomes"`
	AverageRating float64         `json:"average_rating"`
	Valued        int             `json:"valued"`
	ValueEUR      int64           `json:"value_eur"`
}

type apiFigures struct {
	Participants int               `json:"participants"`
	Requests     map[string]int    `json:"requests"`
	Meetings     map[string]int    `json:"meetings"`
	Rounds       []apiRoundFigures `json:"rounds"`
}

type apiStatsGroup struct {
	Code string            `json:"code"`
	Name map[string]string `json:"name,omitempty"`
	apiFigures
}

func apiFiguresOf(f Figures) apiFigures {
	rq, m := f.Requests, f.Meetings
	out := apiFigures{Participants: f.Participants,
		Requests: map[string]int{"sent": rq.Sent, "pending": rq.Pending, "accepted": rq.Accepted, "declined": rq.Declined,
			"withdrawn": rq.Withdrawn, "cancelled": rq.Cancelled},
		Meetings: map[string]int{"total": m.Total, "scheduled": m.Scheduled, "unscheduled": m.Unscheduled, "held": m.Held,
			"no_show": m.NoShow, "cancelled": m.Cancelled}}
	for _, rf := range f.Rounds {
		oc := map[Outcome]int{}
		for _, o := range Outcomes {
			oc[o] = rf.Outcomes[o]
		}
		out.Rounds = append(out.Rounds, apiRoundFigures{Answers: rf.Answers, Outcomes: oc,
			AverageRating: math.Round(rf.AverageRating()*100) / 100, Valued: rf.Valued, ValueEUR: rf.ValueEUR})
	}
	return out
}

func apiGroups(gs []StatsGroup) []apiStatsGroup {
	out := []apiStatsGroup{}
	for _, g := range gs {
		ag := apiStatsGroup{Code: g.Code, apiFigures: apiFiguresOf(g.Figures)}
		if !g.Name.Empty() {
			ag.Name = map[string]string{"tr": g.Name.TR, "az": g.Name.AZ, "en": g.Name.EN}
		}
		out = append(out, ag)
	}
	return out
}

// APIStats serves GET /api/v1/events/{id}/b2b/stats (organisers).
func (h *Handlers) APIStats(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Stats(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"event_id": st.Event.ID, "total": apiFiguresOf(st.Total),
		"by_country": apiGroups(st.ByCountry), "by_sector": apiGroups(st.BySector)})
}
