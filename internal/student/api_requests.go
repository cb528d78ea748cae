package student

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The JSON API under /api/v1/support, with the same service and rules as the pages.
// Attachments are uploaded through the pages; the API lists their metadata.

type apiRequest struct {
	ID          int64          `json:"id"`
	Category    string         `json:"category"`
	Subject     string         `json:"subject"`
	Description string         `json:"description"`
	Sensitive   bool           `json:"sensitive"`
	Status      string         `json:"status"`
	Priority    string         `json:"priority"`
	AssigneeID  *int64         `json:"assignee_id"`
	FollowUpOn  string         `json:"follow_up_on,omitempty"`
	Outcome     string         `json:"outcome,omitempty"`
	OutcomeNote string         `json:"outcome_note,omitempty"` // staff only
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	ClosedAt    *time.Time     `json:"closed_at,omitempty"`
	Messages    []apiMessage   `json:"messages,omitempty"`
	Attachments []apiAttachent `json:"attachments,omitempty"`
}

type apiMessage struct {
	ID        int64     `json:"id"`
	Author    string    `json:"author"`
	FromStaff bool      `json:"from_staff"`
	Body      string    `json:"body"`
	Internal  bool      `json:"internal"`
	CreatedAt time.Time `json:"created_at"`
}

type apiAttachent struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	CreatedAt   time.Time `json:"created_at"`
}

func apiRequestOf(r *Request, staff bool) apiRequest {
	out := apiRequest{ID: r.ID, Category: r.Category, Subject: r.Subject, Description: r.Description, Sensitive: r.Sensitive,
		Status: r.Status, Priority: r.Priority, FollowUpOn: r.FollowUpOn, Outcome: r.Outcome,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ClosedAt: timePtr(r.ClosedAt)}
	if r.AssigneeID != 0 {
		id := r.AssigneeID
		out.AssigneeID = &id
	}
	if staff {
		out.OutcomeNote = r.OutcomeNote
	}
	for _, m := range r.Messages {
		if m.Internal && !staff {
			continue
		}
		out.Messages = append(out.Messages, apiMessage{ID: m.ID, Author: m.Author, FromStaff: m.FromStaff, Body: m.Body, Internal: m.Internal, CreatedAt: m.CreatedAt})
	}
	for _, a := range r.Attachments {
		out.Attachments = append(out.Attachments, apiAttachent{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, CreatedAt: a.CreatedAt})
	}
	return out
}

type apiTriageRow struct {
	ID         int64     `json:"id"`
	Category   string    `json:"category"`
	Subject    string    `json:"subject,omitempty"`
	Sensitive  bool      `json:"sensitive"`
	Status     string    `json:"status"`
	Priority   string    `json:"priority"`
	AssigneeID *int64    `json:"assignee_id"`
	FollowUpOn string    `json:"follow_up_on,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// APIList serves GET /api/v1/support/requests: the caller's own requests, or with
// ?scope=triage the triage list (coordinators and admins; filters status, category, assignee).
func (h *Handlers) APIList(w http.ResponseWriter, r *http.Request) {
	ctx, v, q := r.Context(), viewer(r), r.URL.Query()
	if q.Get("scope") == "triage" {
		rows, err := h.svc.Triage(ctx, v, TriageFilter{Status: q.Get("status"), Category: q.Get("category"), Assignee: q.Get("assignee")})
		if err != nil {
			h.rd.APIError(w, r, err)
			return
		}
		out := make([]apiTriageRow, len(rows))
		for i, t := range rows {
			out[i] = apiTriageRow{ID: t.ID, Category: t.Category, Subject: t.Subject, Sensitive: t.Sensitive, Status: t.Status,
				Priority: t.Priority, FollowUpOn: t.FollowUpOn, CreatedAt: t.CreatedAt}
			if t.AssigneeID != 0 {
				id := t.AssigneeID
				out[i].AssigneeID = &id
			}
		}
		web.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
		return
	}
	list, err := h.svc.Mine(ctx, v)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiRequest, len(list))
	for i, req := range list {
		out[i] = apiRequestOf(req, false)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
}

type apiDraft struct {
	Category    string `json:"category"`
	Subject     string `json:"subject"`
	Description string `json:"description"`
	Consent     bool   `json:"consent"`
}

// APICreate serves POST /api/v1/support/requests.
func (h *Handlers) APICreate(w http.ResponseWriter, r *http.Request) {
	var in apiDraft
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	req, err := h.svc.Open(r.Context(), viewer(r), Draft(in), nil)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiRequestOf(req, false))
}

// APIGet serves GET /api/v1/support/requests/{id}: internal notes only for staff.
func (h *Handlers) APIGet(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	req, err := h.svc.Request(r.Context(), v, pathID(r, "id"))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiRequestOf(req, isStaffOf(v, req) && !isStudentOf(v, req)))
}

type apiMessageIn struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
}

// APIReply serves POST /api/v1/support/requests/{id}/messages.
func (h *Handlers) APIReply(w http.ResponseWriter, r *http.Request) {
	var in apiMessageIn
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	m, err := h.svc.Reply(r.Context(), viewer(r), pathID(r, "id"), in.Body, in.Internal, nil)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiMessage{ID: m.ID, FromStaff: m.FromStaff, Body: m.Body, Internal: m.Internal, CreatedAt: m.CreatedAt})
}

type apiTriageIn struct {
	Priority    *string `json:"priority"`
	AssigneeID  *int64  `json:"assignee_id"`
	FollowUpOn  *string `json:"follow_up_on"`
	Status      *string `json:"status"` // open, waiting_student or closed (then outcome is required)
	Sensitive   *bool   `json:"sensitive"`
	Outcome     string  `json:"outcome"`
	OutcomeNote string  `json:"outcome_note"`
}

// takeOnly reports whether the body sets nothing but the assignee.
func (in apiTriageIn) takeOnly() bool {
	return in.Priority == nil && in.FollowUpOn == nil && in.Status == nil && in.Sensitive == nil && in.Outcome == "" && in.OutcomeNote == ""
}

// APIUpdate serves PUT /api/v1/support/requests/{id}: the triage fields (assignee or
// admin); status "closed" closes the request with outcome. A coordinator sending only
// {"assignee_id": <own id>} takes an unassigned request.
func (h *Handlers) APIUpdate(w http.ResponseWriter, r *http.Request) {
	ctx, v, id := r.Context(), viewer(r), pathID(r, "id")
	var in apiTriageIn
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	if in.takeOnly() && in.AssigneeID != nil && v != nil && *in.AssigneeID == v.ID && !isAdmin(v) {
		// A coordinator taking an unassigned request ("assign to me").
		if err := h.svc.Assign(ctx, v, id, v.ID); err != nil {
			h.rd.APIError(w, r, err)
			return
		}
		h.APIGet(w, r)
		return
	}
	closing := in.Status != nil && *in.Status == "closed"
	t := Triage{Priority: in.Priority, AssigneeID: in.AssigneeID, FollowUpOn: in.FollowUpOn, Sensitive: in.Sensitive}
	if !closing {
		t.Status = in.Status
	}
	var err error
	if !closing && in.Outcome != "" {
		err = fail.Fields{"status": "student.error.close_status"}
	}
	if err == nil && (t.Priority != nil || t.AssigneeID != nil || t.FollowUpOn != nil || t.Status != nil || t.Sensitive != nil) {
		_, err = h.svc.Update(ctx, v, id, t)
	}
	if err == nil && closing {
		err = h.svc.Close(ctx, v, id, in.Outcome, in.OutcomeNote)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.APIGet(w, r)
}

// APIReports serves GET /api/v1/support/reports: aggregate figures for coordinators.
func (h *Handlers) APIReports(w http.ResponseWriter, r *http.Request) {
	rep, err := h.svc.Report(r.Context(), viewer(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, rep)
}
