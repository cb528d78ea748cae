package volunteer

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The public pages of programmes: the list of opportunities with its filters, and one
// programme with its roles and shifts, each shift with a sign-up button.

const progPerPage = 12

type progOption struct {
	Value, Label string
	Selected     bool
}

type progListData struct {
	Cards     []progCard
	Filter    ProgrammeFilter
	Cities    []progOption
	Languages []progOption
	Pager     web.Pager
	Base      string // the list's address with the filter, ending in ? or &
}

type progCard struct {
	Title, TitleLang, Slug, City, Dates, Summary, SummaryLang string
	Free                                                      int
	Next                                                      []progShiftView
}

// progShiftView is a shift as a page shows it, times in the programme's zone with the partner
// city's beside them.
type progShiftView struct {
	ID            int64
	Role          string
	Kind          ShiftKind
	When          string
	Note          string // how a window or an ongoing need is worked
	Places, Free  int
	Full, Open    bool
	Location      string
	Contact       string
	ContactDetail string
	ClosedBecause string
}

// progFilter reads the list's filter from the query; unknown values filter nothing.
func progFilter(r *http.Request) ProgrammeFilter {
	q := r.URL.Query()
	f := ProgrammeFilter{Weekend: q.Get("weekend") == "1", Evening: q.Get("evening") == "1", Role: strings.TrimSpace(q.Get("role"))}
	for _, c := range Cities {
		if q.Get("city") == c {
			f.City = c
		}
	}
	for _, l := range Languages {
		if q.Get("lang") == l {
			f.Language = l
		}
	}
	if _, err := time.Parse(progDay, q.Get("from")); err == nil {
		f.From = q.Get("from")
	}
	if _, err := time.Parse(progDay, q.Get("to")); err == nil {
		f.To = q.Get("to")
	}
	if len([]rune(f.Role)) > 100 {
		f.Role = ""
	}
	return f
}

func (f ProgrammeFilter) query() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("city", f.City)
	set("from", f.From)
	set("to", f.To)
	set("role", f.Role)
	set("lang", f.Language)
	if f.Weekend {
		v.Set("weekend", "1")
	}
	if f.Evening {
		v.Set("evening", "1")
	}
	return v
}

// ProgrammeList serves GET /volunteer.
func (h *Handlers) ProgrammeList(w http.ResponseWriter, r *http.Request) {
	f, pager := progFilter(r), web.NewPager(r, progPerPage)
	cards, total, err := h.svc.ListProgrammes(r.Context(), f, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	d := progListData{Filter: f, Pager: pager, Base: "/" + lang(r) + "/volunteer?"}
	if q := f.query().Encode(); q != "" {
		d.Base += q + "&"
	}
	for _, c := range Cities {
		d.Cities = append(d.Cities, progOption{c, h.rd.T(r, "volunteer.programmes.city."+c), c == f.City})
	}
	for _, l := range Languages {
		d.Languages = append(d.Languages, progOption{l, h.rd.T(r, "volunteer.programmes.language."+l), l == f.Language})
	}
	now := h.svc.now()
	for _, c := range cards {
		p := c.Programme
		cv := progCard{Title: p.Title.In(lang(r)), TitleLang: p.Title.Lang(lang(r)), Slug: p.Slug,
			City: h.rd.T(r, "volunteer.programmes.city."+p.City), Dates: h.progDates(r, p), Summary: progSummary(p.Description.In(lang(r))),
			SummaryLang: p.Description.Lang(lang(r)), Free: c.Free}
		for _, sh := range c.Next {
			cv.Next = append(cv.Next, h.progShift(r, p, sh, now))
		}
		d.Cards = append(d.Cards, cv)
	}
	h.rd.Render(w, r, http.StatusOK, "volunteer/programme_list", &web.Page{Title: h.rd.T(r, "volunteer.programmes.list.title"),
		Description: h.rd.T(r, "volunteer.programmes.list.lead"), Data: d})
}

type progPageData struct {
	P            *Programme
	Title        string
	TitleLang    string
	Description  []string // progParagraphs
	Requirements []string
	TextLang     [2]string // the languages description and requirements are shown in
	City         string
	Dates        string
	Roles        []progRoleView
	Links        ProgrammeLinks
	Minors       bool // volunteers under 18 may join, with a guardian's consent
	CanEdit      bool
}

type progRoleView struct {
	Name, Description string
	Languages         []string
	Shifts            []progShiftView
}

// ProgrammePage serves GET /volunteer/{slug}.
func (h *Handlers) ProgrammePage(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	p, err := h.svc.ProgrammeBySlug(r.Context(), v, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	links, err := h.svc.LinksOf(r.Context(), p)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	d := progPageData{P: p, Title: p.Title.In(l), TitleLang: p.Title.Lang(l), Description: progParagraphs(p.Description.In(l)),
		Requirements: progParagraphs(p.Requirements.In(l)), TextLang: [2]string{p.Description.Lang(l), p.Requirements.Lang(l)}, City: h.rd.T(r, "volunteer.programmes.city."+p.City), Dates: h.progDates(r, p),
		Links: links, Minors: p.MinAge < AdultAge, CanEdit: canCoordinate(v)}
	now := h.svc.now()
	for _, role := range p.Roles {
		rv := progRoleView{Name: role.Name.In(l), Description: role.Description.In(l)}
		for _, code := range role.Languages {
			rv.Languages = append(rv.Languages, h.rd.T(r, "volunteer.programmes.language."+code))
		}
		for _, sh := range p.Shifts {
			if sh.RoleID == role.ID {
				rv.Shifts = append(rv.Shifts, h.progShift(r, p, sh, now))
			}
		}
		d.Roles = append(d.Roles, rv)
	}
	h.rd.Render(w, r, http.StatusOK, "volunteer/programme_page", &web.Page{Title: d.Title, Description: progSummary(p.Description.In(l)), Data: d})
}

// progDates is the programme's first and last day.
func (h *Handlers) progDates(r *http.Request, p *Programme) string {
	loc := p.Location()
	first, last := i18n.FormatDate(lang(r), p.StartsAt, loc), i18n.FormatDate(lang(r), p.LastDay(), loc)
	if first == last {
		return first
	}
	return first + " – " + last
}

func (h *Handlers) progZone(r *http.Request, city string) i18n.Zone {
	return i18n.Zone{Name: h.rd.T(r, "volunteer.programmes.city."+city), Location: cityZones[city]}
}

func (h *Handlers) progShift(r *http.Request, p *Programme, sh Shift, now time.Time) progShiftView {
	l, loc := lang(r), p.Location()
	here, there := h.progZone(r, p.City), h.progZone(r, p.Partner())
	sv := progShiftView{ID: sh.ID, Kind: sh.Kind, Places: sh.Places, Free: sh.Free(), Full: sh.Free() == 0, Location: sh.Location,
		Contact: sh.ContactName, ContactDetail: sh.ContactDetail}
	if role := p.RoleByID(sh.RoleID); role != nil {
		sv.Role = role.Name.In(l)
	}
	switch sh.Kind {
	case Ongoing:
		sv.When = i18n.FormatDate(l, sh.StartsAt, loc) + " – " + i18n.FormatDate(l, sh.EndsAt.Add(-time.Minute), loc)
		sv.Note = h.rd.T(r, "volunteer.programmes.shift.ongoing")
	default:
		sv.When = i18n.FormatDate(l, sh.StartsAt, loc) + ", " + i18n.DualTime(l, sh.StartsAt, here, there) +
			" – " + i18n.FormatTime(l, sh.EndsAt, loc)
		if sh.Kind == Window {
			sv.Note = h.rd.T(r, "volunteer.programmes.shift.window", sh.Minutes)
		}
	}
	switch {
	case !p.Published: // coordinators preview a draft; nobody can sign up yet
		sv.ClosedBecause = h.rd.T(r, "volunteer.programmes.draft")
	case !sh.EndsAt.After(now) || (sh.Kind != Ongoing && !sh.StartsAt.After(now)):
		sv.ClosedBecause = h.rd.T(r, "volunteer.programmes.shift.past")
	case sh.Kind != Ongoing && now.After(sh.StartsAt.Add(-time.Duration(p.SignupCloseHours)*time.Hour)):
		sv.ClosedBecause = h.rd.T(r, "volunteer.programmes.shift.closed")
	default:
		sv.Open = true
	}
	return sv
}

// progParagraphs splits a typed text at its line breaks, leaving out empty lines.
func progParagraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// progSummary is the first paragraph of a text, cut to a card's length.
func progSummary(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 220 {
		return strings.TrimSpace(string(r[:220])) + "…"
	}
	return s
}

func progID(n int64) string { return strconv.FormatInt(n, 10) }
