package b2b

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// apiList answers a list read: the error, or every item converted, [] when there is none.
func apiList[T, A any](rd *web.Renderer, w http.ResponseWriter, r *http.Request, list []T, err error, conv func(*T) A) {
	if err != nil {
		rd.APIError(w, r, err)
		return
	}
	out := make([]A, 0, len(list))
	for i := range list {
		out = append(out, conv(&list[i]))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// The API sends times as RFC 3339 in UTC with the venue's zone named, as the events API does.

type apiSlot struct {
	Number   int       `json:"number"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

type apiSession struct {
	ID          int64     `json:"id"`
	StartsAt    time.Time `json:"starts_at"`
	SlotMinutes int       `json:"slot_minutes"`
	Slots       int       `json:"slots"`
	MaxMeetings int       `json:"max_meetings"`
	Breaks      []Break   `json:"breaks"`
	SlotTimes   []apiSlot `json:"slot_times,omitempty"`
}

type apiTable struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
}

type apiProgramme struct {
	EventID         int64        `json:"event_id"`
	Zone            string       `json:"zone"`
	Mode            Mode         `json:"mode"`
	OpensAt         time.Time    `json:"opens_at"`
	ClosesAt        time.Time    `json:"closes_at"`
	MaxOpenRequests int          `json:"max_open_requests"`
	Sessions        []apiSession `json:"sessions"`
	Tables          []apiTable   `json:"tables"`
}

// apiProgrammeInput is what PUT takes: tables by count, with optional names in order.
type apiProgrammeInput struct {
	Mode            Mode         `json:"mode"`
	OpensAt         time.Time    `json:"opens_at"`
	ClosesAt        time.Time    `json:"closes_at"`
	MaxOpenRequests int          `json:"max_open_requests"`
	Sessions        []apiSession `json:"sessions"`
	TableCount      int          `json:"table_count"`
	TableNames      []string     `json:"table_names"`
}

func (in apiProgrammeInput) input() (ProgrammeInput, error) {
	if len(in.TableNames) > max(in.TableCount, 0) {
		return ProgrammeInput{}, fail.Fields{"table_names": "b2b.error.names_beyond_count"}
	}
	out := ProgrammeInput{Mode: in.Mode, OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, MaxOpenRequests: in.MaxOpenRequests,
		Tables: NumberedTables(in.TableCount, in.TableNames)}
	for _, s := range in.Sessions {
		out.Sessions = append(out.Sessions, Session{ID: s.ID, StartsAt: s.StartsAt, SlotMinutes: s.SlotMinutes,
			Slots: s.Slots, MaxMeetings: s.MaxMeetings, Breaks: s.Breaks})
	}
	return out, nil
}

func apiOf(ev EventInfo, p *Programme) apiProgramme {
	out := apiProgramme{EventID: ev.ID, Zone: ev.Zone, Mode: p.Mode, OpensAt: p.OpensAt, ClosesAt: p.ClosesAt,
		MaxOpenRequests: p.MaxOpenRequests, Sessions: []apiSession{}, Tables: []apiTable{}}
	for _, s := range p.Sessions {
		as := apiSession{ID: s.ID, StartsAt: s.StartsAt, SlotMinutes: s.SlotMinutes, Slots: s.Slots,
			MaxMeetings: s.MaxMeetings, Breaks: orEmpty(s.Breaks)}
		for _, sl := range s.SlotTimes() {
			as.SlotTimes = append(as.SlotTimes, apiSlot(sl))
		}
		out.Sessions = append(out.Sessions, as)
	}
	for _, t := range p.Tables {
		out.Tables = append(out.Tables, apiTable(t))
	}
	return out
}

// APIGetProgramme serves GET /api/v1/events/{id}/b2b: the programme of an event the caller
// can see; 404 when it has none.
func (h *Handlers) APIGetProgramme(w http.ResponseWriter, r *http.Request) {
	ev, p, err := h.svc.Programme(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiOf(ev, p))
}

// APIPutProgramme serves PUT /api/v1/events/{id}/b2b (organisers): creates or replaces the
// settings. Sessions with the id of a stored one are updated; those left out are removed.
func (h *Handlers) APIPutProgramme(w http.ResponseWriter, r *http.Request) {
	var body apiProgrammeInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in, err := body.input()
	if err == nil {
		_, err = h.svc.SaveProgramme(ctx, v, pathID(r), in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ev, p, err := h.svc.Programme(ctx, v, pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiOf(ev, p))
}
