package match

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Assign matches a whole term at once: each student gets at most one mentor, each mentor
// at most Free() new students, only candidate pairs (a common language, not oneself) are
// used, and among all such assignments Assign returns one that first matches as many
// students as possible and then has the largest total score (the sum of Score's points).
// Ties between equally good assignments are settled by the order in which students and
// mentors are given, so the same input always gives the same assignment.
//
// It is exact unless opts.Deadline passes first (see Options and Assignment.CutShort).
// It fails only on malformed input: a missing or repeated ID, or a negative capacity.
func Assign(students []Student, mentors []Mentor, opts Options) (Assignment, error) {
	if err := check(students, mentors); err != nil {
		return Assignment{}, err
	}
	t := newTerm(students, mentors)
	return t.assign(students, mentors, opts, t.places < len(students)), nil
}

// assign runs the flow adding students one by one, or, byPlaces, mentors' free places.
func (t *term) assign(students []Student, mentors []Mentor, opts Options, byPlaces bool) Assignment {
	g := t.solver(byPlaces)
	cut := false
	for l := range g.nl {
		if l%16 == 0 && !opts.Deadline.IsZero() && time.Now().After(opts.Deadline) {
			cut = true
		}
		for len(g.unitsOf[l]) < t.demand(byPlaces, l) {
			if cut {
				g.addGreedily(l)
			} else {
				g.add(l)
			}
		}
	}
	return t.result(g, byPlaces, students, mentors, cut)
}

// term is a term's candidate pairs, scored once, in rows per student.
type term struct {
	first, mentor, points []int32
	free                  []int32 // mentor → free places
	places                int     // all free places together
}

func newTerm(students []Student, mentors []Mentor) *term {
	t := &term{first: make([]int32, len(students)+1), free: make([]int32, len(mentors))}
	dict := dictionary{}
	mp := make([]profile, len(mentors))
	for k, m := range mentors {
		mp[k] = dict.mentor(m)
		t.free[k] = int32(m.Free())
		t.places += m.Free()
	}
	for j, s := range students {
		sp := dict.student(s)
		for k := range mentors {
			if t.free[k] == 0 || s.ID == mentors[k].ID {
				continue
			}
			if p := pairPoints(&sp, &mp[k], int(t.free[k])); p > 0 {
				t.mentor = append(t.mentor, int32(k))
				t.points = append(t.points, int32(p))
			}
		}
		t.first[j+1] = int32(len(t.mentor))
	}
	return t
}

// solver sets up the flow with students on the left (each needs one unit, mentors take
// their free places) or, byPlaces, with mentors on the left (each needs its free places,
// students take one).
func (t *term) solver(byPlaces bool) *solver {
	students := len(t.first) - 1
	if !byPlaces {
		return newSolver(t.first, t.mentor, t.points, slices.Clone(t.free))
	}
	// Transpose the rows: per mentor, its candidate students in student order.
	first := make([]int32, len(t.free)+1)
	for _, k := range t.mentor {
		first[k+1]++
	}
	for k := range t.free {
		first[k+1] += first[k]
	}
	next := slices.Clone(first[:len(t.free)])
	to, points := make([]int32, len(t.mentor)), make([]int32, len(t.mentor))
	for j := range students {
		for a := t.first[j]; a < t.first[j+1]; a++ {
			k := t.mentor[a]
			to[next[k]], points[next[k]] = int32(j), t.points[a]
			next[k]++
		}
	}
	room := make([]int32, students)
	for j := range room {
		room[j] = 1
	}
	return newSolver(first, to, points, room)
}

// demand is how many units left node l needs.
func (t *term) demand(byPlaces bool, l int) int {
	if byPlaces {
		return int(t.free[l])
	}
	return 1
}

func (t *term) result(g *solver, byPlaces bool, students []Student, mentors []Mentor, cut bool) Assignment {
	mentorOf := make([]int32, len(students))
	points := make([]int, len(students))
	for j := range mentorOf {
		mentorOf[j] = -1
	}
	for u, l := range g.unitLeft {
		r := g.unitRight[u]
		if int(r) == g.nr {
			continue // a unit nobody took
		}
		j, k := l, r
		if byPlaces {
			j, k = r, l
		}
		mentorOf[j], points[j] = k, int(g.top-g.unitCost[u])
	}
	a := Assignment{CutShort: cut}
	for j, s := range students {
		if mentorOf[j] < 0 {
			a.Unmatched = append(a.Unmatched, s.ID)
			continue
		}
		a.Pairs = append(a.Pairs, Pair{StudentID: s.ID, MentorID: mentors[mentorOf[j]].ID, Points: points[j]})
		a.Total += points[j]
	}
	a.Matched = len(a.Pairs)
	return a
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
