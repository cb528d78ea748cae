package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Coordinators' delegation pages under /admin/delegations: the list, the editor, the
// applications and members, and the itinerary. The service checks the role; the handlers
// also check that an application, member or item belongs to the delegation in the address.

type editorData struct {
	D           *Delegation
	Action      string
	Directions  []option
	Statuses    []option
	TextLangs   []option
	Sectors     []check
	SectorQuery string
	NoSectorHit bool
}

func (h *DelegationHandlers) adminBase(r *http.Request) string {
	return "/" + lang(r) + "/admin/delegations"
}

// AdminList serves GET /admin/delegations: every delegation, drafts included.
func (h *DelegationHandlers) AdminList(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	list, err := h.svc.List(r.Context(), v, true)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	views := make([]delegationView, len(list))
	for i := range list {
		views[i] = h.view(r, &list[i])
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/delegation_admin", &web.Page{Title: h.rd.T(r, "b2b.delegation.admin.title"), Data: views})
}

// NewDelegation serves GET /admin/delegations/new.
func (h *DelegationHandlers) NewDelegation(w http.ResponseWriter, r *http.Request) {
	if err := requireOrganiser(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.editor(w, r, http.StatusOK, nil, web.NewForm(url.Values{"direction": {string(IzmirToBaku)}, "status": {string(DelegationDraft)}}))
}

// EditDelegation serves GET /admin/delegations/{id}.
func (h *DelegationHandlers) EditDelegation(w http.ResponseWriter, r *http.Request) {
	d, ok := h.adminDelegation(w, r)
	if !ok {
		return
	}
	h.editor(w, r, http.StatusOK, d, web.NewForm(delegationValues(d)))
}

// adminDelegation is the delegation in the address, for coordinators only.
func (h *DelegationHandlers) adminDelegation(w http.ResponseWriter, r *http.Request) (*Delegation, bool) {
	v := web.ViewerOf(r.Context())
	err := requireOrganiser(v)
	var d *Delegation
	if err == nil {
		d, err = h.svc.Get(r.Context(), v, pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return d, true
}

// adminForm is adminDelegation for a posted form, with the form read.
func (h *DelegationHandlers) adminForm(w http.ResponseWriter, r *http.Request) (*Delegation, *web.Form, bool) {
	d, ok := h.adminDelegation(w, r)
	return h.withForm(w, r, d, ok)
}

// slugForm is bySlug for a posted form, with the form read.
func (h *DelegationHandlers) slugForm(w http.ResponseWriter, r *http.Request) (*Delegation, *web.Form, bool) {
	d, ok := h.bySlug(w, r)
	return h.withForm(w, r, d, ok)
}

func (h *DelegationHandlers) withForm(w http.ResponseWriter, r *http.Request, d *Delegation, ok bool) (*Delegation, *web.Form, bool) {
	if !ok {
		return nil, nil, false
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return nil, nil, false
	}
	return d, f, true
}

// SaveDelegation serves POST /admin/delegations and POST /admin/delegations/{id}.
func (h *DelegationHandlers) SaveDelegation(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var d *Delegation
	if r.PathValue("id") != "" {
		var ok bool
		if d, ok = h.adminDelegation(w, r); !ok {
			return
		}
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	in := delegationFromForm(f)
	if f.Get("action") == "sectors" {
		h.editor(w, r, http.StatusOK, d, f)
		return
	}
	var saved *Delegation
	if d == nil {
		saved, err = h.svc.Create(ctx, v, in)
	} else {
		saved, err = h.svc.Update(ctx, v, d.ID, in)
	}
	if formErrors(f, err) || !f.Valid() {
		h.editor(w, r, http.StatusUnprocessableEntity, d, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.delegation.saved"))
	http.Redirect(w, r, fmt.Sprintf("%s/%d", h.adminBase(r), saved.ID), http.StatusSeeOther)
}

func (h *DelegationHandlers) editor(w http.ResponseWriter, r *http.Request, status int, d *Delegation, f *web.Form) {
	l := lang(r)
	e := &editorData{D: d, Action: h.adminBase(r), SectorQuery: f.Get("sector_q")}
	title := h.rd.T(r, "b2b.delegation.new")
	if d != nil {
		e.Action = fmt.Sprintf("%s/%d", h.adminBase(r), d.ID)
		title = d.Title.In(l)
	}
	for _, dir := range Directions {
		e.Directions = append(e.Directions, option{string(dir), h.rd.T(r, "b2b.delegation.direction."+string(dir))})
	}
	for _, s := range DelegationStatuses {
		e.Statuses = append(e.Statuses, option{string(s), h.rd.T(r, "b2b.delegation.status."+string(s))})
	}
	for _, code := range i18n.Supported {
		e.TextLangs = append(e.TextLangs, option{code, h.rd.T(r, "b2b.lang."+code)})
	}
	e.Sectors, e.NoSectorHit = sectorChecks(f, l)
	h.rd.Render(w, r, status, "b2b/delegation_edit", &web.Page{Title: title, Data: e, Form: f})
}

func delegationValues(d *Delegation) url.Values {
	v := url.Values{"slug": {d.Slug}, "direction": {string(d.Direction)}, "status": {string(d.Status)}, "host": {d.Host},
		"starts_on": {d.StartsOn.Format(dateLayout)}, "ends_on": {d.EndsOn.Format(dateLayout)},
		"deadline": {d.Deadline.In(d.Location()).Format(localLayout)}, "sectors": d.Sectors}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, d.Title.Get(l))
		v.Set("purpose_"+l, d.Purpose.Get(l))
	}
	return v
}

// delegationFromForm reads the editor; the deadline is typed in the destination's time.
func delegationFromForm(f *web.Form) DelegationInput {
	in := DelegationInput{Slug: f.Get("slug"), Direction: Direction(f.Get("direction")), Status: DelegationStatus(f.Get("status")),
		Host: f.Get("host"), Sectors: f.Values["sectors"]}
	in.StartsOn = formDate(f, "starts_on")
	in.EndsOn = formDate(f, "ends_on")
	zone := IzmirToBaku.Zone()
	if in.Direction == BakuToIzmir {
		zone = BakuToIzmir.Zone()
	}
	in.Deadline = formLocalTime(f, "deadline", i18n.MustLocation(zone))
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Purpose.Set(l, strings.TrimSpace(f.Values.Get("purpose_"+l)))
	}
	return in
}

func formDate(f *web.Form, field string) time.Time {
	s := f.Get(field)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		f.Fail(field, "b2b.delegation.error.date")
	}
	return t
}

// --- applications and members

type peoplePage struct {
	delegationView
	Apps      []appRow
	Members   []Member
	Roles     []option
	RoleNames map[MemberRole]string
}

type appRow struct {
	App    Application
	Status string
}

// People serves GET /admin/delegations/{id}/people: applications to decide and members.
func (h *DelegationHandlers) People(w http.ResponseWriter, r *http.Request) {
	d, ok := h.adminDelegation(w, r)
	if !ok {
		return
	}
	h.peoplePage(w, r, http.StatusOK, d, web.NewForm(url.Values{"role": {"member"}}))
}

// Decide serves POST /admin/delegations/{id}/applications/{aid}: decision=approve, or
// decision=reject with a reason.
func (h *DelegationHandlers) Decide(w http.ResponseWriter, r *http.Request) {
	d, f, ok := h.adminForm(w, r)
	if !ok {
		return
	}
	var err error
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if a, err := applicationByID(ctx, h.svc.db, aid); err != nil || a.DelegationID != d.ID {
		h.rd.PageError(w, r, orNotFound(err))
		return
	}
	if f.Get("decision") == "reject" {
		_, err = h.svc.Reject(ctx, v, aid, f.Get("reason"))
	} else {
		_, err = h.svc.Approve(ctx, v, aid)
	}
	h.afterAction(w, r, err, fmt.Sprintf("%s/%d/people", h.adminBase(r), d.ID))
}

func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return ErrNotFound
}

// afterAction flashes the outcome of a one-button action and goes back to the list: field
// errors are shown as the flash (the forms are one field each).
func (h *DelegationHandlers) afterAction(w http.ResponseWriter, r *http.Request, err error, back string) {
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields {
			h.flash(r, h.rd.T(r, key))
			break
		}
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "b2b.delegation.saved"))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// AddMember serves POST /admin/delegations/{id}/members; a mistake shows the page again
// with the form as typed.
func (h *DelegationHandlers) AddMember(w http.ResponseWriter, r *http.Request) {
	d, f, ok := h.adminForm(w, r)
	if !ok {
		return
	}
	in := MemberInput{Email: f.Get("email"), PassportName: f.Get("passport_name"), Nationality: f.Get("nationality"),
		Role: MemberRole(f.Get("role"))}
	_, err := h.svc.AddMember(r.Context(), web.ViewerOf(r.Context()), d.ID, in)
	if formErrors(f, err) {
		h.peoplePage(w, r, http.StatusUnprocessableEntity, d, f)
		return
	}
	h.afterAction(w, r, err, fmt.Sprintf("%s/%d/people", h.adminBase(r), d.ID))
}

// peoplePage shows the applications and members; f is the add-member form.
func (h *DelegationHandlers) peoplePage(w http.ResponseWriter, r *http.Request, status int, d *Delegation, f *web.Form) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	apps, err := h.svc.Applications(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	members, err := h.svc.Members(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	p := &peoplePage{delegationView: h.view(r, d), Members: members, RoleNames: map[MemberRole]string{}}
	for _, a := range apps {
		p.Apps = append(p.Apps, appRow{a, h.rd.T(r, "b2b.delegation.app_status."+string(a.Status))})
	}
	for _, role := range MemberRoles {
		p.Roles = append(p.Roles, option{string(role), h.rd.T(r, "b2b.delegation.role."+string(role))})
		p.RoleNames[role] = h.rd.T(r, "b2b.delegation.role."+string(role))
	}
	h.rd.Render(w, r, status, "b2b/delegation_people", &web.Page{Title: h.rd.T(r, "b2b.delegation.people.title"), Data: p, Form: f})
}

// UpdateMember serves POST /admin/delegations/{id}/members/{mid}: action=remove, or a new role.
func (h *DelegationHandlers) UpdateMember(w http.ResponseWriter, r *http.Request) {
	d, f, ok := h.adminForm(w, r)
	if !ok {
		return
	}
	var err error
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	mid, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if m, err := memberByID(ctx, h.svc.db, mid); err != nil || m.DelegationID != d.ID {
		h.rd.PageError(w, r, orNotFound(err))
		return
	}
	if f.Get("action") == "remove" {
		err = h.svc.RemoveMember(ctx, v, mid)
	} else {
		err = h.svc.SetRole(ctx, v, mid, MemberRole(f.Get("role")))
	}
	h.afterAction(w, r, err, fmt.Sprintf("%s/%d/people", h.adminBase(r), d.ID))
}
