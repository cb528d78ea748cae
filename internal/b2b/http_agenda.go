package b2b

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The participant's agenda: /b2b/{slug}/agenda (page), agenda.pdf and agenda.ics. A person
// in several participating organisations picks one with ?org=, as on the profile page.

type agendaRow struct {
	ID      int64
	When    string // start in both zones
	Ends    string // in the venue's zone
	Table   string
	Other   string
	People  string
	Status  string // the label, when marked
	Marked  string // the status, when marked
	CanMark bool   // attendance can be marked now
	Action  string
}

type agendaGroup struct {
	Title string
	Rows  []agendaRow
}

type agendaView struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Org        string // "?org=N", kept on every link
	OrgName    string
	Next       *agendaRow
	NextWhen   string
	Groups     []agendaGroup
	Waiting    []string
	Empty      string // why there is nothing placed, as a message key
	PDF, ICS   string
}

// agendaOf reads the agenda the request asks for; it answers the request itself on failure.
// The page sends a signed-in non-participant to join; the files are simply not found.
func (h *Handlers) agendaOf(w http.ResponseWriter, r *http.Request, page bool) (*Agenda, bool) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return nil, false
	}
	orgID, _ := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
	a, err := h.svc.Agenda(r.Context(), web.ViewerOf(r.Context()), ev.ID, orgID)
	if page && errors.Is(err, ErrNotFound) && orgID == 0 && web.ViewerOf(r.Context()) != nil && ev.Kind == BusinessForum {
		// Not a participant (or no programme yet): the join page says which.
		http.Redirect(w, r, base(lang(r), ev)+"/join", http.StatusSeeOther)
		return nil, false
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return a, true
}

// Agenda serves GET /b2b/{slug}/agenda.
func (h *Handlers) Agenda(w http.ResponseWriter, r *http.Request) {
	a, ok := h.agendaOf(w, r, true)
	if !ok {
		return
	}
	l := lang(r)
	now := h.svc.now()
	d := &agendaView{Event: a.Event, EventTitle: a.Event.Title.In(l), Base: base(l, a.Event),
		Org: fmt.Sprintf("?org=%d", a.Profile.OrganisationID), OrgName: a.Profile.Organisation.Name}
	d.PDF, d.ICS = d.Base+"/agenda.pdf"+d.Org, d.Base+"/agenda.ics"+d.Org
	if len(a.Meetings) == 0 {
		d.Empty = emptyAgendaKey(a)
	}
	for _, it := range a.Waiting {
		d.Waiting = append(d.Waiting, it.Other.Name)
	}
	session := -1
	for _, it := range a.Meetings {
		if it.Slot.Session != session {
			session = it.Slot.Session
			d.Groups = append(d.Groups, agendaGroup{Title: h.rd.T(r, "b2b.agenda.session", session+1) + " · " +
				i18n.FormatLongDate(l, it.Slot.StartsAt, a.Event.Location())})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Rows = append(g.Rows, h.agendaRow(r, a, it, d, now))
	}
	if next := a.Next(now); next != nil {
		row := h.agendaRow(r, a, *next, d, now)
		d.Next, d.NextWhen = &row, h.nextWhen(r, a.Event, *next, now)
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/agenda", &web.Page{Title: h.rd.T(r, "b2b.agenda.title"), Data: d})
}

func (h *Handlers) agendaRow(r *http.Request, a *Agenda, it AgendaItem, d *agendaView, now time.Time) agendaRow {
	l := lang(r)
	row := agendaRow{ID: it.Meeting.ID, When: h.dualTime(l, a.Event, it.Slot.StartsAt),
		Ends: i18n.FormatTime(l, it.Slot.EndsAt, a.Event.Location()), Table: agendaTableLabel(h.agendaT(r), it.Table),
		Other: it.Other.Name, People: agendaPeople(it.People),
		CanMark: !now.Before(it.Slot.StartsAt.Add(-markLead)),
		Action:  fmt.Sprintf("%s/agenda/meetings/%d/attendance%s", d.Base, it.Meeting.ID, d.Org)}
	if it.Meeting.Status != MeetingPlanned {
		row.Marked, row.Status = string(it.Meeting.Status), h.rd.T(r, "b2b.agenda.status."+string(it.Meeting.Status))
	}
	return row
}

// nextWhen says when the next meeting is in plain words: under way, in so many minutes
// (within the next hour and a half), or its date and time.
func (h *Handlers) nextWhen(r *http.Request, ev EventInfo, it AgendaItem, now time.Time) string {
	l := lang(r)
	switch until := it.Slot.StartsAt.Sub(now); {
	case until <= 0:
		return h.rd.T(r, "b2b.agenda.now_until", i18n.FormatTime(l, it.Slot.EndsAt, ev.Location()))
	case until <= 90*time.Minute:
		return h.rd.T(r, "b2b.agenda.in_minutes", int(math.Ceil(until.Minutes())))
	}
	return h.rd.T(r, "b2b.agenda.starts", i18n.FormatLongDate(l, it.Slot.StartsAt, ev.Location())+", "+h.dualTime(l, ev, it.Slot.StartsAt))
}

func (h *Handlers) agendaT(r *http.Request) Translate {
	return func(key string, args ...any) string { return h.rd.T(r, key, args...) }
}

// AgendaPDF serves GET /b2b/{slug}/agenda.pdf.
func (h *Handlers) AgendaPDF(w http.ResponseWriter, r *http.Request) {
	a, ok := h.agendaOf(w, r, false)
	if !ok {
		return
	}
	first, second := h.svc.events.Zones(lang(r), a.Event)
	b, err := AgendaPDF(a, lang(r), first, second, h.agendaT(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	sendPaper(w, "application/pdf", a.Event.Slug+"-agenda.pdf", b)
}

// AgendaICS serves GET /b2b/{slug}/agenda.ics.
func (h *Handlers) AgendaICS(w http.ResponseWriter, r *http.Request) {
	a, ok := h.agendaOf(w, r, false)
	if !ok {
		return
	}
	site := h.agendaSiteURL(r)
	link := fmt.Sprintf("%s%s/agenda?org=%d", site, base(lang(r), a.Event), a.Profile.OrganisationID)
	b := AgendaICS(a, lang(r), link, site, h.svc.now(), h.agendaT(r))
	sendPaper(w, "text/calendar; charset=utf-8", a.Event.Slug+"-agenda.ics", b)
}

// agendaSiteURL is the configured base URL (mails use it too), or else the request's own host.
func (h *Handlers) agendaSiteURL(r *http.Request) string {
	if h.svc.mail != nil && h.svc.mail.baseURL != "" {
		return h.svc.mail.baseURL
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// sendPaper sends a private file: agendas and sheets name people and must stay out of caches.
func sendPaper(w http.ResponseWriter, contentType, name string, b []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(b)
}

// MarkFromAgenda serves POST /b2b/{slug}/agenda/meetings/{mid}/attendance: a side marks its
// meeting held or no-show and comes back to the agenda, told what happened.
func (h *Handlers) MarkFromAgenda(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	back := base(lang(r), ev) + "/agenda"
	if org := r.URL.Query().Get("org"); org != "" {
		back += "?org=" + org
	}
	h.mark(w, r, f, back)
}

// mark records the attendance the form asks for and redirects to back with a message; a
// refusal for a reason the person can act on is told, anything else is the error page.
func (h *Handlers) mark(w http.ResponseWriter, r *http.Request, f *web.Form, back string) {
	id, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	_, err := h.svc.MarkAttendance(r.Context(), web.ViewerOf(r.Context()), id, MeetingStatus(f.Get("status")))
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		h.flash(r, h.rd.T(r, fields["status"]))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "b2b.attendance.saved."+f.Get("status")))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

type myAgendaRow struct {
	Title, When, Organisation, Href string
}

// MyAgendas serves GET /my/b2b: the forums where the signed-in person's organisations take
// part, each linking to its agenda; linked from the person's "my events" page.
func (h *Handlers) MyAgendas(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.MyAgendas(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	rows := make([]myAgendaRow, 0, len(list))
	for _, a := range list {
		rows = append(rows, myAgendaRow{Title: a.Event.Title.In(l), When: i18n.FormatLongDate(l, a.Event.StartsAt, a.Event.Location()),
			Organisation: a.Organisation.Name, Href: fmt.Sprintf("%s/agenda?org=%d", base(l, a.Event), a.Organisation.ID)})
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/mine", &web.Page{Title: h.rd.T(r, "b2b.agenda.mine.title"), Data: rows})
}
