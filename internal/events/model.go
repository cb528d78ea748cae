// Package events runs the partnership's events: festivals, forums, youth programmes and
// official visits, with registration against a capacity and per-type quotas, a waiting list
// served in order of arrival, signed tickets and gate check-in.
package events

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	ErrNotFound  = fmt.Errorf("events: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("events: %w", fail.Forbidden)
	// ErrCheckedIn refuses to cancel a ticket that was already used at the gate.
	ErrCheckedIn = fmt.Errorf("events: already checked in: %w", fail.Conflict)
)

// Kind is what sort of event it is; pages filter and calendars subscribe by it.
type Kind string

const (
	Festival       Kind = "festival"
	BusinessForum  Kind = "business_forum"
	YouthProgramme Kind = "youth_programme"
	VolunteerDay   Kind = "volunteer_day"
	OfficialVisit  Kind = "official_visit"
	Ceremony       Kind = "ceremony"
	Webinar        Kind = "webinar"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{Festival, BusinessForum, YouthProgramme, VolunteerDay, OfficialVisit, Ceremony, Webinar}

// Visibility says who finds the event: everyone, only those with the link, or only the invited
// (whose registrations wait for a coordinator's approval).
type Visibility string

const (
	Public     Visibility = "public"
	Unlisted   Visibility = "unlisted"
	Invitation Visibility = "invitation"
)

// Status is where an event stands.
type Status string

const (
	Draft     Status = "draft"
	Published Status = "published"
	Cancelled Status = "cancelled"
)

// RegStatus is where a registration stands. Only confirmed registrations hold a place.
type RegStatus string

const (
	Confirmed       RegStatus = "confirmed"
	Waiting         RegStatus = "waiting"
	PendingApproval RegStatus = "pending_approval"
	RegCancelled    RegStatus = "cancelled"
)

// Limits, in characters.
const (
	maxTitle       = 200
	maxDescription = 20_000
	maxLine        = 200
	maxSlug        = 80

	maxName = 120
	maxGate = 40
)

// Venue is where the event happens. Coordinates are optional: a map is only a link.
type Venue struct {
	Name    string
	Address string
	City    string
	Lat     *float64
	Lon     *float64
}

// RegistrationType is a kind of place (general, press, delegation member) with its own quota.
type RegistrationType struct {
	ID    int64
	Name  i18n.Text
	Quota int // 0: only the event's capacity limits it
}

// Input is everything a coordinator writes about an event.
type Input struct {
	PartnershipID int64
	Kind          Kind
	Slug          string // empty: made from the Turkish title
	Title         i18n.Text
	Description   i18n.Text
	Venue         Venue
	Zone          string // IANA zone of the venue, e.g. "Asia/Baku"
	StartsAt      time.Time
	EndsAt        time.Time
	Visibility    Visibility
	Status        Status
	Capacity      int // 0: no limit
	AllowGuests   bool
	OpensAt       *time.Time // nil: open as soon as published
	ClosesAt      *time.Time // nil: open until the event ends
	// Types are matched by ID on update: listed ones are kept or added, missing ones removed
	// (only if nobody ever registered under them). None: a new event gets one general type,
	// an update keeps the types it has.
	Types []RegistrationType
	// Questionnaire is what the form asks beyond name, email and type (questions.go). nil:
	// a new event asks nothing more, an update keeps what the event asks.
	Questionnaire *Questionnaire
	// The programme (programme.go): agenda, cover picture and organisations, each replaced
	// as a whole on update.
	Sessions   []Session
	CoverID    int64   // a picture of the media library; 0: none
	Organisers []int64 // identity organisations, in order
	Partners   []int64
}

// Event is an event as stored.
type Event struct {
	ID int64
	Input
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location is the venue's zone, for showing times; validation guarantees it loads.
func (e *Event) Location() *time.Location {
	loc, err := time.LoadLocation(e.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// RegistrationWindow returns when registration opens and closes.
func (e *Event) RegistrationWindow() (opens, closes time.Time) {
	if e.OpensAt != nil {
		opens = *e.OpensAt
	}
	closes = e.EndsAt
	if e.ClosesAt != nil {
		closes = *e.ClosesAt
	}
	return opens, closes
}

// Type returns the registration type with id, or the first when id is 0.
func (e *Event) Type(id int64) (RegistrationType, bool) {
	if id == 0 && len(e.Types) > 0 {
		return e.Types[0], true
	}
	i := slices.IndexFunc(e.Types, func(t RegistrationType) bool { return t.ID == id })
	if i < 0 {
		return RegistrationType{}, false
	}
	return e.Types[i], true
}

// Registration is one person's place (or hope of one) at an event.
type Registration struct {
	ID          int64
	EventID     int64
	TypeID      int64
	UserID      int64 // 0 for a guest
	Name        string
	Email       string
	Locale      string
	Status      RegStatus
	Seq         int64 // arrival order within the event
	Position    int   // place on the waiting list (1 = next), for waiting registrations read singly
	Ticket      string
	ManageToken string // the secret link's token: set only on the registration just created
	CheckedInAt *time.Time
	Gate        string
	CreatedAt   time.Time
	CancelledAt *time.Time
	// NoticeVersion is the events privacy notice the person registered under; Answers
	// (question ID → value) and Consents are filled where the caller needs them.
	NoticeVersion string
	Answers       map[int64]string
	Consents      []Consent

	nonce string
}

// RegisterInput is what a person fills in to register.
type RegisterInput struct {
	EventID  int64
	TypeID   int64 // 0: the event's first type
	Name     string
	Email    string
	Locale   string
	Answers  map[int64]string // question ID → text, option key, or "yes" for a ticked box
	Consents []Purpose        // the optional purposes the person agreed to
}

// AlreadyRegisteredError says the address holds a live registration for the event. It carries
// that registration so the caller can mail its ticket again: show it only to its owner (a
// stranger knowing the address must learn nothing but "check your mail").
type AlreadyRegisteredError struct{ Existing *Registration }

func (e *AlreadyRegisteredError) Error() string { return "events: email already registered" }
func (e *AlreadyRegisteredError) Unwrap() error {
	return fail.Fields{"email": "events.already_registered"}
}

// CapacityError refuses a capacity or quota below the places already confirmed; the message
// shows both numbers. Field is "capacity" or "type_quota_N" (N the type's position).
type CapacityError struct {
	Field     string
	Confirmed int
	Requested int
}

func (e *CapacityError) Error() string {
	return fmt.Sprintf("events: %s %d is below the %d confirmed", e.Field, e.Requested, e.Confirmed)
}
func (e *CapacityError) Unwrap() error {
	return fail.Fields{e.Field: "events.capacity_below_confirmed"}
}

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// ValidZone reports whether name is an explicit IANA zone the binary knows.
func ValidZone(name string) bool {
	// "" and "Local" would load, but mean the host's zone, not the venue's.
	if name == "" || name == "Local" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// defaultType is the one place type an event without types gets.
var defaultType = RegistrationType{Name: i18n.Text{TR: "Genel", AZ: "Ümumi", EN: "General"}}

// validate cleans in and reports every problem under its form field.
func (in *Input) validate() fail.Fields {
	errs := fail.Fields{}
	in.Slug = strings.TrimSpace(in.Slug)
	in.Title, in.Description = in.Title.Trimmed(), in.Description.Trimmed()
	in.Zone = strings.TrimSpace(in.Zone)
	in.Venue.Name, in.Venue.Address, in.Venue.City = strings.TrimSpace(in.Venue.Name), strings.TrimSpace(in.Venue.Address), strings.TrimSpace(in.Venue.City)
	if in.Status == "" {
		in.Status = Draft
	}
	if in.Visibility == "" {
		in.Visibility = Public
	}
	if in.PartnershipID <= 0 {
		errs["partnership_id"] = "form.required"
	}
	if !slices.Contains(Kinds, in.Kind) {
		errs["kind"] = "form.choice"
	}
	if !slices.Contains([]Visibility{Public, Unlisted, Invitation}, in.Visibility) {
		errs["visibility"] = "form.choice"
	}
	if !slices.Contains([]Status{Draft, Published, Cancelled}, in.Status) {
		errs["status"] = "form.choice"
	}
	if in.Title.Empty() {
		errs["title_tr"] = "events.title_required"
	}
	for _, l := range i18n.Supported {
		if tooLong(in.Title.Get(l), maxTitle) || strings.ContainsAny(in.Title.Get(l), "\r\n") {
			errs["title_"+l] = "form.too_long"
		}
		if tooLong(in.Description.Get(l), maxDescription) {
			errs["description_"+l] = "form.too_long"
		}
	}
	if in.Slug != "" && (len(in.Slug) > maxSlug || text.Slug(in.Slug) != in.Slug) {
		errs["slug"] = "events.slug_invalid"
	} else if reservedSlugs[in.Slug] {
		errs["slug"] = "events.slug_reserved"
	}
	// An online event has no hall; every other kind needs a place to go to.
	if in.Venue.Name == "" && in.Kind != Webinar {
		errs["venue_name"] = "form.required"
	}
	for field, s := range map[string]string{"venue_name": in.Venue.Name, "venue_address": in.Venue.Address, "venue_city": in.Venue.City} {
		if tooLong(s, maxLine) {
			errs[field] = "form.too_long"
		}
	}
	if (in.Venue.Lat == nil) != (in.Venue.Lon == nil) {
		errs["venue_lat"] = "events.coordinates_pair"
	}
	if p := in.Venue.Lat; p != nil && (math.IsNaN(*p) || *p < -90 || *p > 90) {
		errs["venue_lat"] = "events.coordinates_invalid"
	}
	if p := in.Venue.Lon; p != nil && (math.IsNaN(*p) || *p < -180 || *p > 180) {
		errs["venue_lon"] = "events.coordinates_invalid"
	}
	if !ValidZone(in.Zone) {
		errs["zone"] = "events.zone_invalid"
	}
	if in.StartsAt.IsZero() {
		errs["starts_at"] = "form.required"
	}
	if in.EndsAt.IsZero() {
		errs["ends_at"] = "form.required"
	} else if !in.StartsAt.IsZero() && !in.EndsAt.After(in.StartsAt) {
		errs["ends_at"] = "events.ends_before_start"
	}
	in.StartsAt, in.EndsAt = stored(in.StartsAt), stored(in.EndsAt)
	in.OpensAt, in.ClosesAt = storedPtr(in.OpensAt), storedPtr(in.ClosesAt)
	if in.OpensAt != nil && in.ClosesAt != nil && !in.ClosesAt.After(*in.OpensAt) {
		errs["closes_at"] = "events.closes_before_opens"
	}
	if in.Capacity < 0 {
		errs["capacity"] = "events.number_negative"
	}
	for i := range in.Types {
		t := &in.Types[i]
		t.Name = t.Name.Trimmed()
		if t.Name.Empty() {
			errs[fmt.Sprintf("type_name_%d", i)] = "form.required"
		}
		if t.Quota < 0 {
			errs[fmt.Sprintf("type_quota_%d", i)] = "events.number_negative"
		}
	}
	if in.Questionnaire != nil {
		in.Questionnaire.validate(errs)
	}
	in.validateProgramme(errs)
	return errs
}

// stored is t as the database keeps it: UTC at microsecond precision.
func stored(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func storedPtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	s := stored(*t)
	return &s
}

// validate cleans a registration's personal fields.
func (in *RegisterInput) validate() fail.Fields {
	errs := fail.Fields{}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if in.Name == "" {
		errs["name"] = "form.required"
	} else if tooLong(in.Name, maxName) {
		errs["name"] = "form.too_long"
	}
	if !web.IsEmail(in.Email) {
		errs["email"] = "form.email"
	}
	if !slices.Contains(i18n.Supported, in.Locale) {
		in.Locale = i18n.Default
	}
	return errs
}

// reservedSlugs are addresses under /events/ that belong to the site itself: an event called
// "calendar" would have its .ics hidden by the calendar feed.
var reservedSlugs = map[string]bool{"calendar": true}
