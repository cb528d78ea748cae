package b2b

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The meetings API: organisers read every meeting and adjust them; participants read their
// own, with the place once it is published.

type apiMeeting struct {
	ID        int64         `json:"id"`
	EventID   int64         `json:"event_id"`
	RequestID int64         `json:"request_id"`
	Profiles  [2]int64      `json:"profiles"` // requester, then the one who accepted
	Status    MeetingStatus `json:"status"`
	Slot      *int          `json:"slot"` // across the programme from 0; null while not placed (or not yet published)
	Table     *int          `json:"table"`
	TableName string        `json:"table_name,omitempty"`
	StartsAt  *time.Time    `json:"starts_at"`
	EndsAt    *time.Time    `json:"ends_at"`
	Locked    bool          `json:"locked"`
	Unplaced  *Unplaced     `json:"unplaced,omitempty"` // organisers: why the last run left it out
}

func apiMeetingOf(p *Programme, slots []ProgrammeSlot, m Meeting) apiMeeting {
	out := apiMeeting{ID: m.ID, EventID: p.EventID, RequestID: m.RequestID, Profiles: m.Profiles, Status: m.Status, Locked: m.Locked}
	if m.Scheduled() && m.Slot < len(slots) {
		slot, table, s := m.Slot, m.Table, slots[m.Slot]
		out.Slot, out.Table, out.StartsAt, out.EndsAt = &slot, &table, &s.StartsAt, &s.EndsAt
		if table <= len(p.Tables) {
			out.TableName = p.Tables[table-1].Name
		}
	}
	if u, ok := m.Reason(); ok {
		out.Unplaced = &u
	}
	return out
}

// APIMeetings serves GET /api/v1/events/{id}/b2b/meetings.
func (h *Handlers) APIMeetings(w http.ResponseWriter, r *http.Request) {
	p, ms, err := h.svc.Meetings(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	slots := p.Slots()
	out := make([]apiMeeting, 0, len(ms))
	for _, m := range ms {
		out = append(out, apiMeetingOf(p, slots, m))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"meetings": out})
}

// APIMeeting serves GET /api/v1/b2b/meetings/{id}.
func (h *Handlers) APIMeeting(w http.ResponseWriter, r *http.Request) {
	h.writeMeeting(w, r, pathID(r))
}

func (h *Handlers) writeMeeting(w http.ResponseWriter, r *http.Request, id int64) {
	p, m, err := h.svc.Meeting(r.Context(), web.ViewerOf(r.Context()), id)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiMeetingOf(p, p.Slots(), m))
}

// apiAdjustment is what PATCH takes: a slot and a table to move the meeting there (which
// locks it), locked to lock or unlock it, or unschedule to take it out of the schedule.
type apiAdjustment struct {
	Slot       *int  `json:"slot"`
	Table      *int  `json:"table"`
	Locked     *bool `json:"locked"`
	Unschedule bool  `json:"unschedule"`
}

// APIAdjustMeeting serves PATCH /api/v1/b2b/meetings/{id} (organisers).
func (h *Handlers) APIAdjustMeeting(w http.ResponseWriter, r *http.Request) {
	var body apiAdjustment
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	if err := h.adjustByAPI(r, pathID(r), body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.writeMeeting(w, r, pathID(r))
}

func (h *Handlers) adjustByAPI(r *http.Request, id int64, b apiAdjustment) error {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	moving := b.Slot != nil || b.Table != nil
	switch {
	case b.Unschedule && (moving || b.Locked != nil):
		return fail.Fields{"unschedule": "b2b.schedule.error.unschedule_alone"}
	case b.Unschedule:
		_, err := h.svc.Unschedule(ctx, v, id)
		return err
	case moving && b.Slot == nil:
		return fail.Fields{"slot": "form.required"}
	case moving && b.Table == nil:
		return fail.Fields{"table": "form.required"}
	case !moving && b.Locked == nil:
		return fail.Fields{"slot": "form.required"}
	}
	if moving {
		if _, err := h.svc.MoveMeeting(ctx, v, id, *b.Slot, *b.Table); err != nil {
			return err
		}
	}
	if b.Locked != nil && (!moving || !*b.Locked) {
		_, err := h.svc.SetLocked(ctx, v, id, *b.Locked)
		return err
	}
	return nil
}
