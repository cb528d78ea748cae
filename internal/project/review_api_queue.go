package project

import (
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review queue as JSON: coordinators get every proposal in review, a reviewer those
// assigned to them; anyone else 403.

type apiQueueItem struct {
	ProposalID  int64          `json:"proposal_id"`
	Title       i18n.Text      `json:"title"`
	CallID      *int64         `json:"call_id"`
	Status      ProposalStatus `json:"status"`
	Reviewers   []apiReviewer  `json:"reviewers"`
	Weighted    *float64       `json:"weighted_average"`
	Decisions   []apiDecision  `json:"decisions"`
	Settled     Outcome        `json:"settled"`
	AnswerState string         `json:"answer_state"`
}

// APIQueue serves GET /api/v1/reviews?call=&status=&answer=prepared.
func (h *Handlers) APIQueue(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.Queue(r.Context(), web.ViewerOf(r.Context()), queueFilterOf(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiQueueItem, 0, len(items))
	for _, it := range items {
		out = append(out, apiQueueItemOf(it))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func apiQueueItemOf(it QueueItem) apiQueueItem {
	p := it.Proposal
	a := apiQueueItem{ProposalID: p.ID, Title: p.Title, Status: p.Status, Settled: it.Settled, AnswerState: it.AnswerState(),
		Reviewers: []apiReviewer{}, Decisions: []apiDecision{}}
	if p.CallID != 0 {
		a.CallID = &p.CallID
	}
	if it.Scored {
		w := it.Weighted
		a.Weighted = &w
	}
	for _, rv := range it.Reviewers {
		a.Reviewers = append(a.Reviewers, apiReviewer{rv.UserID, rv.Name, rv.Side, rv.AssignedAt})
	}
	for _, sd := range it.Sided() {
		if sd.Decided {
			d := sd.Decision
			a.Decisions = append(a.Decisions, apiDecision{d.Side, d.Outcome, d.UserID, d.Name, d.DecidedAt})
		}
	}
	return a
}
