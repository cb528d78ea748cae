package student

import (
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The coordinators' pages: the triage list, one request with its management forms, the
// reports and (admins) the audit log.

type triageData struct {
	Rows       []TriageRow
	Filter     TriageFilter
	Statuses   []option
	Categories []option
	People     []Contact
	Admin      bool
}

// AdminList serves GET /admin/support.
func (h *Handlers) AdminList(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	q := r.URL.Query()
	f := TriageFilter{Status: q.Get("status"), Category: q.Get("category"), Assignee: q.Get("assignee")}
	rows, err := h.svc.Triage(ctx, v, f)
	var people []Contact
	if err == nil {
		people, err = h.svc.Staff(ctx, v)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := triageData{Rows: rows, Filter: f, People: people, Admin: isAdmin(v),
		Statuses: h.options(r, "student.status.", Statuses, f.Status), Categories: h.options(r, "student.category.", Categories, f.Category)}
	h.rd.Render(w, r, http.StatusOK, "student/admin_list", &web.Page{Title: h.rd.T(r, "student.triage.title"), Data: d})
}

func (h *Handlers) adminBack(r *http.Request) string {
	return fmt.Sprintf("/%s/admin/support/%d", lang(r), pathID(r, "id"))
}

// Assign serves POST /admin/support/{id}/assign: "assign to me" for coordinators (field
// assignee_id empty or their own id), any coordinator for admins.
func (h *Handlers) Assign(w http.ResponseWriter, r *http.Request) {
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	v := viewer(r)
	to := v.ID
	if s := form.Get("assignee_id"); s != "" {
		to, _ = strconv.ParseInt(s, 10, 64)
	}
	err = h.svc.Assign(r.Context(), v, pathID(r, "id"), to)
	if form.FailFields(err) || web.StatusOf(err) == http.StatusConflict {
		h.flash(r, h.rd.T(r, "student.flash.not_assigned"))
		http.Redirect(w, r, "/"+lang(r)+"/admin/support", http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.flash.assigned"))
	if to == v.ID {
		http.Redirect(w, r, h.adminBack(r), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/"+lang(r)+"/admin/support", http.StatusSeeOther)
}

// AdminShow serves GET /admin/support/{id}: for the assignee and admins.
func (h *Handlers) AdminShow(w http.ResponseWriter, r *http.Request) {
	h.renderAdmin(w, r, http.StatusOK, web.NewForm(nil))
}

func (h *Handlers) renderAdmin(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx, v := r.Context(), viewer(r)
	req, err := h.svc.Request(ctx, v, pathID(r, "id"))
	if err == nil && !isStaffOf(v, req) {
		err = refuse(v) // the student of the request uses /support/{id}
	}
	var log []AuditEntry
	var people []Contact
	if err == nil {
		log, err = h.svc.AuditOf(ctx, v, req.ID)
	}
	if err == nil {
		people, err = h.svc.Staff(ctx, v)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := requestData{Request: req, Staff: true, Admin: isAdmin(v), People: people, Audit: log, Statuses: []string{"open", "waiting_student"},
		Outcomes: h.options(r, "student.outcome.", Outcomes, form.Get("outcome")),
		Priority: h.options(r, "student.priority.", Priorities, req.Priority)}
	for _, c := range people {
		if c.UserID == req.AssigneeID {
			d.Assignee = c.Name
		}
	}
	d.Student = h.svc.names(ctx, []int64{req.StudentID})[req.StudentID]
	h.rd.Render(w, r, status, "student/support_request", &web.Page{Title: h.rd.T(r, "student.request.title", req.ID), Form: form, Data: d})
}

// AdminReply serves POST /admin/support/{id}/messages: a public reply, or an internal note
// when the field internal is "yes".
func (h *Handlers) AdminReply(w http.ResponseWriter, r *http.Request) {
	h.postMessage(w, r, false, h.adminBack(r), h.renderAdmin)
}

// Update serves POST /admin/support/{id}/triage: priority, status, follow-up date,
// sensitivity and (admins) the assignee.
func (h *Handlers) Update(w http.ResponseWriter, r *http.Request) {
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	t := Triage{}
	priority, status, follow := form.Get("priority"), form.Get("status"), form.Get("follow_up_on")
	sensitive := form.Get("sensitive") == "yes"
	t.Priority, t.Status, t.FollowUpOn, t.Sensitive = &priority, &status, &follow, &sensitive
	if s := form.Get("assignee_id"); s != "" && isAdmin(viewer(r)) {
		id, _ := strconv.ParseInt(s, 10, 64)
		t.AssigneeID = &id
	}
	_, err = h.svc.Update(r.Context(), viewer(r), pathID(r, "id"), t)
	h.afterAdminPost(w, r, form, err, "student.flash.saved")
}

func (h *Handlers) afterAdminPost(w http.ResponseWriter, r *http.Request, form *web.Form, err error, flash string) {
	if form.FailFields(err) {
		h.renderAdmin(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, flash))
	http.Redirect(w, r, h.adminBack(r), http.StatusSeeOther)
}

// Close serves POST /admin/support/{id}/close.
func (h *Handlers) Close(w http.ResponseWriter, r *http.Request) {
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	err = h.svc.Close(r.Context(), viewer(r), pathID(r, "id"), form.Get("outcome"), form.Values.Get("outcome_note"))
	h.afterAdminPost(w, r, form, err, "student.flash.closed")
}

// ConfirmDeletion serves POST /admin/support/{id}/delete.
func (h *Handlers) ConfirmDeletion(w http.ResponseWriter, r *http.Request) {
	err := h.svc.ConfirmDeletion(r.Context(), viewer(r), pathID(r, "id"))
	if form := web.NewForm(nil); form.FailFields(err) {
		h.renderAdmin(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.flash.deleted"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/support", http.StatusSeeOther)
}

// Reports serves GET /admin/support/reports.
func (h *Handlers) Reports(w http.ResponseWriter, r *http.Request) {
	rep, err := h.svc.Report(r.Context(), viewer(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/reports", &web.Page{Title: h.rd.T(r, "student.reports.title"), Data: reportView{Report: rep,
		Categories: Categories, Outcomes: Outcomes, ReplyHours: h.hours(r, rep.MedianFirstReplyHours), CloseHours: h.hours(r, rep.MedianCloseHours)}})
}

type reportView struct {
	*Report
	Categories, Outcomes   []string
	ReplyHours, CloseHours string // "" when there is no figure yet
}

func (h *Handlers) hours(r *http.Request, v *float64) string {
	if v == nil {
		return ""
	}
	return h.rd.T(r, "student.reports.hours", i18n.FormatNumber(lang(r), *v, 1))
}

// ReportsCSV serves GET /admin/support/reports.csv: the same aggregate figures.
func (h *Handlers) ReportsCSV(w http.ResponseWriter, r *http.Request) {
	rep, err := h.svc.Report(r.Context(), viewer(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	_ = sheet.CSV(w, "support-report.csv").WriteAll(rep.CSV())
}

// AuditLog serves GET /admin/support/audit (admins).
func (h *Handlers) AuditLog(w http.ResponseWriter, r *http.Request) {
	log, err := h.svc.Audit(r.Context(), viewer(r), 500)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/audit", &web.Page{Title: h.rd.T(r, "student.audit.title"), Data: log})
}
