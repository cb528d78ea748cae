package volunteer

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// The public list of opportunities and its filters. Shift filters (dates, weekend, evening,
// role, language) keep a programme when at least one of its shifts passes all of them;
// times are judged in the programme's own zone.

// EveningHour is when an evening shift starts at the latest: 17:00 local time.
const EveningHour = 17

// progNextShifts is how many coming shifts a card shows.
const progNextShifts = 3

// ProgrammeFilter is what a volunteer narrows the list by; zero values filter nothing.
type ProgrammeFilter struct {
	City     string // izmir, baku
	From     string // YYYY-MM-DD: shifts on or after this day
	To       string // YYYY-MM-DD: shifts on or before this day
	Weekend  bool   // shifts on a Saturday or Sunday
	Evening  bool   // shifts starting at or after EveningHour
	Role     string // part of a role's name, in any language, letters folded
	Language string // a language the role needs: tr az en ru
}

func (f ProgrammeFilter) shiftFilters() bool {
	return f.From != "" || f.To != "" || f.Weekend || f.Evening || f.Role != "" || f.Language != ""
}

// ProgrammeCard is a programme in the public list with its next shifts that pass the filter.
type ProgrammeCard struct {
	Programme *Programme
	Next      []Shift
	Free      int // free places over the programme's coming shifts
}

// ListProgrammes returns one page of the published, not yet ended programmes that pass f,
// soonest first, and how many pass in all.
func (s *Service) ListProgrammes(ctx context.Context, f ProgrammeFilter, limit, offset int) ([]ProgrammeCard, int, error) {
	now := s.now()
	all, err := publishedProgrammes(ctx, s.db, now)
	if err != nil {
		return nil, 0, err
	}
	var cards []ProgrammeCard
	for _, p := range all {
		if c, ok := f.card(p, now); ok {
			cards = append(cards, c)
		}
	}
	total := len(cards)
	if offset >= total {
		return nil, total, nil
	}
	return cards[offset:min(offset+limit, total)], total, nil
}

// card applies the filter to p; ok is false when p does not pass.
func (f ProgrammeFilter) card(p *Programme, now time.Time) (ProgrammeCard, bool) {
	if f.City != "" && p.City != f.City {
		return ProgrammeCard{}, false
	}
	c := ProgrammeCard{Programme: p}
	matched := false
	for _, sh := range p.Shifts {
		if !sh.EndsAt.After(now) || !f.passes(p, &sh) {
			continue
		}
		matched = true
		c.Free += sh.Free()
		if len(c.Next) < progNextShifts {
			c.Next = append(c.Next, sh)
		}
	}
	return c, matched || !f.shiftFilters()
}

func (f ProgrammeFilter) passes(p *Programme, sh *Shift) bool {
	loc := p.Location()
	start, end := sh.StartsAt.In(loc), sh.EndsAt.In(loc)
	if f.From != "" {
		if from, err := time.ParseInLocation(progDay, f.From, loc); err == nil && !end.After(from) {
			return false
		}
	}
	if f.To != "" {
		if to, err := time.ParseInLocation(progDay, f.To, loc); err == nil && !start.Before(to.AddDate(0, 0, 1)) {
			return false
		}
	}
	if f.Weekend && !touchesWeekend(sh, start, end) {
		return false
	}
	if f.Evening && (sh.Kind == Ongoing || start.Hour() < EveningHour) {
		return false
	}
	role := p.RoleByID(sh.RoleID)
	if f.Language != "" && (role == nil || !slices.Contains(role.Languages, f.Language)) {
		return false
	}
	if f.Role != "" && (role == nil || !nameHas(role.Name, f.Role)) {
		return false
	}
	return true
}

// touchesWeekend: a fixed or window shift starts on a Saturday or Sunday; an ongoing need
// counts when its period includes one.
func touchesWeekend(sh *Shift, start, end time.Time) bool {
	if sh.Kind != Ongoing {
		return start.Weekday() == time.Saturday || start.Weekday() == time.Sunday
	}
	first := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location())
	for i := 0; i < 7; i++ { // any seven days hold a weekend
		d := first.AddDate(0, 0, i)
		if !d.Before(end) {
			break
		}
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			return true
		}
	}
	return false
}

func nameHas(name i18n.Text, q string) bool {
	q = text.Fold(q)
	for _, l := range i18n.Supported {
		if strings.Contains(text.Fold(name.Get(l)), q) {
			return true
		}
	}
	return false
}
