package project

import (
	"errors"
	"maps"
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review's JSON API. Everything here is for coordinators and assigned reviewers only:
// anyone else gets 404, as on the pages, so the API never confirms a private review exists.

type apiReviewer struct {
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	Side       Side      `json:"side"`
	AssignedAt time.Time `json:"assigned_at"`
}

type apiCriterion struct {
	ID      int64     `json:"id"`
	Name    i18n.Text `json:"name"`
	Weight  int       `json:"weight"`
	Mine    *int      `json:"my_score"`
	Average float64   `json:"average"`
	Count   int       `json:"scored_by"`
}

type apiNote struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"user_id"`
	Name      string    `json:"name"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

type apiDecision struct {
	Side      Side      `json:"side"`
	Decision  Outcome   `json:"decision"`
	UserID    int64     `json:"user_id"`
	Name      string    `json:"name"`
	DecidedAt time.Time `json:"decided_at"`
}

type apiAnswer struct {
	Outcome     Outcome    `json:"outcome"`
	Answer      i18n.Text  `json:"answer"`
	PreparedAt  time.Time  `json:"prepared_at"`
	PublishedAt *time.Time `json:"published_at"`
}

type apiReview struct {
	ProposalID int64          `json:"proposal_id"`
	Title      i18n.Text      `json:"title"`
	Status     ProposalStatus `json:"status"`
	Joint      bool           `json:"joint_approval"`
	MySide     Side           `json:"my_side"`
	Reviewers  []apiReviewer  `json:"reviewers"`
	Criteria   []apiCriterion `json:"criteria"`
	Weighted   *float64       `json:"weighted_average"`
	Notes      []apiNote      `json:"notes"`
	Decisions  []apiDecision  `json:"decisions"`
	Settled    Outcome        `json:"settled"`
	Answer     *apiAnswer     `json:"answer"`
}

func apiReviewOf(rv *Review) apiReview {
	out := apiReview{ProposalID: rv.Proposal.ID, Title: rv.Proposal.Title, Status: rv.Proposal.Status, Joint: rv.Proposal.Joint,
		MySide: rv.Side, Settled: rv.Settled, Reviewers: []apiReviewer{}, Criteria: []apiCriterion{}, Notes: []apiNote{}, Decisions: []apiDecision{}}
	for _, a := range rv.Reviewers {
		out.Reviewers = append(out.Reviewers, apiReviewer{a.UserID, a.Name, a.Side, a.AssignedAt})
	}
	for _, c := range rv.Criteria {
		out.Criteria = append(out.Criteria, apiCriterion{c.ID, c.Name, c.Weight, c.Mine, c.Average, c.Count})
	}
	if rv.Scored {
		w := rv.Weighted
		out.Weighted = &w
	}
	for _, n := range rv.Notes {
		out.Notes = append(out.Notes, apiNote(n))
	}
	for _, d := range rv.Decisions {
		out.Decisions = append(out.Decisions, apiDecision{d.Side, d.Outcome, d.UserID, d.Name, d.DecidedAt})
	}
	if a := rv.Answer; a != nil {
		out.Answer = &apiAnswer{a.Outcome, a.Text, a.PreparedAt, a.PublishedAt}
	}
	return out
}

// APIReview serves GET /api/v1/proposals/{id}/review.
func (h *Handlers) APIReview(w http.ResponseWriter, r *http.Request) {
	rv, err := h.svc.Review(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiReviewOf(rv))
}

// writeReview answers a change with the review as it now stands.
func (h *Handlers) writeReview(w http.ResponseWriter, r *http.Request, status int, err error) {
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	rv, err := h.svc.Review(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, apiReviewOf(rv))
}

type apiScoresInput struct {
	Scores []struct {
		CriterionID int64 `json:"criterion_id"`
		Score       int   `json:"score"`
	} `json:"scores"`
}

// APIPutScores serves PUT /api/v1/proposals/{id}/scores: the caller's scores.
func (h *Handlers) APIPutScores(w http.ResponseWriter, r *http.Request) {
	var in apiScoresInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	scores := map[int64]int{}
	for _, s := range in.Scores {
		scores[s.CriterionID] = s.Score
	}
	h.writeReview(w, r, http.StatusOK, h.svc.SaveScores(r.Context(), web.ViewerOf(r.Context()), pathID(r), scores))
}

// APIAddNote serves POST /api/v1/proposals/{id}/notes {"body"}: 201 with the note.
func (h *Handlers) APIAddNote(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	n, err := h.svc.AddNote(r.Context(), web.ViewerOf(r.Context()), pathID(r), in.Body)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiNote(n))
}

// APIDecide serves POST /api/v1/proposals/{id}/decisions {"side","decision"}: 201 with the
// review; 409 when the side has already decided.
func (h *Handlers) APIDecide(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Side     Side    `json:"side"`
		Decision Outcome `json:"decision"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	_, err := h.svc.Decide(r.Context(), web.ViewerOf(r.Context()), pathID(r), in.Side, in.Decision)
	h.writeReview(w, r, http.StatusCreated, err)
}

// APIPutAnswer serves PUT /api/v1/proposals/{id}/answer {"outcome","answer":{tr,az,en}}.
func (h *Handlers) APIPutAnswer(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Outcome Outcome   `json:"outcome"`
		Answer  i18n.Text `json:"answer"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	a, err := h.svc.PrepareAnswer(r.Context(), web.ViewerOf(r.Context()), pathID(r), AnswerInput{Outcome: in.Outcome, Text: in.Answer})
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiAnswer{a.Outcome, a.Text, a.PreparedAt, a.PublishedAt})
}

type apiPublished struct {
	ProposalID int64   `json:"proposal_id"`
	Outcome    Outcome `json:"outcome"`
	ProjectID  *int64  `json:"project_id"`
}

// APIPublishAnswers serves POST /api/v1/answers/publish {"proposal_ids":[…]}: all or none;
// a refusal is a problem naming the proposal in "proposal_id".
func (h *Handlers) APIPublishAnswers(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ProposalIDs []int64 `json:"proposal_ids"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	pub, err := h.svc.PublishAnswers(r.Context(), web.ViewerOf(r.Context()), in.ProposalIDs)
	if id, ok := isPublishRefused(err); ok {
		var fields fail.Fields
		if errors.As(err, &fields) {
			named := fail.Fields{"proposal_id": strconv.FormatInt(id, 10)}
			maps.Copy(named, fields)
			h.rd.APIError(w, r, named)
			return
		}
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiPublished, len(pub))
	for i, p := range pub {
		out[i] = apiPublished{ProposalID: p.ProposalID, Outcome: p.Outcome}
		if p.ProjectID != 0 {
			out[i].ProjectID = &pub[i].ProjectID
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"published": out})
}

// APIAssign serves POST /api/v1/proposals/{id}/reviewers {"user_id","side"}: side may be
// left out for the side of the reviewer's organisation.
func (h *Handlers) APIAssign(w http.ResponseWriter, r *http.Request) {
	var in struct {
		UserID int64 `json:"user_id"`
		Side   Side  `json:"side"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	err := h.svc.Assign(r.Context(), web.ViewerOf(r.Context()), []int64{pathID(r)}, in.UserID, in.Side)
	h.writeReview(w, r, http.StatusCreated, err)
}

// APIUnassign serves DELETE /api/v1/proposals/{id}/reviewers/{uid}.
func (h *Handlers) APIUnassign(w http.ResponseWriter, r *http.Request) {
	uid, _ := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err := h.svc.Unassign(r.Context(), web.ViewerOf(r.Context()), pathID(r), uid); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
