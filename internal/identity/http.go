package identity

import (
	"errors"
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Handlers serves the account pages and the identity API.
type Handlers struct {
	svc           *Service
	sm            *scs.SessionManager
	rd            *web.Renderer
	loginLimit    *web.RateLimiter
	signupLimit   *web.RateLimiter
	noticeVersion string
}

// NewHandlers wires the identity pages. noticeVersion is the account privacy notice's
// version, recorded with each registration's consent.
func NewHandlers(svc *Service, sm *scs.SessionManager, rd *web.Renderer, noticeVersion string) *Handlers {
	return &Handlers{
		svc: svc, sm: sm, rd: rd, noticeVersion: noticeVersion,
		loginLimit:  web.NewRateLimiter(10, 10), // 10 tries at once, then one every 6 s per address
		signupLimit: web.NewRateLimiter(5, 5),
	}
}

func (h *Handlers) lang(r *http.Request) string { return web.LocaleOf(r.Context()) }

// safeNext keeps a post-login redirect on this site.
func safeNext(next, fallback string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return fallback
}

// parse reads a form, answering 413/400 itself when the body is unusable.
func (h *Handlers) parse(w http.ResponseWriter, r *http.Request) (*web.Form, bool) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return nil, false
	}
	return f, true
}

// formErrors copies service field errors onto the form for redisplay.
func formErrors(f *web.Form, err error) bool { return prefixedFormErrors(f, err, "") }

// prefixedFormErrors is formErrors for a page with several forms, whose fields carry a
// prefix ("token_name" for the token form's "name").
func prefixedFormErrors(f *web.Form, err error, prefix string) bool {
	var fields FieldErrors
	if !errors.As(err, &fields) {
		return false
	}
	for k, v := range fields {
		f.Fail(prefix+k, v)
	}
	return true
}

// checkMail tells the person a link is on its way, whether or not the address has an
// account, so the answer reveals nothing.
func (h *Handlers) checkMail(w http.ResponseWriter, r *http.Request, email string) {
	h.rd.Render(w, r, http.StatusOK, "identity/check_mail", &web.Page{Title: h.rd.T(r, "identity.check_mail.title"), Data: email})
}

// --- registration and confirmation

// RegisterForm shows the registration form.
func (h *Handlers) RegisterForm(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "identity/register", &web.Page{Title: h.rd.T(r, "identity.register.title")})
}

// Register creates the account and asks the person to confirm their address.
func (h *Handlers) Register(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	page := &web.Page{Title: h.rd.T(r, "identity.register.title"), Form: f}
	if !h.signupLimit.Allow(web.ClientIP(r)) {
		f.Fail("email", "identity.rate_limited")
		h.rd.Render(w, r, http.StatusTooManyRequests, "identity/register", page)
		return
	}
	locale := f.Get("locale")
	if !i18n.IsSupported(locale) {
		locale = h.lang(r)
	}
	_, err := h.svc.Register(r.Context(), Registration{
		Name: f.Get("name"), Email: f.Get("email"), Password: f.Values.Get("password"), Locale: locale,
		AcceptPrivacy: f.Get("privacy") == "yes", Newsletter: f.Get("newsletter") == "yes", NoticeVersion: h.noticeVersion,
	})
	if formErrors(f, err) {
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "identity/register", page)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.checkMail(w, r, f.Get("email"))
}

// Confirm handles the link from the confirmation mail.
func (h *Handlers) Confirm(w http.ResponseWriter, r *http.Request) {
	_, err := h.svc.Confirm(r.Context(), r.URL.Query().Get("token"))
	if errors.Is(err, ErrTokenInvalid) {
		h.rd.Render(w, r, http.StatusBadRequest, "identity/token_invalid", &web.Page{Title: h.rd.T(r, "identity.token_invalid.title")})
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.Flash(r, h.rd.T(r, "identity.confirmed"))
	http.Redirect(w, r, "/"+h.lang(r)+"/login", http.StatusSeeOther)
}

// ResendConfirmation sends a new confirmation link.
func (h *Handlers) ResendConfirmation(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	if !h.signupLimit.Allow(web.ClientIP(r)) {
		h.rd.Error(w, r, http.StatusTooManyRequests)
		return
	}
	if err := h.svc.ResendConfirmation(r.Context(), f.Get("email")); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.checkMail(w, r, f.Get("email"))
}

// --- login and logout

// LoginForm shows the sign-in form.
func (h *Handlers) LoginForm(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm(r.URL.Query())
	h.rd.Render(w, r, http.StatusOK, "identity/login", &web.Page{Title: h.rd.T(r, "identity.login.title"), Form: f})
}

// Login signs a person in and sends them where they were going.
func (h *Handlers) Login(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	page := &web.Page{Title: h.rd.T(r, "identity.login.title"), Form: f}
	if !h.loginLimit.Allow(web.ClientIP(r)) {
		f.Fail("email", "identity.rate_limited")
		h.rd.Render(w, r, http.StatusTooManyRequests, "identity/login", page)
		return
	}
	u, epoch, err := h.svc.Login(r.Context(), f.Get("email"), f.Values.Get("password"))
	switch {
	case errors.Is(err, ErrBadLogin):
		f.Fail("email", "identity.bad_login")
		h.rd.Render(w, r, http.StatusUnauthorized, "identity/login", page)
		return
	case errors.Is(err, ErrNotConfirmed):
		f.Fail("email", "identity.not_confirmed")
		page.Data = "unconfirmed"
		h.rd.Render(w, r, http.StatusForbidden, "identity/login", page)
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	if err := signIn(h.sm, r, u, epoch); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	// Sign-in lands in the person's own language unless they were going somewhere specific.
	http.Redirect(w, r, safeNext(f.Get("next"), "/"+u.Locale+"/me"), http.StatusSeeOther)
}

// Logout ends the session.
func (h *Handlers) Logout(w http.ResponseWriter, r *http.Request) {
	if err := h.sm.Destroy(r.Context()); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if err := h.sm.RenewToken(r.Context()); err == nil {
		h.Flash(r, h.rd.T(r, "identity.logged_out"))
	}
	http.Redirect(w, r, "/"+h.lang(r)+"/", http.StatusSeeOther)
}

// --- password reset

// ForgotForm asks for the address to send a reset link to.
func (h *Handlers) ForgotForm(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "identity/forgot", &web.Page{Title: h.rd.T(r, "identity.forgot.title")})
}

// Forgot sends the reset link (or silently nothing) and says the same either way.
func (h *Handlers) Forgot(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	page := &web.Page{Title: h.rd.T(r, "identity.forgot.title"), Form: f}
	f.Required("email")
	f.Email("email")
	if !f.Valid() {
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "identity/forgot", page)
		return
	}
	if !h.signupLimit.Allow(web.ClientIP(r)) {
		f.Fail("email", "identity.rate_limited")
		h.rd.Render(w, r, http.StatusTooManyRequests, "identity/forgot", page)
		return
	}
	if err := h.svc.RequestReset(r.Context(), f.Get("email")); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.checkMail(w, r, f.Get("email"))
}

// ResetForm asks for the new password; the token travels in a hidden field.
func (h *Handlers) ResetForm(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm(r.URL.Query())
	h.rd.Render(w, r, http.StatusOK, "identity/reset", &web.Page{Title: h.rd.T(r, "identity.reset.title"), Form: f})
}

// Reset sets the new password and asks the person to sign in with it.
func (h *Handlers) Reset(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	page := &web.Page{Title: h.rd.T(r, "identity.reset.title"), Form: f}
	if f.Values.Get("password") != f.Values.Get("password2") {
		f.Fail("password2", "identity.password_mismatch")
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "identity/reset", page)
		return
	}
	_, err := h.svc.ResetPassword(r.Context(), f.Get("token"), f.Values.Get("password"))
	if formErrors(f, err) {
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "identity/reset", page)
		return
	}
	if errors.Is(err, ErrTokenInvalid) {
		h.rd.Render(w, r, http.StatusBadRequest, "identity/token_invalid", &web.Page{Title: h.rd.T(r, "identity.token_invalid.title")})
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.Flash(r, h.rd.T(r, "identity.password_changed"))
	http.Redirect(w, r, "/"+h.lang(r)+"/login", http.StatusSeeOther)
}
