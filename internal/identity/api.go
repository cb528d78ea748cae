package identity

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// meJSON is the caller as the API shows it.
type meJSON struct {
	ID            int64     `json:"id"`
	Email         string    `json:"email"`
	Name          string    `json:"name"`
	Locale        string    `json:"locale"`
	Roles         []string  `json:"roles"`
	Organisations []orgJSON `json:"organisations"`
}

type orgJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Role string `json:"role"`
}

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	Token      string     `json:"token,omitempty"`
}

// APILogin is POST /api/v1/session: email and password in, session cookie out.
func (h *Handlers) APILogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	if !h.loginLimit.Allow(web.ClientIP(r)) {
		w.Header().Set("Retry-After", "60")
		h.rd.Problem(w, r, http.StatusTooManyRequests, "identity.rate_limited", nil)
		return
	}
	u, epoch, err := h.svc.Login(r.Context(), req.Email, req.Password)
	switch {
	case errors.Is(err, ErrBadLogin):
		h.rd.Problem(w, r, http.StatusUnauthorized, "identity.bad_login", nil)
		return
	case errors.Is(err, ErrNotConfirmed):
		h.rd.Problem(w, r, http.StatusForbidden, "identity.not_confirmed", nil)
		return
	case err != nil:
		h.rd.APIError(w, r, err)
		return
	}
	if err := signIn(h.sm, r, u, epoch); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.writeMe(w, r, Viewer(u))
}

// APILogout is DELETE /api/v1/session.
func (h *Handlers) APILogout(w http.ResponseWriter, r *http.Request) {
	if err := h.sm.Destroy(r.Context()); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// APIMe is GET /api/v1/me.
func (h *Handlers) APIMe(w http.ResponseWriter, r *http.Request) {
	h.writeMe(w, r, web.ViewerOf(r.Context()))
}

func (h *Handlers) writeMe(w http.ResponseWriter, r *http.Request, v *web.Viewer) {
	ms, err := h.svc.MyOrganisations(r.Context(), v)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	me := meJSON{ID: v.ID, Email: v.Email, Name: v.Name, Locale: v.Locale, Roles: append([]string{RoleMember}, v.Roles...), Organisations: []orgJSON{}}
	for _, m := range ms {
		me.Organisations = append(me.Organisations, orgJSON{ID: m.OrganisationID, Slug: m.OrgSlug, Name: m.OrgName, Role: m.Role})
	}
	web.WriteJSON(w, http.StatusOK, me)
}

// APICreateToken is POST /api/v1/tokens: {"name"} in, {"token"} out, once.
func (h *Handlers) APICreateToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if err := web.DecodeJSON(r, &req); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	secret, t, err := h.svc.CreateToken(r.Context(), web.ViewerOf(r.Context()), req.Name)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, Token: secret})
}

// APITokens is GET /api/v1/tokens.
func (h *Handlers) APITokens(w http.ResponseWriter, r *http.Request) {
	tokens, err := h.svc.Tokens(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]tokenJSON, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIRevokeToken is DELETE /api/v1/tokens/{id}.
func (h *Handlers) APIRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := h.svc.RevokeToken(r.Context(), web.ViewerOf(r.Context()), id); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type userJSON struct {
	ID          int64      `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Locale      string     `json:"locale"`
	Roles       []string   `json:"roles"`
	ConfirmedAt *time.Time `json:"confirmed_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// APIUsers is GET /api/v1/admin/users (admins only).
func (h *Handlers) APIUsers(w http.ResponseWriter, r *http.Request) {
	pager := web.NewPager(r, 100)
	users, total, err := h.svc.Users(r.Context(), web.ViewerOf(r.Context()), r.URL.Query().Get("q"), pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]userJSON, 0, len(users))
	for _, u := range users {
		out = append(out, userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Locale: u.Locale, Roles: append([]string{RoleMember}, u.Roles...), ConfirmedAt: u.ConfirmedAt, CreatedAt: u.CreatedAt})
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	web.WriteJSON(w, http.StatusOK, out)
}
