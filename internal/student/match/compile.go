package match

import (
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/text"
)

// profile is a student's or mentor's traits as small integers, so that scoring the
// million pairs of a large term costs a few merges of short sorted slices instead of
// folding text a million times.
type profile struct {
	university, field            int32   // -1: none given
	languages, interests, topics []int32 // sorted, unique
}

// dictionary numbers folded text; one dictionary serves every trait, since traits are
// only ever compared with the same trait.
type dictionary map[string]int32

func (d dictionary) id(s string) int32 {
	k := text.Fold(s)
	if k == "" {
		return -1
	}
	if v, ok := d[k]; ok {
		return v
	}
	v := int32(len(d))
	d[k] = v
	return v
}

func (d dictionary) ids(values []string) []int32 {
	out := make([]int32, 0, len(values))
	for _, v := range values {
		if id := d.id(v); id >= 0 {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (d dictionary) student(s Student) profile {
	return profile{university: d.id(s.University), field: d.id(s.Field),
		languages: d.ids(s.Languages), interests: d.ids(s.Interests), topics: d.ids(s.Wants)}
}

func (d dictionary) mentor(m Mentor) profile {
	return profile{university: d.id(m.University), field: d.id(m.Field),
		languages: d.ids(m.Languages), interests: d.ids(m.Interests), topics: d.ids(m.Offers)}
}

// pairPoints is Score's number for compiled profiles (0: not a candidate).
func pairPoints(s, m *profile, free int) int {
	c := counts{languages: overlap(s.languages, m.languages), free: free}
	if c.languages == 0 {
		return 0
	}
	c.university = s.university >= 0 && s.university == m.university
	c.field = s.field >= 0 && s.field == m.field
	c.interests = overlap(s.interests, m.interests)
	c.topics = overlap(s.topics, m.topics)
	return c.points()
}

// overlap counts the values two sorted, unique slices share.
func overlap(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
