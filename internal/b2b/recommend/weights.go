package recommend

import "slices"

// reasonKind names one factor of a score; each has a message key (why.go).
type reasonKind uint8

const (
	none            reasonKind = iota
	offerMatches               // their offer matches my request
	requestMatches             // their request matches my offer
	sameDivision               // same NACE division
	supplyChain                // NACE divisions known to trade with each other
	sameSection                // same NACE section only
	crossCity                  // one in İzmir, the other in Bakı
	crossCountry               // one in Türkiye, the other in Azerbaijan (not the two cities)
	sharedLanguage             // a language both speak
	kindredLanguage            // one speaks tr, the other az
	numKinds
)

// weights are every tuning constant of the score, in one place. A score is
//
//	(text(my requests → their offers) + text(their requests → my offers)) · text
//	+ sector[link] + crossCity|crossCountry + sharedLanguage|kindredLanguage
//
// multiplied by noLanguage when the two share no language at all. Each text
// term is the best TF-IDF cosine (0…1) over the pairs of opportunities, plus
// category when both are of the same category (a supplier request meets a
// supplier offer), times offTarget when the offer names target countries that
// leave the requester out. Text below minCosine is noise (one common word)
// and is dropped.
//
// The weights make a good two-way text match (≈ 2) outweigh everything else,
// one good one-way match (≈ 1) outweigh sector plus city, and the bonuses
// order the many partners with similar texts. No shared language is a
// penalty, not an exclusion: forums provide interpreters (delegations list
// them as members), but a meeting without one is worth less.
//
// Only a text match or a sector link makes someone a candidate at all (they
// are what the inverted indexes find); city and language only order the
// candidates, since a stranger from the sister city is not yet a reason to meet.
var weights = struct {
	text, category, offTarget, minCosine float64
	sector                               [numKinds]float64
	crossCity, crossCountry              float64
	sharedLanguage, kindredLanguage      float64
	noLanguage                           float64
}{
	text:      1.0,
	category:  0.15,
	offTarget: 0.5,
	minCosine: 0.08,
	sector: [numKinds]float64{
		sameDivision: 0.40,
		supplyChain:  0.30,
		sameSection:  0.12,
	},
	crossCity:       0.25,
	crossCountry:    0.10,
	sharedLanguage:  0.05,
	kindredLanguage: 0.03,
	noLanguage:      0.6,
}

// maxBonus is the most the factors other than text can add to a score.
var maxBonus = slices.Max(weights.sector[:]) + max(weights.crossCity, weights.crossCountry) +
	max(weights.sharedLanguage, weights.kindredLanguage)
