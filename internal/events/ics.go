package events

// iCalendar (RFC 5545) output, written by hand: a calendar file is a few lines of text.

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/ical"
)

// icsProdID names the producer; ASCII so that no client mangles it.
const icsProdID = "-//Kopru//Kopru Events//TR"

// EventICS is one event as a calendar file (METHOD:PUBLISH), in lang with the usual i18n.Text fallback.
func EventICS(e *Event, lang, baseURL string, now time.Time) []byte {
	return icsWrite([]*Event{e}, lang, baseURL, now, nil)
}

// CalendarICS is a subscribable feed of many events (X-WR-CALNAME given, REFRESH-INTERVAL/X-PUBLISHED-TTL PT1H).
// The caller chooses the events (published and public ones, usually); an empty list gives a
// calendar without components, which clients accept as an empty feed.
func CalendarICS(events []Event, name, lang, baseURL string, now time.Time) []byte {
	ptrs := make([]*Event, len(events))
	for i := range events {
		ptrs[i] = &events[i]
	}
	return icsWrite(ptrs, lang, baseURL, now, func(w *ical.Writer) {
		w.Prop("NAME", ical.Text(name))
		w.Prop("X-WR-CALNAME", ical.Text(name))
		w.Prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
		w.Prop("X-PUBLISHED-TTL", "PT1H")
	})
}

// icsZoneSpan is a venue zone used in a file and the instants it must describe.
type icsZoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

func icsWrite(events []*Event, lang, baseURL string, now time.Time, calProps func(*ical.Writer)) []byte {
	zones := map[string]*icsZoneSpan{}
	var body ical.Writer
	for _, e := range events {
		icsWriteEvent(&body, e, lang, baseURL, now, zones)
	}

	var w ical.Writer
	w.Line("BEGIN:VCALENDAR")
	w.Prop("VERSION", "2.0")
	w.Prop("PRODID", icsProdID)
	w.Prop("CALSCALE", "GREGORIAN")
	w.Prop("METHOD", "PUBLISH")
	if calProps != nil {
		calProps(&w)
	}
	// Time zones first: some clients resolve TZID only against definitions already read.
	names := make([]string, 0, len(zones))
	for name := range zones {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		z := zones[name]
		w.Timezone(name, z.loc, z.from, z.to)
	}
	w.Append(&body)
	w.Line("END:VCALENDAR")
	return w.Bytes()
}

func icsWriteEvent(w *ical.Writer, e *Event, lang, baseURL string, now time.Time, zones map[string]*icsZoneSpan) {
	w.Line("BEGIN:VEVENT")
	w.Prop("UID", ical.Text(icsUID(e, baseURL)))
	w.Prop("DTSTAMP", now.UTC().Format(ical.UTC))
	w.Prop(icsTimeProp("DTSTART", e.StartsAt, e.Zone, zones))
	w.Prop(icsTimeProp("DTEND", e.EndsAt, e.Zone, zones))
	if l := e.Title.Lang(lang); l != "" {
		w.Prop("SUMMARY;LANGUAGE="+l, ical.Text(e.Title.Get(l)))
	}
	if l := e.Description.Lang(lang); l != "" {
		w.Prop("DESCRIPTION;LANGUAGE="+l, ical.Text(e.Description.Get(l)))
	}
	if loc := icsVenue(e.Venue); loc != "" {
		w.Prop("LOCATION", ical.Text(loc))
	}
	if e.Venue.Lat != nil && e.Venue.Lon != nil {
		w.Prop("GEO", ical.Float(*e.Venue.Lat)+";"+ical.Float(*e.Venue.Lon))
	}
	if e.Slug != "" {
		w.Prop("URL", icsEventURL(e, lang, baseURL))
	}
	switch e.Status {
	case Cancelled:
		w.Prop("STATUS", "CANCELLED")
	case Draft:
		w.Prop("STATUS", "TENTATIVE")
	default:
		w.Prop("STATUS", "CONFIRMED")
	}
	if !e.CreatedAt.IsZero() {
		w.Prop("CREATED", e.CreatedAt.UTC().Format(ical.UTC))
	}
	if !e.UpdatedAt.IsZero() {
		w.Prop("LAST-MODIFIED", e.UpdatedAt.UTC().Format(ical.UTC))
	}
	w.Line("END:VEVENT")
}

// icsTimeProp is DTSTART or DTEND as the venue's wall clock with TZID, noting the zone for its
// VTIMEZONE; a venue without a valid zone gets UTC.
func icsTimeProp(name string, t time.Time, zone string, zones map[string]*icsZoneSpan) (string, string) {
	if !ValidZone(zone) {
		return name, t.UTC().Format(ical.UTC)
	}
	z := zones[zone]
	if z == nil {
		loc, _ := time.LoadLocation(zone) // ValidZone loaded it
		z = &icsZoneSpan{loc: loc, from: t, to: t}
		zones[zone] = z
	}
	if t.Before(z.from) {
		z.from = t
	}
	if t.After(z.to) {
		z.to = t
	}
	return name + ";TZID=" + ical.Param(zone), t.In(z.loc).Format(ical.Local)
}

// icsUID is stable for the event across files and feeds: event-<id>@<host of baseURL>.
func icsUID(e *Event, baseURL string) string {
	return "event-" + strconv.FormatInt(e.ID, 10) + "@" + ical.Host(baseURL)
}

// icsEventURL is the absolute address of the event's page in lang.
func icsEventURL(e *Event, lang, baseURL string) string {
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	return strings.TrimRight(baseURL, "/") + "/" + lang + "/events/" + url.PathEscape(e.Slug)
}

func icsVenue(v Venue) string {
	var parts []string
	for _, s := range []string{v.Name, v.Address, v.City} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// GoogleCalendarLink opens Google Calendar's "new event" form filled with the event.
func GoogleCalendarLink(e *Event, lang, baseURL string) string {
	q := url.Values{}
	q.Set("action", "TEMPLATE")
	q.Set("text", e.Title.In(lang))
	q.Set("dates", e.StartsAt.UTC().Format(ical.UTC)+"/"+e.EndsAt.UTC().Format(ical.UTC))
	q.Set("details", icsLinkDetails(e, lang, baseURL))
	if loc := icsVenue(e.Venue); loc != "" {
		q.Set("location", loc)
	}
	if ValidZone(e.Zone) {
		q.Set("ctz", e.Zone) // shown in the venue's zone; the times themselves are UTC
	}
	return "https://calendar.google.com/calendar/render?" + icsQuery(q)
}

// OutlookLink opens Outlook on the web's "new event" form (personal accounts on
// outlook.live.com; the same path and query work on outlook.office.com for work accounts).
func OutlookLink(e *Event, lang, baseURL string) string {
	const iso = "2006-01-02T15:04:05Z"
	q := url.Values{}
	q.Set("path", "/calendar/action/compose")
	q.Set("rru", "addevent")
	q.Set("subject", e.Title.In(lang))
	q.Set("startdt", e.StartsAt.UTC().Format(iso))
	q.Set("enddt", e.EndsAt.UTC().Format(iso))
	q.Set("body", icsLinkDetails(e, lang, baseURL))
	if loc := icsVenue(e.Venue); loc != "" {
		q.Set("location", loc)
	}
	return "https://outlook.live.com/calendar/0/deeplink/compose?" + icsQuery(q)
}

// icsLinkDetails is the event page's address: a whole description would overflow a URL.
func icsLinkDetails(e *Event, lang, baseURL string) string {
	if e.Slug == "" {
		return ""
	}
	return icsEventURL(e, lang, baseURL)
}

// icsQuery encodes spaces as %20: not every calendar service reads "+" as a space.
// Encode escapes a literal "+" as %2B, so every "+" left is a space.
func icsQuery(q url.Values) string { return strings.ReplaceAll(q.Encode(), "+", "%20") }
