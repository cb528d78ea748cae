package b2b

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Applications and members of a delegation. An organisation applies once per delegation and
// names the people it sends, each as their passport spells them; approval makes them members.

// ApplicationStatus is where an application stands with the coordinators.
type ApplicationStatus string

const (
	ApplicationPending  ApplicationStatus = "pending"
	ApplicationApproved ApplicationStatus = "approved"
	ApplicationRejected ApplicationStatus = "rejected"
)

// MemberRole is what a member does in the delegation.
type MemberRole string

// MemberRoles lists the roles in form order.
var MemberRoles = []MemberRole{"head", "member", "interpreter", "press"}

// Limits of applications.
const (
	maxTravellers   = 10
	maxPassportName = 100
	maxNationality  = 60
	maxMotivation   = 1000
)

// Traveller is one person an application sends.
type Traveller struct {
	UserID       int64
	Name         string // the account's name, filled in when read
	PassportName string
	Nationality  string // as the passport says, in the applicant's words ("Türkiye", "Azərbaycan")
}

// ApplicationInput is what a company writes.
type ApplicationInput struct {
	OrganisationID int64
	Travellers     []Traveller
	Motivation     string
	Locale         string // the language the applicant writes in, for the decision mail; empty: their account's
}

// Application is an application as stored.
type Application struct {
	ID           int64
	DelegationID int64
	ApplicationInput
	Organisation Organisation
	ApplicantID  int64
	Email        string // the applicant's, for the decision
	Status       ApplicationStatus
	Reason       string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// validate cleans in; members are the organisation's people.
func (in *ApplicationInput) validate(members []Person) fail.Fields {
	errs := fail.Fields{}
	var seen []int64
	out := in.Travellers[:0]
	for _, t := range in.Travellers {
		if t.UserID <= 0 || slices.Contains(seen, t.UserID) {
			continue
		}
		seen = append(seen, t.UserID)
		i := slices.IndexFunc(members, func(p Person) bool { return p.UserID == t.UserID })
		if i < 0 {
			errs["travellers"] = "b2b.delegation.error.not_member"
			continue
		}
		t.Name = members[i].Name
		t.PassportName = strings.Join(strings.Fields(t.PassportName), " ")
		t.Nationality = strings.Join(strings.Fields(t.Nationality), " ")
		checkPassport(errs, fmt.Sprintf("_%d", t.UserID), t.PassportName, t.Nationality)
		out = append(out, t)
	}
	in.Travellers = out
	switch {
	case len(out) == 0 && errs["travellers"] == "":
		errs["travellers"] = "b2b.delegation.error.no_traveller"
	case len(out) > maxTravellers:
		errs["travellers"] = "b2b.delegation.error.too_many_travellers"
	}
	in.Motivation = strings.TrimSpace(in.Motivation)
	switch {
	case in.Motivation == "":
		errs["motivation"] = "form.required"
	case utf8.RuneCountInString(in.Motivation) > maxMotivation:
		errs["motivation"] = "form.too_long"
	}
	return errs
}

// checkPassport adds the problems of a passport name and nationality under field+suffix.
func checkPassport(errs fail.Fields, suffix, name, nationality string) {
	switch {
	case name == "":
		errs["passport_name"+suffix] = "form.required"
	case utf8.RuneCountInString(name) > maxPassportName:
		errs["passport_name"+suffix] = "form.too_long"
	}
	switch {
	case nationality == "":
		errs["nationality"+suffix] = "form.required"
	case utf8.RuneCountInString(nationality) > maxNationality:
		errs["nationality"+suffix] = "form.too_long"
	}
}

// Member is a person in the delegation.
type Member struct {
	ID             int64
	DelegationID   int64
	UserID         int64
	OrganisationID int64 // 0: travels for no company (an interpreter, the press)
	Organisation   Organisation
	Name           string
	PassportName   string
	Nationality    string
	Role           MemberRole
	CreatedAt      time.Time
}

// MemberInput is what coordinators write to add someone by their account's address.
type MemberInput struct {
	Email          string
	OrganisationID int64
	PassportName   string
	Nationality    string
	Role           MemberRole
}

func (in *MemberInput) validate() fail.Fields {
	errs := fail.Fields{}
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if in.Email == "" {
		errs["email"] = "form.required"
	}
	in.PassportName = strings.Join(strings.Fields(in.PassportName), " ")
	in.Nationality = strings.Join(strings.Fields(in.Nationality), " ")
	checkPassport(errs, "", in.PassportName, in.Nationality)
	if !slices.Contains(MemberRoles, in.Role) {
		errs["role"] = "form.choice"
	}
	return errs
}
