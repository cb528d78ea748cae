package match

import "time"

// Student is what matching needs to know about a student's profile. Free text is compared
// folded (text.Fold), so spelling and case do not matter: "EGE ÜNİVERSİTESİ" is
// "Ege Üniversitesi".
type Student struct {
	// ID identifies the person (the user id, not a profile id): a student and a mentor
	// with the same ID are one person and are never paired.
	ID         string
	University string   // e.g. "Ege Üniversitesi"; "" when not given
	Field      string   // faculty or field of study, e.g. "Mühendislik Fakültesi"
	Languages  []string // ISO 639-1 codes ("az", "tr", "ru", "en")
	Interests  []string // e.g. "satranç", "muğam"
	Wants      []string // help topics the student would like, e.g. "accommodation"
}

// Mentor is a mentor's or buddy's profile. Capacity is how many mentees they take in all,
// Current how many they already have; the difference is their free places (never below
// zero, so a capacity lowered below Current simply means no free place).
type Mentor struct {
	ID         string // the person, as Student.ID
	University string
	Field      string
	Languages  []string
	Interests  []string
	Offers     []string // help topics the mentor offers, in the same vocabulary as Student.Wants
	Capacity   int
	Current    int
}

// Free is the number of mentees the mentor can still take.
func (m Mentor) Free() int { return max(0, m.Capacity-m.Current) }

// ReasonCode names one reason why a pair scores; pages map it to a catalog key.
type ReasonCode string

// The reasons, in the order Score lists them.
const (
	SameUniversity ReasonCode = "same_university" // Values: the university, as the student wrote it
	SameField      ReasonCode = "same_field"      // Values: the field, as the student wrote it
	Languages      ReasonCode = "languages"       // Values: the shared languages; always present
	Interests      ReasonCode = "interests"       // Values: the shared interests
	Topics         ReasonCode = "topics"          // Values: the wanted topics the mentor offers
	FreePlaces     ReasonCode = "free_places"     // Count: the mentor's free places; no Values
)

// Reason is one part of a pair's score. Count is len(Values) for the list reasons and the
// number of free places for FreePlaces, so a page can say "2 shared interests" or
// "3 free places"; Points is what this reason added to the score.
type Reason struct {
	Code   ReasonCode
	Values []string
	Count  int
	Points int
}

// Suggestion is one mentor proposed for a student.
type Suggestion struct {
	MentorID string
	Points   int
	Free     int // the mentor's free places
	Reasons  []Reason
}

// Options tunes Assign.
type Options struct {
	// Deadline, when not zero, cuts the exact search short: what is not yet placed by
	// then (students, or mentors' free places when students outnumber them) is placed
	// greedily, each to its best candidate with room, and Assignment.CutShort is set.
	// A handler would pass its request context's deadline.
	Deadline time.Time
}

// Pair is one student–mentor pair of an assignment.
type Pair struct {
	StudentID string
	MentorID  string
	Points    int
}

// Assignment is the result of bulk matching.
type Assignment struct {
	Pairs     []Pair   // in the order of the students given
	Unmatched []string // ids of the students left without a mentor, in the order given
	Matched   int      // len(Pairs)
	Total     int      // the sum of the pairs' points
	// CutShort is set when the deadline stopped the exact search: the assignment is
	// valid (capacities, languages) but not proven the best.
	CutShort bool
}
