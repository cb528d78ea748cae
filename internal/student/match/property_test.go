package match

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomTerm draws a term of maxStudents/2 to maxStudents students and 1 to maxMentors
// mentors from small vocabularies, so that pairs share traits often and
// many assignments tie; spellings vary in case to exercise folding, and now and then a
// mentor is also one of the students.
func randomTerm(seed uint64, maxStudents, maxMentors int) ([]Student, []Mentor) {
	r := rand.New(rand.NewPCG(seed, 8))
	unis := []string{"", "Ege Üniversitesi", "EGE ÜNİVERSİTESİ", "Yaşar Üniversitesi", "İzmir Ekonomi Üniversitesi"}
	fields := []string{"", "Hukuk", "HUKUK", "Tıp", "Mühendislik"}
	pick := func(vocab []string, least, most int) []string {
		var out []string
		for range least + r.IntN(most-least+1) {
			out = append(out, vocab[r.IntN(len(vocab))])
		}
		return out
	}
	langs := []string{"az", "tr", "ru", "en", "AZ"}
	interests := []string{"satranç", "SATRANÇ", "muğam", "futbol", "tiyatro", "fotoğraf"}
	topics := []string{"yurt", "ikamet izni", "İKAMET İZNİ", "staj", "burs"}
	students := make([]Student, max(1, maxStudents/2+r.IntN(maxStudents/2+1)))
	for i := range students {
		students[i] = Student{ID: fmt.Sprintf("s%d", i), University: unis[r.IntN(len(unis))], Field: fields[r.IntN(len(fields))],
			Languages: pick(langs, 1, 2), Interests: pick(interests, 0, 4), Wants: pick(topics, 0, 3)}
	}
	mentors := make([]Mentor, 1+r.IntN(maxMentors))
	used := map[string]bool{}
	for i := range mentors {
		capacity := r.IntN(4) // 0 to 3, and a mentor may already be full or over-full
		if r.IntN(3) > 0 {
			capacity = 1 + r.IntN(3)
		}
		mentors[i] = Mentor{ID: fmt.Sprintf("m%d", i), University: unis[r.IntN(len(unis))], Field: fields[r.IntN(len(fields))],
			Languages: pick(langs, 1, 3), Interests: pick(interests, 0, 4), Offers: pick(topics, 0, 3),
			Capacity: capacity, Current: r.IntN(2) * r.IntN(3)}
		if id := students[r.IntN(len(students))].ID; r.IntN(8) == 0 && !used[id] {
			used[id] = true
			mentors[i].ID = id
			mentors[i].Languages = append(mentors[i].Languages, "az", "tr", "ru", "en")
		}
	}
	return students, mentors
}

// bruteForce tries every assignment and returns the best (matched, total), comparing
// the number matched first.
func bruteForce(students []Student, mentors []Mentor) (bestMatched, bestTotal int) {
	points := make([][]int, len(students))
	for j, s := range students {
		points[j] = make([]int, len(mentors))
		for k, m := range mentors {
			points[j][k], _ = Score(s, m)
		}
	}
	left := make([]int, len(mentors))
	for k, m := range mentors {
		left[k] = m.Free()
	}
	bestMatched, bestTotal = -1, -1
	var try func(j, matched, total int)
	try = func(j, matched, total int) {
		if j == len(students) {
			if matched > bestMatched || matched == bestMatched && total > bestTotal {
				bestMatched, bestTotal = matched, total
			}
			return
		}
		try(j+1, matched, total)
		for k := range mentors {
			if points[j][k] > 0 && left[k] > 0 {
				left[k]--
				try(j+1, matched+1, total+points[j][k])
				left[k]++
			}
		}
	}
	try(0, 0, 0)
	return bestMatched, bestTotal
}

// checkAssignment asserts the rules every assignment must keep.
func checkAssignment(t *testing.T, students []Student, mentors []Mentor, a Assignment) {
	t.Helper()
	byID := map[string]Student{}
	for _, s := range students {
		byID[s.ID] = s
	}
	mentorByID := map[string]Mentor{}
	for _, m := range mentors {
		mentorByID[m.ID] = m
	}
	seen, taken, total := map[string]bool{}, map[string]int{}, 0
	for _, p := range a.Pairs {
		s, m := byID[p.StudentID], mentorByID[p.MentorID]
		if seen[p.StudentID] {
			t.Fatalf("student %s paired twice", p.StudentID)
		}
		seen[p.StudentID] = true
		if want, _ := Score(s, m); want == 0 || want != p.Points {
			t.Fatalf("pair %s–%s has %d points, Score says %d", p.StudentID, p.MentorID, p.Points, want)
		}
		if taken[p.MentorID]++; taken[p.MentorID] > m.Free() {
			t.Fatalf("mentor %s over capacity", p.MentorID)
		}
		total += p.Points
	}
	for _, id := range a.Unmatched {
		if seen[id] {
			t.Fatalf("student %s both paired and unmatched", id)
		}
		seen[id] = true
	}
	if len(seen) != len(students) || a.Matched != len(a.Pairs) || a.Total != total {
		t.Fatalf("accounting: %d of %d students listed, matched %d of %d pairs, total %d of %d",
			len(seen), len(students), a.Matched, len(a.Pairs), a.Total, total)
	}
}

// greedy takes the best pairs first, as a coordinator sorting a list would.
func greedy(students []Student, mentors []Mentor) (matched, total int) {
	type pair struct{ j, k, p int }
	var pairs []pair
	for j, s := range students {
		for k, m := range mentors {
			if p, _ := Score(s, m); p > 0 {
				pairs = append(pairs, pair{j, k, p})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return b.p - a.p })
	done, left := make([]bool, len(students)), make([]int, len(mentors))
	for k, m := range mentors {
		left[k] = m.Free()
	}
	for _, q := range pairs {
		if !done[q.j] && left[q.k] > 0 {
			done[q.j] = true
			left[q.k]--
			matched++
			total += q.p
		}
	}
	return matched, total
}

func TestAssignEqualsBruteForceOnRandomSmallTerms(t *testing.T) {
	beatGreedy := 0
	for seed := range uint64(600) {
		students, mentors := randomTerm(seed, 8, 4)
		a, err := Assign(students, mentors, Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkAssignment(t, students, mentors, a)
		matched, total := bruteForce(students, mentors)
		if a.Matched != matched || a.Total != total {
			t.Fatalf("seed %d (%d students, %d mentors): Assign %d matched, total %d; optimum %d, %d",
				seed, len(students), len(mentors), a.Matched, a.Total, matched, total)
		}
		// Both orientations of the flow must find the optimum, whichever Assign picks.
		term := newTerm(students, mentors)
		for _, byPlaces := range []bool{false, true} {
			b := term.assign(students, mentors, Options{}, byPlaces)
			checkAssignment(t, students, mentors, b)
			if b.Matched != matched || b.Total != total {
				t.Fatalf("seed %d, adding places %v: %d matched, total %d; optimum %d, %d", seed, byPlaces, b.Matched, b.Total, matched, total)
			}
		}
		if gm, gt := greedy(students, mentors); gm < matched || gm == matched && gt < total {
			beatGreedy++
		}
	}
	// The instances must be hard enough that taking the best pairs first is not optimal.
	if beatGreedy < 30 {
		t.Fatalf("greedy was optimal on all but %d of 600 instances: too easy to test Assign", beatGreedy)
	}
	t.Logf("Assign beat greedy on %d of 600 instances", beatGreedy)
}

// On terms too large for brute force, the two orientations of the flow are two
// computations of the same optimum, so they must agree (the assignments may differ
// where optima tie).
func TestBothOrientationsAgreeOnMediumTerms(t *testing.T) {
	for seed := range uint64(40) {
		students, mentors := randomTerm(seed, 60, 15)
		term := newTerm(students, mentors)
		a := term.assign(students, mentors, Options{}, false)
		b := term.assign(students, mentors, Options{}, true)
		checkAssignment(t, students, mentors, a)
		checkAssignment(t, students, mentors, b)
		if a.Matched != b.Matched || a.Total != b.Total {
			t.Fatalf("seed %d: adding students %d matched, total %d; adding places %d, %d", seed, a.Matched, a.Total, b.Matched, b.Total)
		}
	}
}
