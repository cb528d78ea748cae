package app

import (
	"context"
	_ "embed"
	"net/http"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
	"github.com/kopru-platform/kopru/internal/project"
	"github.com/kopru-platform/kopru/internal/student"
)

const (
	langCookie = "kopru_lang"
	maxBody    = 1 << 20 // 1 MiB: forms and JSON; uploads get their own limits
)

// buildHandler assembles the middleware around two muxes: a lean one for static files,
// health and metrics (no session lookup), and the main one for pages and the API.
func (a *App) buildHandler() http.Handler {
	leanMux, feeds := a.leanMux()
	lean := a.metrics.Wrap(leanMux)
	main := web.Chain(a.metrics.Wrap(a.mount(Page, API)),
		web.CrossOrigin(http.HandlerFunc(a.crossOriginDenied)),
		a.Sessions.LoadAndSave,
		a.identityPages.Authenticate,
	)
	routed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/media/") || p == "/healthz" || p == "/readyz" || p == "/metrics" ||
			p == "/robots.txt" || p == "/sitemap.xml" || feeds[p] || strings.HasPrefix(p, "/podcast/") {
			lean.ServeHTTP(w, r)
			return
		}
		main.ServeHTTP(w, r)
	})
	return web.Chain(routed,
		web.RequestID,
		web.Logging(a.Log),
		web.Recover(a.Log, func(w http.ResponseWriter, r *http.Request) { a.failure(w, r, http.StatusInternalServerError) }),
		web.SecurityHeaders(a.Config.SecureCookies()),
		a.limitBody,
	)
}

// leanMux mounts the Plain routes, and the feeds: those are pages by address
// (/tr/news/feed.rss, /tr/events/calendar.ics) but are polled by programs without cookies,
// so they skip the session lookup too. It also returns the feeds' full paths, for the router
// to recognise them. Their language comes from the prefix, without the language cookie a
// browser page sets.
func (a *App) leanMux() (*http.ServeMux, map[string]bool) {
	mux, feeds := a.mount(Plain), map[string]bool{}
	for _, r := range a.routes {
		method, path, _ := strings.Cut(r.Pattern, " ")
		if r.Kind != Page || !(strings.HasSuffix(path, ".rss") || strings.HasSuffix(path, ".atom") || strings.HasSuffix(path, ".ics")) {
			continue
		}
		for _, lang := range i18n.Supported {
			feeds["/"+lang+path] = true
			h := r.Handler
			mux.Handle(method+" /"+lang+path, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h.ServeHTTP(w, web.WithLocale(r, lang))
			}))
		}
	}
	return mux, feeds
}

// limitBody caps request bodies at maxBody, except the media library's upload, which takes
// one file of up to content.MaxUpload.
func (a *App) limitBody(next http.Handler) http.Handler {
	tooLarge := func(w http.ResponseWriter, r *http.Request) { a.failure(w, r, http.StatusRequestEntityTooLarge) }
	small, upload := web.LimitBody(maxBody, tooLarge)(next), web.LimitBody(content.UploadBodyLimit, tooLarge)(next)
	attachment := web.LimitBody(project.AttachmentBodyLimit, tooLarge)(next)
	supportFiles := web.LimitBody(student.UploadBodyLimit, tooLarge)(next)
	episode := web.LimitBody(podcast.UploadBodyLimit, tooLarge)(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/admin/media") {
			upload.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/attachments") && strings.Contains(r.URL.Path, "/proposals/") {
			attachment.ServeHTTP(w, r) // a proposal's PDF (internal/project/proposal_files.go)
			return
		}
		if r.Method == http.MethodPost && !isAPI(r) && isSupportUpload(r.URL.Path) {
			supportFiles.ServeHTTP(w, r) // a support request's files (internal/student/attachment.go)
			return
		}
		if r.Method != http.MethodGet && (strings.Contains(r.URL.Path, "/admin/podcast/") || strings.HasPrefix(r.URL.Path, "/api/v1/podcast/")) {
			episode.ServeHTTP(w, r) // audio and artwork uploads (internal/podcast/files.go)
			return
		}
		small.ServeHTTP(w, r)
	})
}

// isSupportUpload reports whether path takes a support request's files: the new request
// form (/{lang}/support) and the replies (/{lang}/support/{id}/messages, and the admin one).
func isSupportUpload(path string) bool {
	return strings.HasSuffix(path, "/support") || strings.Contains(path, "/support/") && strings.HasSuffix(path, "/messages")
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// requestLocale finds the language for a request that has no prefix: the URL's first
// segment if it is a language, else the cookie, else Accept-Language.
func requestLocale(r *http.Request) string {
	if seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); i18n.IsSupported(seg) {
		return seg
	}
	cookie := ""
	if c, err := r.Cookie(langCookie); err == nil {
		cookie = c.Value
	}
	return i18n.Negotiate(cookie, r.Header.Get("Accept-Language"))
}

// failure answers an error status in the request's format: problem+json for the API,
// the localized error page otherwise. It runs outside the routed handlers, so it works the
// language out itself.
func (a *App) failure(w http.ResponseWriter, r *http.Request, status int) {
	if isAPI(r) {
		r = web.WithLocale(r, i18n.Negotiate("", r.Header.Get("Accept-Language")))
		a.Renderer.Problem(w, r, status, "", nil)
		return
	}
	a.Renderer.Error(w, web.WithLocale(r, requestLocale(r)), status)
}

func (a *App) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		r = web.WithLocale(r, i18n.Negotiate("", r.Header.Get("Accept-Language")))
		a.Renderer.Problem(w, r, http.StatusForbidden, "problem.cross_origin", nil)
		return
	}
	a.failure(w, r, http.StatusForbidden)
}

// fallback answers what no route matched: "/" goes to the visitor's language, anything
// else is a localized 404.
func (a *App) fallback(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		w.Header().Add("Vary", "Accept-Language, Cookie")
		http.Redirect(w, r, "/"+requestLocale(r)+"/", http.StatusSeeOther)
		return
	}
	if allow := a.allowedMethods(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		a.failure(w, r, http.StatusMethodNotAllowed)
		return
	}
	a.failure(w, r, http.StatusNotFound)
}

// allowedMethods lists the methods some route answers for r's path. The catch-all "/"
// route hides the mux's own 405, so the fallback asks the mux itself.
func (a *App) allowedMethods(r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mainMux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	return allow
}

// apiLocale sets the language of API messages: the signed-in person's preference, else
// Accept-Language.
func (a *App) apiLocale(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := i18n.Negotiate("", r.Header.Get("Accept-Language"))
		if v := web.ViewerOf(r.Context()); v != nil && r.Header.Get("Accept-Language") == "" {
			lang = v.Locale
		}
		h.ServeHTTP(w, web.WithLocale(r, lang))
	})
}

func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.DB.Ping(ctx); err != nil {
		web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

//go:embed openapi.json
var openAPIDoc []byte

func (a *App) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPIDoc)
}
