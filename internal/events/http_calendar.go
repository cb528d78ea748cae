package events

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Calendar feeds: /events/calendar.ics is every published public event as a calendar a
// client subscribes to; ?kind= narrows it to one kind and ?partnership= (slug or id) to one
// partnership. The feed is the same for everyone, so it is served without a session (the
// app mounts .ics routes on its lean mux) and may be kept by caches for 15 minutes.

const (
	feedMaxAge = 15 * 60
	// feedPast is how far back a feed reaches: a subscriber keeps recent events, not the
	// whole archive.
	feedPast   = 365 * 24 * time.Hour
	feedPage   = 200
	feedMaxLen = 5 * feedPage
)

// UsePartnerships lets feeds name a partnership by slug or id; resolve answers ErrNotFound
// (or any fail.NotFound) for one that does not exist. Without it, ?partnership= is not found.
func (h *Handlers) UsePartnerships(resolve func(ctx context.Context, ref string) (int64, error)) {
	h.partnerships = resolve
}

// Calendar serves /events/calendar.ics.
func (h *Handlers) Calendar(w http.ResponseWriter, r *http.Request) {
	ctx, l := r.Context(), lang(r)
	q := r.URL.Query()
	f := Filter{Status: Published, PublicOnly: true, Limit: feedPage}
	name := h.rd.Catalog().T(l, "events.title")
	if vs, ok := q["kind"]; ok {
		if len(vs) != 1 || !slices.Contains(Kinds, Kind(vs[0])) {
			h.rd.Error(w, r, http.StatusBadRequest)
			return
		}
		f.Kind = Kind(vs[0])
		name += " · " + h.rd.Catalog().T(l, "events.kind."+vs[0])
	}
	if vs, ok := q["partnership"]; ok {
		ref := ""
		if len(vs) == 1 {
			ref = strings.TrimSpace(vs[0])
		}
		if ref == "" || len(ref) > 80 {
			h.rd.Error(w, r, http.StatusBadRequest)
			return
		}
		if h.partnerships == nil {
			h.rd.PageError(w, r, ErrNotFound)
			return
		}
		id, err := h.partnerships(ctx, ref)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		f.PartnershipID = id
	}
	from := h.svc.now().Add(-feedPast)
	f.From = &from
	var all []Event
	for len(all) < feedMaxLen {
		// No viewer: a feed is the same for everyone, even for a coordinator who follows it.
		page, err := h.svc.List(ctx, nil, f)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		all = append(all, page...)
		if len(page) < f.Limit {
			break
		}
		f.Offset += len(page)
	}
	// DTSTAMP is the latest change, not the request's time, so an unchanged feed is the same
	// bytes and its ETag (a hash of them) holds until something changes.
	var modified time.Time
	for i := range all {
		if all[i].UpdatedAt.After(modified) {
			modified = all[i].UpdatedAt
		}
	}
	body := CalendarICS(all, name+" · "+h.rd.Catalog().T(l, "site.name"), l, h.baseURL, modified)
	sum := sha256.Sum256(body)
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("Cache-Control", "public, max-age="+strconv.Itoa(feedMaxAge))
	hd.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	if !modified.IsZero() {
		hd.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if web.Fresh(r, hd) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// calendarLinks are the event page's "add to calendar" choices.
type calendarLinks struct {
	ICS, Google, Outlook string
}

func (h *Handlers) calendarLinks(e *Event, l string) calendarLinks {
	return calendarLinks{ICS: "/" + l + "/events/" + url.PathEscape(e.Slug) + ".ics",
		Google: GoogleCalendarLink(e, l, h.baseURL), Outlook: OutlookLink(e, l, h.baseURL)}
}

// subscribeURL is the webcal:// address of the feed in l (of one kind when kind is set), which
// opens the reader's calendar application on a subscription rather than a download.
func (h *Handlers) subscribeURL(l, kind string) template.URL {
	u := h.baseURL + "/" + l + "/events/calendar.ics"
	if kind != "" {
		u += "?kind=" + url.QueryEscape(kind)
	}
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		u = "webcal://" + rest
	} else if rest, ok := strings.CutPrefix(u, "http://"); ok {
		u = "webcal://" + rest
	}
	// Built from the configured base URL, a language code and a known kind: safe as a link.
	return template.URL(u)
}
