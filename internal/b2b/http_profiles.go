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

// Participant pages, under /b2b/{slug} (the forum event's address): join, profile and the
// participant list. The sector picker works without JavaScript: a search button sends the
// form back with the matching NACE divisions added as boxes to tick, keeping everything typed.

type check struct {
	Value, Label string
	Checked      bool
}

type profileData struct {
	Event       EventInfo
	EventTitle  string
	Base        string // /{lang}/b2b/{slug}
	Action      string
	Joining     bool
	Org         Organisation
	Choices     []Organisation // organisations to join for, when v has several
	Profile     *Profile       // the stored profile, when editing
	Status      string
	Types       []option
	Members     []check
	Sectors     []check
	SectorQuery string
	Languages   []check
	TextLangs   []option
	NoSectorHit bool
}

func (h *Handlers) eventBySlug(w http.ResponseWriter, r *http.Request) (EventInfo, bool) {
	ev, err := h.svc.events.EventBySlug(r.Context(), web.ViewerOf(r.Context()), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return EventInfo{}, false
	}
	return ev, true
}

// postedForm reads a form posted to a forum's page.
func (h *Handlers) postedForm(w http.ResponseWriter, r *http.Request) (EventInfo, *web.Form, bool) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return ev, nil, false
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return ev, nil, false
	}
	return ev, f, true
}

// Join serves GET /b2b/{slug}/join: the choice of organisation, then the profile form.
func (h *Handlers) Join(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	ctx, v, l := r.Context(), web.ViewerOf(r.Context()), lang(r)
	orgs, mine, err := h.svc.Mine(ctx, v, ev.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	var open []Organisation
	for _, o := range orgs {
		if mine[o.ID] == nil {
			open = append(open, o)
		}
	}
	orgID, _ := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
	i := slices.IndexFunc(open, func(o Organisation) bool { return o.ID == orgID })
	if i < 0 && len(open) == 1 {
		i = 0
	}
	if i < 0 && len(open) == 0 && len(mine) > 0 {
		// Every organisation of the viewer has joined already (a forum page's link leads
		// here): their profile, with the B2B menu, is where they go on.
		for _, o := range orgs {
			if mine[o.ID] != nil {
				http.Redirect(w, r, fmt.Sprintf("%s/profile?org=%d", base(l, ev), o.ID), http.StatusSeeOther)
				return
			}
		}
	}
	if i < 0 { // nothing chosen yet, or nothing left to join for
		d := &profileData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Joining: true, Choices: open}
		h.rd.Render(w, r, http.StatusOK, "b2b/profile", &web.Page{Title: h.rd.T(r, "b2b.join.title"), Data: d})
		return
	}
	f := web.NewForm(url.Values{"organisation_id": {strconv.FormatInt(open[i].ID, 10)}, "city": {open[i].City},
		"country": {open[i].Country}, "attendees": {strconv.FormatInt(v.ID, 10)}, "languages": {l}})
	h.profilePage(w, r, http.StatusOK, ev, open[i], nil, f)
}

// SaveJoin serves POST /b2b/{slug}/join.
func (h *Handlers) SaveJoin(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in := profileFromForm(f)
	org, err := h.ownOrganisation(r, in.OrganisationID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if f.Get("action") == "sectors" {
		h.profilePage(w, r, http.StatusOK, ev, org, nil, f)
		return
	}
	p, err := h.svc.Join(ctx, v, ev.ID, in)
	if formErrors(f, err) {
		h.profilePage(w, r, http.StatusUnprocessableEntity, ev, org, nil, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.join.done"))
	http.Redirect(w, r, fmt.Sprintf("%s/profile?org=%d", base(lang(r), ev), p.OrganisationID), http.StatusSeeOther)
}

// ownOrganisation is one of the viewer's organisations; anything else is forbidden.
func (h *Handlers) ownOrganisation(r *http.Request, id int64) (Organisation, error) {
	v := web.ViewerOf(r.Context())
	if v == nil {
		return Organisation{}, fail.Unauthorized
	}
	orgs, err := h.svc.dir.MemberOf(r.Context(), v)
	if err != nil {
		return Organisation{}, err
	}
	i := slices.IndexFunc(orgs, func(o Organisation) bool { return o.ID == id })
	if i < 0 {
		return Organisation{}, ErrForbidden
	}
	return orgs[i], nil
}

// myProfile finds the viewer's profile in the forum: ?org= picks among several.
func (h *Handlers) myProfile(w http.ResponseWriter, r *http.Request, ev EventInfo) (*Profile, bool) {
	_, mine, err := h.svc.Mine(r.Context(), web.ViewerOf(r.Context()), ev.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	orgID, _ := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
	if p := mine[orgID]; p != nil {
		return p, true
	}
	if len(mine) > 0 && orgID == 0 {
		ids := make([]int64, 0, len(mine))
		for id := range mine {
			ids = append(ids, id)
		}
		return mine[slices.Min(ids)], true
	}
	http.Redirect(w, r, base(lang(r), ev)+"/join", http.StatusSeeOther)
	return nil, false
}

// Profile serves GET /b2b/{slug}/profile: the viewer's organisation's profile, to edit.
func (h *Handlers) Profile(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	p, ok := h.myProfile(w, r, ev)
	if !ok {
		return
	}
	h.profilePage(w, r, http.StatusOK, ev, p.Organisation, p, web.NewForm(profileValues(p)))
}

// SaveProfile serves POST /b2b/{slug}/profile.
func (h *Handlers) SaveProfile(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	p, ok := h.myProfile(w, r, ev)
	if !ok {
		return
	}
	in := profileFromForm(f)
	if f.Get("action") == "sectors" {
		h.profilePage(w, r, http.StatusOK, ev, p.Organisation, p, f)
		return
	}
	_, err := h.svc.UpdateProfile(r.Context(), web.ViewerOf(r.Context()), p.ID, in)
	if formErrors(f, err) {
		h.profilePage(w, r, http.StatusUnprocessableEntity, ev, p.Organisation, p, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "b2b.profile.saved"))
	http.Redirect(w, r, fmt.Sprintf("%s/profile?org=%d", base(lang(r), ev), p.OrganisationID), http.StatusSeeOther)
}

func base(l string, ev EventInfo) string { return "/" + l + "/b2b/" + ev.Slug }

func (h *Handlers) profilePage(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, org Organisation, p *Profile, f *web.Form) {
	l := lang(r)
	d := &profileData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Joining: p == nil, Org: org, Profile: p,
		SectorQuery: f.Get("sector_q")}
	d.Action = d.Base + "/join"
	if p != nil {
		d.Action = fmt.Sprintf("%s/profile?org=%d", d.Base, org.ID)
		d.Status = h.rd.T(r, "b2b.status."+string(p.Status))
	}
	for _, t := range Types {
		d.Types = append(d.Types, option{string(t), h.rd.T(r, "b2b.type."+string(t))})
	}
	members, err := h.svc.Members(r.Context(), web.ViewerOf(r.Context()), org.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	for _, m := range members {
		d.Members = append(d.Members, check{strconv.FormatInt(m.UserID, 10), m.Name, slices.Contains(f.Values["attendees"], strconv.FormatInt(m.UserID, 10))})
	}
	d.Sectors, d.NoSectorHit = sectorChecks(f, l)
	for _, code := range Languages {
		d.Languages = append(d.Languages, check{code, h.rd.T(r, "b2b.lang."+code), slices.Contains(f.Values["languages"], code)})
	}
	for _, code := range i18n.Supported {
		d.TextLangs = append(d.TextLangs, option{code, h.rd.T(r, "b2b.lang."+code)})
	}
	title := h.rd.T(r, "b2b.join.title")
	if p != nil {
		title = h.rd.T(r, "b2b.profile.title")
	}
	h.rd.Render(w, r, status, "b2b/profile", &web.Page{Title: title, Data: d, Form: f})
}

// sectorChecks lists the ticked divisions, then those the sector search found; noHit says a
// search found nothing.
func sectorChecks(f *web.Form, l string) (out []check, noHit bool) {
	picked := f.Values["sectors"]
	for _, code := range picked {
		if e, ok := nace.Lookup(code); ok && e.IsDivision() {
			out = append(out, check{e.Code, e.Code + " " + e.Name.In(l), true})
		}
	}
	if q := f.Get("sector_q"); q != "" {
		found := 0
		for _, e := range nace.Search(q, l) {
			if e.IsDivision() && !slices.Contains(picked, e.Code) {
				out = append(out, check{e.Code, e.Code + " " + e.Name.In(l), false})
				found++
			}
		}
		noHit = found == 0
	}
	return out, noHit
}

func profileValues(p *Profile) url.Values {
	v := url.Values{"organisation_id": {strconv.FormatInt(p.OrganisationID, 10)}, "type": {string(p.Type)},
		"city": {p.City}, "country": {p.Country}, "sectors": p.Sectors, "languages": p.Languages}
	for _, id := range p.Attendees {
		v.Add("attendees", strconv.FormatInt(id, 10))
	}
	for _, l := range i18n.Supported {
		v.Set("description_"+l, p.Description.Get(l))
	}
	return v
}

func profileFromForm(f *web.Form) ProfileInput {
	in := ProfileInput{Type: ParticipationType(f.Get("type")), City: f.Get("city"), Country: f.Get("country"),
		Sectors: f.Values["sectors"], Languages: f.Values["languages"]}
	in.OrganisationID, _ = strconv.ParseInt(f.Get("organisation_id"), 10, 64)
	for _, s := range f.Values["attendees"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.Attendees = append(in.Attendees, id)
		}
	}
	for _, l := range i18n.Supported {
		in.Description.Set(l, strings.TrimSpace(f.Values.Get("description_"+l)))
	}
	return in
}

// --- the participant list

type participantRow struct {
	Profile     Profile
	Type        string
	Sectors     []string
	Languages   string
	Description string
	DescLang    string
}

type participantsData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Rows       []participantRow
	Types      []option
	Sectors    []option
	Languages  []option
	Organiser  bool
	Me         int64    // the viewer's profile, which gets no "request a meeting" form
	Priorities []option // for the request form on each participant
}

// Participants serves GET /b2b/{slug}/participants: validated participants, filtered.
func (h *Handlers) Participants(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	q, l := r.URL.Query(), lang(r)
	f := Filter{SortLang: lang(r), Type: ParticipationType(q.Get("type")), Sector: q.Get("sector"), Country: strings.TrimSpace(q.Get("country")),
		Language: q.Get("language"), Query: q.Get("q")}
	list, err := h.svc.Participants(r.Context(), web.ViewerOf(r.Context()), ev.ID, f)
	if errors.Is(err, fail.Forbidden) { // not a participant yet: the way in is joining
		http.Redirect(w, r, base(l, ev)+"/join", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &participantsData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Rows: h.participantRows(r, list)}
	d.Types, d.Sectors, d.Languages = h.filterOptions(r)
	d.Me, d.Priorities = h.myProfileID(r, ev), h.priorityOptions(r)
	form := web.NewForm(q)
	h.rd.Render(w, r, http.StatusOK, "b2b/participants", &web.Page{Title: h.rd.T(r, "b2b.participants.title"), Data: d, Form: form})
}

func (h *Handlers) participantRows(r *http.Request, list []Profile) []participantRow {
	l := lang(r)
	rows := make([]participantRow, 0, len(list))
	for _, p := range list {
		row := participantRow{Profile: p, Type: h.rd.T(r, "b2b.type."+string(p.Type)),
			Description: p.Description.In(l)}
		if dl := p.Description.Lang(l); dl != l {
			row.DescLang = dl
		}
		for _, c := range p.Sectors {
			if e, ok := nace.Lookup(c); ok {
				row.Sectors = append(row.Sectors, c+" "+e.Name.In(l))
			}
		}
		names := make([]string, len(p.Languages))
		for i, code := range p.Languages {
			names[i] = h.rd.T(r, "b2b.lang."+code)
		}
		row.Languages = strings.Join(names, ", ")
		rows = append(rows, row)
	}
	return rows
}

func (h *Handlers) filterOptions(r *http.Request) (types, sectors, langs []option) {
	l := lang(r)
	for _, t := range Types {
		types = append(types, option{string(t), h.rd.T(r, "b2b.type."+string(t))})
	}
	for _, e := range nace.Divisions() {
		sectors = append(sectors, option{e.Code, e.Code + " " + e.Name.In(l)})
	}
	for _, code := range Languages {
		langs = append(langs, option{code, h.rd.T(r, "b2b.lang."+code)})
	}
	return types, sectors, langs
}

// --- organisers' review

// Review serves GET /admin/events/{id}/b2b/profiles: every profile, any status.
func (h *Handlers) Review(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	status := ProfileStatus(r.URL.Query().Get("status"))
	list, err := h.svc.Participants(r.Context(), v, pathID(r), Filter{Status: status, SortLang: lang(r)})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	ev, err := h.svc.events.Event(r.Context(), v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	d := &participantsData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Rows: h.participantRows(r, list), Organiser: true}
	h.rd.Render(w, r, http.StatusOK, "b2b/review", &web.Page{Title: h.rd.T(r, "b2b.review.title"), Data: d})
}

// ReviewProfile serves POST /admin/events/{id}/b2b/profiles/{pid}: decision=validate, or
// decision=reject with a reason.
func (h *Handlers) ReviewProfile(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	pid, _ := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err := h.profileOfEvent(r, pid); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	switch f.Get("decision") {
	case "reject":
		err = h.svc.Reject(ctx, v, pid, f.Get("reason"))
	case "table":
		table, convErr := strconv.Atoi(f.Get("fixed_table"))
		if convErr != nil && f.Get("fixed_table") != "" {
			table = -1 // not a number: the service names the problem
		}
		err = h.svc.SetFixedTable(ctx, v, pid, table)
	default:
		err = h.svc.Validate(ctx, v, pid)
	}
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields { // one field per decision
			h.flash(r, h.rd.T(r, key))
		}
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "b2b.review.saved"))
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d/b2b/profiles", lang(r), pathID(r)), http.StatusSeeOther)
}

// profileOfEvent checks that the profile belongs to the event in the address, so a decision
// cannot be posted through another forum's page.
func (h *Handlers) profileOfEvent(r *http.Request, pid int64) error {
	_, programmeID, err := h.svc.programmeOf(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		return err
	}
	p, err := profileByID(r.Context(), h.svc.db, pid)
	if err != nil {
		return err
	}
	if p.ProgrammeID != programmeID {
		return ErrNotFound
	}
	return nil
}
