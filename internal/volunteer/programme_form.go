package volunteer

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The editor's three forms (programme, role, shift) read into inputs and back. Numbers and
// times that do not parse become field errors of their own, so nothing typed is lost.

func progValues(p *Programme) url.Values {
	in := InputOf(p)
	v := url.Values{"city": {in.City}, "starts_on": {in.StartsOn}, "ends_on": {in.EndsOn}, "min_age": {strconv.Itoa(in.MinAge)},
		"signup_close_hours": {strconv.Itoa(in.SignupCloseHours)}, "cancel_close_hours": {strconv.Itoa(in.CancelCloseHours)},
		"issuers": {formatIDs(in.Issuers)}}
	if in.EventID > 0 {
		v.Set("event_id", progID(in.EventID))
	}
	if in.Published {
		v.Set("published", "1")
	}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, in.Title.Get(l))
		v.Set("description_"+l, in.Description.Get(l))
		v.Set("requirements_"+l, in.Requirements.Get(l))
	}
	return v
}

func progFromForm(f *web.Form) (ProgrammeInput, fail.Fields) {
	errs := fail.Fields{}
	in := ProgrammeInput{City: f.Get("city"), StartsOn: f.Get("starts_on"), EndsOn: f.Get("ends_on"), Published: f.Get("published") == "1"}
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Description.Set(l, f.Get("description_"+l))
		in.Requirements.Set(l, f.Get("requirements_"+l))
	}
	in.MinAge = progInt(f, "min_age", errs)
	in.SignupCloseHours = progInt(f, "signup_close_hours", errs)
	in.CancelCloseHours = progInt(f, "cancel_close_hours", errs)
	if s := f.Get("event_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs["event_id"] = "volunteer.programmes.error.event"
		}
		in.EventID = id
	}
	// Typed as numbers in one field, or ticked one by one.
	issuers := strings.Join(f.Values["issuers"], " ")
	for _, s := range strings.FieldsFunc(issuers, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs["issuers"] = "volunteer.programmes.error.issuers"
			continue
		}
		in.Issuers = append(in.Issuers, id)
	}
	return in, errs
}

func progRoleValues(r *Role) url.Values {
	v := url.Values{"role_id": {progID(r.ID)}, "role_languages": r.Languages}
	for _, l := range i18n.Supported {
		v.Set("role_name_"+l, r.Name.Get(l))
		v.Set("role_description_"+l, r.Description.Get(l))
	}
	return v
}

func progRoleFromForm(f *web.Form) RoleInput {
	in := RoleInput{Languages: f.Values["role_languages"]}
	for _, l := range i18n.Supported {
		in.Name.Set(l, f.Get("role_name_"+l))
		in.Description.Set(l, f.Get("role_description_"+l))
	}
	return in
}

// Shift times are typed as a date and a time of day in the programme's zone.
const (
	progFormDate = time.DateOnly
	progFormTime = "15:04"
)

func progShiftValues(p *Programme, sh *Shift) url.Values {
	loc := p.Location()
	start, end := sh.StartsAt.In(loc), sh.EndsAt.In(loc)
	v := url.Values{"shift_id": {progID(sh.ID)}, "shift_role": {progID(sh.RoleID)}, "shift_kind": {string(sh.Kind)},
		"shift_start_date": {start.Format(progFormDate)}, "shift_start_time": {start.Format(progFormTime)},
		"shift_end_date": {end.Format(progFormDate)}, "shift_end_time": {end.Format(progFormTime)},
		"shift_places": {strconv.Itoa(sh.Places)}, "shift_location": {sh.Location},
		"shift_contact_name": {sh.ContactName}, "shift_contact_detail": {sh.ContactDetail}}
	if sh.Kind == Window {
		v.Set("shift_minutes", strconv.Itoa(sh.Minutes))
	}
	return v
}

// progShiftFromForm reads the shift form. An ongoing need may leave out the times: it runs
// from the start of its first day to the end of its last.
func progShiftFromForm(f *web.Form, p *Programme) (ShiftInput, fail.Fields) {
	errs := fail.Fields{}
	in := ShiftInput{Kind: ShiftKind(f.Get("shift_kind")), Location: f.Get("shift_location"),
		ContactName: f.Get("shift_contact_name"), ContactDetail: f.Get("shift_contact_detail")}
	in.RoleID, _ = strconv.ParseInt(f.Get("shift_role"), 10, 64)
	in.Places = progInt(f, "shift_places", errs)
	if in.Kind == Window {
		in.Minutes = progInt(f, "shift_minutes", errs)
	}
	var ok bool
	if in.StartsAt, ok = progMoment(f, "shift_start", in.Kind == Ongoing, false, p.Location()); !ok {
		errs["shift_start"] = "volunteer.programmes.error.datetime"
	}
	if in.EndsAt, ok = progMoment(f, "shift_end", in.Kind == Ongoing, true, p.Location()); !ok {
		errs["shift_end"] = "volunteer.programmes.error.datetime"
	}
	return in, errs
}

// progMoment reads name_date and name_time; when the time may be left out, a day's start
// (or, for an end, the next midnight) stands in.
func progMoment(f *web.Form, name string, timeOptional, isEnd bool, loc *time.Location) (time.Time, bool) {
	date, clock := f.Get(name+"_date"), f.Get(name+"_time")
	if clock == "" && timeOptional {
		d, err := time.ParseInLocation(progFormDate, date, loc)
		if err != nil {
			return time.Time{}, false
		}
		if isEnd {
			d = d.AddDate(0, 0, 1)
		}
		return d.UTC(), true
	}
	t, err := time.ParseInLocation(progFormDate+" "+progFormTime, date+" "+clock, loc)
	return t.UTC(), err == nil
}

// progInt reads a whole number; empty is 0, anything else unreadable is a field error.
func progInt(f *web.Form, field string, errs fail.Fields) int {
	s := f.Get(field)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		errs[field] = "volunteer.programmes.error.number"
	}
	return n
}
