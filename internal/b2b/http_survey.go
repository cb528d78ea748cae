package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Survey pages under /b2b/{slug}: the list of a participant's meetings with where each
// round stands, and the form for one meeting and round.

type surveyCell struct {
	Round  int
	State  string // the state, in the reader's language
	Action string // the link's label; "" when there is nothing to do
	Href   string
}

type surveyLine struct {
	Other string
	When  string
	Table string
	Cells []surveyCell
}

type surveysData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Lines      []surveyLine
}

// Surveys serves GET /b2b/{slug}/surveys.
func (h *Handlers) Surveys(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	l := lang(r)
	list, err := h.svc.Surveys(r.Context(), web.ViewerOf(r.Context()), ev.ID)
	if errors.Is(err, fail.Forbidden) { // not a participant: the way in is joining
		http.Redirect(w, r, base(l, ev)+"/join", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &surveysData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev)}
	for _, row := range list.Rows {
		d.Lines = append(d.Lines, h.surveyLine(r, ev, row))
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/surveys", &web.Page{Title: h.rd.T(r, "b2b.survey.title"), Data: d})
}

func (h *Handlers) surveyLine(r *http.Request, ev EventInfo, row SurveyRow) surveyLine {
	l := lang(r)
	line := surveyLine{Other: row.Other.Name, When: h.dualTime(l, ev, row.Slot.StartsAt), Table: h.rd.T(r, "b2b.survey.table", row.Meeting.Table)}
	for _, st := range row.Rounds {
		c := surveyCell{Round: st.Round, State: h.surveyStateText(r, ev, st),
			Href: fmt.Sprintf("%s/meetings/%d/survey?round=%d", base(l, ev), row.Meeting.ID, st.Round)}
		open := st.Window.Open(h.svc.now())
		switch {
		case st.State == SurveyToAnswer:
			c.Action = h.rd.T(r, "b2b.survey.answer")
		case st.State == SurveyAnswered && open:
			c.Action = h.rd.T(r, "b2b.survey.change")
		case st.State == SurveyAnswered:
			c.Action = h.rd.T(r, "b2b.survey.view")
		}
		line.Cells = append(line.Cells, c)
	}
	return line
}

func (h *Handlers) surveyStateText(r *http.Request, ev EventInfo, st RoundState) string {
	if st.State == SurveyUpcoming {
		return h.rd.T(r, "b2b.survey.state.upcoming", i18n.FormatDateTime(lang(r), st.Window.Opens, ev.Location()))
	}
	return h.rd.T(r, "b2b.survey.state."+string(st.State))
}

type surveyFormData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Action     string
	Round      int
	Rounds     []surveyCell // links to the other round, once it has opened
	Question   string
	When       string
	Table      string
	Blocked    string   // why the round cannot be answered now; the form is not shown
	Answer     []option // the stored answer, shown instead of the form when it is blocked
	Until      string
	Ratings    []option
	Outcomes   []option
}

// Survey serves GET /b2b/{slug}/meetings/{mid}/survey?round=N: the form, filled with the
// side's answer when there is one.
func (h *Handlers) Survey(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	row, ok := h.surveyRow(w, r, ev)
	if !ok {
		return
	}
	round := surveyRound(r.URL.Query().Get("round"), row)
	vals := url.Values{"round": {strconv.Itoa(round)}}
	if a := row.Round(round).Answer; a != nil {
		vals.Set("rating", strconv.Itoa(a.Rating))
		vals.Set("outcome", string(a.Outcome))
		vals.Set("comment", a.Comment)
		if a.ValueEUR != nil {
			vals.Set("value_eur", strconv.FormatInt(*a.ValueEUR, 10))
		}
	}
	h.surveyForm(w, r, http.StatusOK, ev, row, round, web.NewForm(vals))
}

// SaveSurvey serves POST /b2b/{slug}/meetings/{mid}/survey. Bad input shows the form again
// with every problem named and everything typed kept.
func (h *Handlers) SaveSurvey(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	row, ok := h.surveyRow(w, r, ev)
	if !ok {
		return
	}
	round := surveyRound(f.Get("round"), row)
	_, err := h.svc.AnswerSurvey(r.Context(), web.ViewerOf(r.Context()), row.Meeting.ID, surveyFromForm(f))
	if formErrors(f, err) {
		h.surveyForm(w, r, http.StatusUnprocessableEntity, ev, row, round, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.survey.saved"))
	http.Redirect(w, r, base(lang(r), ev)+"/surveys", http.StatusSeeOther)
}

// surveyRow finds the meeting in the address among v's surveyable meetings at ev.
func (h *Handlers) surveyRow(w http.ResponseWriter, r *http.Request, ev EventInfo) (SurveyRow, bool) {
	mid, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	list, err := h.svc.SurveyOf(r.Context(), web.ViewerOf(r.Context()), ev.ID, mid)
	if err != nil {
		h.rd.PageError(w, r, err)
		return SurveyRow{}, false
	}
	return list.Rows[0], true
}

// surveyRound reads the round asked for, or offers the row's current one.
func surveyRound(s string, row SurveyRow) int {
	if n, err := strconv.Atoi(s); err == nil && (n == RoundAfterForum || n == RoundFollowUp) {
		return n
	}
	return row.Current()
}

// surveyFromForm reads the answer. A value that is not a whole number of euros becomes -1,
// which the service refuses with the value's message, so one rule judges every field and
// nothing is stored.
func surveyFromForm(f *web.Form) SurveyInput {
	in := SurveyInput{Outcome: Outcome(f.Get("outcome")), Comment: f.Values.Get("comment")}
	in.Round, _ = strconv.Atoi(f.Get("round"))
	in.Rating, _ = strconv.Atoi(f.Get("rating"))
	v, ok := ParseValueEUR(f.Get("value_eur"))
	if !ok {
		v = new(int64(-1))
	}
	in.ValueEUR = v
	return in
}

// answerLines lists a stored answer as label and value, for a round that can no longer
// be changed.
func (h *Handlers) answerLines(r *http.Request, a *Survey) []option {
	if a == nil {
		return nil
	}
	out := []option{{h.rd.T(r, "b2b.survey.field.rating"), h.rd.T(r, fmt.Sprintf("b2b.survey.rating.%d", a.Rating))},
		{h.rd.T(r, "b2b.survey.field.outcome"), h.rd.T(r, "b2b.survey.outcome."+string(a.Outcome))}}
	if a.ValueEUR != nil {
		out = append(out, option{h.rd.T(r, "b2b.survey.field.value_eur"), i18n.FormatInt(lang(r), *a.ValueEUR) + " €"})
	}
	if a.Comment != "" {
		out = append(out, option{h.rd.T(r, "b2b.survey.field.comment"), a.Comment})
	}
	return out
}

func (h *Handlers) surveyForm(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, row SurveyRow, round int, f *web.Form) {
	l := lang(r)
	st := row.Round(round)
	d := &surveyFormData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Round: round,
		Action:   fmt.Sprintf("%s/meetings/%d/survey", base(l, ev), row.Meeting.ID),
		Question: h.rd.T(r, fmt.Sprintf("b2b.survey.form.round%d", round)),
		When:     h.dualTime(l, ev, row.Slot.StartsAt), Table: h.rd.T(r, "b2b.survey.table", row.Meeting.Table)}
	if key := timingError(st, h.svc.now()); key != "" {
		d.Blocked = h.rd.T(r, key)
		d.Answer = h.answerLines(r, st.Answer)
	} else {
		d.Until = h.rd.T(r, "b2b.survey.form.until", i18n.FormatDate(l, st.Window.Closes.Add(-1), ev.Location()))
	}
	for _, other := range row.Rounds {
		if other.Round != round && other.State != SurveyUpcoming {
			d.Rounds = append(d.Rounds, surveyCell{Round: other.Round, State: h.rd.T(r, fmt.Sprintf("b2b.survey.round%d", other.Round)),
				Href: fmt.Sprintf("%s?round=%d", d.Action, other.Round)})
		}
	}
	for n := 5; n >= 1; n-- {
		d.Ratings = append(d.Ratings, option{strconv.Itoa(n), h.rd.T(r, fmt.Sprintf("b2b.survey.rating.%d", n))})
	}
	for _, o := range Outcomes {
		d.Outcomes = append(d.Outcomes, option{string(o), h.rd.T(r, "b2b.survey.outcome."+string(o))})
	}
	title := h.rd.T(r, "b2b.survey.form.title", row.Other.Name)
	h.rd.Render(w, r, status, "b2b/survey", &web.Page{Title: title, Data: d, Form: f})
}
