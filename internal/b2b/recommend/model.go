// Package recommend ranks suggested B2B meetings for every participant of a
// programme. It is a pure algorithm package: the b2b module maps its profiles,
// opportunities and requests onto the types below, calls Build once and asks
// the Index for each participant's top K. Nothing here touches a database or
// HTTP, so the ranking can be tested and benchmarked on its own.
//
// A suggestion's score adds up documented factors (see weights.go): how well
// one side's requests match the other side's offers in both directions
// (TF-IDF cosine over folded, lightly stemmed words), sector complementarity
// (NACE Rev. 2), the İzmir ↔ Bakı bonus and a shared language. Pairs that have
// met or already asked for a meeting are left out, as is the participant.
package recommend

import (
	"errors"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Participant is a company or institution taking part in a B2B programme.
type Participant struct {
	ID        string
	City      string   // as entered: "İzmir", "Bakı", "Baku", "Gəncə"…
	Country   string   // ISO 3166-1 alpha-2, e.g. "TR", "AZ"
	Languages []string // codes such as "tr", "az", "en", "ru"
	Sectors   []string // NACE Rev. 2 codes at any level: "C", "C10", "10", "10.4", "10.41"
	Type      string   // buyer, seller, investor, public_institution, association…; not scored: what a firm wants is in its offers and requests
}

// Kind says whether an opportunity offers something or asks for it.
type Kind string

const (
	Offer   Kind = "offer"
	Request Kind = "request"
)

// Opportunity is one offer or request in the programme's marketplace.
type Opportunity struct {
	ID              string
	Owner           string // Participant.ID
	Kind            Kind
	Category        string // partnership, supplier, buyer, investment, distribution, joint_venture, rnd…
	Title           i18n.Text
	Description     i18n.Text
	Sectors         []string // NACE Rev. 2 codes; added to the owner's sectors for complementarity
	TargetCountries []string // ISO codes; empty means any country
}

// Pair names two participants that must not be suggested to each other
// (they have met, or one has already asked the other). Order does not matter;
// a pair naming someone outside the programme is ignored, since it can
// exclude nobody.
type Pair struct{ A, B string }

// Input is everything the ranking looks at.
type Input struct {
	Participants  []Participant
	Opportunities []Opportunity
	Exclude       []Pair
}

// Suggestion is one recommended meeting partner.
type Suggestion struct {
	Participant string  // the suggested partner's ID
	Score       float64 // higher is better; comparable only within one Index
	Why         []Reason
}

// Errors for input the b2b module should never pass; they name the culprit.
var (
	ErrDuplicateParticipant = errors.New("recommend: duplicate participant")
	ErrDuplicateOpportunity = errors.New("recommend: duplicate opportunity")
	ErrUnknownOwner         = errors.New("recommend: opportunity owner is not a participant")
	ErrBadKind              = errors.New("recommend: opportunity kind must be offer or request")
	ErrUnknownParticipant   = errors.New("recommend: unknown participant")
)

// validate checks the references inside in and returns the participant
// positions by ID.
func validate(in Input) (map[string]int32, error) {
	pos := make(map[string]int32, len(in.Participants))
	for i, p := range in.Participants {
		if _, dup := pos[p.ID]; dup {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateParticipant, p.ID)
		}
		pos[p.ID] = int32(i)
	}
	seen := make(map[string]bool, len(in.Opportunities))
	for _, o := range in.Opportunities {
		if seen[o.ID] {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateOpportunity, o.ID)
		}
		seen[o.ID] = true
		if _, ok := pos[o.Owner]; !ok {
			return nil, fmt.Errorf("%w: %q owns %q", ErrUnknownOwner, o.Owner, o.ID)
		}
		if o.Kind != Offer && o.Kind != Request {
			return nil, fmt.Errorf("%w: %q has %q", ErrBadKind, o.ID, o.Kind)
		}
	}
	return pos, nil
}
