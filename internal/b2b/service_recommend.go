package b2b

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/b2b/recommend"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Recommendations on the pages and the API: the programme's validated participants and
// marketplace are mapped onto internal/b2b/recommend, which ranks them. Pairs joined by any
// request (pending, accepted, declined, withdrawn or cancelled) are left out: they have
// already met or decided.

// RecommendationCount is how many suggestions the page and the API show.
const RecommendationCount = 20

// Recommendation is a suggested partner with why, as recommend explains it.
type Recommendation struct {
	Profile    Profile
	Suggestion recommend.Suggestion
}

// Recommendations returns up to k suggested partners for the caller's profile (orgID picks
// among several, as in MyProfile), best first.
func (s *Service) Recommendations(ctx context.Context, v *web.Viewer, eventID, orgID int64, k int) ([]Recommendation, error) {
	me, err := s.MyProfile(ctx, v, eventID, orgID)
	if err != nil {
		return nil, err
	}
	profiles, err := listProfiles(ctx, s.db, me.ProgrammeID, Validated)
	if err != nil {
		return nil, err
	}
	if me.Status != Validated { // a pending participant still sees whom to prepare for
		profiles = append(profiles, *me)
	}
	in, err := s.recommendInput(ctx, me.ProgrammeID, profiles)
	if err != nil {
		return nil, err
	}
	idx, err := recommend.Build(in)
	if err != nil {
		return nil, err
	}
	list, err := idx.For(profileKey(me.ID), k)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]Profile, len(profiles))
	for _, p := range profiles {
		byKey[profileKey(p.ID)] = p
	}
	out := make([]Recommendation, 0, len(list))
	for _, sg := range list {
		out = append(out, Recommendation{Profile: byKey[sg.Participant], Suggestion: sg})
	}
	err = named(ctx, s.dir, out, func(r *Recommendation) (int64, *Organisation) {
		return r.Profile.OrganisationID, &r.Profile.Organisation
	})
	return out, err
}

func profileKey(id int64) string { return strconv.FormatInt(id, 10) }

// recommendInput maps the profiles, their opportunities and the requests between them.
func (s *Service) recommendInput(ctx context.Context, programmeID int64, profiles []Profile) (recommend.Input, error) {
	var in recommend.Input
	known := map[int64]bool{}
	for _, p := range profiles {
		known[p.ID] = true
		in.Participants = append(in.Participants, recommend.Participant{ID: profileKey(p.ID), City: p.City,
			Country: p.Country, Languages: p.Languages, Sectors: p.Sectors, Type: string(p.Type)})
	}
	opps, err := listOpportunities(ctx, s.db, programmeID)
	if err != nil {
		return in, err
	}
	for _, o := range opps {
		if !known[o.ProfileID] {
			continue
		}
		in.Opportunities = append(in.Opportunities, recommend.Opportunity{ID: strconv.FormatInt(o.ID, 10),
			Owner: profileKey(o.ProfileID), Kind: recommend.Kind(o.Kind), Category: string(o.Category),
			Title: o.Title, Description: o.Description, Sectors: o.Sectors, TargetCountries: o.Countries})
	}
	reqs, err := requestsOfProgramme(ctx, s.db, programmeID)
	for _, r := range reqs {
		in.Exclude = append(in.Exclude, recommend.Pair{A: profileKey(r.FromProfileID), B: profileKey(r.ToProfileID)})
	}
	return in, err
}
