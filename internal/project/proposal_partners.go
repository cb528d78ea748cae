package project

import (
	"context"
	"fmt"
)

// Partner organisations in the proposal form: a proposer picks partners from the
// organisations registered on the platform (in both cities) or types the name and city of
// one that is not. A pick is stored as the partner's organisation_id; checkPartners refuses
// an id the platform does not know.

// PartnerDirectory lists the organisations a proposal may name as partners. Like
// ReviewerDirectory it is asked of the Directory by assertion: without it the form offers
// free text only.
type PartnerDirectory interface {
	// PartnerOrganisations lists every registered organisation, sorted for the reader.
	PartnerOrganisations(ctx context.Context, lang string) ([]Organisation, error)
}

// PartnerChoices is the organisations a proposal may pick as partners, for lang's reader.
// Names and cities of organisations are public, so anyone may ask.
func (s *Service) PartnerChoices(ctx context.Context, lang string) ([]Organisation, error) {
	pd, ok := s.dir.(PartnerDirectory)
	if !ok {
		return nil, nil
	}
	orgs, err := pd.PartnerOrganisations(ctx, lang)
	if err != nil {
		return nil, fmt.Errorf("project: partner organisations: %w", err)
	}
	return orgs, nil
}
