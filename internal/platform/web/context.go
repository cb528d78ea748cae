// Package web is the HTTP machinery shared by every module: the server, middleware,
// template rendering, forms, problem+json errors and pagination. It holds no business rules.
package web

import (
	"context"
	"net/http"
	"slices"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyLocale
	keyNonce
	keyViewer
	keyFlash
)

// Viewer is the person behind a request, as far as pages and handlers need to know.
// The identity module fills it in; web only carries it.
type Viewer struct {
	ID     int64
	Name   string
	Email  string
	Roles  []string // admin, coordinator, reviewer, member
	Locale string
	// ViaToken is true when the request authenticated with an API token rather than a session.
	ViaToken bool
}

// Has reports whether the viewer holds role ("member" is everyone's).
func (v *Viewer) Has(role string) bool {
	return v != nil && (role == "member" || slices.Contains(v.Roles, role))
}

// IsStaff reports whether the viewer may see staff areas (admin, coordinator, reviewer).
func (v *Viewer) IsStaff() bool {
	return v.Has("admin") || v.Has("coordinator") || v.Has("reviewer")
}

// WithViewer returns a request carrying v.
func WithViewer(r *http.Request, v *Viewer) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), keyViewer, v))
}

// ViewerOf returns the signed-in viewer, or nil for an anonymous request.
func ViewerOf(ctx context.Context) *Viewer {
	v, _ := ctx.Value(keyViewer).(*Viewer)
	return v
}

// WithLocale returns a request whose pages and messages use lang.
func WithLocale(r *http.Request, lang string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), keyLocale, lang))
}

// LocaleOf returns the request's interface language (set by the URL prefix, or negotiated).
func LocaleOf(ctx context.Context) string {
	if l, ok := ctx.Value(keyLocale).(string); ok {
		return l
	}
	return "tr"
}

// RequestIDOf returns the request's ID, as logged and sent in X-Request-ID.
func RequestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// NonceOf returns the CSP nonce that script tags of this response must carry.
func NonceOf(ctx context.Context) string {
	n, _ := ctx.Value(keyNonce).(string)
	return n
}

// WithFlash gives pages of this request a way to read (and clear) the one-time message
// kept in the session. Requests outside the session middleware have none.
func WithFlash(r *http.Request, pop func() string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), keyFlash, pop))
}

func popFlash(ctx context.Context) string {
	if pop, ok := ctx.Value(keyFlash).(func() string); ok {
		return pop()
	}
	return ""
}
