package volunteer

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// SignupPages serves the sign-up part of volunteering: signing up (signed in or as a
// guest), guardian consent, my shifts, the profile and the coordinators' roster. It adds
// identity's accounts to the module's handlers, for guests and for assigning by address.
type SignupPages struct {
	*Handlers
	accounts      Accounts
	noticeVersion string // the privacy notice version a guest accepts
	// guestLimit bounds guest sign-ups per address: each one sends a mail to whatever
	// address is typed, so the form must not become a way to flood someone's mailbox.
	guestLimit *web.RateLimiter
}

// NewSignupPages wires the sign-up pages; noticeVersion names the privacy notice guests accept.
func NewSignupPages(h *Handlers, acc Accounts, noticeVersion string) *SignupPages {
	return &SignupPages{Handlers: h, accounts: acc, noticeVersion: noticeVersion, guestLimit: web.NewRateLimiter(10, 5)}
}

// shiftProgramme reads the shift in the address and its programme as the viewer may see it.
func (h *SignupPages) shiftProgramme(r *http.Request) (*Programme, *Shift, error) {
	sh, err := shiftByID(r.Context(), h.svc.db, pathID(r, "id"))
	if err != nil {
		return nil, nil, err
	}
	p, err := h.svc.Programme(r.Context(), web.ViewerOf(r.Context()), sh.ProgrammeID)
	return p, sh, err
}

// SignUp serves POST /volunteer/shifts/{id}/signup: one click for a signed-in volunteer;
// a guest's form (name, email, birth date) mails a confirmation link instead.
func (h *SignupPages) SignUp(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	p, sh, err := h.shiftProgramme(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	v := web.ViewerOf(r.Context())
	if v == nil {
		h.guestSignUp(w, r, f, p, sh)
		return
	}
	su, err := h.svc.SignUp(r.Context(), v, sh.ID)
	h.afterSignUp(w, r, p, sh, su, err)
}

// afterSignUp tells the volunteer how a sign-up went: to my shifts when it was made, to
// the profile or the consent form when those are missing, back to the programme otherwise.
func (h *SignupPages) afterSignUp(w http.ResponseWriter, r *http.Request, p *Programme, sh *Shift, su *Signup, err error) {
	switch {
	case err == nil && su.Status == Confirmed:
		h.flash(r, h.rd.T(r, "volunteer.signups.flash.confirmed"))
		http.Redirect(w, r, "/"+lang(r)+"/my/volunteer", http.StatusSeeOther)
	case err == nil:
		h.flash(r, h.rd.T(r, "volunteer.signups.flash.waiting"))
		http.Redirect(w, r, "/"+lang(r)+"/my/volunteer", http.StatusSeeOther)
	case NeedsProfile(err):
		h.flash(r, h.rd.T(r, "volunteer.signups.error.profile_needed"))
		next := fmt.Sprintf("/%s/volunteer/%s", lang(r), p.Slug)
		http.Redirect(w, r, "/"+lang(r)+"/my/volunteer/profile?next="+url.QueryEscape(next), http.StatusSeeOther)
	case NeedsConsent(err):
		h.consentForm(w, r, http.StatusOK, p, sh.ID, web.NewForm(url.Values{}))
	case isRefusal(err):
		h.flash(r, h.rd.T(r, refusalKey(err)))
		http.Redirect(w, r, fmt.Sprintf("/%s/volunteer/%s", lang(r), p.Slug), http.StatusSeeOther)
	default:
		h.rd.PageError(w, r, err)
	}
}

func isRefusal(err error) bool { return refusalKey(err) != "" }

// refusalKey is the message of a sign-up refusal, or "".
func refusalKey(err error) string {
	for _, field := range []string{"signup", "to", "profile", "consent", "email", "token"} {
		if key := fieldKey(err, field); key != "" {
			return key
		}
	}
	return ""
}

// guestForm is what the guest sign-up page shows.
type guestForm struct {
	Programme *Programme
	Shift     *Shift
	When      string
	Sent      bool // the link was mailed
}

// guestSignUp checks the guest's form and mails the link; errors show the form again with
// everything typed.
func (h *SignupPages) guestSignUp(w http.ResponseWriter, r *http.Request, f *web.Form, p *Programme, sh *Shift) {
	data := &guestForm{Programme: p, Shift: sh, When: ShiftWhen(h.rd.Catalog(), lang(r), p, sh)}
	page := &web.Page{Title: h.rd.T(r, "volunteer.signups.guest.title"), Data: data, Form: f}
	if _, typed := f.Values["email"]; !typed {
		// The programme page's plain button: show the guest form.
		h.rd.Render(w, r, http.StatusOK, "volunteer/signup_guest", page)
		return
	}
	if !h.guestLimit.Allow(web.ClientIP(r)) {
		f.Fail("email", "volunteer.signups.error.rate_limited")
		h.rd.Render(w, r, http.StatusTooManyRequests, "volunteer/signup_guest", page)
		return
	}
	err := h.svc.GuestSignUp(r.Context(), h.accounts, GuestInput{ShiftID: sh.ID, Name: f.Get("name"), Email: f.Get("email"),
		BirthDate: f.Get("birth_date"), Locale: lang(r), AcceptPrivacy: f.Get("privacy") == "yes", NoticeVersion: h.noticeVersion})
	if f.FailFields(err) {
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "volunteer/signup_guest", page)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	data.Sent, page.Title = true, h.rd.T(r, "volunteer.signups.guest.sent_title")
	h.rd.Render(w, r, http.StatusOK, "volunteer/signup_guest", page)
}

// guestConfirmData is the page of a mailed guest link.
type guestConfirmData struct {
	Guest *GuestSignup
	Token string
}

// GuestConfirmForm serves GET /volunteer/signup/confirm?token=: the guest chooses a password.
func (h *SignupPages) GuestConfirmForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	g, err := h.svc.GuestByToken(r.Context(), token)
	if errors.Is(err, ErrGuestToken) {
		h.rd.Render(w, r, http.StatusBadRequest, "volunteer/signup_token", &web.Page{Title: h.rd.T(r, "volunteer.signups.guest.token_title")})
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "volunteer/signup_confirm", &web.Page{Title: h.rd.T(r, "volunteer.signups.guest.confirm_title"),
		Data: &guestConfirmData{Guest: g, Token: token}, Form: web.NewForm(url.Values{})})
}

// GuestConfirm serves POST /volunteer/signup/confirm: the account is created and the
// sign-up made; the guest then signs in with the password just chosen.
func (h *SignupPages) GuestConfirm(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	token := f.Values.Get("token")
	_, su, signupErr, err := h.svc.ConfirmGuest(r.Context(), h.accounts, token, f.Values.Get("password"))
	if errors.Is(err, ErrGuestToken) {
		h.rd.Render(w, r, http.StatusBadRequest, "volunteer/signup_token", &web.Page{Title: h.rd.T(r, "volunteer.signups.guest.token_title")})
		return
	}
	if fieldKey(err, "password") != "" || fieldKey(err, "email") != "" {
		g, gerr := h.svc.GuestByToken(r.Context(), token)
		if gerr != nil {
			h.rd.PageError(w, r, gerr)
			return
		}
		f.FailFields(err)
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "volunteer/signup_confirm", &web.Page{Title: h.rd.T(r, "volunteer.signups.guest.confirm_title"),
			Data: &guestConfirmData{Guest: g, Token: token}, Form: f})
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	msg := h.rd.T(r, "volunteer.signups.guest.done_confirmed")
	switch {
	case signupErr != nil && isRefusal(signupErr):
		msg = h.rd.T(r, "volunteer.signups.guest.done_refused", h.rd.T(r, refusalKey(signupErr)))
	case signupErr != nil:
		h.rd.PageError(w, r, signupErr)
		return
	case su.Status == Waiting:
		msg = h.rd.T(r, "volunteer.signups.guest.done_waiting")
	}
	h.flash(r, msg)
	http.Redirect(w, r, "/"+lang(r)+"/login?"+url.Values{"next": {"/" + lang(r) + "/my/volunteer"}}.Encode(), http.StatusSeeOther)
}
