package identity

import (
	"context"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// OutboxReader is what the admin pages need from the mail outbox.
type OutboxReader interface {
	List(ctx context.Context, limit, offset int) ([]mail.Entry, error)
}

// AdminPages serves /admin. It holds its own outbox reader so identity's core needs none.
type AdminPages struct {
	*Handlers
	outbox OutboxReader
}

// NewAdminPages wires the admin area.
func NewAdminPages(h *Handlers, outbox OutboxReader) *AdminPages {
	return &AdminPages{Handlers: h, outbox: outbox}
}

func pathID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id
}

// Dashboard is the admin landing page.
func (a *AdminPages) Dashboard(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := require(v, canManageOrgs); err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.rd.Render(w, r, http.StatusOK, "identity/admin", &web.Page{Title: a.rd.T(r, "admin.title")})
}

type usersPage struct {
	Users []User
	Query string
	Pager web.Pager
	Roles []string
}

// Users lists accounts with their roles, searchable, paged.
func (a *AdminPages) Users(w http.ResponseWriter, r *http.Request) {
	a.users(w, r, http.StatusOK, nil)
}

func (a *AdminPages) users(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	pager := web.NewPager(r, 50)
	q := r.URL.Query().Get("q")
	users, total, err := a.svc.Users(r.Context(), web.ViewerOf(r.Context()), q, pager.PerPage, pager.Offset())
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	a.rd.Render(w, r, status, "identity/admin_users", &web.Page{Title: a.rd.T(r, "admin.users.title"), Form: f,
		Data: usersPage{Users: users, Query: q, Pager: pager, Roles: Roles[:3]}})
}

// SetRoles saves the roles ticked for one user.
func (a *AdminPages) SetRoles(w http.ResponseWriter, r *http.Request) {
	f, ok := a.parse(w, r)
	if !ok {
		return
	}
	err := a.svc.SetRoles(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), f.Values["role"])
	if err == ErrLastAdmin {
		a.Flash(r, a.rd.T(r, "admin.last_admin"))
	} else if err != nil {
		a.rd.PageError(w, r, err)
		return
	} else {
		a.Flash(r, a.rd.T(r, "identity.saved"))
	}
	http.Redirect(w, r, "/"+a.lang(r)+"/admin/users", http.StatusSeeOther)
}

type orgsPage struct {
	Organisations []Organisation
	Kinds         []string
}

// Organisations lists organisations and offers the form to add one.
func (a *AdminPages) Organisations(w http.ResponseWriter, r *http.Request) {
	a.organisations(w, r, http.StatusOK, nil)
}

func (a *AdminPages) organisations(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	orgs, err := a.svc.Organisations(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.rd.Render(w, r, status, "identity/admin_orgs", &web.Page{Title: a.rd.T(r, "admin.orgs.title"), Form: f,
		Data: orgsPage{Organisations: orgs, Kinds: OrgKinds}})
}

func orgFromForm(f *web.Form) Organisation {
	return Organisation{Name: f.Get("name"), Kind: f.Get("kind"), City: f.Get("city"), Country: f.Get("country"), Website: f.Get("website")}
}

// CreateOrganisation adds an organisation.
func (a *AdminPages) CreateOrganisation(w http.ResponseWriter, r *http.Request) {
	f, ok := a.parse(w, r)
	if !ok {
		return
	}
	o, err := a.svc.CreateOrganisation(r.Context(), web.ViewerOf(r.Context()), orgFromForm(f))
	if formErrors(f, err) {
		a.organisations(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/"+a.lang(r)+"/admin/organisations/"+strconv.FormatInt(o.ID, 10), http.StatusSeeOther)
}

type orgPage struct {
	Organisation *Organisation
	Members      []Membership
	Kinds        []string
	MemberRoles  []string
}

// Organisation shows one organisation, its details form and its members.
func (a *AdminPages) Organisation(w http.ResponseWriter, r *http.Request) {
	a.organisation(w, r, http.StatusOK, nil)
}

func (a *AdminPages) organisation(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	o, members, err := a.svc.Organisation(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	if f == nil {
		f = web.NewForm(map[string][]string{"name": {o.Name}, "kind": {o.Kind}, "city": {o.City}, "country": {o.Country}, "website": {o.Website}})
	}
	a.rd.Render(w, r, status, "identity/admin_org", &web.Page{Title: o.Name, Form: f,
		Data: orgPage{Organisation: o, Members: members, Kinds: OrgKinds, MemberRoles: MemberRoles}})
}

// UpdateOrganisation saves an organisation's details.
func (a *AdminPages) UpdateOrganisation(w http.ResponseWriter, r *http.Request) {
	f, ok := a.parse(w, r)
	if !ok {
		return
	}
	o := orgFromForm(f)
	o.ID = pathID(r, "id")
	err := a.svc.UpdateOrganisation(r.Context(), web.ViewerOf(r.Context()), o)
	if formErrors(f, err) {
		a.organisation(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.Flash(r, a.rd.T(r, "identity.saved"))
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
}

// AddMember adds an account to the organisation by email.
func (a *AdminPages) AddMember(w http.ResponseWriter, r *http.Request) {
	f, ok := a.parse(w, r)
	if !ok {
		return
	}
	orgURL := "/" + a.lang(r) + "/admin/organisations/" + r.PathValue("id")
	err := a.svc.AddMember(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), f.Get("member_email"), f.Get("member_role"))
	if prefixedFormErrors(f, err, "member_") {
		a.organisation(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.Flash(r, a.rd.T(r, "identity.saved"))
	http.Redirect(w, r, orgURL, http.StatusSeeOther)
}

// RemoveMember takes a person out of the organisation.
func (a *AdminPages) RemoveMember(w http.ResponseWriter, r *http.Request) {
	if err := a.svc.RemoveMember(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"), pathID(r, "uid")); err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.Flash(r, a.rd.T(r, "identity.saved"))
	http.Redirect(w, r, "/"+a.lang(r)+"/admin/organisations/"+r.PathValue("id"), http.StatusSeeOther)
}

// Outbox shows the mail kept or sent, for admins (without SMTP this is where mail waits).
func (a *AdminPages) Outbox(w http.ResponseWriter, r *http.Request) {
	if err := require(web.ViewerOf(r.Context()), canManageUsers); err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	pager := web.NewPager(r, 50)
	entries, err := a.outbox.List(r.Context(), pager.PerPage, pager.Offset())
	if err != nil {
		a.rd.PageError(w, r, err)
		return
	}
	a.rd.Render(w, r, http.StatusOK, "identity/admin_outbox", &web.Page{Title: a.rd.T(r, "admin.outbox.title"), Data: entries})
}
