package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Renderer renders the embedded page templates. Every page is parsed at start-up together
// with the shared layout, so a broken template stops the server from starting instead of
// failing a visitor; but a page's parsed set (a clone of the whole layout, some 150 kB) is
// kept only once the page is first shown, so a server holds the pages it serves rather
// than all of them.
type Renderer struct {
	base    *template.Template // the layout, never executed itself, cloned for each page
	fsys    fs.FS
	files   map[string]string // page name → its file
	pages   sync.Map          // page name → *template.Template, once shown
	parsing sync.Mutex
	catalog *i18n.Catalog
	assets  *Assets
	log     *slog.Logger
	// LoginPage is the template shown with 401 when a page needs a signed-in person.
	LoginPage string
	// Menu gives the site menu for a language; nil shows none.
	Menu func(ctx context.Context, lang string) []NavLink
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// NewRenderer parses templates/layout/*.html as the shared set and checks every other
// templates/<module>/<page>.html on top of it, naming the result "<module>/<page>".
func NewRenderer(fsys fs.FS, catalog *i18n.Catalog, assets *Assets, log *slog.Logger) (*Renderer, error) {
	base := template.New("base").Funcs(funcs)
	base, err := base.ParseFS(fsys, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: layout: %w", err)
	}
	rd := &Renderer{base: base, fsys: fsys, files: map[string]string{}, catalog: catalog, assets: assets, log: log}
	err = fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "templates/layout/") || strings.HasPrefix(p, "templates/email/") {
			return err
		}
		if _, err := rd.parse(p); err != nil {
			return err
		}
		rd.files[strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")] = p
		return nil
	})
	return rd, err
}

func (rd *Renderer) parse(file string) (*template.Template, error) {
	clone, err := rd.base.Clone()
	if err != nil {
		return nil, fmt.Errorf("templates: %s: %w", file, err)
	}
	t, err := clone.ParseFS(rd.fsys, file)
	if err != nil {
		return nil, fmt.Errorf("templates: %s: %w", file, err)
	}
	return t, nil
}

// page returns the parsed set of page name, parsing it on its first showing.
func (rd *Renderer) page(name string) (*template.Template, error) {
	if t, ok := rd.pages.Load(name); ok {
		return t.(*template.Template), nil
	}
	file, ok := rd.files[name]
	if !ok {
		return nil, fmt.Errorf("templates: no page %q", name)
	}
	rd.parsing.Lock()
	defer rd.parsing.Unlock()
	if t, ok := rd.pages.Load(name); ok {
		return t.(*template.Template), nil
	}
	t, err := rd.parse(file)
	if err == nil {
		rd.pages.Store(name, t)
	}
	return t, err
}

var funcs = template.FuncMap{
	// dict builds a map for passing several values to a sub-template.
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"int64": func(n int) int64 { return int64(n) },
}

// Has reports whether a page template exists (tests check routes against it).
func (rd *Renderer) Has(name string) bool { _, ok := rd.files[name]; return ok }

// Render writes page name with status. The page is rendered into a buffer first, so a
// template error becomes a clean 500 instead of half a page.
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	t, err := rd.page(name)
	if err != nil {
		rd.log.Error("no such template", "name", name, "err", err)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	rd.fill(r, p)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.ExecuteTemplate(buf, "base", p); err != nil {
		rd.log.Error("render", "name", name, "err", err, "id", RequestIDOf(r.Context()))
		if name != "errors/error" {
			rd.Error(w, r, http.StatusInternalServerError)
		} else {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.Lang)
	if p.Viewer != nil {
		// Pages for a signed-in person must not land in a shared cache.
		h.Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// Error renders the localized page for an HTTP error status.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, status int) {
	p := &Page{Status: status}
	rd.fill(r, p)
	p.Title = p.T(fmt.Sprintf("error.%d.title", status))
	rd.Render(w, r, status, "errors/error", p)
}

// T translates key in the request's language, for handlers that build messages.
func (rd *Renderer) T(r *http.Request, key string, args ...any) string {
	return rd.catalog.T(LocaleOf(r.Context()), key, args...)
}

// Catalog returns the message catalog.
func (rd *Renderer) Catalog() *i18n.Catalog { return rd.catalog }

func (rd *Renderer) fill(r *http.Request, p *Page) {
	if p.rd != nil {
		return
	}
	ctx := r.Context()
	p.rd = rd
	p.req = r
	p.Lang = LocaleOf(ctx)
	p.Nonce = NonceOf(ctx)
	p.Viewer = ViewerOf(ctx)
	p.Path = strings.TrimPrefix(r.URL.Path, "/"+p.Lang)
	if p.Path == r.URL.Path || p.Path == "" {
		p.Path = "/"
		if after, ok := strings.CutPrefix(r.URL.Path, "/"+p.Lang+"/"); ok {
			p.Path = "/" + after
		}
	}
	p.Query = r.URL.RawQuery
	if p.Flash == "" {
		p.Flash = popFlash(ctx)
	}
}
