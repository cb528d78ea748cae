package b2b

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The delegation API (/api/v1/delegations…): the same service calls as the pages. Dates are
// "YYYY-MM-DD" (days in the destination), instants RFC 3339 in UTC with the zone named.

type apiDelegation struct {
	ID        int64            `json:"id"`
	Slug      string           `json:"slug"`
	Direction Direction        `json:"direction"`
	Zone      string           `json:"zone"`
	StartsOn  string           `json:"starts_on"`
	EndsOn    string           `json:"ends_on"`
	Title     i18n.Text        `json:"title"`
	Purpose   i18n.Text        `json:"purpose"`
	Host      string           `json:"host"`
	Sectors   []string         `json:"sectors"`
	Deadline  time.Time        `json:"deadline"`
	Status    DelegationStatus `json:"status"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
}

type apiDelegationInput struct {
	Slug      string           `json:"slug"`
	Direction Direction        `json:"direction"`
	StartsOn  string           `json:"starts_on"`
	EndsOn    string           `json:"ends_on"`
	Title     i18n.Text        `json:"title"`
	Purpose   i18n.Text        `json:"purpose"`
	Host      string           `json:"host"`
	Sectors   []string         `json:"sectors"`
	Deadline  time.Time        `json:"deadline"`
	Status    DelegationStatus `json:"status"`
}

func (in apiDelegationInput) input() (DelegationInput, error) {
	errs := fail.Fields{}
	out := DelegationInput{Slug: in.Slug, Direction: in.Direction, Title: in.Title, Purpose: in.Purpose, Host: in.Host,
		Sectors: in.Sectors, Deadline: in.Deadline, Status: in.Status,
		StartsOn: parseDay(errs, "starts_on", in.StartsOn), EndsOn: parseDay(errs, "ends_on", in.EndsOn)}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// parseDay reads "YYYY-MM-DD"; empty stays zero for the service to call required.
func parseDay(errs fail.Fields, field, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		errs[field] = "b2b.delegation.error.date"
	}
	return t
}

func apiDelegationOf(d *Delegation) apiDelegation {
	return apiDelegation{ID: d.ID, Slug: d.Slug, Direction: d.Direction, Zone: d.Direction.Zone(),
		StartsOn: d.StartsOn.Format(time.DateOnly), EndsOn: d.EndsOn.Format(time.DateOnly), Title: d.Title, Purpose: d.Purpose,
		Host: d.Host, Sectors: append([]string{}, d.Sectors...), Deadline: d.Deadline, Status: d.Status,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

// APIList serves GET /api/v1/delegations: the public delegations; ?drafts=1 adds drafts for
// coordinators.
func (h *DelegationHandlers) APIList(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.List(r.Context(), web.ViewerOf(r.Context()), r.URL.Query().Get("drafts") == "1")
	apiList(h.rd, w, r, list, err, apiDelegationOf)
}

// APIGet serves GET /api/v1/delegations/{id}.
func (h *DelegationHandlers) APIGet(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.Get(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiDelegationOf(d))
}

// APICreate serves POST /api/v1/delegations (coordinators).
func (h *DelegationHandlers) APICreate(w http.ResponseWriter, r *http.Request) {
	h.apiSave(w, r, 0)
}

// APIUpdate serves PUT /api/v1/delegations/{id} (coordinators).
func (h *DelegationHandlers) APIUpdate(w http.ResponseWriter, r *http.Request) {
	h.apiSave(w, r, pathID(r))
}

func (h *DelegationHandlers) apiSave(w http.ResponseWriter, r *http.Request, id int64) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.APIError(w, r, err) // before reading the body: a stranger learns nothing about the format
		return
	}
	var body apiDelegationInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	in, err := body.input()
	var d *Delegation
	switch {
	case err != nil:
	case id == 0:
		d, err = h.svc.Create(ctx, v, in)
	default:
		d, err = h.svc.Update(ctx, v, id, in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/delegations/"+strconv.FormatInt(d.ID, 10))
	}
	web.WriteJSON(w, status, apiDelegationOf(d))
}

// --- applications

type apiTraveller struct {
	UserID       int64  `json:"user_id"`
	Name         string `json:"name,omitempty"`
	PassportName string `json:"passport_name"`
	Nationality  string `json:"nationality"`
}

type apiApplication struct {
	ID           int64             `json:"id"`
	DelegationID int64             `json:"delegation_id"`
	Organisation apiOrganisation   `json:"organisation"`
	Travellers   []apiTraveller    `json:"travellers"`
	Motivation   string            `json:"motivation"`
	Status       ApplicationStatus `json:"status"`
	Reason       string            `json:"reason,omitempty"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

type apiApplicationInput struct {
	OrganisationID int64          `json:"organisation_id"`
	Travellers     []apiTraveller `json:"travellers"`
	Motivation     string         `json:"motivation"`
}

func apiApplicationOf(a *Application) apiApplication {
	out := apiApplication{ID: a.ID, DelegationID: a.DelegationID, Organisation: apiOrganisation(a.Organisation),
		Travellers: []apiTraveller{}, Motivation: a.Motivation, Status: a.Status, Reason: a.Reason,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	for _, t := range a.Travellers {
		out.Travellers = append(out.Travellers, apiTraveller(t))
	}
	return out
}

// APIApply serves POST /api/v1/delegations/{id}/applications.
func (h *DelegationHandlers) APIApply(w http.ResponseWriter, r *http.Request) {
	var body apiApplicationInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	in := ApplicationInput{OrganisationID: body.OrganisationID, Motivation: body.Motivation, Locale: lang(r)}
	for _, t := range body.Travellers {
		in.Travellers = append(in.Travellers, Traveller{UserID: t.UserID, PassportName: t.PassportName, Nationality: t.Nationality})
	}
	a, err := h.svc.Apply(r.Context(), web.ViewerOf(r.Context()), pathID(r), in)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiApplicationOf(a))
}

// APIApplications serves GET /api/v1/delegations/{id}/applications (coordinators).
func (h *DelegationHandlers) APIApplications(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Applications(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	apiList(h.rd, w, r, list, err, apiApplicationOf)
}

// APIApprove serves POST /api/v1/delegation-applications/{id}/approve (coordinators).
func (h *DelegationHandlers) APIApprove(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Approve(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	h.apiApplicationResult(w, r, a, err)
}

// APIReject serves POST /api/v1/delegation-applications/{id}/reject with {"reason"}.
func (h *DelegationHandlers) APIReject(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	a, err := h.svc.Reject(r.Context(), web.ViewerOf(r.Context()), pathID(r), body.Reason)
	h.apiApplicationResult(w, r, a, err)
}

func (h *DelegationHandlers) apiApplicationResult(w http.ResponseWriter, r *http.Request, a *Application, err error) {
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiApplicationOf(a))
}

// --- members

type apiMember struct {
	ID           int64            `json:"id"`
	UserID       int64            `json:"user_id"`
	Name         string           `json:"name"`
	Organisation *apiOrganisation `json:"organisation"`
	PassportName string           `json:"passport_name"`
	Nationality  string           `json:"nationality"`
	Role         MemberRole       `json:"role"`
}

func apiMemberOf(m *Member) apiMember {
	out := apiMember{ID: m.ID, UserID: m.UserID, Name: m.Name, PassportName: m.PassportName, Nationality: m.Nationality, Role: m.Role}
	if m.OrganisationID != 0 {
		o := apiOrganisation(m.Organisation)
		out.Organisation = &o
	}
	return out
}

// APIMembers serves GET /api/v1/delegations/{id}/members (coordinators and members).
func (h *DelegationHandlers) APIMembers(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Members(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	apiList(h.rd, w, r, list, err, apiMemberOf)
}

// APIAddMember serves POST /api/v1/delegations/{id}/members (coordinators).
func (h *DelegationHandlers) APIAddMember(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email          string     `json:"email"`
		OrganisationID int64      `json:"organisation_id"`
		PassportName   string     `json:"passport_name"`
		Nationality    string     `json:"nationality"`
		Role           MemberRole `json:"role"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	m, err := h.svc.AddMember(r.Context(), web.ViewerOf(r.Context()), pathID(r), MemberInput(body))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiMemberOf(m))
}

// APISetRole serves PUT /api/v1/delegation-members/{id} with {"role"} (coordinators).
func (h *DelegationHandlers) APISetRole(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Role MemberRole `json:"role"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := h.svc.SetRole(ctx, v, pathID(r), body.Role); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	m, err := h.svc.Member(ctx, v, pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiMemberOf(m))
}

// APIRemoveMember serves DELETE /api/v1/delegation-members/{id} (coordinators).
func (h *DelegationHandlers) APIRemoveMember(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RemoveMember(r.Context(), web.ViewerOf(r.Context()), pathID(r)); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// --- itinerary

type apiItem struct {
	ID          int64     `json:"id"`
	Kind        ItemKind  `json:"kind"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Place       string    `json:"place"`
	Title       i18n.Text `json:"title"`
	Description i18n.Text `json:"description"`
	Members     []int64   `json:"members"`
}

type apiItemInput struct {
	Kind        ItemKind  `json:"kind"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Place       string    `json:"place"`
	Title       i18n.Text `json:"title"`
	Description i18n.Text `json:"description"`
	Members     []int64   `json:"members"`
}

func apiItemOf(it *Item) apiItem {
	return apiItem{ID: it.ID, Kind: it.Kind, StartsAt: it.StartsAt, EndsAt: it.EndsAt, Place: it.Place, Title: it.Title,
		Description: it.Description, Members: append([]int64{}, it.Members...)}
}

// APIItinerary serves GET /api/v1/delegations/{id}/itinerary: the items the caller sees.
func (h *DelegationHandlers) APIItinerary(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.Itinerary(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	apiList(h.rd, w, r, items, err, apiItemOf)
}

// APIAddItem serves POST /api/v1/delegations/{id}/itinerary (coordinators).
func (h *DelegationHandlers) APIAddItem(w http.ResponseWriter, r *http.Request) {
	h.apiSaveItem(w, r, pathID(r), 0)
}

// APIUpdateItem serves PUT /api/v1/delegation-items/{id} (coordinators).
func (h *DelegationHandlers) APIUpdateItem(w http.ResponseWriter, r *http.Request) {
	h.apiSaveItem(w, r, 0, pathID(r))
}

func (h *DelegationHandlers) apiSaveItem(w http.ResponseWriter, r *http.Request, delegationID, id int64) {
	var body apiItemInput
	if err := web.DecodeJSON(r, &body); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var it *Item
	var err error
	if id == 0 {
		it, err = h.svc.SaveItem(ctx, v, delegationID, 0, ItemInput(body))
	} else {
		it, err = h.svc.UpdateItem(ctx, v, id, ItemInput(body))
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
	}
	web.WriteJSON(w, status, apiItemOf(it))
}

// APIDeleteItem serves DELETE /api/v1/delegation-items/{id} (coordinators).
func (h *DelegationHandlers) APIDeleteItem(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteItem(r.Context(), web.ViewerOf(r.Context()), pathID(r)); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
