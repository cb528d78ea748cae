package volunteer

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Coordinators' pages under /admin/volunteer: the list of programmes with their counts and
// one editor per programme holding the programme's form, its roles and its shifts. Each
// form on the editor posts to the programme's address with "do" saying what to do.

type progAdminRowView struct {
	ProgrammeRow
	Title, City, Dates string
}

// AdminProgrammeList serves GET /admin/volunteer.
func (h *Handlers) AdminProgrammeList(w http.ResponseWriter, r *http.Request) {
	rows, err := h.svc.AdminProgrammes(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	var list []progAdminRowView
	for _, row := range rows {
		p := row.Programme
		list = append(list, progAdminRowView{ProgrammeRow: row, Title: p.Title.In(lang(r)), City: h.rd.T(r, "volunteer.programmes.city."+p.City), Dates: h.progDates(r, p)})
	}
	h.rd.Render(w, r, http.StatusOK, "volunteer/programme_admin", &web.Page{Title: h.rd.T(r, "volunteer.programmes.admin.title"), Data: list})
}

type progEditorData struct {
	P          *Programme // nil: a new programme
	Action     string
	Langs      []string
	Cities     []progOption
	Kinds      []progOption
	RoleChoice []progOption // roles for the shift form
	RoleLangs  []progOption // languages for the role form
	Roles      []progEditorRole
	Issuers    []string     // the named issuing organisations
	Event      *EventRef    // the linked event, named beside its number
	Events     []progOption // nil: the event is typed as a number
	Orgs       []progOption // nil: the issuers are typed as numbers
	ForProject string       // a new programme created from this project's page, linked to it
	EditRole   bool         // the role form holds an existing role
	EditShift  bool
}

type progEditorRole struct {
	ID        int64
	Name      string
	Languages string
	Shifts    []progAdminShift
}

type progAdminShift struct {
	progShiftView
	Confirmed int
}

// NewProgramme serves GET /admin/volunteer/new.
func (h *Handlers) NewProgramme(w http.ResponseWriter, r *http.Request) {
	if err := progCoordinatorOnly(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.progEditor(w, r, http.StatusOK, nil, web.NewForm(url.Values{"city": {"izmir"}, "min_age": {"16"},
		"signup_close_hours": {"12"}, "cancel_close_hours": {"24"}, "project": {r.URL.Query().Get("project")}}))
}

// CreateProgramme serves POST /admin/volunteer/new.
func (h *Handlers) CreateProgramme(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := progCoordinatorOnly(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	in, errs := progFromForm(f)
	project, _ := strconv.ParseInt(f.Get("project"), 10, 64)
	var p *Programme
	if len(errs) > 0 {
		err = progMergeErrors(errs, in)
	} else {
		p, err = h.svc.CreateProgrammeFor(r.Context(), v, in, project)
	}
	if p == nil && f.FailFields(err) {
		h.progEditor(w, r, http.StatusUnprocessableEntity, nil, f)
		return
	}
	if p == nil {
		h.rd.PageError(w, r, err)
		return
	}
	if err != nil { // made, but the link to the project failed: say so on the next page
		h.flash(r, h.rd.T(r, "volunteer.programmes.not_linked"))
		http.Redirect(w, r, "/"+lang(r)+"/admin/volunteer/"+progID(p.ID), http.StatusSeeOther)
		return
	}
	h.progSaved(w, r, p.ID, "")
}

// progMergeErrors adds the input's own checks to the form's parse errors, so one submission
// names every problem.
func progMergeErrors(errs fail.Fields, in ProgrammeInput) fail.Fields {
	in.normalize()
	for k, key := range in.validate() {
		if errs[k] == "" {
			errs[k] = key
		}
	}
	return errs
}

// EditProgramme serves GET /admin/volunteer/{id}; ?role= and ?shift= fill the role and
// shift forms with one to change.
func (h *Handlers) EditProgramme(w http.ResponseWriter, r *http.Request) {
	p, err := h.progAdmin(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	vals := progValues(p)
	q := r.URL.Query()
	if id, _ := strconv.ParseInt(q.Get("role"), 10, 64); p.RoleByID(id) != nil {
		progMerge(vals, progRoleValues(p.RoleByID(id)))
	}
	if id, _ := strconv.ParseInt(q.Get("shift"), 10, 64); p.ShiftByID(id) != nil {
		progMerge(vals, progShiftValues(p, p.ShiftByID(id)))
	} else {
		start := p.StartsAt.In(p.Location()).Format(progFormDate)
		progMerge(vals, url.Values{"shift_kind": {string(Fixed)}, "shift_places": {"1"}, "shift_start_date": {start}, "shift_end_date": {start}})
	}
	h.progEditor(w, r, http.StatusOK, p, web.NewForm(vals))
}

func progMerge(dst, src url.Values) {
	for k, vs := range src {
		dst[k] = vs
	}
}

func (h *Handlers) progAdmin(r *http.Request) (*Programme, error) {
	v := web.ViewerOf(r.Context())
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	return h.svc.Programme(r.Context(), v, pathID(r, "id"))
}

// SaveProgramme serves POST /admin/volunteer/{id}: do = programme, publish, unpublish,
// role, delete_role, shift or delete_shift.
func (h *Handlers) SaveProgramme(w http.ResponseWriter, r *http.Request) {
	p, err := h.progAdmin(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	anchor, err := h.progApply(r.Context(), web.ViewerOf(r.Context()), p, f)
	status := http.StatusUnprocessableEntity
	if errors.Is(err, ErrHasSignups) {
		err, status = fail.Fields{"delete": "volunteer.programmes.error.has_signups"}, http.StatusConflict
	}
	if f.FailFields(err) {
		vals := progValues(p)
		if f.Get("do") == "programme" {
			vals = url.Values{} // the programme's form as typed, unchecked boxes included
		}
		progMerge(vals, f.Values)
		g := web.NewForm(vals)
		g.Errors = f.Errors
		h.progEditor(w, r, status, p, g)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.progSaved(w, r, p.ID, anchor)
}

// progApply runs one of the editor's forms and says which part of the editor to come back to.
func (h *Handlers) progApply(ctx context.Context, v *web.Viewer, p *Programme, f *web.Form) (string, error) {
	id := func(field string) int64 { n, _ := strconv.ParseInt(f.Get(field), 10, 64); return n }
	switch f.Get("do") {
	case "programme":
		in, errs := progFromForm(f)
		if len(errs) > 0 {
			return "", progMergeErrors(errs, in)
		}
		_, err := h.svc.UpdateProgramme(ctx, v, p.ID, in)
		return "", err
	case "publish", "unpublish":
		return "", h.svc.SetPublished(ctx, v, p.ID, f.Get("do") == "publish")
	case "role":
		_, err := h.svc.SaveRole(ctx, v, p.ID, id("role_id"), progRoleFromForm(f))
		return "#roles", err
	case "delete_role":
		return "#roles", h.svc.DeleteRole(ctx, v, p.ID, id("role_id"))
	case "shift":
		in, errs := progShiftFromForm(f, p)
		if len(errs) > 0 {
			in.normalize()
			for k, key := range in.validate(p) {
				if errs[k] == "" {
					errs[k] = key
				}
			}
			return "", errs
		}
		var err error
		if sid := id("shift_id"); sid > 0 {
			if p.ShiftByID(sid) == nil {
				return "", ErrNotFound
			}
			_, err = h.svc.UpdateShift(ctx, v, sid, in)
		} else {
			_, err = h.svc.AddShift(ctx, v, p.ID, in)
		}
		return "#roles", err
	case "delete_shift":
		if p.ShiftByID(id("shift_id")) == nil {
			return "", ErrNotFound
		}
		return "#roles", h.svc.DeleteShift(ctx, v, id("shift_id"))
	}
	return "", fail.Fields{"do": "volunteer.programmes.error.action"}
}

func (h *Handlers) progSaved(w http.ResponseWriter, r *http.Request, id int64, anchor string) {
	h.flash(r, h.rd.T(r, "volunteer.programmes.saved"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/volunteer/"+progID(id)+anchor, http.StatusSeeOther)
}

func (h *Handlers) progEditor(w http.ResponseWriter, r *http.Request, status int, p *Programme, f *web.Form) {
	ctx, l := r.Context(), lang(r)
	d := progEditorData{P: p, Action: "/" + l + "/admin/volunteer/new", Langs: i18n.Supported,
		EditRole: f.Get("role_id") != "" && f.Get("role_id") != "0", EditShift: f.Get("shift_id") != "" && f.Get("shift_id") != "0"}
	title := h.rd.T(r, "volunteer.programmes.admin.new")
	for _, c := range Cities {
		d.Cities = append(d.Cities, progOption{c, h.rd.T(r, "volunteer.programmes.city."+c), c == f.Get("city")})
	}
	for _, k := range ShiftKinds {
		d.Kinds = append(d.Kinds, progOption{string(k), h.rd.T(r, "volunteer.programmes.kind."+string(k)), string(k) == f.Get("shift_kind")})
	}
	for _, code := range Languages {
		d.RoleLangs = append(d.RoleLangs, progOption{code, h.rd.T(r, "volunteer.programmes.language."+code), progHas(f.Values["role_languages"], code)})
	}
	if err := h.progChoices(ctx, f, &d); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if id, _ := strconv.ParseInt(f.Get("project"), 10, 64); p == nil && id > 0 && h.svc.prog.projects != nil {
		t, err := h.svc.prog.projects.ProjectTitle(ctx, id)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		d.ForProject = t.In(l)
	}
	if p != nil {
		title, d.Action = p.Title.In(l), "/"+l+"/admin/volunteer/"+progID(p.ID)
		now := h.svc.now()
		for _, role := range p.Roles {
			id := progID(role.ID)
			d.RoleChoice = append(d.RoleChoice, progOption{id, role.Name.In(l), id == f.Get("shift_role")})
			er := progEditorRole{ID: role.ID, Name: role.Name.In(l)}
			for _, code := range role.Languages {
				er.Languages += h.rd.T(r, "volunteer.programmes.language."+code) + " "
			}
			for _, sh := range p.Shifts {
				if sh.RoleID == role.ID {
					er.Shifts = append(er.Shifts, progAdminShift{h.progShift(r, p, sh, now), sh.Confirmed})
				}
			}
			d.Roles = append(d.Roles, er)
		}
		if p.EventID > 0 && h.svc.prog.events != nil {
			e, err := h.svc.prog.events.VolunteerEvent(ctx, p.EventID)
			if err != nil {
				h.rd.PageError(w, r, err)
				return
			}
			d.Event = e
		}
		if len(p.Issuers) > 0 {
			names, err := h.svc.dir.OrganisationNames(ctx, p.Issuers)
			if err != nil {
				h.rd.PageError(w, r, err)
				return
			}
			for _, id := range p.Issuers {
				if n, ok := names[id]; ok {
					d.Issuers = append(d.Issuers, n)
				}
			}
		}
	}
	h.rd.Render(w, r, status, "volunteer/programme_edit", &web.Page{Title: title, Form: f, Data: d})
}

func progHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// progChoices fills the editor's lists of events and organisations, the chosen ones marked.
func (h *Handlers) progChoices(ctx context.Context, f *web.Form, d *progEditorData) error {
	c := h.svc.prog.choices
	if c == nil {
		return nil
	}
	l := web.LocaleOf(ctx)
	events, err := c.EventChoices(ctx)
	if err != nil {
		return err
	}
	d.Events = []progOption{}
	current, found := f.Get("event_id"), f.Get("event_id") == ""
	for _, e := range events {
		id := progID(e.ID)
		found = found || id == current
		d.Events = append(d.Events, progOption{id, e.Name.In(l), id == current})
	}
	if !found { // an event over by now, or an unknown number typed through the API
		d.Events = append(d.Events, progOption{current, "#" + current, true})
	}
	orgs, err := c.OrganisationChoices(ctx)
	if err != nil {
		return err
	}
	chosen := strings.Fields(strings.Join(f.Values["issuers"], " "))
	for _, o := range orgs {
		id := progID(o.ID)
		d.Orgs = append(d.Orgs, progOption{id, o.Name.In(l), progHas(chosen, id)})
	}
	return nil
}
