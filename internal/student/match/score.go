package match

import (
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/text"
)

// The points of each shared trait. A shared university is the strongest single reason:
// list traits count at most maxCounted shared values each, so no other trait alone can
// outweigh it (3 × PointsTopic = 36 < 40). Free places are a small tiebreak: at most
// maxFreeCounted points, less than any shared trait.
const (
	PointsUniversity = 40
	PointsField      = 25
	PointsTopic      = 12 // per wanted help topic the mentor offers
	PointsInterest   = 8  // per shared interest
	PointsLanguage   = 6  // per shared language
	PointsFreePlace  = 1  // per free place

	maxCounted     = 3
	maxFreeCounted = 5
)

// Score rates mentor m for student s and says why. A pair without a common language is
// not a candidate (nor is a person paired with themselves): Score then returns 0 and no
// reasons. Every candidate scores at least PointsLanguage. Score does not ask whether the
// mentor has room (a full mentor simply gets no FreePlaces points); Suggest and Assign do.
func Score(s Student, m Mentor) (points int, reasons []Reason) {
	if s.ID != "" && s.ID == m.ID {
		return 0, nil
	}
	langs := shared(s.Languages, m.Languages)
	if len(langs) == 0 {
		return 0, nil
	}
	c := counts{languages: len(langs), free: m.Free()}
	if u := strings.TrimSpace(s.University); u != "" && sameText(u, m.University) {
		c.university = true
		reasons = append(reasons, Reason{Code: SameUniversity, Values: []string{u}, Count: 1, Points: PointsUniversity})
	}
	if f := strings.TrimSpace(s.Field); f != "" && sameText(f, m.Field) {
		c.field = true
		reasons = append(reasons, Reason{Code: SameField, Values: []string{f}, Count: 1, Points: PointsField})
	}
	reasons = append(reasons, listReason(Languages, langs, PointsLanguage))
	if in := shared(s.Interests, m.Interests); len(in) > 0 {
		c.interests = len(in)
		reasons = append(reasons, listReason(Interests, in, PointsInterest))
	}
	if tp := shared(s.Wants, m.Offers); len(tp) > 0 {
		c.topics = len(tp)
		reasons = append(reasons, listReason(Topics, tp, PointsTopic))
	}
	if c.free > 0 {
		reasons = append(reasons, Reason{Code: FreePlaces, Count: c.free, Points: PointsFreePlace * min(c.free, maxFreeCounted)})
	}
	return c.points(), reasons
}

// counts is what a pair shares; points turns it into the score. Score and Assign's
// compiled profiles both go through it, so they cannot disagree.
type counts struct {
	university, field            bool
	languages, interests, topics int
	free                         int
}

func (c counts) points() int {
	if c.languages == 0 {
		return 0
	}
	p := PointsLanguage*min(c.languages, maxCounted) +
		PointsInterest*min(c.interests, maxCounted) +
		PointsTopic*min(c.topics, maxCounted) +
		PointsFreePlace*min(c.free, maxFreeCounted)
	if c.university {
		p += PointsUniversity
	}
	if c.field {
		p += PointsField
	}
	return p
}

func listReason(code ReasonCode, values []string, each int) Reason {
	return Reason{Code: code, Values: values, Count: len(values), Points: each * min(len(values), maxCounted)}
}

func sameText(a, b string) bool {
	fa := text.Fold(a)
	return fa != "" && fa == text.Fold(b)
}

// shared returns the values of mine that theirs also holds (folded comparison), once
// each, spelled as in mine and in mine's order.
func shared(mine, theirs []string) []string {
	if len(mine) == 0 || len(theirs) == 0 {
		return nil
	}
	set := make(map[string]bool, len(theirs))
	for _, t := range theirs {
		if k := text.Fold(t); k != "" {
			set[k] = true
		}
	}
	var out []string
	for _, v := range mine {
		if k := text.Fold(v); set[k] {
			out = append(out, strings.TrimSpace(v))
			delete(set, k) // a value repeated in mine counts once
		}
	}
	return out
}
