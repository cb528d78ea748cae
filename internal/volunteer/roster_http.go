package volunteer

import (
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// rosterData is the roster page.
type rosterData struct {
	*Roster
	When   string
	Role   string
	MoveTo []swapOption
	// NeedConsent are the minors on the shift without a guardian's consent yet.
	NeedConsent []RosterEntry
}

// Roster serves GET /admin/volunteer/shifts/{id}/roster.
func (h *SignupPages) Roster(w http.ResponseWriter, r *http.Request) {
	h.roster(w, r, http.StatusOK, web.NewForm(nil))
}

func (h *SignupPages) roster(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	ro, err := h.svc.Roster(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cat, l := h.rd.Catalog(), lang(r)
	data := &rosterData{Roster: ro, When: ShiftWhen(cat, l, ro.Programme, ro.Shift)}
	for _, role := range ro.Programme.Roles {
		if role.ID == ro.Shift.RoleID {
			data.Role = role.Name.In(l)
		}
	}
	for _, e := range append(append([]RosterEntry{}, ro.Confirmed...), ro.Waiting...) {
		if e.Minor && !e.Consent {
			data.NeedConsent = append(data.NeedConsent, e)
		}
	}
	for _, o := range ro.MoveTo {
		data.MoveTo = append(data.MoveTo, swapOption{ID: o.ID, When: ShiftWhen(cat, l, ro.Programme, &o)})
	}
	if f.Values == nil {
		f = web.NewForm(map[string][]string{})
	}
	h.rd.Render(w, r, status, "volunteer/roster_shift", &web.Page{Title: h.rd.T(r, "volunteer.signups.roster.title"), Data: data, Form: f})
}

func (h *SignupPages) backToRoster(w http.ResponseWriter, r *http.Request, shiftID int64) {
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/volunteer/shifts/%d/roster", lang(r), shiftID), http.StatusSeeOther)
}

// RosterAssign serves POST /admin/volunteer/shifts/{id}/roster/assign: a person found by
// address is put on the shift, or on its waiting list when it is full, which is said.
func (h *SignupPages) RosterAssign(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := requireCoordinator(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	shiftID := pathID(r, "id")
	f.Required("email")
	var userID int64
	if f.Valid() {
		var ok bool
		if userID, ok, err = h.accounts.UserIDByEmail(ctx, f.Get("email")); err != nil {
			h.rd.PageError(w, r, err)
			return
		} else if !ok {
			f.Fail("email", "volunteer.signups.roster.no_account")
		}
	}
	if !f.Valid() {
		h.roster(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	su, err := h.svc.Assign(ctx, v, shiftID, userID)
	if err != nil && isRefusal(err) {
		f.Fail("email", refusalKey(err))
		h.roster(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if su.Status == Waiting {
		h.flash(r, h.rd.T(r, "volunteer.signups.roster.assigned_waiting"))
	} else {
		h.flash(r, h.rd.T(r, "volunteer.signups.roster.assigned"))
	}
	h.backToRoster(w, r, shiftID)
}

// RosterMove serves POST /admin/volunteer/signups/{id}/move with the shift to move to.
func (h *SignupPages) RosterMove(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	from, err := h.svc.SignupShift(ctx, v, pathID(r, "id"))
	if err == nil {
		err = requireCoordinator(v)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	to, _ := strconv.ParseInt(f.Get("to"), 10, 64)
	_, err = h.svc.Move(ctx, v, pathID(r, "id"), to)
	switch {
	case err == nil:
		h.flash(r, h.rd.T(r, "volunteer.signups.roster.moved"))
	case isRefusal(err):
		h.flash(r, h.rd.T(r, refusalKey(err)))
	default:
		h.rd.PageError(w, r, err)
		return
	}
	h.backToRoster(w, r, from)
}

// RosterConsent serves POST /admin/volunteer/shifts/{id}/roster/consent: a coordinator
// records a guardian's consent received on paper for a volunteer found by address, who can
// then sign up or be assigned.
func (h *SignupPages) RosterConsent(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	shiftID := pathID(r, "id")
	sh, err := shiftByID(ctx, h.svc.db, shiftID)
	if err == nil {
		err = requireCoordinator(v)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f.Required("consent_email")
	var userID int64
	if f.Valid() {
		var ok bool
		if userID, ok, err = h.accounts.UserIDByEmail(ctx, f.Get("consent_email")); err != nil {
			h.rd.PageError(w, r, err)
			return
		} else if !ok {
			f.Fail("consent_email", "volunteer.signups.roster.no_account")
		}
	}
	if f.Valid() {
		_, err = h.svc.RecordConsent(ctx, v, sh.ProgrammeID, userID, ConsentInput{GuardianName: f.Get("guardian_name"),
			GuardianContact: f.Get("guardian_contact"), Agreed: f.Get("agree") == "yes"})
		if err != nil && !f.FailFields(err) {
			h.rd.PageError(w, r, err)
			return
		}
	}
	if !f.Valid() {
		h.roster(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	h.flash(r, h.rd.T(r, "volunteer.signups.roster.consent_saved"))
	h.backToRoster(w, r, shiftID)
}

// RosterCSV serves GET /admin/volunteer/shifts/{id}/roster.csv.
func (h *SignupPages) RosterCSV(w http.ResponseWriter, r *http.Request) {
	ro, err := h.svc.Roster(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	t := func(key string, args ...any) string { return h.rd.T(r, key, args...) }
	_ = WriteRosterCSV(sheet.CSV(w, fmt.Sprintf("roster-shift-%d.csv", ro.Shift.ID)), ro, t)
}
