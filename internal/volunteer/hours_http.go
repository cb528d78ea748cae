package volunteer

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The volunteer's hours page (log hours for ongoing roles, see what became of them) and the
// coordinators' approval queue.

// myHoursData is what the volunteer's hours page shows.
type myHoursData struct {
	Shifts []LoggableShift
	Items  []HoursItem
	Today  string
}

// MyHoursPage serves GET /my/volunteer/hours.
func (h *Handlers) MyHoursPage(w http.ResponseWriter, r *http.Request) {
	h.myHoursPage(w, r, http.StatusOK, web.NewForm(nil))
}

func (h *Handlers) myHoursPage(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	shifts, err := h.svc.LoggableShifts(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	items, err := h.svc.MyHours(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &myHoursData{Shifts: shifts, Items: items, Today: h.svc.now().In(web.HomeZone).Format(time.DateOnly)}
	h.rd.Render(w, r, status, "volunteer/hours_mine", &web.Page{Title: h.rd.T(r, "volunteer.hours.mine.title"), Data: d, Form: f})
}

// LogHoursPage serves POST /my/volunteer/hours: shift, day, hours and minutes, note.
func (h *Handlers) LogHoursPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	in := HoursInput{Day: f.Get("day"), Note: f.Get("note")}
	in.ShiftID, _ = strconv.ParseInt(f.Get("shift_id"), 10, 64)
	in.Minutes = minutesOf(f)
	if f.Valid() {
		_, err = h.svc.LogHours(r.Context(), web.ViewerOf(r.Context()), in)
		if f.FailFields(err) {
			err = nil
		}
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if !f.Valid() {
		h.myHoursPage(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	h.flash(r, h.rd.T(r, "volunteer.hours.log.saved"))
	http.Redirect(w, r, "/"+lang(r)+"/my/volunteer/hours", http.StatusSeeOther)
}

// WithdrawHoursPage serves POST /my/volunteer/hours/{id}/withdraw.
func (h *Handlers) WithdrawHoursPage(w http.ResponseWriter, r *http.Request) {
	err := h.svc.WithdrawHours(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	switch {
	case errors.Is(err, ErrHoursDecided):
		h.flash(r, h.rd.T(r, "volunteer.hours.mine.decided"))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "volunteer.hours.mine.withdrawn"))
	}
	http.Redirect(w, r, "/"+lang(r)+"/my/volunteer/hours", http.StatusSeeOther)
}

// minutesOf reads the hours and minutes fields as whole numbers (empty counts as 0), failing
// the field that is not one.
func minutesOf(f *web.Form) int {
	hours, ok1 := wholeNumber(f, "hours", -1)
	mins, ok2 := wholeNumber(f, "minutes", 59)
	if !ok1 || !ok2 {
		return 0
	}
	return hours*60 + mins
}

func wholeNumber(f *web.Form, field string, maxValue int) (int, bool) {
	raw := f.Get(field)
	if raw == "" {
		return 0, true
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil || n < 0:
		f.Fail(field, "volunteer.hours.log.number")
	case maxValue >= 0 && n > maxValue:
		f.Fail(field, "volunteer.hours.log.minutes_field")
	default:
		return n, true
	}
	return 0, false
}

// hoursQueueData is what the approval queue shows.
type hoursQueueData struct {
	Items       []HoursItem
	Programmes  []ReportProgramme
	ProgrammeID int64
	RejectID    int64 // the entry whose rejection failed, to show its error beside it
}

// HoursQueuePage serves GET /admin/volunteer/hours?programme=ID.
func (h *Handlers) HoursQueuePage(w http.ResponseWriter, r *http.Request) {
	h.hoursQueuePage(w, r, http.StatusOK, nil, 0)
}

func (h *Handlers) hoursQueuePage(w http.ResponseWriter, r *http.Request, status int, f *web.Form, rejectID int64) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	pid, _ := strconv.ParseInt(r.URL.Query().Get("programme"), 10, 64)
	items, err := h.svc.HoursQueue(ctx, v, pid)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	progs, err := h.svc.HoursProgrammes(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &hoursQueueData{Items: items, Programmes: progs, ProgrammeID: pid, RejectID: rejectID}
	h.rd.Render(w, r, status, "volunteer/hours_queue", &web.Page{Title: h.rd.T(r, "volunteer.hours.queue.title"), Data: d, Form: f})
}

// hoursQueueBack is the queue with the programme filter it was posted from.
func hoursQueueBack(r *http.Request) string {
	back := "/" + lang(r) + "/admin/volunteer/hours"
	if p := r.URL.Query().Get("programme"); p != "" {
		back += "?programme=" + p
	}
	return back
}

// ApproveHoursPage serves POST /admin/volunteer/hours/approve: the ticked entries. Entries
// that cannot be approved (one's own, already decided) are named in the message.
func (h *Handlers) ApproveHoursPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ids, err := h.approvalIDs(r, f)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	approved, skipped, err := h.svc.ApproveHours(r.Context(), web.ViewerOf(r.Context()), ids)
	switch {
	case f.FailFields(err):
		h.flash(r, h.rd.T(r, "volunteer.hours.queue.choose"))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		msg := []string{h.rd.T(r, "volunteer.hours.queue.approved", len(approved))}
		for _, sk := range skipped {
			msg = append(msg, h.rd.T(r, "volunteer.hours.queue.skipped", sk.ID, h.hoursRefusal(r, sk.Err)))
		}
		h.flash(r, strings.Join(msg, " "))
	}
	http.Redirect(w, r, hoursQueueBack(r), http.StatusSeeOther)
}

// approvalIDs are the ticked entries, or with all=1 every entry the queue shows (one's own
// among them are skipped by the service and named in the message).
func (h *Handlers) approvalIDs(r *http.Request, f *web.Form) ([]int64, error) {
	var ids []int64
	if f.Get("all") == "1" {
		pid, _ := strconv.ParseInt(r.URL.Query().Get("programme"), 10, 64)
		items, err := h.svc.HoursQueue(r.Context(), web.ViewerOf(r.Context()), pid)
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		return ids, err
	}
	for _, raw := range f.Values["ids"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// RejectHoursPage serves POST /admin/volunteer/hours/reject with the entry's id and a
// required reason. (The id is in the form, not the path, so that no pattern under
// /admin/volunteer/hours/ can collide with the programme pages' /admin/volunteer/{id}/….)
func (h *Handlers) RejectHoursPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	id, _ := strconv.ParseInt(f.Get("id"), 10, 64)
	err = h.svc.RejectHours(r.Context(), web.ViewerOf(r.Context()), id, f.Get("reason"))
	switch {
	case f.FailFields(err):
		h.hoursQueuePage(w, r, http.StatusUnprocessableEntity, f, id)
		return
	case h.hoursRefusal(r, err) != "":
		h.flash(r, h.rd.T(r, "volunteer.hours.queue.skipped", id, h.hoursRefusal(r, err)))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "volunteer.hours.queue.rejected", id))
	}
	http.Redirect(w, r, hoursQueueBack(r), http.StatusSeeOther)
}

// hoursRefusal says why a decision was refused, or "" for other errors.
func (h *Handlers) hoursRefusal(r *http.Request, err error) string {
	switch {
	case errors.Is(err, ErrOwnHours):
		return h.rd.T(r, "volunteer.hours.queue.own")
	case errors.Is(err, ErrHoursDecided):
		return h.rd.T(r, "volunteer.hours.queue.decided")
	case errors.Is(err, ErrNotFound):
		return h.rd.T(r, "volunteer.hours.queue.gone")
	}
	return ""
}

// Day and HM are for templates: the worked day in lang, the time as h:mm.
func (h Hours) Day(l string) string { return i18n.FormatDate(l, h.WorkedOn, time.UTC) }
func (h Hours) HM() string          { return HoursHM(h.Minutes) }

// Decimal is the time as decimal hours in lang.
func (h Hours) Decimal(l string) string { return HoursDecimal(l, h.Minutes) }

// Label names an ongoing shift in the log form: programme, role and period.
func (ls LoggableShift) Label(l string) string {
	return fmt.Sprintf("%s — %s (%s – %s)", ls.Programme.In(l), ls.Role.In(l),
		i18n.FormatDate(l, ls.StartsAt, ls.Zone), i18n.FormatDate(l, ls.EndsAt, ls.Zone))
}
