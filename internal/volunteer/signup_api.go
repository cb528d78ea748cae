package volunteer

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The sign-up API: a shift's roster for coordinators, signing the caller up (or, for a
// coordinator, someone by address), cancelling, the caller's sign-ups and profile.

type apiSignup struct {
	ID         int64     `json:"id"`
	ShiftID    int64     `json:"shift_id"`
	UserID     int64     `json:"user_id"`
	Status     string    `json:"status"`
	QueuedAt   time.Time `json:"queued_at"`
	Position   int       `json:"waiting_position,omitempty"`
	Attendance string    `json:"attendance,omitempty"`
	AssignedBy int64     `json:"assigned_by,omitempty"`
	Name       string    `json:"name,omitempty"`
	Email      string    `json:"email,omitempty"`
	Minor      bool      `json:"minor,omitempty"`
	Consent    bool      `json:"guardian_consent,omitempty"`
}

func apiSignupOf(su *Signup) apiSignup {
	return apiSignup{ID: su.ID, ShiftID: su.ShiftID, UserID: su.UserID, Status: string(su.Status), QueuedAt: su.QueuedAt,
		Attendance: su.Attendance, AssignedBy: su.AssignedBy}
}

// apiError answers a refused call: 422 with the field's message, like any validation.
func (h *SignupPages) apiError(w http.ResponseWriter, r *http.Request, err error) {
	h.rd.APIError(w, r, err)
}

// APIShiftSignups serves GET /api/v1/volunteer/shifts/{id}/signups: the roster, confirmed,
// then waiting in order, then cancelled; coordinators only.
func (h *SignupPages) APIShiftSignups(w http.ResponseWriter, r *http.Request) {
	ro, err := h.svc.Roster(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id"))
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	out := []apiSignup{}
	for _, group := range [][]RosterEntry{ro.Confirmed, ro.Waiting, ro.Cancelled} {
		for _, e := range group {
			a := apiSignupOf(&e.Signup)
			a.Position, a.Name, a.Email, a.Minor, a.Consent = e.Position, e.Name, e.Email, e.Minor, e.Consent
			out = append(out, a)
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"shift_id": ro.Shift.ID, "places": ro.Shift.Places,
		"confirmed": ro.Shift.Confirmed, "signups": out})
}

// APISignUp serves POST /api/v1/volunteer/shifts/{id}/signups: signs the caller up, or with
// {"email"} a coordinator assigns that person. 201 with the sign-up; its status says
// whether the place is confirmed or waiting.
func (h *SignupPages) APISignUp(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
	}
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &in); err != nil {
			h.apiError(w, r, err)
			return
		}
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var su *Signup
	var err error
	if in.Email == "" {
		su, err = h.svc.SignUp(ctx, v, pathID(r, "id"))
	} else {
		su, err = h.assignByEmail(r, v, in.Email)
	}
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	a := apiSignupOf(su)
	if su.Status == Waiting {
		a.Position, _ = waitingPosition(ctx, h.svc.db, su)
	}
	web.WriteJSON(w, http.StatusCreated, a)
}

func (h *SignupPages) assignByEmail(r *http.Request, v *web.Viewer, email string) (*Signup, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	id, ok, err := h.accounts.UserIDByEmail(r.Context(), email)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fail.Fields{"email": "volunteer.signups.roster.no_account"}
	}
	return h.svc.Assign(r.Context(), v, pathID(r, "id"), id)
}

// APICancel serves DELETE /api/v1/volunteer/signups/{id}: 204.
func (h *SignupPages) APICancel(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Cancel(r.Context(), web.ViewerOf(r.Context()), pathID(r, "id")); err != nil {
		h.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type apiMySignup struct {
	apiSignup
	ProgrammeID   int64     `json:"programme_id"`
	ProgrammeSlug string    `json:"programme_slug"`
	Programme     string    `json:"programme"`
	Role          string    `json:"role"`
	Kind          string    `json:"kind"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Location      string    `json:"location"`
	CanChange     bool      `json:"can_change"`
}

// APIMySignups serves GET /api/v1/me/volunteer/signups.
func (h *SignupPages) APIMySignups(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.MySignups(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	l := lang(r)
	out := make([]apiMySignup, len(list))
	for i, m := range list {
		a := apiSignupOf(&m.Signup)
		a.Position = m.Position
		out[i] = apiMySignup{apiSignup: a, ProgrammeID: m.Programme.ID, ProgrammeSlug: m.Programme.Slug,
			Programme: m.Programme.Title.In(l), Role: m.RoleName.In(l), Kind: string(m.Shift.Kind), StartsAt: m.Shift.StartsAt,
			EndsAt: m.Shift.EndsAt, Location: m.Shift.Location, CanChange: m.CanChange}
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type apiProfile struct {
	BirthDate string   `json:"birth_date"`
	Phone     string   `json:"phone"`
	City      string   `json:"city"`
	Languages []string `json:"languages"`
}

func apiProfileOf(p *Profile) apiProfile {
	a := apiProfile{Phone: p.Phone, City: p.City, Languages: p.Languages}
	if !p.BirthDate.IsZero() {
		a.BirthDate = p.BirthDate.Format(dateLayout)
	}
	if a.Languages == nil {
		a.Languages = []string{}
	}
	return a
}

// APIProfile serves GET /api/v1/me/volunteer/profile.
func (h *SignupPages) APIProfile(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.MyProfile(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProfileOf(p))
}

// APIPutProfile serves PUT /api/v1/me/volunteer/profile.
func (h *SignupPages) APIPutProfile(w http.ResponseWriter, r *http.Request) {
	var in apiProfile
	if err := web.DecodeJSON(r, &in); err != nil {
		h.apiError(w, r, err)
		return
	}
	p, err := h.svc.SaveProfile(r.Context(), web.ViewerOf(r.Context()), ProfileInput{BirthDate: in.BirthDate, Phone: in.Phone,
		City: in.City, Languages: in.Languages})
	if err != nil {
		h.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProfileOf(p))
}
