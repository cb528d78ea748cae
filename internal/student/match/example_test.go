package match_test

import (
	"fmt"
	"strings"

	"github.com/kopru-platform/kopru/internal/student/match"
)

// A page turns the reasons into one line through its message catalog; here the English
// wording stands in for the catalog.
func ExampleScore() {
	s := match.Student{ID: "student-1", University: "Ege Üniversitesi", Field: "Tıp Fakültesi",
		Languages: []string{"az", "tr"}, Interests: []string{"satranç", "muğam", "futbol"}, Wants: []string{"barınma"}}
	m := match.Mentor{ID: "mentor-1", University: "EGE ÜNİVERSİTESİ", Languages: []string{"az", "en"},
		Interests: []string{"Satranç", "Muğam"}, Offers: []string{"Barınma", "staj"}, Capacity: 3, Current: 1}
	points, reasons := match.Score(s, m)
	var parts []string
	for _, r := range reasons {
		switch r.Code {
		case match.SameUniversity:
			parts = append(parts, "Same university ("+r.Values[0]+")")
		case match.Languages:
			parts = append(parts, "speaks "+strings.Join(r.Values, ", "))
		case match.Interests:
			parts = append(parts, fmt.Sprintf("%d shared interests", r.Count))
		case match.Topics:
			parts = append(parts, "helps with "+strings.Join(r.Values, ", "))
		case match.FreePlaces:
			parts = append(parts, fmt.Sprintf("%d free places", r.Count))
		}
	}
	fmt.Println(points, strings.Join(parts, " · "))
	// Output: 76 Same university (Ege Üniversitesi) · speaks az · 2 shared interests · helps with barınma · 2 free places
}

func ExampleAssign() {
	students := []match.Student{
		{ID: "s1", University: "Yaşar Üniversitesi", Languages: []string{"az", "tr"}},
		{ID: "s2", University: "Yaşar Üniversitesi", Field: "Hukuk Fakültesi", Languages: []string{"az"}},
		{ID: "s3", Languages: []string{"ru"}},
	}
	mentors := []match.Mentor{
		{ID: "m1", University: "Yaşar Üniversitesi", Languages: []string{"tr", "az"}, Capacity: 1},
		{ID: "m2", Field: "Hukuk Fakültesi", Languages: []string{"az", "tr"}, Capacity: 2, Current: 1},
	}
	a, err := match.Assign(students, mentors, match.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range a.Pairs {
		fmt.Println(p.StudentID, "→", p.MentorID, p.Points)
	}
	fmt.Println("unmatched:", a.Unmatched, "total:", a.Total)
	// Output:
	// s1 → m1 53
	// s2 → m2 32
	// unmatched: [s3] total: 85
}
