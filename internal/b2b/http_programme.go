package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The set-up page: /admin/events/{id}/b2b. Times are typed in the venue's zone; a session is
// a row of the form (date, start, slot length, slots, breaks, cap), one blank row adds one.

const (
	dateLayout    = "2006-01-02"
	clockLayout   = "15:04"
	localLayout   = "2006-01-02T15:04"
	sessionPrefix = "session_"
)

// sessionFields are the inputs of one session row, suffixed by the row number.
var sessionFields = []string{"id", "date", "start", "slot_minutes", "slots", "cap", "breaks", "remove"}

type option struct{ Value, Label string }

type slotLine struct {
	Number int
	Starts string // in both cities
	Ends   string // in the venue's zone
}

type sessionView struct {
	N     int
	Slots []slotLine // computed from the stored session; empty for a new row
}

type setupData struct {
	Event    EventInfo
	Title    string
	Action   string
	Exists   bool
	Modes    []option
	Sessions []sessionView
	Zone     string
}

// Setup serves GET /admin/events/{id}/b2b.
func (h *Handlers) Setup(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	ev, p, err := h.svc.Programme(r.Context(), v, pathID(r))
	if err != nil && !errors.Is(err, fail.NotFound) || ev.ID == 0 {
		h.rd.PageError(w, r, err)
		return
	}
	h.setupPage(w, r, http.StatusOK, ev, p, web.NewForm(programmeValues(ev, p)))
}

// SaveSetup serves POST /admin/events/{id}/b2b.
func (h *Handlers) SaveSetup(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ev, old, err := h.svc.Programme(ctx, v, pathID(r))
	if err != nil && !errors.Is(err, fail.NotFound) || ev.ID == 0 {
		h.rd.PageError(w, r, err)
		return
	}
	in := programmeFromForm(f, ev.Location())
	if f.Valid() {
		_, err = h.svc.SaveProgramme(ctx, v, ev.ID, in)
		if err == nil {
			h.flash(r, h.rd.T(r, "b2b.setup.saved"))
			http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d/b2b", lang(r), ev.ID), http.StatusSeeOther)
			return
		}
		if !formErrors(f, err) {
			h.rd.PageError(w, r, err)
			return
		}
	} else {
		// Show the rules' verdict on the rest too, so one round trip fixes everything.
		for k, key := range in.validate(ev) {
			if f.Errors[k] == "" {
				f.Fail(k, key)
			}
		}
	}
	h.setupPage(w, r, http.StatusUnprocessableEntity, ev, old, f)
}

func (h *Handlers) setupPage(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, p *Programme, f *web.Form) {
	l := lang(r)
	d := &setupData{Event: ev, Title: ev.Title.In(l), Action: fmt.Sprintf("/%s/admin/events/%d/b2b", l, ev.ID), Exists: p != nil, Zone: ev.Zone}
	for _, m := range Modes {
		d.Modes = append(d.Modes, option{string(m), h.rd.T(r, "b2b.mode."+string(m))})
	}
	rows := sessionRows(f.Values)
	for n := range rows + 1 { // one blank row more, to add a session
		sv := sessionView{N: n}
		if p != nil && n < len(p.Sessions) && f.Valid() {
			for _, s := range p.Sessions[n].SlotTimes() {
				sv.Slots = append(sv.Slots, slotLine{Number: s.Number, Starts: h.dualTime(l, ev, s.StartsAt),
					Ends: s.EndsAt.In(ev.Location()).Format(clockLayout)})
			}
		}
		d.Sessions = append(d.Sessions, sv)
	}
	h.rd.Render(w, r, status, "b2b/setup", &web.Page{Title: h.rd.T(r, "b2b.setup.title"), Data: d, Form: f})
}

// programmeValues fills the form from the stored programme, or with defaults for a new one
// (one session at the event's start, 20-minute slots, batch mode).
func programmeValues(ev EventInfo, p *Programme) url.Values {
	loc := ev.Location()
	v := url.Values{}
	if p == nil {
		v.Set("mode", string(Batch))
		v.Set("max_open_requests", "0")
		v.Set("table_count", "10")
		v.Set("session_date_0", ev.StartsAt.In(loc).Format(dateLayout))
		v.Set("session_start_0", ev.StartsAt.In(loc).Format(clockLayout))
		v.Set("session_slot_minutes_0", "20")
		return v
	}
	v.Set("mode", string(p.Mode))
	v.Set("opens_at", p.OpensAt.In(loc).Format(localLayout))
	v.Set("closes_at", p.ClosesAt.In(loc).Format(localLayout))
	v.Set("max_open_requests", strconv.Itoa(p.MaxOpenRequests))
	v.Set("table_count", strconv.Itoa(len(p.Tables)))
	v.Set("table_names", tableNamesText(p.Tables))
	for i, s := range p.Sessions {
		n := strconv.Itoa(i)
		v.Set("session_id_"+n, strconv.FormatInt(s.ID, 10))
		v.Set("session_date_"+n, s.StartsAt.In(loc).Format(dateLayout))
		v.Set("session_start_"+n, s.StartsAt.In(loc).Format(clockLayout))
		v.Set("session_slot_minutes_"+n, strconv.Itoa(s.SlotMinutes))
		v.Set("session_slots_"+n, strconv.Itoa(s.Slots))
		v.Set("session_cap_"+n, strconv.Itoa(s.MaxMeetings))
		v.Set("session_breaks_"+n, BreaksText(s.Breaks))
	}
	return v
}

// tableNamesText is one line per table up to the last named one; line n names table n.
func tableNamesText(tables []Table) string {
	last := 0
	for _, t := range tables {
		if t.Name != "" {
			last = t.Number
		}
	}
	lines := make([]string, last)
	for i := range last {
		lines[i] = tables[i].Name
	}
	return strings.Join(lines, "\n")
}

// BreaksText writes breaks as the form reads them: "6=15, 9=10" is a 15-minute break after
// slot 6 and a 10-minute one after slot 9.
func BreaksText(breaks []Break) string {
	parts := make([]string, len(breaks))
	for i, b := range breaks {
		parts[i] = fmt.Sprintf("%d=%d", b.AfterSlot, b.Minutes)
	}
	return strings.Join(parts, ", ")
}

// ParseBreaks reads BreaksText's form; ok is false when a part is not "slot=minutes".
func ParseBreaks(s string) (breaks []Break, ok bool) {
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		after, minutes, found := strings.Cut(part, "=")
		a, err1 := strconv.Atoi(strings.TrimSpace(after))
		m, err2 := strconv.Atoi(strings.TrimSpace(minutes))
		if !found || err1 != nil || err2 != nil {
			return nil, false
		}
		breaks = append(breaks, Break{AfterSlot: a, Minutes: m})
	}
	return breaks, true
}

// sessionRows counts the session rows the form sent (or holds).
func sessionRows(v url.Values) int {
	n := 0
	for key := range v {
		if rest, ok := strings.CutPrefix(key, "session_date_"); ok {
			if i, err := strconv.Atoi(rest); err == nil && i+1 > n {
				n = i + 1
			}
		}
	}
	return n
}

// programmeFromForm reads the form. Rows marked for removal and blank rows are dropped and
// the rest renumbered in f.Values, so field errors from the service (by position) land on
// the row the organiser sees when the page comes back.
func programmeFromForm(f *web.Form, loc *time.Location) ProgrammeInput {
	in := ProgrammeInput{Mode: Mode(f.Get("mode"))}
	in.OpensAt = formLocalTime(f, "opens_at", loc)
	in.ClosesAt = formLocalTime(f, "closes_at", loc)
	in.MaxOpenRequests = formInt(f, "max_open_requests", 0)
	count := formInt(f, "table_count", 0)
	names := strings.Split(strings.TrimRight(strings.ReplaceAll(f.Values.Get("table_names"), "\r\n", "\n"), "\n"), "\n")
	if len(names) == 1 && strings.TrimSpace(names[0]) == "" {
		names = nil
	}
	if len(names) > count && f.Errors["table_count"] == "" {
		f.Fail("table_names", "b2b.error.names_beyond_count")
	}
	in.Tables = NumberedTables(count, names)
	rows := sessionRows(f.Values)
	kept := url.Values{}
	for i := range rows {
		n := strconv.Itoa(i)
		if f.Get("session_remove_"+n) != "" || blankRow(f, n) {
			continue
		}
		to := strconv.Itoa(len(in.Sessions))
		for _, field := range sessionFields {
			if vs, ok := f.Values[sessionPrefix+field+"_"+n]; ok {
				kept[sessionPrefix+field+"_"+to] = vs
			}
		}
		in.Sessions = append(in.Sessions, sessionFromRow(f, n, to, loc))
	}
	for i := range rows {
		for _, field := range sessionFields {
			delete(f.Values, sessionPrefix+field+"_"+strconv.Itoa(i))
		}
	}
	for k, vs := range kept {
		f.Values[k] = vs
	}
	return in
}

// sessionFromRow reads row n of the form; errors go to the row's new number to.
func sessionFromRow(f *web.Form, n, to string, loc *time.Location) Session {
	var s Session
	s.ID, _ = strconv.ParseInt(f.Get("session_id_"+n), 10, 64)
	day, clock := f.Get("session_date_"+n), f.Get("session_start_"+n)
	if day != "" && clock != "" {
		t, err := time.ParseInLocation(dateLayout+" "+clockLayout, day+" "+clock, loc)
		if err != nil {
			f.Fail("session_start_"+to, "b2b.error.datetime")
		}
		s.StartsAt = t
	}
	s.SlotMinutes = formIntAs(f, "session_slot_minutes_"+n, "session_slot_minutes_"+to)
	s.Slots = formIntAs(f, "session_slots_"+n, "session_slots_"+to)
	if f.Get("session_cap_"+n) != "" {
		s.MaxMeetings = formIntAs(f, "session_cap_"+n, "session_cap_"+to)
	}
	breaks, ok := ParseBreaks(f.Get("session_breaks_" + n))
	if !ok {
		f.Fail("session_breaks_"+to, "b2b.error.breaks_format")
	}
	s.Breaks = breaks
	return s
}

func blankRow(f *web.Form, n string) bool {
	for _, field := range []string{"date", "start", "slot_minutes", "slots", "cap", "breaks"} {
		if f.Get("session_"+field+"_"+n) != "" {
			return false
		}
	}
	return f.Get("session_id_"+n) == ""
}

func formInt(f *web.Form, field string, blank int) int {
	if f.Get(field) == "" {
		return blank
	}
	return formIntAs(f, field, field)
}

// formIntAs reads a whole number from field, failing errField when it is not one.
func formIntAs(f *web.Form, field, errField string) int {
	n, err := strconv.Atoi(f.Get(field))
	if err != nil {
		f.Fail(errField, "b2b.error.number")
	}
	return n
}

func formLocalTime(f *web.Form, field string, loc *time.Location) time.Time {
	s := f.Get(field)
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(localLayout, s, loc)
	if err != nil {
		f.Fail(field, "b2b.error.datetime")
	}
	return t
}
