package volunteer

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// What coordinators type to create and edit programmes, roles and shifts, and the checks
// that need nothing but the input itself. Checks that need the database (the event, the
// organisations, confirmed sign-ups) live in programme_service.go.

// ErrHasSignups refuses deleting a shift or role that people are confirmed on.
var ErrHasSignups = fmt.Errorf("volunteer: confirmed sign-ups: %w", fail.Conflict)

// progDay is how dates are typed and sent: 2026-06-12, in the programme's zone.
const progDay = time.DateOnly

// Bounds that keep input sane without getting in anybody's way.
const (
	progMaxTitle      = 200
	progMaxLongText   = 10000
	progMaxShortText  = 200
	progMaxCloseHours = 24 * 30
	progMaxPlaces     = 10000
	progMaxMinAge     = 99
)

// ProgrammeInput is a programme as a coordinator writes it. Dates are days in the city's
// zone; the programme runs from the start of StartsOn to the end of EndsOn.
type ProgrammeInput struct {
	Title            i18n.Text
	Description      i18n.Text
	Requirements     i18n.Text
	City             string
	StartsOn         string
	EndsOn           string
	MinAge           int
	EventID          int64
	Issuers          []int64
	SignupCloseHours int
	CancelCloseHours int
	Published        bool
}

// InputOf is a programme as its editor shows it.
func InputOf(p *Programme) ProgrammeInput {
	loc := p.Location()
	return ProgrammeInput{Title: p.Title, Description: p.Description, Requirements: p.Requirements, City: p.City,
		StartsOn: p.StartsAt.In(loc).Format(progDay), EndsOn: p.LastDay().Format(progDay), MinAge: p.MinAge, EventID: p.EventID,
		Issuers: p.Issuers, SignupCloseHours: p.SignupCloseHours, CancelCloseHours: p.CancelCloseHours, Published: p.Published}
}

// LastDay is the programme's last day in its zone (EndsAt is the midnight after it).
func (p *Programme) LastDay() time.Time { return p.EndsAt.Add(-time.Minute).In(p.Location()) }

// Partner is the other city of the partnership: its zone is shown beside the programme's.
func (p *Programme) Partner() string {
	if p.City == "baku" {
		return "izmir"
	}
	return "baku"
}

// RoleByID finds one of the programme's roles.
func (p *Programme) RoleByID(id int64) *Role {
	for i := range p.Roles {
		if p.Roles[i].ID == id {
			return &p.Roles[i]
		}
	}
	return nil
}

// ShiftByID finds one of the programme's shifts.
func (p *Programme) ShiftByID(id int64) *Shift {
	for i := range p.Shifts {
		if p.Shifts[i].ID == id {
			return &p.Shifts[i]
		}
	}
	return nil
}

func (in *ProgrammeInput) normalize() {
	in.Title, in.Description, in.Requirements = in.Title.Trimmed(), in.Description.Trimmed(), in.Requirements.Trimmed()
	in.City, in.StartsOn, in.EndsOn = strings.TrimSpace(in.City), strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.EndsOn)
	slices.Sort(in.Issuers)
	in.Issuers = slices.Compact(in.Issuers)
}

// span is the programme's time in UTC: from the start of the first day to the end of the
// last, in the city's zone. ok is false when a date does not parse.
func (in *ProgrammeInput) span() (from, to time.Time, ok bool) {
	loc := cityZones[in.City]
	if loc == nil {
		loc = cityZones["izmir"]
	}
	a, err1 := time.ParseInLocation(progDay, in.StartsOn, loc)
	b, err2 := time.ParseInLocation(progDay, in.EndsOn, loc)
	if err1 != nil || err2 != nil {
		return time.Time{}, time.Time{}, false
	}
	return a.UTC(), b.AddDate(0, 0, 1).UTC(), true
}

func (in *ProgrammeInput) validate() fail.Fields {
	errs := fail.Fields{}
	if progEmptyText(in.Title) {
		errs["title"] = "volunteer.programmes.error.title"
	}
	if progTooLong(in.Title, progMaxTitle) {
		errs["title"] = "volunteer.programmes.error.too_long"
	}
	if progTooLong(in.Description, progMaxLongText) {
		errs["description"] = "volunteer.programmes.error.too_long"
	}
	if progTooLong(in.Requirements, progMaxLongText) {
		errs["requirements"] = "volunteer.programmes.error.too_long"
	}
	if !slices.Contains(Cities, in.City) {
		errs["city"] = "volunteer.programmes.error.city"
	}
	if _, err := time.Parse(progDay, in.StartsOn); err != nil {
		errs["starts_on"] = "volunteer.programmes.error.date"
	}
	if _, err := time.Parse(progDay, in.EndsOn); err != nil {
		errs["ends_on"] = "volunteer.programmes.error.date"
	} else if errs["starts_on"] == "" && in.EndsOn < in.StartsOn {
		errs["ends_on"] = "volunteer.programmes.error.ends_before"
	}
	if in.MinAge < 0 || in.MinAge > progMaxMinAge {
		errs["min_age"] = "volunteer.programmes.error.min_age"
	}
	if in.SignupCloseHours < 0 || in.SignupCloseHours > progMaxCloseHours {
		errs["signup_close_hours"] = "volunteer.programmes.error.close_hours"
	}
	if in.CancelCloseHours < 0 || in.CancelCloseHours > progMaxCloseHours {
		errs["cancel_close_hours"] = "volunteer.programmes.error.close_hours"
	}
	if in.EventID < 0 {
		errs["event_id"] = "volunteer.programmes.error.event"
	}
	return errs
}

// RoleInput is a role as a coordinator writes it.
type RoleInput struct {
	Name        i18n.Text
	Description i18n.Text
	Languages   []string
}

func (in *RoleInput) normalize() {
	in.Name, in.Description = in.Name.Trimmed(), in.Description.Trimmed()
	var langs []string
	for _, l := range Languages { // in the usual order, each once
		if slices.Contains(in.Languages, l) {
			langs = append(langs, l)
		}
	}
	for _, l := range in.Languages {
		if !slices.Contains(Languages, l) {
			langs = append(langs, l) // kept so validate names it
		}
	}
	in.Languages = langs
}

func (in *RoleInput) validate() fail.Fields {
	errs := fail.Fields{}
	if progEmptyText(in.Name) {
		errs["role_name"] = "volunteer.programmes.error.role_name"
	}
	if progTooLong(in.Name, progMaxTitle) {
		errs["role_name"] = "volunteer.programmes.error.too_long"
	}
	if progTooLong(in.Description, progMaxLongText) {
		errs["role_description"] = "volunteer.programmes.error.too_long"
	}
	for _, l := range in.Languages {
		if !slices.Contains(Languages, l) {
			errs["role_languages"] = "volunteer.programmes.error.language"
		}
	}
	return errs
}

// ShiftInput is a shift as a coordinator writes it. For an ongoing need StartsAt and EndsAt
// bound the period; Minutes is only for a window.
type ShiftInput struct {
	RoleID        int64
	Kind          ShiftKind
	StartsAt      time.Time
	EndsAt        time.Time
	Minutes       int
	Places        int
	Location      string
	ContactName   string
	ContactDetail string
}

func (in *ShiftInput) normalize() {
	in.Location, in.ContactName = strings.TrimSpace(in.Location), strings.TrimSpace(in.ContactName)
	in.ContactDetail = strings.TrimSpace(in.ContactDetail)
	in.StartsAt, in.EndsAt = in.StartsAt.UTC(), in.EndsAt.UTC()
	if in.Kind != Window {
		in.Minutes = 0
	}
}

// validate checks the shift against itself and against its programme p.
func (in *ShiftInput) validate(p *Programme) fail.Fields {
	errs := fail.Fields{}
	if p.RoleByID(in.RoleID) == nil {
		errs["shift_role"] = "volunteer.programmes.error.shift_role"
	}
	if !slices.Contains(ShiftKinds, in.Kind) {
		errs["shift_kind"] = "volunteer.programmes.error.shift_kind"
	}
	switch {
	case in.StartsAt.IsZero():
		errs["shift_start"] = "volunteer.programmes.error.datetime"
	case in.EndsAt.IsZero():
		errs["shift_end"] = "volunteer.programmes.error.datetime"
	case !in.EndsAt.After(in.StartsAt):
		errs["shift_end"] = "volunteer.programmes.error.shift_end"
	case in.StartsAt.Before(p.StartsAt) || in.EndsAt.After(p.EndsAt):
		errs["shift_start"] = "volunteer.programmes.error.shift_outside"
	case in.Kind == Window && (in.Minutes < 1 || time.Duration(in.Minutes)*time.Minute > in.EndsAt.Sub(in.StartsAt)):
		errs["shift_minutes"] = "volunteer.programmes.error.window_minutes"
	}
	if in.Kind == Window && in.Minutes > MaxMinutesPerDay {
		errs["shift_minutes"] = "volunteer.programmes.error.window_minutes"
	}
	if in.Places < 1 || in.Places > progMaxPlaces {
		errs["shift_places"] = "volunteer.programmes.error.places"
	}
	for field, s := range map[string]string{"shift_location": in.Location, "shift_contact_name": in.ContactName, "shift_contact_detail": in.ContactDetail} {
		if utf8.RuneCountInString(s) > progMaxShortText {
			errs[field] = "volunteer.programmes.error.too_long"
		}
	}
	return errs
}

func progEmptyText(t i18n.Text) bool {
	for _, l := range i18n.Supported {
		if t.Get(l) != "" {
			return false
		}
	}
	return true
}

func progTooLong(t i18n.Text, n int) bool {
	for _, l := range i18n.Supported {
		if utf8.RuneCountInString(t.Get(l)) > n {
			return true
		}
	}
	return false
}

// progFields turns an empty set of field errors into no error.
func progFields(errs fail.Fields) error {
	if len(errs) == 0 {
		return nil
	}
	return errs
}
