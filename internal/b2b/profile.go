package b2b

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/b2b/nace"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Participant profiles: an organisation joins a programme with one profile, filled in by
// any of its members. Organisers validate a profile before other participants see it.
// Editing a validated profile keeps it validated (organisers can still reject it later: the
// forum is short and a typo fix should not hide a company for days); editing a rejected one
// sends it back for validation.

// ParticipationType is the role a participant comes in.
type ParticipationType string

// Types lists the participation types in the order forms offer them.
var Types = []ParticipationType{"buyer", "seller", "investor", "public_institution", "association", "other"}

// ProfileStatus is where a profile stands with the organisers.
type ProfileStatus string

const (
	Pending   ProfileStatus = "pending"
	Validated ProfileStatus = "validated"
	Rejected  ProfileStatus = "rejected"
)

// Languages lists the languages a participant can say they speak, in form order.
var Languages = []string{"tr", "az", "en", "ru", "de", "fr", "ar", "fa", "ka", "zh"}

// Limits of a profile.
const (
	maxSectors     = 10 // for profiles and opportunities alike
	maxAttendees   = 10
	maxCity        = 100
	maxProfileText = 2000
	maxReason      = 500
)

// Organisation is an identity organisation as b2b shows it.
type Organisation struct {
	ID      int64
	Name    string
	City    string
	Country string // ISO 3166-1 alpha-2, may be empty
}

// Person is a member of an organisation who can attend meetings.
type Person struct {
	UserID int64
	Name   string
}

// Directory is what b2b needs from identity.
type Directory interface {
	// MemberOf lists the organisations v is a member of.
	MemberOf(ctx context.Context, v *web.Viewer) ([]Organisation, error)
	// Members lists the people of an organisation (b2b asks only for one the caller belongs to
	// or organises for).
	Members(ctx context.Context, orgID int64) ([]Person, error)
	// Organisations returns those of ids that exist.
	Organisations(ctx context.Context, ids []int64) (map[int64]Organisation, error)
	// Contacts returns the enabled users among ids, to write to them.
	Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error)
}

// ProfileInput is what a participant writes.
type ProfileInput struct {
	OrganisationID int64
	Attendees      []int64 // user ids, members of the organisation
	Type           ParticipationType
	Sectors        []string // NACE division codes
	City           string
	Country        string // ISO 3166-1 alpha-2
	Languages      []string
	Description    i18n.Text
}

// Profile is a participant as stored, with the organisation's name and the attendees' names.
type Profile struct {
	ID          int64
	ProgrammeID int64
	ProfileInput
	Status       ProfileStatus
	Reason       string // why it was rejected
	FixedTable   int    // the table the participant keeps in every slot; 0: none (organisers set it)
	Organisation Organisation
	People       []Person
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// validate cleans in; members are the organisation's people, for checking the attendees.
func (in *ProfileInput) validate(members []Person) fail.Fields {
	errs := fail.Fields{}
	if !slices.Contains(Types, in.Type) {
		errs["type"] = "form.choice"
	}
	in.Attendees = uniqueIDs(in.Attendees)
	switch {
	case len(in.Attendees) == 0:
		errs["attendees"] = "b2b.error.no_attendee"
	case len(in.Attendees) > maxAttendees:
		errs["attendees"] = "b2b.error.too_many_attendees"
	}
	for _, id := range in.Attendees {
		if !slices.ContainsFunc(members, func(p Person) bool { return p.UserID == id }) {
			errs["attendees"] = "b2b.error.not_member"
		}
	}
	in.Sectors = cleanSectors(in.Sectors, errs)
	in.City = strings.Join(strings.Fields(in.City), " ")
	if in.City == "" {
		errs["city"] = "form.required"
	} else if utf8.RuneCountInString(in.City) > maxCity {
		errs["city"] = "form.too_long"
	}
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	if !validCountry(in.Country) {
		errs["country"] = "b2b.error.country"
	}
	in.Languages = uniqueStrings(in.Languages)
	if len(in.Languages) == 0 {
		errs["languages"] = "b2b.error.no_language"
	} else if slices.ContainsFunc(in.Languages, func(l string) bool { return !slices.Contains(Languages, l) }) {
		errs["languages"] = "form.choice"
	}
	in.Description = in.Description.Trimmed()
	if in.Description.Empty() {
		errs["description"] = "b2b.error.description_required"
	}
	for _, l := range i18n.Supported {
		if utf8.RuneCountInString(in.Description.Get(l)) > maxProfileText {
			errs["description_"+l] = "form.too_long"
		}
	}
	return errs
}

// cleanSectors returns the NACE division codes once each, sorted, and adds a problem to errs:
// profiles and opportunities name 1 to 10 divisions.
func cleanSectors(sectors []string, errs fail.Fields) []string {
	sectors = uniqueStrings(sectors)
	switch {
	case len(sectors) == 0:
		errs["sectors"] = "b2b.error.no_sector"
	case len(sectors) > maxSectors:
		errs["sectors"] = "b2b.error.too_many_sectors"
	case slices.ContainsFunc(sectors, func(c string) bool { return !nace.ValidDivision(c) }):
		errs["sectors"] = "b2b.error.sector_unknown"
	}
	slices.Sort(sectors)
	return sectors
}

// validCountry accepts an ISO 3166-1 alpha-2 code by its shape; the list of assigned codes
// changes, and a wrong but well-formed code harms no one.
func validCountry(c string) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

func uniqueIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func uniqueStrings(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
