package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// StatusOf maps a service error to its HTTP status; anything unknown is a 500.
func StatusOf(err error) int {
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		return http.StatusUnprocessableEntity
	case errors.Is(err, fail.NotFound):
		return http.StatusNotFound
	case errors.Is(err, fail.Forbidden):
		return http.StatusForbidden
	case errors.Is(err, fail.Unauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, fail.Conflict):
		return http.StatusConflict
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrInvalidUTF8):
		return http.StatusBadRequest
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return de.Status
	}
	return http.StatusInternalServerError
}

// Problem writes a localized problem+json: the title from "problem.<status>", the detail
// from detailKey when given, and field errors translated.
func (rd *Renderer) Problem(w http.ResponseWriter, r *http.Request, status int, detailKey string, fields fail.Fields) {
	lang := LocaleOf(r.Context())
	p := Problem{Status: status, Title: rd.catalog.T(lang, "problem."+itoa(status))}
	if detailKey != "" {
		p.Detail = rd.catalog.T(lang, detailKey)
	}
	if len(fields) > 0 {
		p.Errors = make(map[string]string, len(fields))
		for f, key := range fields {
			p.Errors[f] = rd.catalog.T(lang, key)
		}
	}
	WriteProblem(w, r, p)
}

// APIError answers an API request whose service call failed. Unknown errors are logged
// and become a plain 500 without internals.
func (rd *Renderer) APIError(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	var fields fail.Fields
	errors.As(err, &fields)
	detail := ""
	var de *DecodeError
	switch {
	case errors.As(err, &de):
		detail = de.Key
	case status == http.StatusInternalServerError:
		rd.log.Error("api", "id", RequestIDOf(r.Context()), "path", r.URL.Path, "err", err)
	case status == http.StatusConflict:
		detail = "problem.conflict"
	}
	rd.Problem(w, r, status, detail, fields)
}

// PageError answers a page request whose service call failed: the localized error page,
// or the login page for an anonymous visitor who needs to sign in.
func (rd *Renderer) PageError(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	if status == http.StatusUnauthorized && rd.LoginPage != "" {
		// Answer 401 with the sign-in form itself, so the person signs in and comes back.
		form := NewForm(map[string][]string{"next": {r.URL.RequestURI()}})
		rd.Render(w, r, status, rd.LoginPage, &Page{Title: rd.T(r, "identity.login.title"), Form: form})
		return
	}
	if status == http.StatusInternalServerError {
		rd.log.Error("page", "id", RequestIDOf(r.Context()), "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnprocessableEntity {
		status = http.StatusBadRequest
	}
	rd.Error(w, r, status)
}

// Logger is the renderer's logger, for handlers that log.
func (rd *Renderer) Logger() *slog.Logger { return rd.log }
