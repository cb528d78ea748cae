package identity

import (
	"context"
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Session keys.
const (
	keyUserID = "uid"
	keyEpoch  = "epoch"
	keyFlash  = "flash"
)

// Authenticate resolves the caller from an "Authorization: Bearer" token or the session
// cookie and puts the viewer into the request. A bad token is a 401 at once: an API
// client that sent one should not silently act as anonymous.
func (h *Handlers) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		r = web.WithFlash(r, func() string { return h.popFlash(ctx) })
		if auth := r.Header.Get("Authorization"); auth != "" {
			secret, ok := strings.CutPrefix(auth, "Bearer ")
			u, err := h.svc.AuthenticateToken(r.Context(), strings.TrimSpace(secret))
			if !ok || err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="kopru"`)
				h.rd.Problem(w, r, http.StatusUnauthorized, "problem.token_invalid", nil)
				return
			}
			v := Viewer(u)
			v.ViaToken = true
			next.ServeHTTP(w, web.WithViewer(r, v))
			return
		}
		if uid := h.sm.GetInt64(r.Context(), keyUserID); uid != 0 {
			u, err := h.svc.Session(r.Context(), uid, h.sm.GetInt(r.Context(), keyEpoch))
			if err != nil {
				// The account is gone, disabled or its password changed: end this session.
				_ = h.sm.Destroy(r.Context())
			} else {
				r = web.WithViewer(r, Viewer(u))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// signIn starts a fresh session for u; the token is renewed so a session fixed by an
// attacker before login is worthless after it.
func signIn(sm *scs.SessionManager, r *http.Request, u *User, epoch int) error {
	if err := sm.RenewToken(r.Context()); err != nil {
		return err
	}
	sm.Put(r.Context(), keyUserID, u.ID)
	sm.Put(r.Context(), keyEpoch, epoch)
	return nil
}

// Flash stores a one-time message shown on the next page.
func (h *Handlers) Flash(r *http.Request, msg string) { h.sm.Put(r.Context(), keyFlash, msg) }

// popFlash returns and clears the one-time message.
func (h *Handlers) popFlash(ctx context.Context) string {
	if !h.sm.Exists(ctx, keyFlash) {
		return ""
	}
	return h.sm.PopString(ctx, keyFlash)
}

// RequireViewer answers 401 (API) when nobody is signed in.
func RequireViewer(rd *web.Renderer, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if web.ViewerOf(r.Context()) == nil {
			rd.Problem(w, r, http.StatusUnauthorized, "problem.sign_in", nil)
			return
		}
		next(w, r)
	}
}
