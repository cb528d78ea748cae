package match

import (
	"reflect"
	"testing"
	"time"
)

func TestAssignBeatsGreedy(t *testing.T) {
	mentors := []Mentor{
		{ID: "m-ege", University: "Ege Üniversitesi", Languages: []string{"tr"}, Capacity: 1},
		{ID: "m-law", Field: "Hukuk Fakültesi", Languages: []string{"tr"}, Capacity: 1},
	}
	students := []Student{
		{ID: "s-law", University: "EGE ÜNİVERSİTESİ", Field: "HUKUK FAKÜLTESİ", Languages: []string{"tr"}},
		{ID: "s-ege", University: "Ege Üniversitesi", Languages: []string{"tr"}},
	}
	a, err := Assign(students, mentors, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{{"s-law", "m-law", 25 + 6 + 1}, {"s-ege", "m-ege", 40 + 6 + 1}}
	if !reflect.DeepEqual(a.Pairs, want) || a.Total != 79 || a.Matched != 2 || a.CutShort || len(a.Unmatched) != 0 {
		t.Fatalf("got %+v", a)
	}
}

func TestAssignMatchesAsManyStudentsAsPossibleFirst(t *testing.T) {
	mentors := []Mentor{
		{ID: "m-close", University: "Ege Üniversitesi", Field: "Hukuk", Languages: []string{"tr"}, Interests: []string{"a", "b", "c"}, Capacity: 1},
		{ID: "m-az", Languages: []string{"az"}, Capacity: 1},
	}
	students := []Student{
		{ID: "s-close", University: "Ege Üniversitesi", Field: "Hukuk", Languages: []string{"tr", "az"}, Interests: []string{"a", "b", "c"}},
		{ID: "s-tr", Languages: []string{"tr"}},
	}
	a, err := Assign(students, mentors, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Pairing s-close with m-close alone would score 96; both students matched score 14.
	want := []Pair{{"s-close", "m-az", 7}, {"s-tr", "m-close", 7}}
	if !reflect.DeepEqual(a.Pairs, want) || a.Total != 14 {
		t.Fatalf("got %+v", a)
	}
}

func TestAssignRespectsCapacityAndCurrentMentees(t *testing.T) {
	mentors := []Mentor{
		{ID: "m1", Languages: []string{"az"}, Capacity: 3, Current: 1},
		{ID: "m2", Languages: []string{"az"}, Capacity: 1, Current: 4},
	}
	var students []Student
	for _, id := range []string{"a", "b", "c", "d"} {
		students = append(students, Student{ID: id, Languages: []string{"az"}})
	}
	a, err := Assign(students, mentors, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Matched != 2 || !reflect.DeepEqual(a.Unmatched, []string{"c", "d"}) {
		t.Fatalf("got %+v", a)
	}
	for _, p := range a.Pairs {
		if p.MentorID != "m1" {
			t.Fatalf("the full mentor got %s", p.StudentID)
		}
	}
}

func TestAssignCutShortByTheDeadlineStillGivesAValidAssignment(t *testing.T) {
	students, mentors := randomTerm(42, 40, 10)
	a, err := Assign(students, mentors, Options{Deadline: time.Now().Add(-time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.CutShort {
		t.Fatal("a passed deadline did not cut the search short")
	}
	checkAssignment(t, students, mentors, a)
	exact, _ := Assign(students, mentors, Options{Deadline: time.Now().Add(time.Hour)})
	if exact.CutShort || exact.Matched < a.Matched || exact.Matched == a.Matched && exact.Total < a.Total {
		t.Fatalf("exact %d/%d, cut short %d/%d", exact.Matched, exact.Total, a.Matched, a.Total)
	}
}

func TestAssignIsDeterministic(t *testing.T) {
	students, mentors := randomTerm(7, 60, 15)
	a, _ := Assign(students, mentors, Options{})
	b, _ := Assign(students, mentors, Options{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs on one input differ")
	}
}

func TestAssignRejectsMalformedInput(t *testing.T) {
	ok := []Student{{ID: "s", Languages: []string{"tr"}}}
	cases := map[string]struct {
		s []Student
		m []Mentor
	}{
		"student without id": {[]Student{{Languages: []string{"tr"}}}, nil},
		"student twice":      {[]Student{{ID: "s"}, {ID: "s"}}, nil},
		"mentor without id":  {ok, []Mentor{{Capacity: 1}}},
		"mentor twice":       {ok, []Mentor{{ID: "m", Capacity: 1}, {ID: "m"}}},
		"negative capacity":  {ok, []Mentor{{ID: "m", Capacity: -1}}},
		"negative mentees":   {ok, []Mentor{{ID: "m", Capacity: 1, Current: -2}}},
	}
	for name, c := range cases {
		if _, err := Assign(c.s, c.m, Options{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	a, err := Assign(nil, nil, Options{})
	if err != nil || a.Matched != 0 {
		t.Fatalf("empty term: %+v %v", a, err)
	}
}
