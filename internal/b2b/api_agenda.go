package b2b

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

type apiAgendaSide struct {
	ProfileID    int64    `json:"profile_id"`
	Organisation string   `json:"organisation"`
	People       []string `json:"people"`
}

type apiAgendaMeeting struct {
	ID       int64         `json:"id"`
	Slot     *int          `json:"slot"` // across the programme, from 0; null while waiting
	StartsAt *time.Time    `json:"starts_at"`
	EndsAt   *time.Time    `json:"ends_at"`
	Table    *apiTable     `json:"table"`
	With     apiAgendaSide `json:"with"`
	Status   MeetingStatus `json:"status"`
}

type apiAgenda struct {
	EventID      int64              `json:"event_id"`
	Zone         string             `json:"zone"`
	ProfileID    int64              `json:"profile_id"`
	Organisation string             `json:"organisation"`
	Published    bool               `json:"published"` // slots are final: published, or instant mode
	Meetings     []apiAgendaMeeting `json:"meetings"`
	Waiting      []apiAgendaMeeting `json:"waiting"`
}

func apiAgendaItem(it AgendaItem) apiAgendaMeeting {
	out := apiAgendaMeeting{ID: it.Meeting.ID, Status: it.Meeting.Status,
		With: apiAgendaSide{ProfileID: it.OtherID, Organisation: it.Other.Name, People: []string{}}}
	for _, p := range it.People {
		out.With.People = append(out.With.People, p.Name)
	}
	if it.Placed {
		slot, starts, ends, table := it.Slot.Index, it.Slot.StartsAt, it.Slot.EndsAt, apiTable(it.Table)
		out.Slot, out.StartsAt, out.EndsAt, out.Table = &slot, &starts, &ends, &table
	}
	return out
}

// APIAgenda serves GET /api/v1/events/{id}/b2b/agenda: the caller's agenda (?org= picks one
// of several participating organisations).
func (h *Handlers) APIAgenda(w http.ResponseWriter, r *http.Request) {
	orgID, _ := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
	a, err := h.svc.Agenda(r.Context(), web.ViewerOf(r.Context()), pathID(r), orgID)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := apiAgenda{EventID: a.Event.ID, Zone: a.Event.Zone, ProfileID: a.Profile.ID, Organisation: a.Profile.Organisation.Name,
		Published: a.Visible, Meetings: []apiAgendaMeeting{}, Waiting: []apiAgendaMeeting{}}
	for _, it := range a.Meetings {
		out.Meetings = append(out.Meetings, apiAgendaItem(it))
	}
	for _, it := range a.Waiting {
		out.Waiting = append(out.Waiting, apiAgendaItem(it))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIAttendance serves POST /api/v1/b2b/meetings/{id}/attendance {"status": "held"|"no_show"|"planned"}.
func (h *Handlers) APIAttendance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status MeetingStatus `json:"status"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	m, err := h.svc.MarkAttendance(r.Context(), web.ViewerOf(r.Context()), pathID(r), body.Status)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"id": m.ID, "status": m.Status, "slot": m.Slot, "table": m.Table})
}
