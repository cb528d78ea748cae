package identity

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// accountPage is what /me shows: the person's own record across the platform.
type accountPage struct {
	Organisations []Membership
	Tokens        []APIToken
	Consents      []Consent
	Newsletter    bool
	NewToken      string // shown once, right after creation
	NoticeVersion string
}

func (h *Handlers) account(w http.ResponseWriter, r *http.Request, status int, f *web.Form, newToken string) {
	v := web.ViewerOf(r.Context())
	if v == nil {
		h.rd.PageError(w, r, ErrUnauthorized)
		return
	}
	data := accountPage{NewToken: newToken, NoticeVersion: h.noticeVersion}
	var err error
	if data.Organisations, err = h.svc.MyOrganisations(r.Context(), v); err == nil {
		if data.Tokens, err = h.svc.Tokens(r.Context(), v); err == nil {
			data.Consents, err = h.svc.Consents(r.Context(), v)
		}
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	data.Newsletter = NewsletterGranted(data.Consents)
	if f == nil {
		f = web.NewForm(map[string][]string{"name": {v.Name}, "locale": {v.Locale}})
	}
	h.rd.Render(w, r, status, "identity/account", &web.Page{Title: h.rd.T(r, "identity.account.title"), Data: data, Form: f})
}

// Account shows the signed-in person's page.
func (h *Handlers) Account(w http.ResponseWriter, r *http.Request) {
	h.account(w, r, http.StatusOK, nil, "")
}

// UpdateAccount saves name and preferred language.
func (h *Handlers) UpdateAccount(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	err := h.svc.UpdateProfile(r.Context(), web.ViewerOf(r.Context()), f.Get("name"), f.Get("locale"))
	if formErrors(f, err) {
		h.account(w, r, http.StatusUnprocessableEntity, f, "")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.Flash(r, h.rd.Catalog().T(f.Get("locale"), "identity.saved"))
	http.Redirect(w, r, "/"+f.Get("locale")+"/me", http.StatusSeeOther)
}

// CreateTokenPage makes an API token and shows its secret once.
func (h *Handlers) CreateTokenPage(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	secret, _, err := h.svc.CreateToken(r.Context(), web.ViewerOf(r.Context()), f.Get("token_name"))
	if prefixedFormErrors(f, err, "token_") {
		h.account(w, r, http.StatusUnprocessableEntity, f, "")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.account(w, r, http.StatusOK, nil, secret)
}

// RevokeTokenPage revokes one of the caller's tokens.
func (h *Handlers) RevokeTokenPage(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := h.svc.RevokeToken(r.Context(), web.ViewerOf(r.Context()), id); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.Flash(r, h.rd.T(r, "identity.token_revoked"))
	http.Redirect(w, r, "/"+h.lang(r)+"/me", http.StatusSeeOther)
}

// Newsletter records the newsletter consent decision.
func (h *Handlers) Newsletter(w http.ResponseWriter, r *http.Request) {
	f, ok := h.parse(w, r)
	if !ok {
		return
	}
	if err := h.svc.SetNewsletter(r.Context(), web.ViewerOf(r.Context()), f.Get("newsletter") == "yes", h.noticeVersion); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.Flash(r, h.rd.T(r, "identity.saved"))
	http.Redirect(w, r, "/"+h.lang(r)+"/me", http.StatusSeeOther)
}
