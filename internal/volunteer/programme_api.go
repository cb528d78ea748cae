package volunteer

import (
	"cmp"
	"errors"
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The programmes API (/api/v1/volunteer/programmes…, /api/v1/volunteer/shifts/{id}): the
// same Service calls as the pages. Everyone reads what is published; coordinators write.

type progAPIRole struct {
	ID          int64     `json:"id"`
	Name        i18n.Text `json:"name"`
	Description i18n.Text `json:"description"`
	Languages   []string  `json:"languages"`
}

type progAPIShift struct {
	ID            int64     `json:"id"`
	ProgrammeID   int64     `json:"programme_id"`
	RoleID        int64     `json:"role_id"`
	Kind          ShiftKind `json:"kind"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Minutes       int       `json:"minutes"`
	Places        int       `json:"places"`
	Confirmed     int       `json:"confirmed"`
	Free          int       `json:"free"`
	Location      string    `json:"location"`
	ContactName   string    `json:"contact_name"`
	ContactDetail string    `json:"contact_detail"`
}

type progAPIProgramme struct {
	ID               int64          `json:"id"`
	Slug             string         `json:"slug"`
	Title            i18n.Text      `json:"title"`
	Description      i18n.Text      `json:"description"`
	Requirements     i18n.Text      `json:"requirements"`
	City             string         `json:"city"`
	StartsOn         string         `json:"starts_on"`
	EndsOn           string         `json:"ends_on"`
	StartsAt         time.Time      `json:"starts_at"`
	EndsAt           time.Time      `json:"ends_at"`
	MinAge           int            `json:"min_age"`
	EventID          int64          `json:"event_id,omitempty"`
	Issuers          []int64        `json:"issuers"`
	SignupCloseHours int            `json:"signup_close_hours"`
	CancelCloseHours int            `json:"cancel_close_hours"`
	Published        bool           `json:"published"`
	UpdatedAt        time.Time      `json:"updated_at"`
	Roles            []progAPIRole  `json:"roles"`
	Shifts           []progAPIShift `json:"shifts"`
}

func progAPIShiftOf(sh *Shift) progAPIShift {
	return progAPIShift{ID: sh.ID, ProgrammeID: sh.ProgrammeID, RoleID: sh.RoleID, Kind: sh.Kind, StartsAt: sh.StartsAt, EndsAt: sh.EndsAt,
		Minutes: sh.Minutes, Places: sh.Places, Confirmed: sh.Confirmed, Free: sh.Free(), Location: sh.Location,
		ContactName: sh.ContactName, ContactDetail: sh.ContactDetail}
}

func progAPIProgrammeOf(p *Programme) progAPIProgramme {
	in := InputOf(p)
	out := progAPIProgramme{ID: p.ID, Slug: p.Slug, Title: p.Title, Description: p.Description, Requirements: p.Requirements,
		City: p.City, StartsOn: in.StartsOn, EndsOn: in.EndsOn, StartsAt: p.StartsAt, EndsAt: p.EndsAt, MinAge: p.MinAge,
		EventID: p.EventID, Issuers: append([]int64{}, p.Issuers...), SignupCloseHours: p.SignupCloseHours,
		CancelCloseHours: p.CancelCloseHours, Published: p.Published, UpdatedAt: p.UpdatedAt, Roles: []progAPIRole{}, Shifts: []progAPIShift{}}
	for _, r := range p.Roles {
		out.Roles = append(out.Roles, progAPIRole{ID: r.ID, Name: r.Name, Description: r.Description, Languages: append([]string{}, r.Languages...)})
	}
	for i := range p.Shifts {
		out.Shifts = append(out.Shifts, progAPIShiftOf(&p.Shifts[i]))
	}
	return out
}

type progAPIInput struct {
	Title            i18n.Text `json:"title"`
	Description      i18n.Text `json:"description"`
	Requirements     i18n.Text `json:"requirements"`
	City             string    `json:"city"`
	StartsOn         string    `json:"starts_on"`
	EndsOn           string    `json:"ends_on"`
	MinAge           int       `json:"min_age"`
	EventID          int64     `json:"event_id"`
	Issuers          []int64   `json:"issuers"`
	SignupCloseHours int       `json:"signup_close_hours"`
	CancelCloseHours int       `json:"cancel_close_hours"`
	Published        bool      `json:"published"`
}

func (in progAPIInput) input() ProgrammeInput {
	return ProgrammeInput(in)
}

type progAPIRoleInput struct {
	Name        i18n.Text `json:"name"`
	Description i18n.Text `json:"description"`
	Languages   []string  `json:"languages"`
}

type progAPIShiftInput struct {
	RoleID        int64     `json:"role_id"`
	Kind          ShiftKind `json:"kind"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Minutes       int       `json:"minutes"`
	Places        int       `json:"places"`
	Location      string    `json:"location"`
	ContactName   string    `json:"contact_name"`
	ContactDetail string    `json:"contact_detail"`
}

// progAPIFields renames the editor's field names in errors to the API's.
var progAPIFields = map[string]string{"shift_role": "role_id", "shift_kind": "kind", "shift_start": "starts_at", "shift_end": "ends_at",
	"shift_minutes": "minutes", "shift_places": "places", "shift_location": "location", "shift_contact_name": "contact_name",
	"shift_contact_detail": "contact_detail", "role_name": "name", "role_description": "description", "role_languages": "languages"}

// progAPIErr gives field errors the API's field names; other errors pass unchanged.
func progAPIErr(err error) error {
	var fields fail.Fields
	if !errors.As(err, &fields) {
		return err
	}
	out := fail.Fields{}
	for k, key := range fields {
		out[cmp.Or(progAPIFields[k], k)] = key
	}
	return out
}

type progAPIList struct {
	Items []progAPIProgramme `json:"items"`
	Total int                `json:"total"`
	Page  int                `json:"page"`
}

// APIProgrammes serves GET /api/v1/volunteer/programmes with the public list's filters.
func (h *Handlers) APIProgrammes(w http.ResponseWriter, r *http.Request) {
	f, pager := progFilter(r), web.NewPager(r, 50)
	cards, total, err := h.svc.ListProgrammes(r.Context(), f, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := progAPIList{Items: []progAPIProgramme{}, Total: total, Page: pager.Page}
	for _, c := range cards {
		out.Items = append(out.Items, progAPIProgrammeOf(c.Programme))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIProgramme serves GET /api/v1/volunteer/programmes/{id}; drafts only to coordinators.
func (h *Handlers) APIProgramme(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Programme(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, progAPIProgrammeOf(p))
}

// APICreateProgramme serves POST /api/v1/volunteer/programmes.
func (h *Handlers) APICreateProgramme(w http.ResponseWriter, r *http.Request) {
	var in progAPIInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.CreateProgramme(r.Context(), web.ViewerOf(r.Context()), in.input())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/volunteer/programmes/"+progID(p.ID))
	web.WriteJSON(w, http.StatusCreated, progAPIProgrammeOf(p))
}

// APIUpdateProgramme serves PUT /api/v1/volunteer/programmes/{id}.
func (h *Handlers) APIUpdateProgramme(w http.ResponseWriter, r *http.Request) {
	var in progAPIInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.UpdateProgramme(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), in.input())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, progAPIProgrammeOf(p))
}

// APIAddRole serves POST /api/v1/volunteer/programmes/{id}/roles.
func (h *Handlers) APIAddRole(w http.ResponseWriter, r *http.Request) {
	var in progAPIRoleInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	v, id := web.ViewerOf(r.Context()), pathID(r, "id")
	roleID, err := h.svc.SaveRole(r.Context(), v, id, 0, RoleInput(in))
	var p *Programme
	if err == nil {
		p, err = h.svc.Programme(r.Context(), v, id)
	}
	if err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	role := p.RoleByID(roleID)
	web.WriteJSON(w, http.StatusCreated, progAPIRole{ID: role.ID, Name: role.Name, Description: role.Description, Languages: append([]string{}, role.Languages...)})
}

// APIAddShift serves POST /api/v1/volunteer/programmes/{id}/shifts.
func (h *Handlers) APIAddShift(w http.ResponseWriter, r *http.Request) {
	var in progAPIShiftInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	sh, err := h.svc.AddShift(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), ShiftInput(in))
	if err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	web.WriteJSON(w, http.StatusCreated, progAPIShiftOf(sh))
}

// APIUpdateShift serves PUT /api/v1/volunteer/shifts/{id}.
func (h *Handlers) APIUpdateShift(w http.ResponseWriter, r *http.Request) {
	var in progAPIShiftInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	sh, err := h.svc.UpdateShift(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), ShiftInput(in))
	if err != nil {
		h.rd.APIError(w, r, progAPIErr(err))
		return
	}
	web.WriteJSON(w, http.StatusOK, progAPIShiftOf(sh))
}

// APIDeleteShift serves DELETE /api/v1/volunteer/shifts/{id}; 409 while people are confirmed on it.
func (h *Handlers) APIDeleteShift(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteShift(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
