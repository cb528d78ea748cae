package volunteer

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// attendanceData is what the attendance page shows.
type attendanceData struct {
	Sheet *AttendanceSheet
	Marks map[int64]string // the radios' choices: as saved, or as submitted when refused
	When  string           // the shift's time in its city's zone, the partner city's beside it
	Opens string
}

// shiftWhen writes a shift's day and times in the programme's city, the partner city's
// beside them: "10.06.2026, 09:00–13:00 İzmir · 10:00–14:00 Bakü".
func (h *Handlers) shiftWhen(r *http.Request, p *Programme, sh *Shift) string {
	l := lang(r)
	here, there := hoursZone(h, r, p.City), hoursZone(h, r, hoursPartnerCity(p.City))
	if sh.Kind == Ongoing {
		return i18n.FormatDate(l, sh.StartsAt, here.Location) + " – " + i18n.FormatDate(l, sh.EndsAt, here.Location)
	}
	span := func(z i18n.Zone) string {
		return i18n.FormatTime(l, sh.StartsAt, z.Location) + "–" + i18n.FormatTime(l, sh.EndsAt, z.Location) + " " + z.Name
	}
	return i18n.FormatDate(l, sh.StartsAt, here.Location) + ", " + span(here) + " · " + span(there)
}

func hoursZone(h *Handlers, r *http.Request, city string) i18n.Zone {
	return i18n.Zone{Name: h.rd.T(r, "volunteer.hours.city."+city), Location: (&Programme{City: city}).Location()}
}

func hoursPartnerCity(city string) string {
	if city == "baku" {
		return "izmir"
	}
	return "baku"
}

// AttendancePage serves GET /admin/volunteer/shifts/{id}/attendance.
func (h *Handlers) AttendancePage(w http.ResponseWriter, r *http.Request) {
	h.attendancePage(w, r, http.StatusOK, nil)
}

func (h *Handlers) attendancePage(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	sheet, err := h.svc.Attendance(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	loc := sheet.Programme.Location()
	d := &attendanceData{Sheet: sheet, When: h.shiftWhen(r, sheet.Programme, sheet.Shift),
		Opens: i18n.FormatDateTime(lang(r), sheet.OpensAt, loc)}
	d.Marks = map[int64]string{}
	for _, row := range sheet.Rows {
		d.Marks[row.Signup.ID] = row.Signup.Attendance
	}
	if f != nil {
		for id, mark := range marksOf(f) {
			d.Marks[id] = mark
		}
	}
	title := h.rd.T(r, "volunteer.hours.attendance.title", sheet.Role.Name.In(lang(r)))
	h.rd.Render(w, r, status, "volunteer/attendance_shift", &web.Page{Title: title, Data: d, Form: f})
}

// SaveAttendance serves POST /admin/volunteer/shifts/{id}/attendance: the sheet ("all
// attended" and the exceptions) or, with action=walkin, a walk-in by address.
func (h *Handlers) SaveAttendance(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v, id := r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")
	var msg string
	if f.Get("action") == "walkin" {
		_, err = h.svc.AddWalkIn(ctx, v, id, f.Get("email"))
		msg = h.rd.T(r, "volunteer.hours.walkin.added", f.Get("email"))
	} else {
		var n int
		n, err = h.svc.RecordAttendance(ctx, v, id, AttendanceInput{AllAttended: f.Get("all") == "1", Marks: marksOf(f)})
		msg = h.rd.T(r, "volunteer.hours.attendance.saved", n)
	}
	if f.FailFields(err) {
		h.attendancePage(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, msg)
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/volunteer/shifts/%d/attendance", lang(r), id), http.StatusSeeOther)
}

// marksOf reads the radios mark_{signup id} that carry a choice.
func marksOf(f *web.Form) map[int64]string {
	marks := map[int64]string{}
	for name := range f.Values {
		raw, ok := strings.CutPrefix(name, "mark_")
		if !ok {
			continue
		}
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && f.Get(name) != "" {
			marks[id] = f.Get(name)
		}
	}
	return marks
}

// apiAttendanceRow is one person of a shift's attendance in the API.
type apiAttendanceRow struct {
	SignupID   int64  `json:"signup_id"`
	UserID     int64  `json:"user_id"`
	Name       string `json:"name"`
	Attendance string `json:"attendance"`
	WalkIn     bool   `json:"walk_in"`
	HoursID    int64  `json:"hours_id,omitempty"`
	Minutes    int    `json:"minutes,omitempty"`
	Status     string `json:"hours_status,omitempty"`
}

// APIPutAttendance serves PUT /api/v1/volunteer/shifts/{id}/attendance
// {"all_attended": bool, "marks": [{"signup_id", "attendance"}], "walk_ins": ["email"]}.
func (h *Handlers) APIPutAttendance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		AllAttended bool `json:"all_attended"`
		Marks       []struct {
			SignupID   int64  `json:"signup_id"`
			Attendance string `json:"attendance"`
		} `json:"marks"`
		WalkIns []string `json:"walk_ins"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx, v, id := r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")
	marks := map[int64]string{}
	for _, m := range in.Marks {
		marks[m.SignupID] = m.Attendance
	}
	_, err := h.svc.RecordAttendance(ctx, v, id, AttendanceInput{AllAttended: in.AllAttended, Marks: marks, WalkIns: in.WalkIns})
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	sheet, err := h.svc.Attendance(ctx, v, id)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiAttendanceRow, len(sheet.Rows))
	for i, row := range sheet.Rows {
		out[i] = apiAttendanceRow{SignupID: row.Signup.ID, UserID: row.Signup.UserID, Name: row.Name,
			Attendance: row.Signup.Attendance, WalkIn: row.Signup.WalkIn}
		if row.Hours != nil {
			out[i].HoursID, out[i].Minutes, out[i].Status = row.Hours.ID, row.Hours.Minutes, string(row.Hours.Status)
		}
	}
	web.WriteJSON(w, http.StatusOK, out)
}
