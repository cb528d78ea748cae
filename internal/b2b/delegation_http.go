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

// Public delegation pages: /delegations, /delegations/{slug}, the application form, a
// member's own page and the invitation letter.

// DelegationHandlers serves the delegation pages and API.
type DelegationHandlers struct {
	svc   *Delegations
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
}

// NewDelegationHandlers wires the pages; flash shows a one-time message on the next page.
func NewDelegationHandlers(svc *Delegations, rd *web.Renderer, flash func(r *http.Request, msg string)) *DelegationHandlers {
	return &DelegationHandlers{svc: svc, rd: rd, flash: flash}
}

// delegationView is a delegation as pages show it, in the reader's language.
type delegationView struct {
	D          *Delegation
	Href       string
	Title      string
	TitleLang  string // set when the title falls back to another language
	Purpose    string
	Paragraphs []string // the purpose, paragraph by paragraph
	Direction  string
	Dates      string
	Deadline   string
	Status     string
	Sectors    []string
	Open       bool
}

func (h *DelegationHandlers) view(r *http.Request, d *Delegation) delegationView {
	l := lang(r)
	v := delegationView{D: d, Href: "/" + l + "/delegations/" + d.Slug, Title: d.Title.In(l), Purpose: d.Purpose.In(l),
		Direction: h.rd.T(r, "b2b.delegation.direction."+string(d.Direction)), Dates: DelegationDates(l, d),
		Status: h.rd.T(r, "b2b.delegation.status."+string(d.Status)), Open: d.Open(h.svc.now())}
	if tl := d.Title.Lang(l); tl != l {
		v.TitleLang = tl
	}
	for _, para := range strings.Split(strings.ReplaceAll(v.Purpose, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			v.Paragraphs = append(v.Paragraphs, para)
		}
	}
	dest, origin := h.zones(r, d)
	v.Deadline = i18n.FormatDate(l, d.Deadline, dest.Location) + " " + i18n.DualTime(l, d.Deadline, dest, origin)
	for _, c := range d.Sectors {
		if e, ok := nace.Lookup(c); ok {
			v.Sectors = append(v.Sectors, c+" "+e.Name.In(l))
		}
	}
	return v
}

// zones names the destination's zone (the itinerary's) and the origin's, shown beside it.
func (h *DelegationHandlers) zones(r *http.Request, d *Delegation) (dest, origin i18n.Zone) {
	izmir := i18n.Zone{Name: h.rd.T(r, "b2b.delegation.city.izmir"), Location: i18n.MustLocation("Europe/Istanbul")}
	baku := i18n.Zone{Name: h.rd.T(r, "b2b.delegation.city.baku"), Location: i18n.MustLocation("Asia/Baku")}
	if d.Direction == BakuToIzmir {
		return izmir, baku
	}
	return baku, izmir
}

type itemView struct {
	Item        Item
	Kind        string
	Day         string
	When        string // start in both cities
	Until       string // end in the destination's time
	Title       string
	Description string
	Mine        bool // restricted to the reader
	For         []string
}

func (h *DelegationHandlers) itemViews(r *http.Request, d *Delegation, items []Item, members []Member) []itemView {
	l := lang(r)
	dest, origin := h.zones(r, d)
	out := make([]itemView, 0, len(items))
	for _, it := range items {
		v := itemView{Item: it, Kind: h.rd.T(r, "b2b.delegation.kind."+string(it.Kind)),
			Day:   i18n.FormatLongDate(l, it.StartsAt, dest.Location),
			When:  i18n.DualTime(l, it.StartsAt, dest, origin),
			Until: i18n.FormatTime(l, it.EndsAt, dest.Location), Title: it.Title.In(l), Description: it.Description.In(l),
			Mine: it.Restricted()}
		for _, m := range members {
			if slices.Contains(it.Members, m.ID) {
				v.For = append(v.For, m.Name)
			}
		}
		out = append(out, v)
	}
	return out
}

// List serves GET /delegations.
func (h *DelegationHandlers) List(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.List(r.Context(), web.ViewerOf(r.Context()), false)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	views := make([]delegationView, len(list))
	for i := range list {
		views[i] = h.view(r, &list[i])
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/delegations", &web.Page{Title: h.rd.T(r, "b2b.delegation.list.title"),
		Description: h.rd.T(r, "b2b.delegation.list.lead"), Data: views})
}

type delegationPage struct {
	delegationView
	Items     []itemView
	Apps      []Application
	AppStatus map[int64]string
	CanApply  bool // signed in with an organisation that has not applied
	Member    *Member
	Organiser bool
}

func (h *DelegationHandlers) bySlug(w http.ResponseWriter, r *http.Request) (*Delegation, bool) {
	d, err := h.svc.BySlug(r.Context(), web.ViewerOf(r.Context()), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return d, true
}

// Show serves GET /delegations/{slug}: the public page, with the reader's applications and
// membership when signed in.
func (h *DelegationHandlers) Show(w http.ResponseWriter, r *http.Request) {
	d, ok := h.bySlug(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	items, err := h.svc.PublicItinerary(ctx, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	p := &delegationPage{delegationView: h.view(r, d), Items: h.itemViews(r, d, items, nil), Organiser: CanOrganise(v),
		AppStatus: map[int64]string{}}
	if v != nil {
		var open []Organisation
		if p.Apps, open, err = h.svc.MyApplications(ctx, v, d.ID); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		p.CanApply = len(open) > 0
		for _, a := range p.Apps {
			p.AppStatus[a.ID] = h.rd.T(r, "b2b.delegation.app_status."+string(a.Status))
		}
		if p.Member, err = h.svc.Membership(ctx, v, d.ID); err != nil && !errors.Is(err, ErrNotFound) {
			h.rd.PageError(w, r, err)
			return
		}
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/delegation", &web.Page{Title: p.Title, Description: p.Direction + " · " + p.Dates, Data: p})
}

type applyPage struct {
	delegationView
	Org        Organisation
	Choices    []Organisation
	Travellers []travellerRow
}

type travellerRow struct {
	ID      string
	Name    string
	Checked bool
}

// ApplyForm serves GET /delegations/{slug}/apply: the choice of organisation when the reader
// has several, then the form.
func (h *DelegationHandlers) ApplyForm(w http.ResponseWriter, r *http.Request) {
	d, ok := h.bySlug(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	_, open, err := h.svc.MyApplications(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	orgID, _ := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
	i := slices.IndexFunc(open, func(o Organisation) bool { return o.ID == orgID })
	if i < 0 && len(open) == 1 {
		i = 0
	}
	if i < 0 {
		p := &applyPage{delegationView: h.view(r, d), Choices: open}
		h.rd.Render(w, r, http.StatusOK, "b2b/delegation_apply", &web.Page{Title: h.rd.T(r, "b2b.delegation.apply.title"), Data: p})
		return
	}
	f := web.NewForm(url.Values{"organisation_id": {strconv.FormatInt(open[i].ID, 10)}, "traveller": {strconv.FormatInt(v.ID, 10)},
		fmt.Sprintf("passport_name_%d", v.ID): {v.Name}})
	h.applyPage(w, r, http.StatusOK, d, open[i], f)
}

// Apply serves POST /delegations/{slug}/apply.
func (h *DelegationHandlers) Apply(w http.ResponseWriter, r *http.Request) {
	d, f, ok := h.slugForm(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in := applicationFromForm(r, f)
	_, err := h.svc.Apply(ctx, v, d.ID, in)
	if formErrors(f, err) {
		orgs, _ := h.svc.dir.Organisations(ctx, []int64{in.OrganisationID})
		h.applyPage(w, r, http.StatusUnprocessableEntity, d, orgs[in.OrganisationID], f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.delegation.apply.done"))
	http.Redirect(w, r, "/"+lang(r)+"/delegations/"+d.Slug, http.StatusSeeOther)
}

// applyPage shows the form; the organisation's people are listed only to its members (a
// stranger who posted another company's id sees the error and no names).
func (h *DelegationHandlers) applyPage(w http.ResponseWriter, r *http.Request, status int, d *Delegation, org Organisation, f *web.Form) {
	p := &applyPage{delegationView: h.view(r, d), Org: org}
	people, err := h.svc.Travellers(r.Context(), web.ViewerOf(r.Context()), org.ID)
	if err != nil && !errors.Is(err, fail.Forbidden) {
		h.rd.PageError(w, r, err)
		return
	}
	for _, m := range people {
		id := strconv.FormatInt(m.UserID, 10)
		p.Travellers = append(p.Travellers, travellerRow{ID: id, Name: m.Name, Checked: slices.Contains(f.Values["traveller"], id)})
	}
	h.rd.Render(w, r, status, "b2b/delegation_apply", &web.Page{Title: h.rd.T(r, "b2b.delegation.apply.title"), Data: p, Form: f})
}

func applicationFromForm(r *http.Request, f *web.Form) ApplicationInput {
	in := ApplicationInput{Motivation: f.Values.Get("motivation"), Locale: lang(r)}
	in.OrganisationID, _ = strconv.ParseInt(f.Get("organisation_id"), 10, 64)
	for _, s := range f.Values["traveller"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			continue
		}
		in.Travellers = append(in.Travellers, Traveller{UserID: id, PassportName: f.Get("passport_name_" + s),
			Nationality: f.Get("nationality_" + s)})
	}
	return in
}

type minePage struct {
	delegationView
	Member  *Member
	Role    string
	Items   []itemView
	Letters []option // language → address of the letter
}

// Mine serves GET /delegations/{slug}/mine: a member's own itinerary and letters.
func (h *DelegationHandlers) Mine(w http.ResponseWriter, r *http.Request) {
	d, ok := h.bySlug(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	m, err := h.svc.Membership(ctx, v, d.ID)
	if err == nil {
		m, err = h.svc.Member(ctx, v, m.ID) // with the organisation's name
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	items, err := h.svc.Itinerary(ctx, v, d.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	p := &minePage{delegationView: h.view(r, d), Member: m, Role: h.rd.T(r, "b2b.delegation.role."+string(m.Role)),
		Items: h.itemViews(r, d, items, nil)}
	for _, l := range LetterLangs {
		p.Letters = append(p.Letters, option{fmt.Sprintf("%s/members/%d/letter?lang=%s", p.Href, m.ID, l), h.rd.T(r, "b2b.lang."+l)})
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/delegation_mine", &web.Page{Title: h.rd.T(r, "b2b.delegation.mine.title"), Data: p})
}

// Letter serves GET /delegations/{slug}/members/{mid}/letter?lang=az: the invitation letter
// as a PDF in the chosen language (the page's by default).
func (h *DelegationHandlers) Letter(w http.ResponseWriter, r *http.Request) {
	d, ok := h.bySlug(w, r)
	if !ok {
		return
	}
	mid, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	ld, m, err := h.svc.Letter(r.Context(), web.ViewerOf(r.Context()), mid)
	if err == nil && ld.ID != d.ID {
		err = ErrNotFound // a member of another delegation, through this one's address
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := r.URL.Query().Get("lang")
	if !slices.Contains(LetterLangs, l) {
		l = lang(r)
	}
	cat := h.rd.Catalog()
	pdf, err := InvitationLetterPDF(d, m, l, h.svc.now(), func(key string, args ...any) string { return cat.T(l, key, args...) })
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	name := cat.T(l, "b2b.delegation.letter.file", d.Reference(m))
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q; filename*=UTF-8''%s", d.Reference(m)+".pdf", url.PathEscape(name)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(pdf)
}
