package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The organisers' schedule page: /admin/events/{id}/b2b/schedule. It shows the figures of
// the schedule, the grid (a row per slot, a column per table), the meetings that could not
// be placed with the reason in words, and for every meeting a move form and lock, unlock
// and unschedule buttons. Every action posts, flashes its outcome and comes back here.

type scheduleData struct {
	Event                      EventInfo
	Title                      string
	Action                     string // the page's address, in the reader's language
	Accepted, Placed, Unplaced int
	UpperBound                 int
	LastRun                    string // when the last run was, "" before the first
	Published                  string // when it was published, "" while preliminary
	Instant                    bool
	Tables                     []Table
	Rows                       []gridRow
	Meetings                   []meetingRow // placed first, in slot order, then the unplaced
	Slots                      []option
}

type gridRow struct {
	Number int // from 1, as organisers count
	When   string
	Cells  []*meetingRow // one per table; nil when free
}

type meetingRow struct {
	ID        int64
	Names     string // "Ege Zeytin – Xəzər Logistika"
	Place     string
	Scheduled bool
	Locked    bool
	Status    string
	Reason    string // why it is not placed, in words
	Slot      int
	Table     int
	// The place the move form offers: the meeting's own, or the one a refused move tried.
	FormSlot, FormTable int
}

// SchedulePage serves GET /admin/events/{id}/b2b/schedule.
func (h *Handlers) SchedulePage(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	ev, err := h.svc.events.Event(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	p, ms, err := h.svc.Meetings(ctx, v, ev.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d, err := h.scheduleData(r, ev, p, ms)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "b2b/schedule", &web.Page{Title: h.rd.T(r, "b2b.schedule.title"), Data: d})
}

func (h *Handlers) scheduleData(r *http.Request, ev EventInfo, p *Programme, ms []Meeting) (*scheduleData, error) {
	l := lang(r)
	d := &scheduleData{Event: ev, Title: ev.Title.In(l), Action: fmt.Sprintf("/%s/admin/events/%d/b2b/schedule", l, ev.ID),
		Instant: p.Mode == Instant, Tables: p.Tables}
	if !p.PublishedAt.IsZero() {
		d.Published = h.stamp(l, ev, p.PublishedAt)
	}
	run, ok, err := lastRun(r.Context(), h.svc.db, p.ID)
	if err != nil {
		return nil, err
	}
	if ok {
		d.LastRun, d.UpperBound = h.stamp(l, ev, run.CreatedAt), run.UpperBound
	}
	names, err := h.svc.meetingNames(r.Context(), ms)
	if err != nil {
		return nil, err
	}
	pl := placer{t: func(k string, a ...any) string { return h.rd.T(r, k, a...) }, lang: l, ev: ev, p: p, zones: h.svc.events}
	slots := p.Slots()
	for _, s := range slots {
		label := fmt.Sprintf("%d · %s", s.Index+1, pl.when(s.Index))
		d.Slots = append(d.Slots, option{strconv.Itoa(s.Index), label})
		d.Rows = append(d.Rows, gridRow{Number: s.Index + 1, When: pl.when(s.Index), Cells: make([]*meetingRow, len(p.Tables))})
	}
	var unplaced []meetingRow
	for _, m := range ms {
		if m.Status == MeetingCancelled {
			continue
		}
		row := meetingRow{ID: m.ID, Names: names[m.Profiles[0]] + " – " + names[m.Profiles[1]], Place: pl.place(m.Slot, m.Table),
			Scheduled: m.Scheduled(), Locked: m.Locked, Status: h.rd.T(r, "b2b.schedule.status."+string(m.Status)), Slot: m.Slot, Table: m.Table, FormSlot: m.Slot, FormTable: m.Table}
		keepTried(r, &row)
		d.Accepted++
		if !m.Scheduled() {
			row.Reason = h.reasonText(r, &pl, m, names)
			unplaced = append(unplaced, row)
			continue
		}
		d.Placed++
		d.Meetings = append(d.Meetings, row)
		if m.Slot < len(d.Rows) && m.Table <= len(p.Tables) {
			d.Rows[m.Slot].Cells[m.Table-1] = &d.Meetings[len(d.Meetings)-1]
		}
	}
	d.Unplaced = len(unplaced)
	d.Meetings = append(d.Meetings, unplaced...)
	// The grid points into d.Meetings, which appending may have moved: point again.
	for i := range d.Meetings {
		if m := &d.Meetings[i]; m.Scheduled && m.Slot < len(d.Rows) && m.Table <= len(p.Tables) {
			d.Rows[m.Slot].Cells[m.Table-1] = m
		}
	}
	return d, nil
}

// reasonText says in words why m is not placed, from the reason the scheduler gave.
func (h *Handlers) reasonText(r *http.Request, pl *placer, m Meeting, names map[int64]string) string {
	u, ok := m.Reason()
	if !ok {
		return h.rd.T(r, "b2b.schedule.reason.none")
	}
	who := make([]string, 0, len(u.Profiles))
	for _, id := range u.Profiles {
		who = append(who, names[id])
	}
	people := strings.Join(who, ", ")
	slots := make([]string, 0, len(u.Slots))
	for _, s := range u.Slots {
		if s >= 0 && s < pl.p.SlotCount() {
			slots = append(slots, fmt.Sprintf("%d (%s)", s+1, pl.p.Slots()[s].StartsAt.In(pl.ev.Location()).Format(clockLayout)))
		}
	}
	inSlots := strings.Join(slots, ", ")
	switch {
	case u.Code == schedule.NoCommonSlot && people != "":
		return h.rd.T(r, "b2b.schedule.reason.no_common_slot_away", people)
	case u.Code == schedule.NoCommonSlot:
		return h.rd.T(r, "b2b.schedule.reason.no_common_slot")
	case u.Code == schedule.AtCap && sameCap(pl.p) > 0:
		return h.rd.T(r, "b2b.schedule.reason.cap_n", people, sameCap(pl.p))
	case u.Code == schedule.AtCap:
		return h.rd.T(r, "b2b.schedule.reason.cap", people)
	case u.Code == schedule.Full && people != "":
		return h.rd.T(r, "b2b.schedule.reason.full_busy", inSlots, people)
	case u.Code == schedule.Full:
		return h.rd.T(r, "b2b.schedule.reason.full", inSlots)
	case u.Code == schedule.Open:
		return h.rd.T(r, "b2b.schedule.reason.open", inSlots)
	}
	return h.rd.T(r, "b2b.schedule.reason.none")
}

// sameCap is the cap every session shares, or 0 when they differ or have none, so that a
// reason can name the number only when it is one number.
func sameCap(p *Programme) int {
	c := -1
	for _, s := range p.Sessions {
		if c >= 0 && s.MaxMeetings != c {
			return 0
		}
		c = s.MaxMeetings
	}
	return max(c, 0)
}

// RunSchedule serves POST /admin/events/{id}/b2b/schedule/run.
func (h *Handlers) RunSchedule(w http.ResponseWriter, r *http.Request) {
	run, err := h.svc.ScheduleAll(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err == nil {
		h.flash(r, h.rd.T(r, "b2b.schedule.ran", run.Placed, run.Meetings, run.UpperBound))
	}
	h.backToSchedule(w, r, err, "")
}

// PublishSchedule serves POST /admin/events/{id}/b2b/schedule/publish; the form's
// confirmation box must be ticked, since publishing mails every participant.
func (h *Handlers) PublishSchedule(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	if err := requireOrganiser(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if f.Get("confirm") != "1" {
		h.backToSchedule(w, r, fail.Fields{"confirm": "b2b.schedule.error.confirm"}, "")
		return
	}
	_, err = h.svc.Publish(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err == nil {
		h.flash(r, h.rd.T(r, "b2b.schedule.published"))
	}
	h.backToSchedule(w, r, err, "")
}

// AdjustMeeting serves POST /admin/events/{id}/b2b/schedule/meetings/{mid}: action move
// (with slot and table), lock, unlock or unschedule.
func (h *Handlers) AdjustMeeting(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	mid, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if err := h.meetingOfEvent(r, mid); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	switch f.Get("action") {
	case "move":
		slot, table, convErr := formPlace(f.Get("slot"), f.Get("table"))
		if err = convErr; err == nil {
			_, err = h.svc.MoveMeeting(ctx, v, mid, slot, table)
		}
	case "lock", "unlock":
		_, err = h.svc.SetLocked(ctx, v, mid, f.Get("action") == "lock")
	case "unschedule":
		_, err = h.svc.Unschedule(ctx, v, mid)
	default:
		err = fail.Fields{"action": "form.choice"}
	}
	anchor := fmt.Sprintf("#m%d", mid)
	if err == nil {
		h.flash(r, h.rd.T(r, "b2b.schedule.saved"))
	} else if f.Get("action") == "move" {
		// The page comes back with the refused place still chosen, to try a neighbour.
		anchor = fmt.Sprintf("?m=%d&slot=%s&table=%s%s", mid, url.QueryEscape(f.Get("slot")), url.QueryEscape(f.Get("table")), anchor)
	}
	h.backToSchedule(w, r, err, anchor)
}

// keepTried preselects, in the move form of the meeting a refused move named (?m=), the slot
// and table the organiser had chosen.
func keepTried(r *http.Request, row *meetingRow) {
	q := r.URL.Query()
	if q.Get("m") != strconv.FormatInt(row.ID, 10) {
		return
	}
	if slot, table, err := formPlace(q.Get("slot"), q.Get("table")); err == nil {
		row.FormSlot, row.FormTable = slot, table
	}
}

// formPlace reads a slot and a table typed or chosen in a form.
func formPlace(slot, table string) (int, int, error) {
	s, err := strconv.Atoi(slot)
	if err != nil {
		return 0, 0, fail.Fields{"slot": "b2b.schedule.error.slot_unknown"}
	}
	t, err := strconv.Atoi(table)
	if err != nil {
		return 0, 0, fail.Fields{"table": "b2b.schedule.error.table_unknown"}
	}
	return s, t, nil
}

// meetingOfEvent checks that the meeting belongs to the event in the address, so an
// adjustment cannot be posted through another forum's page.
func (h *Handlers) meetingOfEvent(r *http.Request, mid int64) error {
	v := web.ViewerOf(r.Context())
	if err := requireOrganiser(v); err != nil {
		return err
	}
	p, _, err := h.svc.Meeting(r.Context(), v, mid)
	if err != nil {
		return err
	}
	if p.EventID != pathID(r) {
		return ErrNotFound
	}
	return nil
}

// backToSchedule flashes err's message, if it is one a person can act on, and returns to
// the schedule page; other errors show the error page.
func (h *Handlers) backToSchedule(w http.ResponseWriter, r *http.Request, err error, anchor string) {
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields {
			h.flash(r, h.rd.T(r, key))
		}
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d/b2b/schedule%s", lang(r), pathID(r), anchor), http.StatusSeeOther)
}
