package b2b

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// The marketplace: validated participants post what they offer and what they look for;
// everyone in the programme browses them. Recommendations will match requests to offers.

// OpportunityKind says whether the participant offers something or looks for it.
type OpportunityKind string

// OpportunityKinds lists the kinds in form order.
var OpportunityKinds = []OpportunityKind{"offer", "request"}

// Category is what sort of cooperation an opportunity is about.
type Category string

// Categories lists the categories in form order.
var Categories = []Category{"partnership", "supplier", "buyer", "investment", "distribution", "joint_venture", "rnd", "other"}

// Limits of an opportunity.
const (
	maxOppTitle     = 200
	maxOppText      = 5000
	maxOppCountries = 30
)

// OpportunityInput is what a participant writes.
type OpportunityInput struct {
	OrganisationID int64 // whose profile posts it; fixed once posted
	Kind           OpportunityKind
	Category       Category
	Title          i18n.Text
	Description    i18n.Text
	Sectors        []string // NACE division codes
	Countries      []string // target countries; none: any
}

// Opportunity is an offer or request as stored, with its author's organisation.
type Opportunity struct {
	ID          int64
	ProgrammeID int64
	ProfileID   int64
	OpportunityInput
	Organisation Organisation
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (in *OpportunityInput) validate() fail.Fields {
	errs := fail.Fields{}
	if !slices.Contains(OpportunityKinds, in.Kind) {
		errs["kind"] = "form.choice"
	}
	if !slices.Contains(Categories, in.Category) {
		errs["category"] = "form.choice"
	}
	in.Title, in.Description = in.Title.Trimmed(), in.Description.Trimmed()
	if in.Title.Empty() {
		errs["title"] = "b2b.error.title_required"
	}
	if in.Description.Empty() {
		errs["description"] = "b2b.error.description_required"
	}
	for _, l := range i18n.Supported {
		if t := in.Title.Get(l); utf8.RuneCountInString(t) > maxOppTitle || strings.ContainsAny(t, "\r\n") {
			errs["title_"+l] = "form.too_long"
		}
		if utf8.RuneCountInString(in.Description.Get(l)) > maxOppText {
			errs["description_"+l] = "form.too_long"
		}
	}
	in.Sectors = cleanSectors(in.Sectors, errs)
	for i, c := range in.Countries {
		in.Countries[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	in.Countries = uniqueStrings(in.Countries)
	if len(in.Countries) > maxOppCountries || slices.ContainsFunc(in.Countries, func(c string) bool { return !validCountry(c) }) {
		errs["countries"] = "b2b.error.countries"
	}
	return errs
}
