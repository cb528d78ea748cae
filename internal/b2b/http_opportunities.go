package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b/nace"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Marketplace pages under /b2b/{slug}/opportunities: the list with filters, and a form to
// post or edit an offer or request (the sector picker works as on the profile form).

type oppRow struct {
	Opp         Opportunity
	Kind        string
	Category    string
	Title       string
	TitleLang   string
	Description string
	DescLang    string
	Sectors     []string
	Countries   string
	Mine        bool
}

type oppListData struct {
	EventTitle string
	Event      EventInfo
	Base       string
	Rows       []oppRow
	Kinds      []option
	Categories []option
	Sectors    []option
	CanAdd     bool // the viewer belongs to an organisation that can post (organisers may belong to none)
}

type oppFormData struct {
	Event       EventInfo
	EventTitle  string
	Base        string
	Action      string
	Editing     bool
	Orgs        []Organisation // v's organisations, to post for
	Kinds       []option
	Categories  []option
	Sectors     []check
	SectorQuery string
	NoSectorHit bool
	TextLangs   []option
}

// Opportunities serves GET /b2b/{slug}/opportunities.
func (h *Handlers) Opportunities(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	ctx, v, l, q := r.Context(), web.ViewerOf(r.Context()), lang(r), r.URL.Query()
	f := OpportunityFilter{Kind: OpportunityKind(q.Get("kind")), Category: Category(q.Get("category")), Sector: q.Get("sector"),
		Country: q.Get("country"), Query: q.Get("q")}
	list, err := h.svc.Opportunities(ctx, v, ev.ID, f)
	if errors.Is(err, fail.Forbidden) { // not a participant yet: the way in is joining
		http.Redirect(w, r, base(l, ev)+"/join", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	mine, err := h.svc.dir.MemberOf(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &oppListData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), CanAdd: len(mine) > 0}
	d.Kinds, d.Categories = h.oppOptions(r)
	_, d.Sectors, _ = h.filterOptions(r)
	for _, o := range list {
		row := oppRow{Opp: o, Kind: h.rd.T(r, "b2b.kind."+string(o.Kind)), Category: h.rd.T(r, "b2b.category."+string(o.Category)),
			Title: o.Title.In(l), Description: o.Description.In(l), Countries: strings.Join(o.Countries, ", "),
			Mine: slices.ContainsFunc(mine, func(m Organisation) bool { return m.ID == o.OrganisationID })}
		if tl := o.Title.Lang(l); tl != l {
			row.TitleLang = tl
		}
		if dl := o.Description.Lang(l); dl != l {
			row.DescLang = dl
		}
		for _, c := range o.Sectors {
			if e, ok := nace.Lookup(c); ok {
				row.Sectors = append(row.Sectors, c+" "+e.Name.In(l))
			}
		}
		d.Rows = append(d.Rows, row)
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/opportunities", &web.Page{Title: h.rd.T(r, "b2b.opps.title"), Data: d, Form: web.NewForm(q)})
}

func (h *Handlers) oppOptions(r *http.Request) (kinds, categories []option) {
	for _, k := range OpportunityKinds {
		kinds = append(kinds, option{string(k), h.rd.T(r, "b2b.kind."+string(k))})
	}
	for _, c := range Categories {
		categories = append(categories, option{string(c), h.rd.T(r, "b2b.category."+string(c))})
	}
	return kinds, categories
}

// NewOpportunity serves GET /b2b/{slug}/opportunities/new.
func (h *Handlers) NewOpportunity(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	h.oppForm(w, r, http.StatusOK, ev, 0, web.NewForm(url.Values{"kind": {"offer"}}))
}

// CreateOpportunity serves POST /b2b/{slug}/opportunities.
func (h *Handlers) CreateOpportunity(w http.ResponseWriter, r *http.Request) {
	h.saveOpportunity(w, r, 0)
}

// EditOpportunity serves GET /b2b/{slug}/opportunities/{oid}: the form, to its authors.
func (h *Handlers) EditOpportunity(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	o, err := h.svc.ownOpportunity(r.Context(), web.ViewerOf(r.Context()), oppID(r))
	if err == nil && o.ProgrammeID != h.programmeID(r, ev) {
		err = ErrNotFound
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.oppForm(w, r, http.StatusOK, ev, o.ID, web.NewForm(opportunityValues(o)))
}

// UpdateOpportunity serves POST /b2b/{slug}/opportunities/{oid}.
func (h *Handlers) UpdateOpportunity(w http.ResponseWriter, r *http.Request) {
	h.saveOpportunity(w, r, oppID(r))
}

// DeleteOpportunity serves POST /b2b/{slug}/opportunities/{oid}/delete.
func (h *Handlers) DeleteOpportunity(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	if err := h.svc.DeleteOpportunity(r.Context(), web.ViewerOf(r.Context()), oppID(r)); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.opps.deleted"))
	http.Redirect(w, r, base(lang(r), ev)+"/opportunities", http.StatusSeeOther)
}

func oppID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("oid"), 10, 64)
	return id
}

// programmeID is the forum's programme, 0 when it has none.
func (h *Handlers) programmeID(r *http.Request, ev EventInfo) int64 {
	id, _ := programmeIDByEvent(r.Context(), h.svc.db, ev.ID)
	return id
}

func (h *Handlers) saveOpportunity(w http.ResponseWriter, r *http.Request, id int64) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in := opportunityFromForm(f)
	if f.Get("action") == "sectors" {
		h.oppForm(w, r, http.StatusOK, ev, id, f)
		return
	}
	var err error
	if id == 0 {
		_, err = h.svc.CreateOpportunity(ctx, v, ev.ID, in)
	} else {
		_, err = h.svc.UpdateOpportunity(ctx, v, id, in)
	}
	if formErrors(f, err) {
		h.oppForm(w, r, http.StatusUnprocessableEntity, ev, id, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.opps.saved"))
	http.Redirect(w, r, base(lang(r), ev)+"/opportunities", http.StatusSeeOther)
}

func (h *Handlers) oppForm(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, id int64, f *web.Form) {
	l := lang(r)
	d := &oppFormData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Editing: id != 0, SectorQuery: f.Get("sector_q")}
	d.Action = d.Base + "/opportunities"
	if id != 0 {
		d.Action = fmt.Sprintf("%s/opportunities/%d", d.Base, id)
	}
	orgs, err := h.svc.dir.MemberOf(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d.Orgs = orgs
	if len(orgs) == 0 {
		h.rd.PageError(w, r, ErrForbidden)
		return
	}
	d.Kinds, d.Categories = h.oppOptions(r)
	d.Sectors, d.NoSectorHit = sectorChecks(f, l)
	for _, code := range i18n.Supported {
		d.TextLangs = append(d.TextLangs, option{code, h.rd.T(r, "b2b.lang."+code)})
	}
	title := h.rd.T(r, "b2b.opps.new")
	if id != 0 {
		title = h.rd.T(r, "b2b.opps.edit")
	}
	h.rd.Render(w, r, status, "b2b/opportunity", &web.Page{Title: title, Data: d, Form: f})
}

func opportunityValues(o *Opportunity) url.Values {
	v := url.Values{"organisation_id": {strconv.FormatInt(o.OrganisationID, 10)}, "kind": {string(o.Kind)},
		"category": {string(o.Category)}, "sectors": o.Sectors, "countries": {strings.Join(o.Countries, ", ")}}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, o.Title.Get(l))
		v.Set("description_"+l, o.Description.Get(l))
	}
	return v
}

func opportunityFromForm(f *web.Form) OpportunityInput {
	in := OpportunityInput{Kind: OpportunityKind(f.Get("kind")), Category: Category(f.Get("category")), Sectors: f.Values["sectors"]}
	in.OrganisationID, _ = strconv.ParseInt(f.Get("organisation_id"), 10, 64)
	in.Countries = strings.FieldsFunc(f.Get("countries"), func(r rune) bool { return r == ',' || r == ' ' })
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Description.Set(l, strings.TrimSpace(f.Values.Get("description_"+l)))
	}
	return in
}
