package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Page is what every template receives as its dot. Handlers set Title, Data and Form;
// Render fills in the rest from the request.
type Page struct {
	Title       string
	Description string
	Data        any
	Form        *Form
	Flash       string
	Status      int // for error pages

	Lang   string
	Path   string // current path without the language prefix, for the language switcher
	Query  string
	Nonce  string
	Viewer *Viewer
	rd     *Renderer
	req    *http.Request
}

// T translates key in the page's language.
func (p *Page) T(key string, args ...any) string { return p.rd.catalog.T(p.Lang, key, args...) }

// Href prefixes a site path with the page's language: Href("/login") == "/tr/login".
func (p *Page) Href(path string) string { return "/" + p.Lang + path }

// Asset returns the cache-busting URL of a static file.
func (p *Page) Asset(name string) string { return p.rd.assets.URL(name) }

// LangLink is one entry of the language switcher.
type LangLink struct {
	Code, Name, Href string
	Current          bool
}

// Langs lists the interface languages with links to the current page in each.
func (p *Page) Langs() []LangLink {
	links := make([]LangLink, 0, len(i18n.Supported))
	for _, code := range i18n.Supported {
		href := "/" + code + p.Path
		if p.Query != "" {
			href += "?" + p.Query
		}
		links = append(links, LangLink{Code: code, Name: p.rd.catalog.T(code, "lang.name"), Href: href, Current: code == p.Lang})
	}
	return links
}

// HomeZone is where dates without a venue are shown: the platform is run from İzmir.
var HomeZone = i18n.MustLocation("Europe/Istanbul")

func zoneOr(zone *time.Location) *time.Location {
	if zone == nil {
		return HomeZone
	}
	return zone
}

// Date, DateTime and LongDate format a moment for the page's language, in zone (nil: HomeZone).
func (p *Page) Date(t time.Time, zone *time.Location) string {
	return i18n.FormatDate(p.Lang, t, zoneOr(zone))
}
func (p *Page) DateTime(t time.Time, zone *time.Location) string {
	return i18n.FormatDateTime(p.Lang, t, zoneOr(zone))
}
func (p *Page) LongDate(t time.Time, zone *time.Location) string {
	return i18n.FormatLongDate(p.Lang, t, zoneOr(zone))
}

// Int formats a whole number for the page's language (1.234 or 1,234).
func (p *Page) Int(v int64) string { return i18n.FormatInt(p.Lang, v) }

// FieldError returns the localized message for a form field's error, or "".
func (p *Page) FieldError(field string) string {
	if p.Form == nil || p.Form.Errors[field] == "" {
		return ""
	}
	return p.T(p.Form.Errors[field])
}

// Value returns a submitted form value, so a form redisplayed after an error keeps input.
func (p *Page) Value(field string) string {
	if p.Form == nil {
		return ""
	}
	return p.Form.Get(field)
}

// QueryEscape is for building links in templates.
func (p *Page) QueryEscape(s string) string { return url.QueryEscape(s) }

// NavLink is one entry of the site menu that coordinators edit.
type NavLink struct {
	Label string
	Lang  string // set when the label is shown in another language than the page's
	Href  string
}

// Menu returns the site menu for the page's language (empty when none is configured).
func (p *Page) Menu() []NavLink {
	if p.rd.Menu == nil || p.req == nil {
		return nil
	}
	return p.rd.Menu(p.req.Context(), p.Lang)
}
