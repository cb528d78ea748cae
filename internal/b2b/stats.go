package b2b

import (
	"cmp"
	"context"
	"slices"

	"github.com/kopru-platform/kopru/internal/b2b/nace"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Organiser statistics of a forum: participants, requests, meetings and survey answers, in
// total and broken down by the participants' country and NACE section. The figures are a
// plain struct so that other pages (the impact module's figures of the anniversary year)
// can show them without counting again.
//
// How things are counted in a group (a country, a section): a participant counts in its
// country and in every section of its divisions; a request or a meeting counts once in each
// group either side belongs to; a survey answer counts in the groups of the side that gave
// it. So the totals count everything once, while the rows of a breakdown can add up to
// more (a meeting between Türkiye and Azerbaijan is in both rows).

// RequestFigures counts meeting requests by where they stand.
type RequestFigures struct {
	Sent      int // all requests ever made
	Pending   int
	Accepted  int
	Declined  int
	Withdrawn int
	Cancelled int // accepted, then called off
}

// MeetingFigures counts meetings (accepted requests).
type MeetingFigures struct {
	Total       int
	Scheduled   int // with a slot and table, not cancelled
	Unscheduled int // not cancelled, waiting for a slot
	Held        int
	NoShow      int
	Cancelled   int
}

// RoundFigures sums the answers of one survey round.
type RoundFigures struct {
	Answers   int
	Outcomes  map[Outcome]int
	RatingSum int
	Valued    int   // answers that gave an estimated value
	ValueEUR  int64 // the sum of those values
}

// AverageRating is the mean rating, 0 without answers.
func (r RoundFigures) AverageRating() float64 {
	if r.Answers == 0 {
		return 0
	}
	return float64(r.RatingSum) / float64(r.Answers)
}

// Figures are the counts of one group (or of the whole forum).
type Figures struct {
	Participants int // validated profiles
	Requests     RequestFigures
	Meetings     MeetingFigures
	Rounds       [2]RoundFigures // round 1, round 2
}

// Round returns the figures of round n (1 or 2).
func (f Figures) Round(n int) RoundFigures { return f.Rounds[n-1] }

// StatsGroup is one row of a breakdown: a country (ISO code) or a NACE section (its letter
// and its names).
type StatsGroup struct {
	Code string
	Name i18n.Text // the section's names; empty for countries
	Figures
}

// Stats are a forum's figures.
type Stats struct {
	Event     EventInfo
	Total     Figures
	ByCountry []StatsGroup // by country code
	BySector  []StatsGroup // by section letter
}

// Stats counts the event's forum for organisers.
func (s *Service) Stats(ctx context.Context, v *web.Viewer, eventID int64) (*Stats, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	ev, p, err := s.Programme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	in, err := loadStatsInput(ctx, s.db, p.ID)
	if err != nil {
		return nil, err
	}
	return in.count(ev), nil
}

// statsInput is everything the figures are counted from.
type statsInput struct {
	profiles []Profile
	requests []statsRequest
	meetings []Meeting
	answers  []Survey
}

type statsRequest struct {
	Profiles [2]int64
	Status   RequestStatus
}

// groupsOf gives each profile's groups: its country, and its divisions' sections.
func (in *statsInput) groupsOf() (country map[int64]string, sections map[int64][]string) {
	country, sections = map[int64]string{}, map[int64][]string{}
	for _, p := range in.profiles {
		country[p.ID] = p.Country
		for _, d := range p.Sectors {
			if e, ok := nace.Lookup(d); ok && !slices.Contains(sections[p.ID], e.Section) {
				sections[p.ID] = append(sections[p.ID], e.Section)
			}
		}
	}
	return country, sections
}

func (in *statsInput) count(ev EventInfo) *Stats {
	country, sections := in.groupsOf()
	byCountry := func(pid int64) []string {
		if c := country[pid]; c != "" {
			return []string{c}
		}
		return nil
	}
	bySection := func(pid int64) []string { return sections[pid] }
	total, ok := in.figures(func(int64) []string { return []string{""} })[""]
	if !ok { // nobody joined yet
		total = newFigures()
	}
	out := &Stats{Event: ev, Total: total}
	for code, f := range in.figures(byCountry) {
		out.ByCountry = append(out.ByCountry, StatsGroup{Code: code, Figures: f})
	}
	for code, f := range in.figures(bySection) {
		e, _ := nace.Lookup(code)
		out.BySector = append(out.BySector, StatsGroup{Code: code, Name: e.Name, Figures: f})
	}
	byCode := func(a, b StatsGroup) int { return cmp.Compare(a.Code, b.Code) }
	slices.SortFunc(out.ByCountry, byCode)
	slices.SortFunc(out.BySector, byCode)
	return out
}

// figures counts every group that groups assigns the profiles to.
func (in *statsInput) figures(groups func(profileID int64) []string) map[string]Figures {
	out := map[string]*Figures{}
	at := func(code string) *Figures {
		if out[code] == nil {
			f := newFigures()
			out[code] = &f
		}
		return out[code]
	}
	// either lists the groups of both sides, each once.
	either := func(sides [2]int64) []string {
		var gs []string
		for _, pid := range sides {
			for _, g := range groups(pid) {
				if !slices.Contains(gs, g) {
					gs = append(gs, g)
				}
			}
		}
		return gs
	}
	for _, p := range in.profiles {
		for _, g := range groups(p.ID) {
			if p.Status == Validated {
				at(g).Participants++
			}
		}
	}
	for _, r := range in.requests {
		for _, g := range either(r.Profiles) {
			at(g).Requests.add(r.Status)
		}
	}
	for _, m := range in.meetings {
		for _, g := range either(m.Profiles) {
			at(g).Meetings.add(m)
		}
	}
	for _, a := range in.answers {
		for _, g := range groups(a.ProfileID) {
			at(g).Rounds[a.Round-1].add(a)
		}
	}
	res := map[string]Figures{}
	for code, f := range out {
		res[code] = *f
	}
	return res
}

func newFigures() Figures {
	return Figures{Rounds: [2]RoundFigures{{Outcomes: map[Outcome]int{}}, {Outcomes: map[Outcome]int{}}}}
}

func (r *RequestFigures) add(st RequestStatus) {
	r.Sent++
	switch st {
	case RequestPending:
		r.Pending++
	case RequestAccepted:
		r.Accepted++
	case RequestDeclined:
		r.Declined++
	case RequestWithdrawn:
		r.Withdrawn++
	case RequestCancelled:
		r.Cancelled++
	}
}

func (m *MeetingFigures) add(x Meeting) {
	m.Total++
	switch {
	case x.Status == MeetingCancelled:
		m.Cancelled++
	case x.Scheduled():
		m.Scheduled++
	default:
		m.Unscheduled++
	}
	switch x.Status {
	case MeetingHeld:
		m.Held++
	case MeetingNoShow:
		m.NoShow++
	}
}

func (r *RoundFigures) add(a Survey) {
	r.Answers++
	r.Outcomes[a.Outcome]++
	r.RatingSum += a.Rating
	if a.ValueEUR != nil {
		r.Valued++
		r.ValueEUR += *a.ValueEUR
	}
}
