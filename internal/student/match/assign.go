package match

import (
	"errors"
	"fmt"
	"time"
)

// Assign matches a whole term at once: each student gets at most one mentor, each mentor
// at most Free() new students, only candidate pairs (a common language, not oneself) are
// used, and among all such assignments Assign returns one that first matches as many
// students as possible and then has the largest total score (the sum of Score's points).
// Ties between equally good assignments are settled by the order of the students given,
// so the same input always gives the same assignment.
//
// It is exact unless opts.Deadline passes first (see Options and Assignment.CutShort).
// It fails only on malformed input: a missing or repeated ID, or a negative capacity.
func Assign(students []Student, mentors []Mentor, opts Options) (Assignment, error) {
	if err := check(students, mentors); err != nil {
		return Assignment{}, err
	}
	g := newSolver(students, mentors)
	cut := false
	for j := range students {
		if j%16 == 0 && !opts.Deadline.IsZero() && time.Now().After(opts.Deadline) {
			cut = true
			for ; j < len(students); j++ {
				g.placeGreedily(j)
			}
			break
		}
		g.place(j)
	}
	return g.result(students, mentors, cut), nil
}

func check(students []Student, mentors []Mentor) error {
	seen := make(map[string]bool, len(students))
	for i, s := range students {
		if s.ID == "" {
			return fmt.Errorf("match: student %d has no id", i)
		}
		if seen[s.ID] {
			return fmt.Errorf("match: student %q is given twice", s.ID)
		}
		seen[s.ID] = true
	}
	clear(seen)
	for i, m := range mentors {
		switch {
		case m.ID == "":
			return fmt.Errorf("match: mentor %d has no id", i)
		case seen[m.ID]:
			return fmt.Errorf("match: mentor %q is given twice", m.ID)
		case m.Capacity < 0 || m.Current < 0:
			return errors.New("match: mentor " + m.ID + " has a negative capacity or mentee count")
		}
		seen[m.ID] = true
	}
	return nil
}

func (g *solver) result(students []Student, mentors []Mentor, cut bool) Assignment {
	a := Assignment{CutShort: cut}
	for j, s := range students {
		k := g.at[j]
		if k < 0 || int(k) == g.m {
			a.Unmatched = append(a.Unmatched, s.ID)
			continue
		}
		p := int(g.top - g.atCost[j])
		a.Pairs = append(a.Pairs, Pair{StudentID: s.ID, MentorID: mentors[k].ID, Points: p})
		a.Total += p
	}
	a.Matched = len(a.Pairs)
	return a
}
