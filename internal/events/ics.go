package events

// iCalendar (RFC 5545) output, written by hand: a calendar file is a few lines of text.

import (
	"bytes"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// icsProdID names the producer; ASCII so that no client mangles it.
const icsProdID = "-//Kopru//Kopru Events//TR"

const (
	icsUTC   = "20060102T150405Z"
	icsLocal = "20060102T150405"
)

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
	return icsWrite(ptrs, lang, baseURL, now, func(w *icsWriter) {
		w.prop("NAME", icsText(name))
		w.prop("X-WR-CALNAME", icsText(name))
		w.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
		w.prop("X-PUBLISHED-TTL", "PT1H")
	})
}

// icsZoneSpan is a venue zone used in a file and the instants it must describe.
type icsZoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

func icsWrite(events []*Event, lang, baseURL string, now time.Time, calProps func(*icsWriter)) []byte {
	zones := map[string]*icsZoneSpan{}
	var body icsWriter
	for _, e := range events {
		icsWriteEvent(&body, e, lang, baseURL, now, zones)
	}

	var w icsWriter
	w.line("BEGIN:VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", icsProdID)
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
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
		icsWriteTimezone(&w, name, zones[name])
	}
	w.buf.Write(body.buf.Bytes())
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

func icsWriteEvent(w *icsWriter, e *Event, lang, baseURL string, now time.Time, zones map[string]*icsZoneSpan) {
	w.line("BEGIN:VEVENT")
	w.prop("UID", icsText(icsUID(e, baseURL)))
	w.prop("DTSTAMP", now.UTC().Format(icsUTC))
	w.prop(icsTimeProp("DTSTART", e.StartsAt, e.Zone, zones))
	w.prop(icsTimeProp("DTEND", e.EndsAt, e.Zone, zones))
	if l := e.Title.Lang(lang); l != "" {
		w.prop("SUMMARY;LANGUAGE="+l, icsText(e.Title.Get(l)))
	}
	if l := e.Description.Lang(lang); l != "" {
		w.prop("DESCRIPTION;LANGUAGE="+l, icsText(e.Description.Get(l)))
	}
	if loc := icsVenue(e.Venue); loc != "" {
		w.prop("LOCATION", icsText(loc))
	}
	if e.Venue.Lat != nil && e.Venue.Lon != nil {
		w.prop("GEO", icsFloat(*e.Venue.Lat)+";"+icsFloat(*e.Venue.Lon))
	}
	if e.Slug != "" {
		w.prop("URL", icsEventURL(e, lang, baseURL))
	}
	switch e.Status {
	case Cancelled:
		w.prop("STATUS", "CANCELLED")
	case Draft:
		w.prop("STATUS", "TENTATIVE")
	default:
		w.prop("STATUS", "CONFIRMED")
	}
	if !e.CreatedAt.IsZero() {
		w.prop("CREATED", e.CreatedAt.UTC().Format(icsUTC))
	}
	if !e.UpdatedAt.IsZero() {
		w.prop("LAST-MODIFIED", e.UpdatedAt.UTC().Format(icsUTC))
	}
	w.line("END:VEVENT")
}

// icsTimeProp is DTSTART or DTEND as the venue's wall clock with TZID, noting the zone for its
// VTIMEZONE; a venue without a valid zone gets UTC.
func icsTimeProp(name string, t time.Time, zone string, zones map[string]*icsZoneSpan) (string, string) {
	if !ValidZone(zone) {
		return name, t.UTC().Format(icsUTC)
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
	return name + ";TZID=" + icsParam(zone), t.In(z.loc).Format(icsLocal)
}

// icsWriteTimezone describes a zone for the instants the file uses. Each of the zone's periods
// (time.ZoneBounds) that the span touches becomes one STANDARD or DAYLIGHT observance with its
// exact onset, so no RRULE is needed and a zone with DST, or a past change of offset (Baku kept
// DST until 2015), is described correctly for every event in the file. Europe/Istanbul (+03)
// and Asia/Baku (+04) have had one fixed offset since 2016, so for current events this is a
// single STANDARD observance with the zone's offset.
func icsWriteTimezone(w *icsWriter, name string, z *icsZoneSpan) {
	w.line("BEGIN:VTIMEZONE")
	w.prop("TZID", icsText(name))
	t := z.from.In(z.loc)
	for range 1000 { // bound: a zone changes offset at most a few times a year
		start, end := t.ZoneBounds()
		abbr, offset := t.Zone()
		from, onset := offset, "19700101T000000" // no known start: valid since forever
		if !start.IsZero() {
			_, from = start.Add(-time.Second).Zone()
			// The onset is the wall clock just before the change, in the previous offset.
			onset = start.In(time.FixedZone("", from)).Format(icsLocal)
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.line("BEGIN:" + kind)
		w.prop("DTSTART", onset)
		w.prop("TZOFFSETFROM", icsOffset(from))
		w.prop("TZOFFSETTO", icsOffset(offset))
		w.prop("TZNAME", icsText(abbr))
		w.line("END:" + kind)
		// A time at the very end of a period is already in the next one.
		if end.IsZero() || end.After(z.to) {
			break
		}
		t = end
	}
	w.line("END:VTIMEZONE")
}

// icsUID is stable for the event across files and feeds: event-<id>@<host of baseURL>.
func icsUID(e *Event, baseURL string) string {
	host := "kopru"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "event-" + strconv.FormatInt(e.ID, 10) + "@" + host
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
	q.Set("dates", e.StartsAt.UTC().Format(icsUTC)+"/"+e.EndsAt.UTC().Format(icsUTC))
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

// icsWriter writes content lines: CRLF-terminated and folded at 75 octets.
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) prop(name, value string) { w.line(name + ":" + value) }

// line folds s so no line exceeds 75 octets (a continuation's leading space included),
// breaking only between UTF-8 characters.
func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		if i == 0 { // not UTF-8; icsText never produces this
			i = limit
		}
		w.buf.WriteString(s[:i])
		w.buf.WriteString("\r\n ")
		s = s[i:]
		limit = 74
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

// icsText escapes a TEXT value: backslash, semicolon and comma get a backslash, a line break
// becomes \n, other control characters (not allowed in TEXT) are dropped.
func icsText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsParam is a parameter value, quoted when it holds a separator (IANA zone names do not).
func icsParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ";:,") {
		return `"` + s + `"`
	}
	return s
}

// icsOffset is a UTC offset in seconds as ±hhmm[ss].
func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := sign + icsPad2(sec/3600) + icsPad2(sec/60%60)
	if sec%60 != 0 {
		s += icsPad2(sec % 60)
	}
	return s
}

func icsPad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// icsFloat is a FLOAT value: plain decimal, never an exponent.
func icsFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
