package b2b

// A participant's agenda as an iCalendar file (RFC 5545), written by hand as the events
// module writes its own: one VEVENT per placed meeting, in the venue's wall clock with the
// zone defined in the file, so phones show the meeting at the right time wherever they are.

import (
	"github.com/kopru-platform/kopru/internal/platform/ical"
	"strconv"
	"time"
)

const (
	icsProdID = "-//Kopru//Kopru B2B//TR"
)

// AgendaICS writes a's placed meetings. Each meeting's UID stays the same across downloads
// (b2b-meeting-<id>@<host of baseURL>), so a calendar app that imports the file again
// updates a moved meeting instead of adding a second one. link is the agenda page's address.
func AgendaICS(a *Agenda, lang, link, baseURL string, now time.Time, t Translate) []byte {
	var w ical.Writer
	w.Line("BEGIN:VCALENDAR")
	w.Prop("VERSION", "2.0")
	w.Prop("PRODID", icsProdID)
	w.Prop("CALSCALE", "GREGORIAN")
	w.Prop("METHOD", "PUBLISH")
	w.Prop("X-WR-CALNAME", ical.Text(t("b2b.agenda.ics.name", a.Event.Title.In(lang))))
	loc := a.Event.Location()
	if len(a.Meetings) > 0 {
		w.Timezone(loc.String(), loc, a.Meetings[0].Slot.StartsAt, a.Meetings[len(a.Meetings)-1].Slot.EndsAt)
	}
	host := ical.Host(baseURL)
	for _, it := range a.Meetings {
		icsMeeting(&w, a, it, lang, loc, host, link, now, t)
	}
	w.Line("END:VCALENDAR")
	return w.Bytes()
}

func icsMeeting(w *ical.Writer, a *Agenda, it AgendaItem, lang string, loc *time.Location, host, link string, now time.Time, t Translate) {
	w.Line("BEGIN:VEVENT")
	w.Prop("UID", "b2b-meeting-"+strconv.FormatInt(it.Meeting.ID, 10)+"@"+host)
	w.Prop("DTSTAMP", now.UTC().Format(ical.UTC))
	w.Prop("DTSTART;TZID="+loc.String(), it.Slot.StartsAt.In(loc).Format(ical.Local))
	w.Prop("DTEND;TZID="+loc.String(), it.Slot.EndsAt.In(loc).Format(ical.Local))
	w.Prop("SUMMARY", ical.Text(t("b2b.agenda.ics.summary", it.Other.Name)))
	where := agendaTableLabel(t, it.Table)
	if a.Event.City != "" {
		where += ", " + a.Event.City
	}
	w.Prop("LOCATION", ical.Text(where))
	desc := a.Event.Title.In(lang)
	if names := agendaPeople(it.People); names != "" {
		desc += "\n" + t("b2b.agenda.with", names)
	}
	w.Prop("DESCRIPTION", ical.Text(desc+"\n"+link))
	w.Prop("URL", link)
	w.Prop("STATUS", "CONFIRMED")
	w.Prop("LAST-MODIFIED", it.Meeting.UpdatedAt.UTC().Format(ical.UTC))
	w.Line("END:VEVENT")
}
