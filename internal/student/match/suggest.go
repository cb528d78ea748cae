package match

import (
	"cmp"
	"slices"
)

// Suggest returns the k best mentors for student s among those with a free place and a
// common language, best first; ties go to the mentor with more free places, then to the
// smaller ID, so the order never depends on the order of mentors. k ≤ 0 returns every
// candidate.
func Suggest(s Student, mentors []Mentor, k int) []Suggestion {
	var out []Suggestion
	for _, m := range mentors {
		if m.Free() == 0 {
			continue
		}
		if p, reasons := Score(s, m); p > 0 {
			out = append(out, Suggestion{MentorID: m.ID, Points: p, Free: m.Free(), Reasons: reasons})
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Points, a.Points); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Free, a.Free); c != 0 {
			return c
		}
		return cmp.Compare(a.MentorID, b.MentorID)
	})
	if k > 0 && len(out) > k {
		out = out[:k]
	}
	return out
}
