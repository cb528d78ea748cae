package volunteer

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// consentData is the guardian's consent form.
type consentData struct {
	Programme *Programme
	ShiftID   int64 // the sign-up to make once the consent is recorded
}

func (h *SignupPages) consentForm(w http.ResponseWriter, r *http.Request, status int, p *Programme, shiftID int64, f *web.Form) {
	h.rd.Render(w, r, status, "volunteer/signup_consent", &web.Page{Title: h.rd.T(r, "volunteer.signups.consent.title"),
		Data: &consentData{Programme: p, ShiftID: shiftID}, Form: f})
}

// Consent serves POST /volunteer/{slug}/consent: a guardian's consent for the signed-in
// minor, after which the sign-up they asked for is made.
func (h *SignupPages) Consent(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	p, err := h.svc.ProgrammeBySlug(ctx, v, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	shiftID, _ := strconv.ParseInt(f.Get("shift"), 10, 64)
	_, err = h.svc.RecordConsent(ctx, v, p.ID, v.ID, ConsentInput{GuardianName: f.Get("guardian_name"),
		GuardianContact: f.Get("guardian_contact"), Agreed: f.Get("agree") == "yes"})
	if f.FailFields(err) {
		h.consentForm(w, r, http.StatusUnprocessableEntity, p, shiftID, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if shiftID == 0 {
		h.flash(r, h.rd.T(r, "volunteer.signups.consent.saved"))
		http.Redirect(w, r, "/"+lang(r)+"/volunteer/"+p.Slug, http.StatusSeeOther)
		return
	}
	sh, err := shiftByID(ctx, h.svc.db, shiftID)
	if err != nil || sh.ProgrammeID != p.ID {
		h.rd.PageError(w, r, ErrNotFound)
		return
	}
	su, err := h.svc.SignUp(ctx, v, sh.ID)
	h.afterSignUp(w, r, p, sh, su, err)
}
