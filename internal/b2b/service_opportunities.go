package b2b

import (
	"context"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// CreateOpportunity posts an offer or request for one of v's organisations, whose profile in
// the event's programme must be validated.
func (s *Service) CreateOpportunity(ctx context.Context, v *web.Viewer, eventID int64, in OpportunityInput) (*Opportunity, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	if ok, err := s.memberOf(ctx, v, in.OrganisationID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	p, err := profileByOrganisation(ctx, s.db, programmeID, in.OrganisationID)
	if err != nil {
		return nil, fail.Fields{"organisation_id": "b2b.error.not_validated"}
	}
	if p.Status != Validated {
		return nil, fail.Fields{"organisation_id": "b2b.error.not_validated"}
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	o := &Opportunity{ProgrammeID: programmeID, ProfileID: p.ID, OpportunityInput: in, CreatedAt: now, UpdatedAt: now}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error { return insertOpportunity(ctx, tx, o, v.ID) }); err != nil {
		return nil, err
	}
	return s.nameOpportunity(ctx, o)
}

// ownOpportunity loads an opportunity that v may change: one of their organisation's.
func (s *Service) ownOpportunity(ctx context.Context, v *web.Viewer, id int64) (*Opportunity, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	o, err := opportunityByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if ok, err := s.memberOf(ctx, v, o.OrganisationID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	return o, nil
}

// UpdateOpportunity replaces an opportunity's contents; its organisation does not change.
func (s *Service) UpdateOpportunity(ctx context.Context, v *web.Viewer, id int64, in OpportunityInput) (*Opportunity, error) {
	o, err := s.ownOpportunity(ctx, v, id)
	if err != nil {
		return nil, err
	}
	in.OrganisationID = o.OrganisationID
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	o.OpportunityInput, o.UpdatedAt = in, s.now()
	if err := s.db.InTx(ctx, func(tx *db.Tx) error { return updateOpportunity(ctx, tx, o) }); err != nil {
		return nil, err
	}
	return s.nameOpportunity(ctx, o)
}

// DeleteOpportunity removes one of v's organisation's opportunities.
func (s *Service) DeleteOpportunity(ctx context.Context, v *web.Viewer, id int64) error {
	if _, err := s.ownOpportunity(ctx, v, id); err != nil {
		return err
	}
	return deleteOpportunity(ctx, s.db, id)
}

// Opportunity returns one opportunity to its organisation's members, organisers and the
// programme's participants (once its author is validated).
func (s *Service) Opportunity(ctx context.Context, v *web.Viewer, id int64) (*Opportunity, error) {
	o, err := opportunityByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	author, err := profileByID(ctx, s.db, o.ProfileID)
	if err != nil {
		return nil, err
	}
	if err := s.mayRead(ctx, v, o.OrganisationID, o.ProgrammeID, author.Status == Validated); err != nil {
		return nil, err
	}
	return s.nameOpportunity(ctx, o)
}

// OpportunityFilter narrows the marketplace; empty fields do not filter.
type OpportunityFilter struct {
	Kind     OpportunityKind
	Category Category
	Sector   string
	Country  string // a target country; opportunities open to any country match too
	Query    string // matched folded against titles, descriptions and the organisation's name
}

// Opportunities lists the marketplace of the event's programme for its participants and
// organisers, newest first.
func (s *Service) Opportunities(ctx context.Context, v *web.Viewer, eventID int64, f OpportunityFilter) ([]Opportunity, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	if !CanOrganise(v) {
		if ok, err := s.participates(ctx, v, programmeID); err != nil || !ok {
			return nil, orForbidden(err)
		}
	}
	list, err := listOpportunities(ctx, s.db, programmeID)
	if err != nil {
		return nil, err
	}
	if err := s.nameOpportunities(ctx, list); err != nil {
		return nil, err
	}
	return matching(list, f.Query, f.matches), nil
}

// matching keeps the items of list that match the folded words of query, in order.
func matching[T any](list []T, query string, matches func(T, []string) bool) []T {
	words := strings.Fields(text.Fold(query))
	out := list[:0]
	for _, x := range list {
		if matches(x, words) {
			out = append(out, x)
		}
	}
	return out
}

func (f OpportunityFilter) matches(o Opportunity, words []string) bool {
	country := strings.ToUpper(strings.TrimSpace(f.Country))
	switch {
	case f.Kind != "" && o.Kind != f.Kind,
		f.Category != "" && o.Category != f.Category,
		f.Sector != "" && !slices.Contains(o.Sectors, f.Sector),
		country != "" && len(o.Countries) > 0 && !slices.Contains(o.Countries, country):
		return false
	}
	hay := text.Fold(strings.Join([]string{o.Organisation.Name, o.Title.TR, o.Title.AZ, o.Title.EN,
		o.Description.TR, o.Description.AZ, o.Description.EN}, " "))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (s *Service) nameOpportunity(ctx context.Context, o *Opportunity) (*Opportunity, error) {
	list := []Opportunity{*o}
	if err := s.nameOpportunities(ctx, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

func (s *Service) nameOpportunities(ctx context.Context, list []Opportunity) error {
	return named(ctx, s.dir, list, func(o *Opportunity) (int64, *Organisation) { return o.OrganisationID, &o.Organisation })
}
