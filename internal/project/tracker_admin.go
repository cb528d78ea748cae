package project

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Coordinators' tracker pages under /admin/projects: the list, the project editor with its
// milestones, indicators, updates and links on one page, and the exports and import.

type adminData struct {
	Projects []cardView
	Pager    web.Pager
}

// AdminList serves GET /admin/projects.
func (h *TrackerHandlers) AdminList(w http.ResponseWriter, r *http.Request) {
	if err := requireCoordinator(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager := web.NewPager(r, 50)
	list, total, err := h.t.ListProjects(r.Context(), Filter{}, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	d := adminData{Pager: pager}
	for _, p := range list {
		d.Projects = append(d.Projects, h.card(r, p))
	}
	h.rd.Render(w, r, http.StatusOK, "project/tracker_admin", &web.Page{Title: h.rd.T(r, "project.tracker.admin.title"), Data: d})
}

type editorData struct {
	D          *detailView
	Action     string
	Statuses   []option
	Themes     []option
	Currencies []option
	Langs      []string
	LinkKinds  []option
	Orgs       []option // nil: the lead is typed as a number
}

// NewProject serves GET /admin/projects/new.
func (h *TrackerHandlers) NewProject(w http.ResponseWriter, r *http.Request) {
	if err := requireCoordinator(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.editor(w, r, http.StatusOK, nil, web.NewForm(url.Values{"status": {string(NotStarted)}, "currency": {"TRY"}, "progress": {"0"}}))
}

// EditProject serves GET /admin/projects/{id}.
func (h *TrackerHandlers) EditProject(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	err := requireCoordinator(v)
	var p *Project
	if err == nil {
		p, err = h.t.Project(r.Context(), pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.editor(w, r, http.StatusOK, p, web.NewForm(projectValues(p)))
}

func (h *TrackerHandlers) editor(w http.ResponseWriter, r *http.Request, status int, p *Project, f *web.Form) {
	d := editorData{Action: "/" + lang(r) + "/admin/projects", Langs: i18n.Supported}
	title := h.rd.T(r, "project.tracker.admin.new")
	if p != nil {
		det, err := h.t.ProjectDetail(r.Context(), web.ViewerOf(r.Context()), p)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		dv := h.detailView(r, det)
		d.D, d.Action, title = &dv, d.Action+"/"+strconv.FormatInt(p.ID, 10), p.Title.In(lang(r))
	}
	themes := strings.Fields(strings.Join(f.Values["themes"], " "))
	for _, th := range Themes {
		d.Themes = append(d.Themes, option{th, h.rd.T(r, "project.tracker.theme."+th), contains(themes, th)})
	}
	for _, st := range ProjectStatuses {
		d.Statuses = append(d.Statuses, option{string(st), h.rd.T(r, "project.tracker.status."+string(st)), string(st) == f.Get("status")})
	}
	for _, c := range Currencies {
		d.Currencies = append(d.Currencies, option{c, c, c == f.Get("currency")})
	}
	for _, k := range LinkKinds {
		d.LinkKinds = append(d.LinkKinds, option{k, h.rd.T(r, "project.tracker.link."+k), false})
	}
	if h.t.orgs != nil {
		orgs, err := h.t.orgs.AllOrganisations(r.Context())
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		for _, o := range orgs {
			id := strconv.FormatInt(o.ID, 10)
			d.Orgs = append(d.Orgs, option{id, o.Name, id == f.Get("organisation_id")})
		}
		sortOptions(lang(r), d.Orgs)
	}
	h.rd.Render(w, r, status, "project/project_edit", &web.Page{Title: title, Form: f, Data: d})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func projectValues(p *Project) url.Values {
	v := url.Values{"slug": {p.Slug}, "status": {string(p.Status)}, "progress": {strconv.Itoa(p.Progress)},
		"starts_on": {p.StartsOn}, "ends_on": {p.EndsOn}, "currency": {p.Currency}, "themes": p.Themes,
		"planned": {MoneyInput(p.PlannedMinor)}, "spent": {MoneyInput(p.SpentMinor)}}
	if p.OrganisationID != 0 {
		v.Set("organisation_id", strconv.FormatInt(p.OrganisationID, 10))
	}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, p.Title.Get(l))
		v.Set("summary_"+l, p.Summary.Get(l))
	}
	return v
}

// projectFromForm reads the editor; typed amounts and numbers that do not parse are field
// errors of their own.
func projectFromForm(f *web.Form) (ProjectInput, fail.Fields) {
	errs := fail.Fields{}
	in := ProjectInput{Slug: f.Get("slug"), Status: ProjectStatus(f.Get("status")), StartsOn: f.Get("starts_on"),
		EndsOn: f.Get("ends_on"), Currency: f.Get("currency"), Themes: f.Values["themes"]}
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Summary.Set(l, f.Get("summary_"+l))
	}
	var ok bool
	if in.Progress, ok = atoi(f.Get("progress")); !ok {
		errs["progress"] = "project.tracker.error.progress"
	}
	if s := f.Get("organisation_id"); s != "" {
		if in.OrganisationID, ok = parseID(s); !ok {
			errs["organisation_id"] = "project.tracker.error.organisation"
		}
	}
	if in.PlannedMinor, ok = ParseMoney(f.Get("planned")); !ok {
		errs["planned"] = "project.tracker.error.money"
	}
	if in.SpentMinor, ok = ParseMoney(f.Get("spent")); !ok {
		errs["spent"] = "project.tracker.error.money"
	}
	return in, errs
}

func atoi(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func parseID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// SaveProject serves POST /admin/projects and POST /admin/projects/{id}.
func (h *TrackerHandlers) SaveProject(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var old *Project
	err := requireCoordinator(v)
	if err == nil && r.PathValue("id") != "" {
		old, err = h.t.Project(ctx, pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	in, errs := projectFromForm(f)
	if len(errs) > 0 {
		in.normalize()
		if e, ok := in.validate().(fail.Fields); ok {
			for k, key := range e {
				errs[k] = cmpOr(errs[k], key)
			}
		}
		err = errs
	} else if old == nil {
		old, err = h.t.CreateProject(ctx, v, in)
	} else {
		old, err = h.t.UpdateProject(ctx, v, old.ID, in)
	}
	if formErrors(f, err) {
		h.editor(w, r, http.StatusUnprocessableEntity, projectOrNil(r, old), f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.saved(w, r, old.ID)
}

func projectOrNil(r *http.Request, p *Project) *Project {
	if r.PathValue("id") == "" {
		return nil
	}
	return p
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (h *TrackerHandlers) saved(w http.ResponseWriter, r *http.Request, id int64) {
	h.flash(r, h.rd.T(r, "project.tracker.saved"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/projects/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// part runs one of the editor's smaller forms (a milestone, an indicator, an update, a
// link): the form's errors come back on the editor, otherwise the editor is shown again.
func (h *TrackerHandlers) part(w http.ResponseWriter, r *http.Request, do func(v *web.Viewer, f *web.Form, id int64) error) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	err := requireCoordinator(v)
	var p *Project
	if err == nil {
		p, err = h.t.Project(ctx, pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	err = do(v, f, p.ID)
	if formErrors(f, err) {
		vals := projectValues(p)
		for k, vs := range f.Values {
			vals[k] = vs
		}
		g := web.NewForm(vals)
		g.Errors = f.Errors
		h.editor(w, r, http.StatusUnprocessableEntity, p, g)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.saved(w, r, p.ID)
}

// AddMilestone serves POST /admin/projects/{id}/milestones.
func (h *TrackerHandlers) AddMilestone(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		m := Milestone{DueOn: f.Get("due_on"), DoneOn: f.Get("done_on")}
		for _, l := range i18n.Supported {
			m.Title.Set(l, f.Get("milestone_title_"+l))
		}
		_, err := h.t.AddMilestone(r.Context(), v, id, m)
		return err
	})
}

// MilestoneDone serves POST /admin/projects/{id}/milestones/{mid}.
func (h *TrackerHandlers) MilestoneDone(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		mid, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
		return h.t.SetMilestoneDone(r.Context(), v, id, mid, f.Get("done_on"))
	})
}

// AddIndicator serves POST /admin/projects/{id}/indicators.
func (h *TrackerHandlers) AddIndicator(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		i := Indicator{Unit: f.Get("unit")}
		for _, l := range i18n.Supported {
			i.Name.Set(l, f.Get("indicator_name_"+l))
		}
		var ok bool
		if i.Target, ok = parseNumber(f.Get("target")); !ok {
			return fail.Fields{"target": "project.tracker.error.number"}
		}
		_, err := h.t.AddIndicator(r.Context(), v, id, i)
		return err
	})
}

// IndicatorActual serves POST /admin/projects/{id}/indicators/{iid}.
func (h *TrackerHandlers) IndicatorActual(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		iid, _ := strconv.ParseInt(r.PathValue("iid"), 10, 64)
		actual, ok := parseNumber(f.Get("actual"))
		if !ok {
			return fail.Fields{"actual": "project.tracker.error.number"}
		}
		return h.t.SetIndicatorActual(r.Context(), v, id, iid, actual)
	})
}

// PostUpdate serves POST /admin/projects/{id}/updates.
func (h *TrackerHandlers) PostUpdate(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		in := UpdateInput{PostedOn: f.Get("posted_on")}
		for _, l := range i18n.Supported {
			in.Body.Set(l, f.Get("body_"+l))
		}
		if s := f.Get("update_progress"); s != "" {
			n, ok := atoi(s)
			if !ok {
				return fail.Fields{"update_progress": "project.tracker.error.progress"}
			}
			in.Progress = &n
		}
		for _, s := range strings.FieldsFunc(f.Get("media_ids"), func(r rune) bool { return r == ',' || r == ' ' }) {
			n, ok := parseID(s)
			if !ok {
				return fail.Fields{"media_ids": "project.tracker.error.media"}
			}
			in.MediaIDs = append(in.MediaIDs, n)
		}
		_, err := h.t.PostUpdate(r.Context(), v, id, in)
		return err
	})
}

// AddLink serves POST /admin/projects/{id}/links; remove=1 unlinks instead.
func (h *TrackerHandlers) AddLink(w http.ResponseWriter, r *http.Request) {
	h.part(w, r, func(v *web.Viewer, f *web.Form, id int64) error {
		ref, ok := parseID(f.Get("ref_id"))
		if !ok {
			return fail.Fields{"ref_id": "project.tracker.error.link_target"}
		}
		if f.Get("remove") == "1" {
			return h.t.RemoveLink(r.Context(), v, id, f.Get("kind"), ref)
		}
		return h.t.AddLink(r.Context(), v, id, f.Get("kind"), ref)
	})
}

// parseNumber reads a count or an amount typed either way (1.234,5 or 1234.5).
func parseNumber(s string) (float64, bool) {
	minor, ok := ParseMoney(s)
	return float64(minor) / 100, ok
}
