package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the event pages, the coordinators' pages and the JSON API.
type Handlers struct {
	svc         *Service
	rd          *web.Renderer
	mail        *Notifier
	baseURL     string
	partnership func(ctx context.Context) (int64, error)
	flash       func(r *http.Request, msg string)
	resendLimit *web.RateLimiter
	changed     func()
	// partnerships resolves ?partnership= of the calendar feeds (http_calendar.go).
	partnerships func(ctx context.Context, ref string) (int64, error)
	companions   Companions   // other modules' pages for an event (companions.go); nil: none
	projects     ProjectLinks // events created from a project's page (project_links.go); nil: none
}

// NewHandlers wires the event handlers. partnership names the partnership new events belong
// to (the installation's default); flash keeps a one-time message for the next page.
func NewHandlers(svc *Service, rd *web.Renderer, mail *Notifier, baseURL string,
	partnership func(ctx context.Context) (int64, error), flash func(r *http.Request, msg string)) *Handlers {
	return &Handlers{svc: svc, rd: rd, mail: mail, baseURL: strings.TrimSuffix(baseURL, "/"), partnership: partnership, flash: flash,
		// Re-sending mails a stranger's inbox: a few per address, then one every 20 seconds.
		resendLimit: web.NewRateLimiter(3, 3), changed: func() {}}
}

// OnChange registers what to do after an event is saved (the app empties its page cache).
func (h *Handlers) OnChange(f func()) { h.changed = f }

func lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func pathID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

// localText is a translatable field resolved for one reader; Lang is set when the text is in
// another language than the page, so the template marks it.
type localText struct {
	Text string
	Lang string
}

func local(t i18n.Text, l string) localText {
	lt := localText{Text: t.In(l)}
	if used := t.Lang(l); used != "" && used != l {
		lt.Lang = used
	}
	return lt
}

// mailLater stores mails after the change that caused them committed; a failure is logged,
// never shown as a failed registration (the registration stands, and can be re-sent).
func (h *Handlers) mailLater(r *http.Request, what string, err error) {
	if err != nil {
		h.rd.Logger().Error("events mail", "what", what, "err", err, "id", web.RequestIDOf(r.Context()))
	}
}

// --- list

type cardView struct {
	Href     string
	Title    localText
	Kind     string
	When     string
	StartISO string
	Place    string
	Status   Status
	Cover    *coverView // the programme's cover (http_programme.go)
}

type listData struct {
	Upcoming, Past []cardView
	Kinds          []kindLink
	Kind           string
	Month          string
	City           string       // the chosen city as events write it; "" for all
	Cities         []option     // the cities of the events the other filters leave
	Subscribe      template.URL // webcal:// feed of the listed kind (http_calendar.go)
}

type kindLink struct {
	Value, Label, Href string
	Current            bool
}

func (h *Handlers) card(e *Event, l string) cardView {
	return cardView{Href: "/" + l + "/events/" + e.Slug, Title: local(e.Title, l), Kind: h.rd.Catalog().T(l, "events.kind."+string(e.Kind)),
		When: WhenText(h.rd.Catalog(), l, e, e.StartsAt), StartISO: e.StartsAt.In(e.Location()).Format(time.RFC3339),
		Place: strings.Trim(e.Venue.Name+", "+e.Venue.City, ", "), Status: e.Status}
}

// List serves /events: upcoming events first, then past ones, filtered by ?kind=,
// ?month=YYYY-MM (in İzmir's calendar) and ?city= (matched folded: "izmir" finds "İzmir").
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	q := r.URL.Query()
	f := Filter{Status: Published, PublicOnly: true, Limit: 200}
	d := &listData{}
	if k := Kind(q.Get("kind")); slices.Contains(Kinds, k) {
		f.Kind, d.Kind = k, string(k)
	}
	if m, err := time.ParseInLocation("2006-01", q.Get("month"), web.HomeZone); err == nil {
		to := m.AddDate(0, 1, 0)
		f.From, f.To, d.Month = &m, &to, m.Format("2006-01")
	}
	all, err := h.svc.List(ctx, web.ViewerOf(ctx), f)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d.Cities, d.City, all = filterCity(all, q.Get("city"), l)
	covers, err := h.svc.Covers(ctx, all)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	now := h.svc.now()
	for i := range all {
		e := &all[i]
		c := h.card(e, l)
		if img, ok := covers[e.ID]; ok {
			c.Cover = cover(&img, l, img.Thumb, "(min-width: 40em) 18rem, 100vw")
		}
		if e.EndsAt.After(now) {
			d.Upcoming = append(d.Upcoming, c)
		} else {
			d.Past = append(d.Past, c)
		}
	}
	slices.Reverse(d.Past) // the most recent past event first
	d.Subscribe = h.subscribeURL(l, d.Kind)
	base := "/" + l + "/events"
	d.Kinds = append(d.Kinds, kindLink{Label: h.rd.T(r, "events.kind.all"), Href: base + listQuery("", d.Month, d.City), Current: d.Kind == ""})
	for _, k := range Kinds {
		d.Kinds = append(d.Kinds, kindLink{Value: string(k), Label: h.rd.T(r, "events.kind."+string(k)),
			Href: base + listQuery(string(k), d.Month, d.City), Current: d.Kind == string(k)})
	}
	h.rd.Render(w, r, http.StatusOK, "events/list", &web.Page{Title: h.rd.T(r, "events.title"), Description: h.rd.T(r, "events.lead"), Data: d})
}

// listQuery is the query string of the event list with these filters ("" when none).
func listQuery(kind, month, city string) string {
	v := url.Values{}
	for k, x := range map[string]string{"kind": kind, "month": month, "city": city} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// filterCity offers the venue cities of list, sorted for lang (one entry per city however
// it is cased), and keeps the events in the city asked for, if any. It returns the choices,
// the chosen city as the events write it ("" when none or unknown) and the events kept.
func filterCity(list []Event, asked, lang string) ([]option, string, []Event) {
	want := text.Fold(asked)
	seen := map[string]bool{}
	var cities []option
	chosen := ""
	for _, e := range list {
		key := text.Fold(e.Venue.City)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		cities = append(cities, option{Value: e.Venue.City, Label: e.Venue.City})
		if key == want {
			chosen = e.Venue.City
		}
	}
	text.SortFunc(lang, cities, func(o option) string { return o.Label })
	if chosen == "" {
		return cities, "", list
	}
	kept := list[:0:0]
	for _, e := range list {
		if text.Fold(e.Venue.City) == want {
			kept = append(kept, e)
		}
	}
	return cities, chosen, kept
}

// --- one event

type typeOption struct {
	ID       int64
	Name     localText
	Selected bool
}

type eventData struct {
	Event      *Event
	Title      localText
	Paragraphs []string
	DescLang   string
	Kind       string
	When       string
	Ends       string
	StartISO   string
	Place      string
	MapHref    string
	Types      []typeOption
	Open       bool   // registration is open now
	Closed     string // why not, as a message key
	CanManage  bool
	JSONLD     template.JS
	Already    bool // the address is registered: offer to mail the ticket again
	AlreadyTo  string
	Calendar   calendarLinks // "add to calendar" (http_calendar.go)
	Ask        *askView      // questions and consents (http_questions.go)
	// The agenda, cover and organisations (http_programme.go).
	Programme *programmeView
	// Other modules' pages for the event (companions.go).
	Companions []Companion
}

// Event serves /events/{slug}: the event and its registration form; /events/{slug}.ics is
// the event for calendars (a mux pattern cannot end a wildcard with a suffix).
func (h *Handlers) Event(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	slug, ics := strings.CutSuffix(r.PathValue("slug"), ".ics")
	e, err := h.svc.BySlug(ctx, web.ViewerOf(ctx), slug)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if ics {
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+e.Slug+`.ics"`)
		_, _ = w.Write(EventICS(e, lang(r), h.baseURL, h.svc.now()))
		return
	}
	form := web.NewForm(url.Values{})
	if v := web.ViewerOf(ctx); v != nil {
		form.Values.Set("name", v.Name)
		form.Values.Set("email", v.Email)
	}
	h.renderEvent(w, r, http.StatusOK, e, form)
}

func (h *Handlers) renderEvent(w http.ResponseWriter, r *http.Request, status int, e *Event, form *web.Form) {
	l := lang(r)
	cat := h.rd.Catalog()
	p, err := h.svc.Programme(r.Context(), e)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &eventData{Programme: h.programmeView(e, p, l), Event: e, Title: local(e.Title, l), Kind: cat.T(l, "events.kind."+string(e.Kind)),
		When: WhenText(cat, l, e, e.StartsAt), Ends: WhenText(cat, l, e, e.EndsAt),
		StartISO: e.StartsAt.In(e.Location()).Format(time.RFC3339), Place: VenueText(e),
		CanManage: CanManage(web.ViewerOf(r.Context()))}
	if d.Companions, err = h.companionsOf(r.Context(), e); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	desc := local(e.Description, l)
	d.DescLang = desc.Lang
	for p := range strings.SplitSeq(strings.ReplaceAll(desc.Text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			d.Paragraphs = append(d.Paragraphs, p)
		}
	}
	if e.Venue.Lat != nil && e.Venue.Lon != nil {
		d.MapHref = fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", *e.Venue.Lat, *e.Venue.Lon, *e.Venue.Lat, *e.Venue.Lon)
	}
	chosen, _ := strconv.ParseInt(form.Get("type_id"), 10, 64)
	for i, t := range e.Types {
		d.Types = append(d.Types, typeOption{ID: t.ID, Name: local(t.Name, l), Selected: t.ID == chosen || (chosen == 0 && i == 0)})
	}
	now := h.svc.now()
	opens, closes := e.RegistrationWindow()
	switch {
	case e.Status == Cancelled:
		d.Closed = "events.event_cancelled"
	case e.Status == Draft:
		d.Closed = "events.draft_notice"
	case now.Before(opens):
		d.Closed = "events.registration_not_open"
	case !now.Before(closes):
		d.Closed = "events.registration_closed"
	default:
		d.Open = true
	}
	if e.Status == Published {
		d.JSONLD = h.jsonLD(e, p, l)
		d.Calendar = h.calendarLinks(e, l)
	}
	if form.Get("already") != "" {
		d.Already, d.AlreadyTo = true, form.Get("email")
	}
	d.Ask = h.askView(r, e.Questionnaire)
	h.rd.Render(w, r, status, "events/event", &web.Page{Title: d.Title.Text, Description: cat.T(l, "events.kind."+string(e.Kind)) + " · " + d.When, Data: d, Form: form})
}

// jsonLD describes the event for search engines (schema.org Event), built with encoding/json
// so no text of the event can break out of the script element.
func (h *Handlers) jsonLD(e *Event, prog *Programme, l string) template.JS {
	type address struct {
		Type     string `json:"@type"`
		Street   string `json:"streetAddress,omitempty"`
		Locality string `json:"addressLocality,omitempty"`
	}
	type geo struct {
		Type string  `json:"@type"`
		Lat  float64 `json:"latitude"`
		Lon  float64 `json:"longitude"`
	}
	type place struct {
		Type    string  `json:"@type"`
		Name    string  `json:"name,omitempty"`
		Address address `json:"address"`
		Geo     *geo    `json:"geo,omitempty"`
	}
	type org struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	doc := struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		Description string `json:"description,omitempty"`
		Language    string `json:"inLanguage"`
		URL         string `json:"url"`
		Start       string `json:"startDate"`
		End         string `json:"endDate"`
		Status      string `json:"eventStatus"`
		Mode        string `json:"eventAttendanceMode"`
		Location    any    `json:"location"`
		Organizer   any    `json:"organizer"`
		// The programme (http_programme.go): partners are "contributor", the schema.org
		// property for secondary parties of an event; "sponsor" would claim they pay.
		Contributor []ldOrganisation `json:"contributor,omitempty"`
		Image       string           `json:"image,omitempty"`
		SubEvent    []ldSession      `json:"subEvent,omitempty"`
	}{
		Context: "https://schema.org", Type: "Event", Name: e.Title.In(l), Description: e.Description.In(l), Language: e.Title.Lang(l),
		URL: h.baseURL + "/" + l + "/events/" + e.Slug, Start: e.StartsAt.In(e.Location()).Format(time.RFC3339),
		End: e.EndsAt.In(e.Location()).Format(time.RFC3339), Status: "https://schema.org/EventScheduled",
		Mode:      "https://schema.org/OfflineEventAttendanceMode",
		Organizer: org{Type: "Organization", Name: h.rd.Catalog().T(l, "site.name"), URL: h.baseURL + "/" + l + "/"},
	}
	if e.Status == Cancelled {
		doc.Status = "https://schema.org/EventCancelled"
	}
	if e.Kind == Webinar {
		doc.Mode = "https://schema.org/OnlineEventAttendanceMode"
		doc.Location = map[string]string{"@type": "VirtualLocation", "url": doc.URL}
	} else {
		p := place{Type: "Place", Name: e.Venue.Name, Address: address{Type: "PostalAddress", Street: e.Venue.Address, Locality: e.Venue.City}}
		if e.Venue.Lat != nil && e.Venue.Lon != nil {
			p.Geo = &geo{Type: "GeoCoordinates", Lat: *e.Venue.Lat, Lon: *e.Venue.Lon}
		}
		doc.Location = p
	}
	if len(prog.Organisers) > 0 {
		doc.Organizer = ldOrganisations(prog.Organisers)
	}
	doc.Contributor, doc.Image, doc.SubEvent = ldOrganisations(prog.Partners), h.absolute(imageURL(prog.Cover, false)), h.ldSessions(e, prog, l)
	b, err := json.Marshal(doc) // escapes <, > and & as \u003c…, so "</script>" cannot appear
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// --- registering

type outcomeData struct {
	Kind     string // waiting, pending_approval, resent, cancelled
	Event    localText
	EventURL string
	Position int
	Email    string
}

// Register serves POST /events/{slug}/register.
func (h *Handlers) Register(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	e, err := h.svc.BySlug(ctx, v, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	typeID, _ := strconv.ParseInt(form.Get("type_id"), 10, 64)
	// The service checks the name and address with the answers, so every problem shows at once.
	answers, consents := answersFromForm(e.Questionnaire, form)
	reg, err := h.svc.Register(ctx, v, RegisterInput{EventID: e.ID, TypeID: typeID, Name: form.Get("name"), Email: form.Get("email"), Locale: l,
		Answers: answers, Consents: consents})
	var already *AlreadyRegisteredError
	var fields fail.Fields
	switch {
	case errors.As(err, &already):
		// Politely refused; the ticket goes to the address, never to this screen.
		form.Values.Set("already", "1")
		h.renderEvent(w, r, http.StatusConflict, e, form)
		return
	case errors.As(err, &fields):
		for k, key := range fields {
			form.Fail(k, key)
		}
		h.renderEvent(w, r, http.StatusUnprocessableEntity, e, form)
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	if reg.Status == Confirmed {
		http.Redirect(w, r, "/"+l+"/tickets/"+reg.Ticket, http.StatusSeeOther)
		return
	}
	h.outcome(w, r, http.StatusOK, e, outcomeData{Kind: string(reg.Status), Position: reg.Position, Email: reg.Email})
}

func (h *Handlers) outcome(w http.ResponseWriter, r *http.Request, status int, e *Event, d outcomeData) {
	l := lang(r)
	if e != nil {
		d.Event, d.EventURL = local(e.Title, l), "/"+l+"/events/"+e.Slug
	}
	h.rd.Render(w, r, status, "events/outcome", &web.Page{Title: h.rd.T(r, "events.outcome."+d.Kind+".title"), Data: d})
}

// Resend serves POST /events/{slug}/resend: mails the ticket of an address again. The answer
// is the same whether or not the address is registered.
func (h *Handlers) Resend(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.svc.BySlug(ctx, web.ViewerOf(ctx), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	email := strings.ToLower(form.Get("email"))
	if !h.resendLimit.Allow(email) {
		h.rd.Error(w, r, http.StatusTooManyRequests)
		return
	}
	if web.IsEmail(email) {
		h.mailLater(r, "resend", h.mail.Resend(ctx, e.ID, form.Get("email")))
	}
	h.outcome(w, r, http.StatusOK, e, outcomeData{Kind: "resent"})
}
