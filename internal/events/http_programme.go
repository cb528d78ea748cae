package events

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The programme on the pages: the agenda grouped by day, the cover, the organisations, and
// their part of the editor.

// emptySessionRows is how many blank agenda rows the editor offers for new sessions.
const emptySessionRows = 3

type sessionView struct {
	Anchor      string
	StartISO    string
	When        string // start, in the venue's zone with the partner city's beside it
	Until       string // end, likewise
	Title       localText
	Description localText
	Room        string
	Speakers    []string
	Language    string // label
	LangCode    string
}

type agendaDay struct {
	Date     string
	Sessions []sessionView
}

type orgView struct {
	Name, Website string
}

type coverView struct {
	Src, Srcset, Sizes string
	Width, Height      int
	Alt, AltLang       string
}

// programmeView is the programme as the event and agenda pages show it.
type programmeView struct {
	Days       []agendaDay
	Cover      *coverView
	Organisers []orgView
	Partners   []orgView
	AgendaHref string
}

func cover(img *Image, l, src, sizes string) *coverView {
	if img == nil {
		return nil
	}
	alt := local(img.Alt, l)
	return &coverView{Src: src, Srcset: img.Srcset, Sizes: sizes, Width: img.Width, Height: img.Height, Alt: alt.Text, AltLang: alt.Lang}
}

func orgViews(orgs []Organisation) []orgView {
	out := make([]orgView, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, orgView{Name: o.Name, Website: o.Website})
	}
	return out
}

func (h *Handlers) programmeView(e *Event, p *Programme, l string) *programmeView {
	cat := h.rd.Catalog()
	first, second := Zones(cat, l, e)
	v := &programmeView{Cover: cover(p.Cover, l, imageURL(p.Cover, false), "(min-width: 48rem) 48rem, 100vw"),
		Organisers: orgViews(p.Organisers), Partners: orgViews(p.Partners), AgendaHref: "/" + l + "/events/" + e.Slug + "/agenda"}
	loc := e.Location()
	for i, s := range p.Sessions {
		date := i18n.FormatLongDate(l, s.StartsAt, loc)
		if n := len(v.Days); n == 0 || v.Days[n-1].Date != date {
			v.Days = append(v.Days, agendaDay{Date: date})
		}
		day := &v.Days[len(v.Days)-1]
		day.Sessions = append(day.Sessions, sessionView{Anchor: Anchor(i), StartISO: s.StartsAt.In(loc).Format(time.RFC3339),
			When: i18n.DualTime(l, s.StartsAt, first, second), Until: i18n.DualTime(l, s.EndsAt, first, second),
			Title: local(s.Title, l), Description: local(s.Description, l), Room: s.Room, Speakers: s.Speakers,
			Language: cat.T(l, "events.agenda.lang."+string(s.Language)), LangCode: string(s.Language)})
	}
	return v
}

// imageURL is the picture's large (or, for cards, small) variant.
func imageURL(img *Image, thumb bool) string {
	if img == nil {
		return ""
	}
	if thumb {
		return img.Thumb
	}
	return img.URL
}

type agendaData struct {
	Event     *Event
	Title     localText
	When      string
	Ends      string
	Place     string
	EventHref string
	Programme *programmeView
}

// Agenda serves /events/{slug}/agenda: the sessions alone, on a page made to be printed.
func (h *Handlers) Agenda(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	e, err := h.svc.BySlug(ctx, web.ViewerOf(ctx), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	p, err := h.svc.Programme(ctx, e)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cat := h.rd.Catalog()
	d := &agendaData{Event: e, Title: local(e.Title, l), When: WhenText(cat, l, e, e.StartsAt), Ends: WhenText(cat, l, e, e.EndsAt),
		Place: VenueText(e), EventHref: "/" + l + "/events/" + e.Slug, Programme: h.programmeView(e, p, l)}
	h.rd.Render(w, r, http.StatusOK, "events/agenda", &web.Page{Title: h.rd.T(r, "events.agenda.page_title", d.Title.Text), Data: d})
}

// --- editor

type sessionRow struct {
	N      int
	Remove bool // offered on rows that hold a session
}

type orgChoice struct {
	ID                 string
	Name               string
	Organiser, Partner bool
}

// programmeEditor is what the editor offers for the programme.
type programmeEditor struct {
	Sessions     []sessionRow
	Languages    []option
	Covers       []option
	CoverPreview string
	Orgs         []orgChoice
	Roles        []string // the two lists of organisations, as form fields
}

func (h *Handlers) programmeEditor(r *http.Request, f *web.Form) (*programmeEditor, error) {
	images, orgs, err := h.svc.ProgrammeChoices(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		return nil, err
	}
	d := &programmeEditor{Roles: []string{"organisers", "partners"}}
	filled := sessionRowsSent(f.Values)
	for i := range filled + emptySessionRows {
		d.Sessions = append(d.Sessions, sessionRow{N: i, Remove: i < filled})
	}
	for _, sl := range SessionLanguages {
		d.Languages = append(d.Languages, option{string(sl), h.rd.T(r, "events.agenda.lang."+string(sl))})
	}
	current := f.Get("cover_id")
	for _, img := range images {
		value := strconv.FormatInt(img.ID, 10)
		d.Covers = append(d.Covers, option{Value: value, Label: fmt.Sprintf("#%d · %s", img.ID, img.Name)})
		if value == current {
			d.CoverPreview = img.Thumb
		}
	}
	for _, o := range orgs {
		id := strconv.FormatInt(o.ID, 10)
		d.Orgs = append(d.Orgs, orgChoice{ID: id, Name: o.Name,
			Organiser: slices.Contains(f.Values["organisers"], id), Partner: slices.Contains(f.Values["partners"], id)})
	}
	return d, nil
}

// sessionRowsSent counts the agenda rows a form holds (rows 0…n-1 carry a start field).
func sessionRowsSent(v url.Values) int {
	n := 0
	for {
		if _, ok := v["session_starts_"+strconv.Itoa(n)]; !ok {
			return n
		}
		n++
	}
}

// programmeForm adds e's programme (loaded by Service.Programme) to the editor's values.
func programmeForm(e *Event, v url.Values) {
	loc := e.Location()
	if e.CoverID != 0 {
		v.Set("cover_id", strconv.FormatInt(e.CoverID, 10))
	}
	for _, id := range e.Organisers {
		v.Add("organisers", strconv.FormatInt(id, 10))
	}
	for _, id := range e.Partners {
		v.Add("partners", strconv.FormatInt(id, 10))
	}
	for i, s := range e.Sessions {
		setSessionRow(v, i, s, loc)
	}
}

func setSessionRow(v url.Values, i int, s Session, loc *time.Location) {
	n := strconv.Itoa(i)
	v.Set("session_starts_"+n, s.StartsAt.In(loc).Format(localLayout))
	v.Set("session_ends_"+n, s.EndsAt.In(loc).Format(localLayout))
	v.Set("session_room_"+n, s.Room)
	v.Set("session_language_"+n, string(s.Language))
	v.Set("session_speakers_"+n, strings.Join(s.Speakers, "\n"))
	for _, l := range i18n.Supported {
		v.Set("session_title_"+l+"_"+n, s.Title.Get(l))
		v.Set("session_description_"+l+"_"+n, s.Description.Get(l))
	}
}

// sessionFields are the editor's per-row fields, without the row number.
var sessionFields = func() []string {
	fields := []string{"session_starts_", "session_ends_", "session_room_", "session_language_", "session_speakers_", "session_remove_"}
	for _, l := range i18n.Supported {
		fields = append(fields, "session_title_"+l+"_", "session_description_"+l+"_")
	}
	return fields
}()

// programmeFromForm reads the programme part of the editor into in; times are read in the
// venue's zone loc. Blank rows and rows marked for removal are dropped, and the rows left
// are renumbered in f from 0, so the service's errors (session_title_N, N counting the
// sessions sent) land on the right row when the form is shown again.
func programmeFromForm(f *web.Form, in *Input, loc *time.Location) {
	in.CoverID, _ = strconv.ParseInt(f.Get("cover_id"), 10, 64)
	if f.Get("cover_id") != "" && in.CoverID <= 0 {
		f.Fail("cover_id", "events.cover.invalid")
	}
	in.Organisers, in.Partners = formIDs(f, "organisers"), formIDs(f, "partners")
	sent := sessionRowsSent(f.Values)
	kept := url.Values{}
	for i := range sent {
		n := strconv.Itoa(i)
		if f.Get("session_remove_"+n) != "" || blankSessionRow(f, n) {
			continue
		}
		to := strconv.Itoa(len(in.Sessions))
		for _, field := range sessionFields {
			if vs, ok := f.Values[field+n]; ok {
				kept[field+to] = vs
			}
		}
		s := Session{Room: f.Get("session_room_" + n), Language: SessionLanguage(f.Get("session_language_" + n)),
			Speakers: strings.Split(f.Values.Get("session_speakers_"+n), "\n")}
		for _, l := range i18n.Supported {
			s.Title.Set(l, f.Get("session_title_"+l+"_"+n))
			s.Description.Set(l, f.Values.Get("session_description_"+l+"_"+n))
		}
		for field, dst := range map[string]*time.Time{"session_starts_": &s.StartsAt, "session_ends_": &s.EndsAt} {
			if v := f.Get(field + n); v != "" {
				t, err := time.ParseInLocation(localLayout, v, loc)
				if err != nil {
					f.Fail(field+to, "events.datetime_invalid")
				}
				*dst = t
			}
		}
		in.Sessions = append(in.Sessions, s)
	}
	for i := range sent {
		for _, field := range sessionFields {
			delete(f.Values, field+strconv.Itoa(i))
		}
	}
	for k, vs := range kept {
		f.Values[k] = vs
	}
}

// blankSessionRow reports a row with nothing typed in it (the language alone, preselected,
// does not count).
func blankSessionRow(f *web.Form, n string) bool {
	for _, field := range sessionFields {
		if field != "session_language_" && field != "session_remove_" && f.Get(field+n) != "" {
			return false
		}
	}
	return true
}

func formIDs(f *web.Form, field string) []int64 {
	var ids []int64
	for _, s := range f.Values[field] {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			f.Fail(field, "events.orgs.unknown")
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// --- JSON-LD (the event page's schema.org Event, http.go)

type ldOrganisation struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldSession struct {
	Type     string `json:"@type"`
	Name     string `json:"name"`
	Start    string `json:"startDate"`
	End      string `json:"endDate"`
	URL      string `json:"url"`
	Language string `json:"inLanguage,omitempty"`
}

func ldOrganisations(orgs []Organisation) []ldOrganisation {
	var out []ldOrganisation
	for _, o := range orgs {
		out = append(out, ldOrganisation{Type: "Organization", Name: o.Name, URL: o.Website})
	}
	return out
}

// ldSessions are the agenda as subEvents; a session's language is given only when it is
// one language (schema.org expects a BCP 47 code).
func (h *Handlers) ldSessions(e *Event, prog *Programme, l string) []ldSession {
	loc := e.Location()
	var out []ldSession
	for i, s := range prog.Sessions {
		ld := ldSession{Type: "Event", Name: s.Title.In(l), Start: s.StartsAt.In(loc).Format(time.RFC3339),
			End: s.EndsAt.In(loc).Format(time.RFC3339), URL: h.baseURL + "/" + l + "/events/" + e.Slug + "#" + Anchor(i)}
		if s.Language != LangMixed && s.Language != LangInterpreted {
			ld.Language = string(s.Language)
		}
		out = append(out, ld)
	}
	return out
}

// absolute makes a site path a full URL ("" stays "").
func (h *Handlers) absolute(path string) string {
	if path == "" {
		return ""
	}
	return h.baseURL + path
}
