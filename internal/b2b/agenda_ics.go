package b2b

// A participant's agenda as an iCalendar file (RFC 5545), written by hand as the events
// module writes its own: one VEVENT per placed meeting, in the venue's wall clock with the
// zone defined in the file, so phones show the meeting at the right time wherever they are.

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	icsProdID = "-//Kopru//Kopru B2B//TR"
	icsUTC    = "20060102T150405Z"
	icsLocal  = "20060102T150405"
)

// AgendaICS writes a's placed meetings. Each meeting's UID stays the same across downloads
// (b2b-meeting-<id>@<host of baseURL>), so a calendar app that imports the file again
// updates a moved meeting instead of adding a second one. link is the agenda page's address.
func AgendaICS(a *Agenda, lang, link, baseURL string, now time.Time, t Translate) []byte {
	var w icsWriter
	w.line("BEGIN:VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", icsProdID)
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	w.prop("X-WR-CALNAME", icsText(t("b2b.agenda.ics.name", a.Event.Title.In(lang))))
	loc := a.Event.Location()
	if len(a.Meetings) > 0 {
		icsTimezone(&w, loc, a.Meetings[0].Slot.StartsAt, a.Meetings[len(a.Meetings)-1].Slot.EndsAt)
	}
	host := "kopru"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	for _, it := range a.Meetings {
		icsMeeting(&w, a, it, lang, loc, host, link, now, t)
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

func icsMeeting(w *icsWriter, a *Agenda, it AgendaItem, lang string, loc *time.Location, host, link string, now time.Time, t Translate) {
	w.line("BEGIN:VEVENT")
	w.prop("UID", "b2b-meeting-"+strconv.FormatInt(it.Meeting.ID, 10)+"@"+host)
	w.prop("DTSTAMP", now.UTC().Format(icsUTC))
	w.prop("DTSTART;TZID="+loc.String(), it.Slot.StartsAt.In(loc).Format(icsLocal))
	w.prop("DTEND;TZID="+loc.String(), it.Slot.EndsAt.In(loc).Format(icsLocal))
	w.prop("SUMMARY", icsText(t("b2b.agenda.ics.summary", it.Other.Name)))
	where := agendaTableLabel(t, it.Table)
	if a.Event.City != "" {
		where += ", " + a.Event.City
	}
	w.prop("LOCATION", icsText(where))
	desc := a.Event.Title.In(lang)
	if names := agendaPeople(it.People); names != "" {
		desc += "\n" + t("b2b.agenda.with", names)
	}
	w.prop("DESCRIPTION", icsText(desc+"\n"+link))
	w.prop("URL", link)
	w.prop("STATUS", "CONFIRMED")
	w.prop("LAST-MODIFIED", it.Meeting.UpdatedAt.UTC().Format(icsUTC))
	w.line("END:VEVENT")
}

// icsTimezone describes loc for the instants from..to: one observance per period of the
// zone the span touches (time.ZoneBounds), with its exact onset, so no RRULE is needed.
// Baku and Istanbul have kept one offset since 2016, so this is normally one STANDARD block.
func icsTimezone(w *icsWriter, loc *time.Location, from, to time.Time) {
	w.line("BEGIN:VTIMEZONE")
	w.prop("TZID", loc.String())
	t := from.In(loc)
	for range 100 { // a zone changes offset at most a few times a year
		start, end := t.ZoneBounds()
		abbr, offset := t.Zone()
		prev, onset := offset, "19700101T000000"
		if !start.IsZero() {
			_, prev = start.Add(-time.Second).Zone()
			onset = start.In(time.FixedZone("", prev)).Format(icsLocal)
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.line("BEGIN:" + kind)
		w.prop("DTSTART", onset)
		w.prop("TZOFFSETFROM", icsOffset(prev))
		w.prop("TZOFFSETTO", icsOffset(offset))
		w.prop("TZNAME", icsText(abbr))
		w.line("END:" + kind)
		if end.IsZero() || end.After(to) {
			break
		}
		t = end
	}
	w.line("END:VTIMEZONE")
}

// icsWriter writes content lines: CRLF-terminated, folded at 75 octets between characters.
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) prop(name, value string) { w.line(name + ":" + value) }

func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		w.buf.WriteString(s[:i])
		w.buf.WriteString("\r\n ")
		s = s[i:]
		limit = 74 // the continuation's leading space counts
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

// icsText escapes a TEXT value; control characters other than line breaks are dropped.
func icsText(s string) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\r\n", "\n"), "\uFFFD")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsOffset is a UTC offset in seconds as ±hhmm.
func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return sign + icsPad2(sec/3600) + icsPad2(sec/60%60)
}

func icsPad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
