// Package ical writes iCalendar (RFC 5545) text by hand: a calendar file is a few lines of
// text, and the modules (events' calendars and feeds, B2B agendas) only ever write them.
// Reading and checking is left to go-ical in the tests.
package ical

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Formats of DATE-TIME values: an instant in UTC, and a wall clock in a named zone.
const (
	UTC   = "20060102T150405Z"
	Local = "20060102T150405"
)

// Writer writes content lines: CRLF-terminated and folded at 75 octets.
type Writer struct{ buf bytes.Buffer }

// Prop writes one property; value must already be escaped (Text, Param).
func (w *Writer) Prop(name, value string) { w.Line(name + ":" + value) }

// Line folds s so no line exceeds 75 octets (a continuation's leading space included),
// breaking only between UTF-8 characters.
func (w *Writer) Line(s string) {
	limit := 75
	for len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		if i == 0 { // not UTF-8; Text never produces this
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

// Append writes what other has written, already folded: a file's events can be written
// before the zones they use, which must come first.
func (w *Writer) Append(other *Writer) { w.buf.Write(other.buf.Bytes()) }

// Bytes is what has been written.
func (w *Writer) Bytes() []byte { return w.buf.Bytes() }

// Timezone writes a VTIMEZONE named tzid for loc over the instants from..to. Each of the
// zone's periods (time.ZoneBounds) the span touches becomes one STANDARD or DAYLIGHT
// observance with its exact onset, so no RRULE is needed and a zone with DST, or a past
// change of offset (Baku kept DST until 2015), is right for every instant in the file.
// Europe/Istanbul (+03) and Asia/Baku (+04) have had one offset since 2016, so for current
// events this is a single STANDARD observance.
func (w *Writer) Timezone(tzid string, loc *time.Location, from, to time.Time) {
	w.Line("BEGIN:VTIMEZONE")
	w.Prop("TZID", Text(tzid))
	t := from.In(loc)
	for range 1000 { // bound: a zone changes offset at most a few times a year
		start, end := t.ZoneBounds()
		abbr, offset := t.Zone()
		prev, onset := offset, "19700101T000000" // no known start: valid since forever
		if !start.IsZero() {
			_, prev = start.Add(-time.Second).Zone()
			// The onset is the wall clock just before the change, in the previous offset.
			onset = start.In(time.FixedZone("", prev)).Format(Local)
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.Line("BEGIN:" + kind)
		w.Prop("DTSTART", onset)
		w.Prop("TZOFFSETFROM", Offset(prev))
		w.Prop("TZOFFSETTO", Offset(offset))
		w.Prop("TZNAME", Text(abbr))
		w.Line("END:" + kind)
		// A time at the very end of a period is already in the next one.
		if end.IsZero() || end.After(to) {
			break
		}
		t = end
	}
	w.Line("END:VTIMEZONE")
}

// Text escapes a TEXT value: backslash, semicolon and comma get a backslash, a line break
// becomes \n, other control characters (not allowed in TEXT) are dropped.
func Text(s string) string {
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

// Param is a parameter value, quoted when it holds a separator (IANA zone names do not).
func Param(s string) string {
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

// Offset is a UTC offset in seconds as ±hhmm[ss].
func Offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := sign + pad2(sec/3600) + pad2(sec/60%60)
	if sec%60 != 0 {
		s += pad2(sec % 60)
	}
	return s
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Float is a FLOAT value: plain decimal, never an exponent.
func Float(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Host is the host of baseURL for UIDs (thing-<id>@host), "kopru" when it has none.
func Host(baseURL string) string {
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "kopru"
}
