package project

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// TrackerHandlers serves the public tracker, the coordinators' pages and the API of
// projects. They translate HTTP to Tracker calls and back; the rules live in the Tracker.
type TrackerHandlers struct {
	t     *Tracker
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
}

// NewTrackerHandlers wires the tracker's pages.
func NewTrackerHandlers(t *Tracker, rd *web.Renderer, flash func(r *http.Request, msg string)) *TrackerHandlers {
	return &TrackerHandlers{t: t, rd: rd, flash: flash}
}

// perPage is the public list's page size.
const perPage = 20

type option struct {
	Value, Label string
	Selected     bool
}

type listData struct {
	Projects []cardView
	Summary  summaryView
	Pager    web.Pager
	Base     string // the list's address with the filter, ending in ? or &
	Themes   []option
	Statuses []option
	Orgs     []option
	Years    []option
	Query    string
}

type cardView struct {
	P        *Project
	Title    string
	TitleL   string
	Summary  string
	Status   string
	Planned  string
	Spent    string
	Progress int
}

type summaryView struct {
	Total    int
	Progress int
	Statuses []option // Value: count, Label: status
	Budgets  []budgetView
}

type budgetView struct {
	Currency, Planned, Spent string
	Delivered                int
}

func filterOf(r *http.Request) Filter {
	q := r.URL.Query()
	f := Filter{Theme: q.Get("theme"), Status: ProjectStatus(q.Get("status")), Query: q.Get("q")}
	f.OrganisationID, _ = strconv.ParseInt(q.Get("org"), 10, 64)
	f.Year, _ = strconv.Atoi(q.Get("year"))
	return f
}

// filterQuery is f as the list's address keeps it, for the pager and the links.
func filterQuery(f Filter) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	set("theme", f.Theme)
	set("status", string(f.Status))
	set("org", strconv.FormatInt(f.OrganisationID, 10))
	set("year", strconv.Itoa(f.Year))
	set("q", f.Query)
	if len(v) == 0 {
		return "?"
	}
	return "?" + v.Encode() + "&"
}

// List serves GET /projects: the summary of the filtered projects, then one page of them.
func (h *TrackerHandlers) List(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), lang(r)
	f := filterOf(r)
	pager := web.NewPager(r, perPage)
	list, sum, err := h.t.Page(ctx, f, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = sum.Total
	d := listData{Pager: pager, Base: "/" + lang + "/projects" + filterQuery(f), Query: f.Query, Summary: h.summaryView(r, sum)}
	for _, p := range list {
		d.Projects = append(d.Projects, h.card(r, p))
	}
	if err := h.filterOptions(r, f, &d); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/tracker", &web.Page{Title: h.rd.T(r, "project.tracker.title"),
		Description: h.rd.T(r, "project.tracker.lead"), Data: d})
}

func (h *TrackerHandlers) card(r *http.Request, p *Project) cardView {
	l := lang(r)
	return cardView{P: p, Title: p.Title.In(l), TitleL: p.Title.Lang(l), Summary: p.Summary.In(l),
		Status: h.rd.T(r, "project.tracker.status."+string(p.Status)), Progress: p.Progress,
		Planned: FormatMoney(l, p.PlannedMinor) + " " + p.Currency, Spent: FormatMoney(l, p.SpentMinor) + " " + p.Currency}
}

func (h *TrackerHandlers) summaryView(r *http.Request, s *Summary) summaryView {
	l := lang(r)
	out := summaryView{Total: s.Total, Progress: s.Progress}
	for _, st := range ProjectStatuses {
		out.Statuses = append(out.Statuses, option{Value: strconv.Itoa(s.ByStatus[st]), Label: h.rd.T(r, "project.tracker.status."+string(st))})
	}
	for _, b := range s.Budgets {
		out.Budgets = append(out.Budgets, budgetView{Currency: b.Currency, Planned: FormatMoney(l, b.PlannedMinor),
			Spent: FormatMoney(l, b.SpentMinor), Delivered: b.Delivered()})
	}
	return out
}

func (h *TrackerHandlers) filterOptions(r *http.Request, f Filter, d *listData) error {
	for _, th := range Themes {
		d.Themes = append(d.Themes, option{th, h.rd.T(r, "project.tracker.theme."+th), th == f.Theme})
	}
	for _, st := range ProjectStatuses {
		d.Statuses = append(d.Statuses, option{string(st), h.rd.T(r, "project.tracker.status."+string(st)), st == f.Status})
	}
	years, err := h.t.Years(r.Context())
	if err != nil {
		return err
	}
	for _, y := range years {
		d.Years = append(d.Years, option{strconv.FormatInt(y, 10), strconv.FormatInt(y, 10), int(y) == f.Year})
	}
	orgs, err := h.t.Leads(r.Context())
	for _, o := range orgs {
		d.Orgs = append(d.Orgs, option{strconv.FormatInt(o.ID, 10), o.Name, o.ID == f.OrganisationID})
	}
	sortOptions(lang(r), d.Orgs)
	return err
}

type detailView struct {
	D          *Detail
	Card       cardView
	SummaryL   string
	Lead       string
	Themes     []string
	Milestones []milestoneView
	Indicators []indicatorView
	Updates    []updateView
	Links      []linkView
	History    []historyView
	Delivered  int
	Dates      string
}

type milestoneView struct {
	Title, Due, Done string
	Reached          bool
	ID               int64
}

type indicatorView struct {
	I                    Indicator
	Name, Target, Actual string
	Percent              int
}

type updateView struct {
	U        Update
	Date     string
	Body     string
	BodyL    string
	Moved    string // the progress the update set, in words
	Pictures []pictureView
}

type pictureView struct{ URL, Alt string }

type linkView struct{ Kind, Title, Href string }

type historyView struct{ Who, Field, Old, New, At string }

// Show serves GET /projects/{slug}.
func (h *TrackerHandlers) Show(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.t.ProjectBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d, err := h.t.ProjectDetail(ctx, web.ViewerOf(ctx), p)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/project", &web.Page{Title: p.Title.In(lang(r)),
		Description: p.Summary.In(lang(r)), Data: h.detailView(r, d)})
}

func (h *TrackerHandlers) detailView(r *http.Request, d *Detail) detailView {
	l := lang(r)
	v := detailView{D: d, Card: h.card(r, d.Project), SummaryL: d.Summary.Lang(l),
		Dates: day2(l, d.StartsOn) + " – " + day2(l, d.EndsOn)}
	if d.Organisation != nil {
		v.Lead = d.Organisation.Name
	}
	v.Delivered = Budget{PlannedMinor: d.PlannedMinor, SpentMinor: d.SpentMinor}.Delivered()
	for _, th := range d.Themes {
		v.Themes = append(v.Themes, h.rd.T(r, "project.tracker.theme."+th))
	}
	for _, m := range d.Milestones {
		v.Milestones = append(v.Milestones, milestoneView{ID: m.ID, Title: m.Title.In(l), Due: day2(l, m.DueOn), Done: day2(l, m.DoneOn), Reached: m.DoneOn != ""})
	}
	for _, i := range d.Indicators {
		v.Indicators = append(v.Indicators, indicatorView{I: i, Name: i.Name.In(l), Percent: i.Percent(),
			Target: strings.TrimSpace(i18n.FormatNumber(l, i.Target, 0) + " " + i.Unit), Actual: i18n.FormatNumber(l, i.Actual, 0)})
	}
	for _, u := range d.Updates {
		uv := updateView{U: u, Date: day2(l, u.PostedOn), Body: u.Body.In(l), BodyL: u.Body.Lang(l)}
		if u.Progress != nil {
			uv.Moved = h.rd.T(r, "project.tracker.progress_of", *u.Progress)
		}
		for _, p := range u.Pictures {
			uv.Pictures = append(uv.Pictures, pictureView{URL: p.URL, Alt: p.Alt.In(l)})
		}
		v.Updates = append(v.Updates, uv)
	}
	for _, k := range d.Links {
		v.Links = append(v.Links, linkView{Kind: h.rd.T(r, "project.tracker.link."+k.Kind), Title: k.Title.In(l), Href: "/" + l + k.Path})
	}
	for _, c := range d.History {
		if c.Field == "status" { // the other fields' values read the same in every language
			c.Old, c.New = h.statusLabel(r, c.Old), h.statusLabel(r, c.New)
		}
		who := c.UserName
		if who == "" {
			who = "—" // the demo data, or an account deleted since
		}
		v.History = append(v.History, historyView{Who: who, Field: h.fieldLabel(r, c.Field), Old: c.Old, New: c.New,
			At: i18n.FormatDateTime(l, c.At, i18n.MustLocation("Europe/Istanbul"))})
	}
	return v
}

func (h *TrackerHandlers) statusLabel(r *http.Request, s string) string {
	if s == "" {
		return ""
	}
	return h.rd.T(r, "project.tracker.status."+s)
}

// fieldLabel names a history line's field; parts carry their id after a colon.
func (h *TrackerHandlers) fieldLabel(r *http.Request, field string) string {
	kind, rest, _ := strings.Cut(field, ":")
	label := h.rd.T(r, "project.tracker.history."+kind)
	if kind == "link" {
		label += " (" + h.rd.T(r, "project.tracker.link."+rest) + ")"
	}
	return label
}

func day2(lang, s string) string {
	if s == "" {
		return ""
	}
	return i18n.FormatDate(lang, mustDay(s), nil)
}

// Follow serves POST /projects/{slug}/follow: follow=1 follows, anything else stops.
func (h *TrackerHandlers) Follow(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	p, err := h.t.ProjectBySlug(ctx, r.PathValue("slug"))
	if err == nil {
		on := r.PostFormValue("follow") == "1"
		if err = h.t.Follow(ctx, v, p.ID, on); err == nil {
			key := "project.tracker.unfollowed"
			if on {
				key = "project.tracker.followed"
			}
			h.flash(r, h.rd.T(r, key))
			http.Redirect(w, r, "/"+lang(r)+"/projects/"+p.Slug, http.StatusSeeOther)
			return
		}
	}
	h.rd.PageError(w, r, err)
}

// sortOptions orders options by label in the reader's alphabet (ə after e in Azerbaijani).
func sortOptions(lang string, opts []option) {
	text.SortFunc(lang, opts, func(o option) string { return o.Label })
}
