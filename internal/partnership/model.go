// Package partnership holds the city pairs a Köprü installation serves, the protocol that
// joined them, its anniversary, and the timeline of milestones around it.
package partnership

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

var (
	ErrNotFound  = fmt.Errorf("partnership: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("partnership: %w", fail.Forbidden)
)

// Text is a translatable field; see i18n.Text.
type Text = i18n.Text

// Precision says how exact a date is. Sources often give only a year (the 1986 protocol),
// and printing "1 January 1986" would invent a fact.
type Precision string

const (
	PrecisionDay  Precision = "day"
	PrecisionYear Precision = "year"
)

// Kind classifies a milestone for its icon, colour and label.
type Kind string

const (
	KindProtocol    Kind = "protocol"
	KindMeeting     Kind = "meeting"
	KindVisit       Kind = "visit"
	KindAnniversary Kind = "anniversary"
	KindEvent       Kind = "event"
)

// Kinds lists every kind in display order (for forms and validation).
var Kinds = []Kind{KindProtocol, KindMeeting, KindVisit, KindAnniversary, KindEvent}

// City is one side of a partnership.
type City struct {
	Name     Text
	Country  string // ISO 3166-1 alpha-2, e.g. "TR", "AZ"
	Zone     string // IANA zone, e.g. "Europe/Istanbul"
	Location *time.Location
}

// Partnership is a city pair joined by a protocol.
type Partnership struct {
	ID                int64
	Slug              string
	A, B              City
	ProtocolDate      time.Time // a calendar date at UTC midnight
	ProtocolPrecision Precision
	Summary           Text
	IsDefault         bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Anniversary is the number of years since the protocol: 40 in 2026 for İzmir–Bakü.
func (p *Partnership) Anniversary(year int) int { return year - p.ProtocolDate.Year() }

// Milestone is one entry of a partnership's timeline.
type Milestone struct {
	ID            int64
	PartnershipID int64
	Date          time.Time // a calendar date at UTC midnight; only the year counts for PrecisionYear
	Precision     Precision
	Kind          Kind
	Planned       bool // announced but not yet happened
	Title         Text
	Body          Text
	CreatedAt     time.Time
}

// Upcoming reports whether the milestone is still ahead on the day today.
func (m *Milestone) Upcoming(today time.Time) bool {
	return m.Planned || m.Date.After(today)
}

// ValidationError maps field names to message keys (partnership.error.*), translated where
// they are shown, so the page and the API give the same reasons.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for f, k := range e.Fields {
		parts = append(parts, f+": "+k)
	}
	return "partnership: invalid " + strings.Join(parts, ", ")
}

// Unwrap lets pages and the API treat it like every module's validation failure.
func (e *ValidationError) Unwrap() error { return fail.Fields(e.Fields) }

type checker map[string]string

func (c checker) fail(field, key string) {
	if _, ok := c[field]; !ok {
		c[field] = key
	}
}

func (c checker) err() error {
	if len(c) == 0 {
		return nil
	}
	return &ValidationError{Fields: c}
}

const (
	maxTitle = 200
	maxBody  = 4000
)

func (c checker) text(field string, t Text, max int, required bool) {
	if required && t.Empty() {
		c.fail(field, "partnership.error.required")
	}
	for _, s := range []string{t.TR, t.AZ, t.EN} {
		if !utf8.ValidString(s) {
			c.fail(field, "partnership.error.invalid")
		}
		if utf8.RuneCountInString(s) > max {
			c.fail(field, "partnership.error.too_long")
		}
	}
}

func (c checker) date(field string, d time.Time, p Precision) {
	if d.IsZero() || d.Year() < 1900 || d.Year() > 2200 {
		c.fail(field, "partnership.error.date")
	}
	if p != PrecisionDay && p != PrecisionYear {
		c.fail(field, "partnership.error.precision")
	}
}

// Validate checks a milestone before it is stored.
func (m *Milestone) Validate() error {
	c := checker{}
	c.date("date", m.Date, m.Precision)
	if !validKind(m.Kind) {
		c.fail("kind", "partnership.error.kind")
	}
	c.text("title", m.Title, maxTitle, true)
	c.text("body", m.Body, maxBody, false)
	return c.err()
}

func validKind(k Kind) bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

var (
	slugPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// Validate checks a partnership before it is stored.
func (p *Partnership) Validate() error {
	c := checker{}
	if len(p.Slug) > 80 || !slugPattern.MatchString(p.Slug) {
		c.fail("slug", "partnership.error.slug")
	}
	for _, side := range []struct {
		name string
		city City
	}{{"a", p.A}, {"b", p.B}} {
		c.text("city_"+side.name, side.city.Name, maxTitle, true)
		if !countryPattern.MatchString(side.city.Country) {
			c.fail("country_"+side.name, "partnership.error.country")
		}
		if _, err := loadZone(side.city.Zone); err != nil {
			c.fail("zone_"+side.name, "partnership.error.zone")
		}
	}
	c.date("protocol_date", p.ProtocolDate, p.ProtocolPrecision)
	c.text("summary", p.Summary, maxBody, false)
	return c.err()
}

// loadZone refuses "" and "Local", which time.LoadLocation accepts but which would make
// the shown time depend on the server's settings.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("partnership: zone %q is not an IANA zone", name)
	}
	return time.LoadLocation(name)
}

// ParseDate reads a YYYY-MM-DD calendar date (as stored and as sent by forms and the API).
func ParseDate(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }
