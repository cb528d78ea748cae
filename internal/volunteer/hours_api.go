package volunteer

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The hours API: the same rules as the pages, in JSON.

// apiHours is an hours entry in the API. Person is given to coordinators.
type apiHours struct {
	ID          int64       `json:"id"`
	ProgrammeID int64       `json:"programme_id"`
	ShiftID     int64       `json:"shift_id"`
	UserID      int64       `json:"user_id"`
	Person      string      `json:"person,omitempty"`
	SignupID    int64       `json:"signup_id,omitempty"`
	WorkedOn    string      `json:"worked_on"`
	Minutes     int         `json:"minutes"`
	Note        string      `json:"note"`
	Status      HoursStatus `json:"status"`
	Reason      string      `json:"reason,omitempty"`
	DecidedBy   int64       `json:"decided_by,omitempty"`
	DecidedAt   *time.Time  `json:"decided_at,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
}

func toAPIHours(h Hours, person string) apiHours {
	out := apiHours{ID: h.ID, ProgrammeID: h.ProgrammeID, ShiftID: h.ShiftID, UserID: h.UserID, Person: person,
		SignupID: h.SignupID, WorkedOn: h.WorkedOn.Format(time.DateOnly), Minutes: h.Minutes, Note: h.Note,
		Status: h.Status, Reason: h.Reason, DecidedBy: h.DecidedBy, CreatedAt: h.CreatedAt}
	if !h.DecidedAt.IsZero() {
		out.DecidedAt = &h.DecidedAt
	}
	return out
}

// APIListHours serves GET /api/v1/volunteer/hours?programme=&status=: coordinators any
// hours, everyone else their own.
func (h *Handlers) APIListHours(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := HoursFilter{Status: HoursStatus(q.Get("status"))}
	f.ProgrammeID, _ = strconv.ParseInt(q.Get("programme"), 10, 64)
	switch f.Status {
	case "", HoursPending, HoursApproved, HoursRejected:
	default:
		h.rd.APIError(w, r, fail.Fields{"status": "form.choice"})
		return
	}
	items, err := h.svc.ListHours(r.Context(), web.ViewerOf(r.Context()), f)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiHours, len(items))
	for i, it := range items {
		out[i] = toAPIHours(it.Hours, it.Person)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APILogHours serves POST /api/v1/volunteer/hours {"shift_id","worked_on","minutes","note"}.
func (h *Handlers) APILogHours(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ShiftID  int64  `json:"shift_id"`
		WorkedOn string `json:"worked_on"`
		Minutes  int    `json:"minutes"`
		Note     string `json:"note"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	got, err := h.svc.LogHours(r.Context(), web.ViewerOf(r.Context()),
		HoursInput{ShiftID: in.ShiftID, Day: in.WorkedOn, Minutes: in.Minutes, Note: in.Note})
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toAPIHours(*got, ""))
}

// APIWithdrawHours serves DELETE /api/v1/volunteer/hours/{id}: the caller's own pending entry.
func (h *Handlers) APIWithdrawHours(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.WithdrawHours(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// APIApproveHours serves POST /api/v1/volunteer/hours/{id}/approve.
func (h *Handlers) APIApproveHours(w http.ResponseWriter, r *http.Request) {
	ctx, v, id := r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")
	h.apiDecided(w, r, id, h.svc.ApproveOne(ctx, v, id))
}

// APIRejectHours serves POST /api/v1/volunteer/hours/{id}/reject {"reason"}.
func (h *Handlers) APIRejectHours(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx, v, id := r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")
	h.apiDecided(w, r, id, h.svc.RejectHours(ctx, v, id, in.Reason))
}

// apiDecided answers a decision with the entry as it now stands.
func (h *Handlers) apiDecided(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	got, err := h.svc.HoursByID(r.Context(), web.ViewerOf(r.Context()), id)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, toAPIHours(*got, ""))
}
