package b2b

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The JSON API for meeting requests, availability and recommendations. Priorities travel by
// name (normal, high, must); a meeting's slot is the programme's slot number from 0 with its
// start time, null until it is scheduled.

type apiSide struct {
	ProfileID    int64           `json:"profile_id"`
	Organisation apiOrganisation `json:"organisation"`
}

type apiRequestMeeting struct {
	ID       int64         `json:"id"`
	Status   MeetingStatus `json:"status"`
	Slot     *int          `json:"slot"`
	Table    *int          `json:"table"`
	StartsAt *time.Time    `json:"starts_at"`
	EndsAt   *time.Time    `json:"ends_at"`
}

type apiRequest struct {
	ID         int64              `json:"id"`
	From       apiSide            `json:"from"`
	To         apiSide            `json:"to"`
	Message    string             `json:"message"`
	Priority   string             `json:"priority"`
	Status     RequestStatus      `json:"status"`
	Reason     string             `json:"reason"`
	Incoming   bool               `json:"incoming"`
	Outgoing   bool               `json:"outgoing"`
	CreatedAt  time.Time          `json:"created_at"`
	AnsweredAt *time.Time         `json:"answered_at"`
	Meeting    *apiRequestMeeting `json:"meeting"`
}

type apiRequestInput struct {
	OrganisationID int64  `json:"organisation_id"` // optional: which of the caller's organisations asks
	To             int64  `json:"to_profile_id"`
	Message        string `json:"message"`
	Priority       string `json:"priority"`
}

type apiReason struct {
	Reason string `json:"reason"`
}

func apiRequestOf(rv *RequestView, p *Programme) apiRequest {
	out := apiRequest{ID: rv.ID, From: apiSide{rv.FromProfileID, apiOrganisation(rv.From)}, To: apiSide{rv.ToProfileID, apiOrganisation(rv.To)},
		Message: rv.Message, Priority: rv.Priority.Name(), Status: rv.Status, Reason: rv.Reason, Incoming: rv.Incoming,
		Outgoing: rv.Outgoing, CreatedAt: rv.CreatedAt}
	if !rv.AnsweredAt.IsZero() {
		out.AnsweredAt = &rv.AnsweredAt
	}
	if m := rv.Meeting; m != nil {
		out.Meeting = &apiRequestMeeting{ID: m.ID, Status: m.Status}
		if slots := p.Slots(); m.Scheduled() && m.Slot < len(slots) {
			slot, table, sl := m.Slot, m.Table, slots[m.Slot]
			out.Meeting.Slot, out.Meeting.Table, out.Meeting.StartsAt, out.Meeting.EndsAt = &slot, &table, &sl.StartsAt, &sl.EndsAt
		}
	}
	return out
}

// programmeFor reads the programme a request list refers to, for the meetings' times.
func (h *Handlers) programmeFor(r *http.Request, programmeID int64) (*Programme, error) {
	var eventID int64
	if err := h.svc.db.QueryRow(r.Context(), `SELECT event_id FROM b2b_programmes WHERE id = ?`, programmeID).Scan(&eventID); err != nil {
		return nil, err
	}
	return programmeByEvent(r.Context(), h.svc.db, eventID)
}

// APIRequests serves GET /api/v1/events/{id}/b2b/requests: the caller's requests, incoming
// and sent; organisers get every request of the programme.
func (h *Handlers) APIRequests(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	list, err := h.svc.Requests(ctx, v, pathID(r))
	var p *Programme
	if err == nil {
		_, p, err = h.svc.Programme(ctx, v, pathID(r))
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiRequest, 0, len(list))
	for _, rv := range list {
		out = append(out, apiRequestOf(rv, p))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APISendRequest serves POST /api/v1/events/{id}/b2b/requests; 201 with the request, which
// comes back accepted (with its meeting) when the other side accepts automatically.
func (h *Handlers) APISendRequest(w http.ResponseWriter, r *http.Request) {
	var body apiRequestInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	in := RequestInput{FromOrganisation: body.OrganisationID, ToProfileID: body.To, Message: body.Message,
		Priority: ParsePriority(body.Priority)}
	if body.Priority != "" && in.Priority == 0 {
		h.rd.APIError(w, r, fail.Fields{"priority": "form.choice"})
		return
	}
	rv, err := h.svc.SendRequest(r.Context(), web.ViewerOf(r.Context()), pathID(r), in)
	h.writeRequest(w, r, http.StatusCreated, rv, err)
}

func (h *Handlers) writeRequest(w http.ResponseWriter, r *http.Request, status int, rv *RequestView, err error) {
	var p *Programme
	if err == nil {
		p, err = h.programmeFor(r, rv.ProgrammeID)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, apiRequestOf(rv, p))
}

// APIAcceptRequest serves POST /api/v1/b2b/requests/{id}/accept.
func (h *Handlers) APIAcceptRequest(w http.ResponseWriter, r *http.Request) {
	h.apiAnswer(w, r, "accept")
}

// APIDeclineRequest serves POST /api/v1/b2b/requests/{id}/decline, with an optional {"reason"}.
func (h *Handlers) APIDeclineRequest(w http.ResponseWriter, r *http.Request) {
	h.apiAnswer(w, r, "decline")
}

// APIWithdrawRequest serves POST /api/v1/b2b/requests/{id}/withdraw.
func (h *Handlers) APIWithdrawRequest(w http.ResponseWriter, r *http.Request) {
	h.apiAnswer(w, r, "withdraw")
}

// APICancelMeeting serves POST /api/v1/b2b/requests/{id}/cancel, with {"reason"}.
func (h *Handlers) APICancelMeeting(w http.ResponseWriter, r *http.Request) {
	h.apiAnswer(w, r, "cancel")
}

func (h *Handlers) apiAnswer(w http.ResponseWriter, r *http.Request, action string) {
	ctx, v, id := r.Context(), web.ViewerOf(r.Context()), pathID(r)
	var body apiReason
	if (action == "decline" || action == "cancel") && r.ContentLength != 0 { // a decline needs no body
		if err := web.DecodeJSON(r, &body); err != nil {
			h.rd.APIError(w, r, err)
			return
		}
	}
	var rv *RequestView
	var err error
	switch action {
	case "accept":
		rv, err = h.svc.AcceptRequest(ctx, v, id)
	case "decline":
		rv, err = h.svc.DeclineRequest(ctx, v, id, body.Reason)
	case "withdraw":
		rv, err = h.svc.WithdrawRequest(ctx, v, id)
	case "cancel":
		rv, err = h.svc.CancelMeeting(ctx, v, id, body.Reason)
	default:
		err = ErrNotFound
	}
	h.writeRequest(w, r, http.StatusOK, rv, err)
}

// --- availability

type apiAvailability struct {
	ProfileID   int64 `json:"profile_id"`
	Slots       int   `json:"slots"`       // the programme's number of slots
	Unavailable []int `json:"unavailable"` // slot numbers from 0
}

type apiAvailabilityInput struct {
	OrganisationID int64 `json:"organisation_id"`
	Unavailable    []int `json:"unavailable"`
}

// APIAvailability serves GET /api/v1/events/{id}/b2b/availability[?org=]: the slots the
// caller's profile cannot meet in.
func (h *Handlers) APIAvailability(w http.ResponseWriter, r *http.Request) {
	h.writeAvailability(w, r, orgParam(r))
}

func (h *Handlers) writeAvailability(w http.ResponseWriter, r *http.Request, orgID int64) {
	me, p, slots, err := h.svc.Availability(r.Context(), web.ViewerOf(r.Context()), pathID(r), orgID)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiAvailability{ProfileID: me.ID, Slots: p.SlotCount(), Unavailable: slots})
}

// APIPutAvailability serves PUT /api/v1/events/{id}/b2b/availability: the listed slots
// replace the set.
func (h *Handlers) APIPutAvailability(w http.ResponseWriter, r *http.Request) {
	var body apiAvailabilityInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	if err := h.svc.SetAvailability(r.Context(), web.ViewerOf(r.Context()), pathID(r), body.OrganisationID, body.Unavailable); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.writeAvailability(w, r, body.OrganisationID)
}

// --- recommendations

type apiRecommendation struct {
	ProfileID    int64           `json:"profile_id"`
	Organisation apiOrganisation `json:"organisation"`
	Type         string          `json:"type"`
	Score        float64         `json:"score"`
	Why          string          `json:"why"` // one line in the caller's language
}

// APIRecommendations serves GET /api/v1/events/{id}/b2b/recommendations[?org=]: the top 20.
func (h *Handlers) APIRecommendations(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Recommendations(r.Context(), web.ViewerOf(r.Context()), pathID(r), orgParam(r), RecommendationCount)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	l := lang(r)
	out := make([]apiRecommendation, 0, len(list))
	for _, rec := range list {
		out = append(out, apiRecommendation{ProfileID: rec.Profile.ID, Organisation: apiOrganisation(rec.Profile.Organisation),
			Type: string(rec.Profile.Type), Score: rec.Suggestion.Score, Why: rec.Suggestion.Line(h.rd.Catalog(), l)})
	}
	web.WriteJSON(w, http.StatusOK, out)
}
