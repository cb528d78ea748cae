package b2b

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Trade delegations: a group of companies and officials travelling from one city of the
// partnership to the other. Coordinators announce a delegation, companies apply for it,
// approved travellers become members with a role, and the itinerary lists visits, meetings
// and B2B sessions in the destination's local time. Each member can download an invitation
// letter for a visa application.

// Direction says which way a delegation travels.
type Direction string

const (
	IzmirToBaku Direction = "izmir_baku"
	BakuToIzmir Direction = "baku_izmir"
)

// Directions lists the directions in form order.
var Directions = []Direction{IzmirToBaku, BakuToIzmir}

// Zone is the destination's IANA zone: the itinerary happens there.
func (d Direction) Zone() string {
	if d == BakuToIzmir {
		return "Europe/Istanbul"
	}
	return "Asia/Baku"
}

// OriginZone is the zone of the city the delegation leaves from, shown beside the local time.
func (d Direction) OriginZone() string {
	if d == BakuToIzmir {
		return "Asia/Baku"
	}
	return "Europe/Istanbul"
}

// DelegationStatus is where a delegation stands; drafts are for coordinators only.
type DelegationStatus string

const (
	DelegationDraft     DelegationStatus = "draft"
	DelegationAnnounced DelegationStatus = "announced"
	DelegationClosed    DelegationStatus = "closed"
)

// DelegationStatuses lists the statuses in form order.
var DelegationStatuses = []DelegationStatus{DelegationDraft, DelegationAnnounced, DelegationClosed}

// Public reports whether everyone may see the delegation.
func (s DelegationStatus) Public() bool { return s == DelegationAnnounced || s == DelegationClosed }

// Limits of a delegation.
const (
	maxDelegationTitle   = 200
	maxDelegationPurpose = 4000
	maxHost              = 200
	maxSlug              = 100
)

// DelegationInput is what coordinators write.
type DelegationInput struct {
	Slug      string // the public address; made from the Turkish title when empty
	Direction Direction
	StartsOn  time.Time // civil dates in the destination (midnight UTC stands for the day)
	EndsOn    time.Time
	Title     i18n.Text
	Purpose   i18n.Text
	Host      string // the inviting institution named on the letters
	Sectors   []string
	Deadline  time.Time // applications are accepted until this instant
	Status    DelegationStatus
}

// Delegation is a delegation as stored.
type Delegation struct {
	ID int64
	DelegationInput
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location is the destination's zone.
func (d *Delegation) Location() *time.Location { return i18n.MustLocation(d.Direction.Zone()) }

// Open reports whether applications are accepted at now.
func (d *Delegation) Open(now time.Time) bool {
	return d.Status == DelegationAnnounced && !now.After(d.Deadline)
}

// validate cleans in and lists its problems as message keys.
func (in *DelegationInput) validate() fail.Fields {
	errs := fail.Fields{}
	if !slices.Contains(Directions, in.Direction) {
		errs["direction"] = "form.choice"
	}
	if !slices.Contains(DelegationStatuses, in.Status) {
		errs["status"] = "form.choice"
	}
	in.StartsOn, in.EndsOn, in.Deadline = civilDate(in.StartsOn), civilDate(in.EndsOn), in.Deadline.UTC()
	switch {
	case in.StartsOn.IsZero():
		errs["starts_on"] = "form.required"
	case in.EndsOn.IsZero():
		errs["ends_on"] = "form.required"
	case in.EndsOn.Before(in.StartsOn):
		errs["ends_on"] = "b2b.delegation.error.ends_before"
	}
	switch {
	case in.Deadline.IsZero():
		errs["deadline"] = "form.required"
	case !in.StartsOn.IsZero() && !in.Deadline.Before(dayStart(in.StartsOn, in.Direction.Zone())):
		errs["deadline"] = "b2b.delegation.error.deadline_late"
	}
	in.Title, in.Purpose = in.Title.Trimmed(), in.Purpose.Trimmed()
	requiredText(errs, "title", in.Title, maxDelegationTitle)
	requiredText(errs, "purpose", in.Purpose, maxDelegationPurpose)
	in.Host = strings.Join(strings.Fields(in.Host), " ")
	switch {
	case in.Host == "":
		errs["host"] = "form.required"
	case utf8.RuneCountInString(in.Host) > maxHost:
		errs["host"] = "form.too_long"
	}
	in.Sectors = cleanSectors(in.Sectors, errs)
	in.Slug = strings.TrimSpace(in.Slug)
	if in.Slug == "" {
		in.Slug = text.Slug(in.Title.In(i18n.Default))
	}
	if in.Slug == "" || in.Slug != text.Slug(in.Slug) || len(in.Slug) > maxSlug {
		errs["slug"] = "b2b.delegation.error.slug"
	}
	return errs
}

// requiredText checks a three-language text: at least one language, none too long.
func requiredText(errs fail.Fields, field string, t i18n.Text, limit int) {
	if t.Empty() {
		errs[field] = "form.required"
	}
	for _, l := range i18n.Supported {
		if utf8.RuneCountInString(t.Get(l)) > limit {
			errs[field+"_"+l] = "form.too_long"
		}
	}
}

// civilDate drops the time of day: delegations travel on days, not instants.
func civilDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// dayStart is the first instant of the civil date day in zone.
func dayStart(day time.Time, zone string) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, i18n.MustLocation(zone))
}

// Reference is the number printed on a member's invitation letter, so the inviting
// institution and a consulate can match a letter to the delegation's list.
func (d *Delegation) Reference(m *Member) string {
	return fmt.Sprintf("KOPRU-%d-D%03d-M%04d", d.StartsOn.Year(), d.ID, m.ID)
}
