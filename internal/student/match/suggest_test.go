package match

import (
	"reflect"
	"testing"
)

func TestSuggestRanksCandidatesWithFreePlaces(t *testing.T) {
	s := Student{ID: "s", University: "Dokuz Eylül Üniversitesi", Languages: []string{"az", "tr"}, Interests: []string{"futbol"}}
	mentors := []Mentor{
		{ID: "same-uni-full", University: "DOKUZ EYLÜL ÜNİVERSİTESİ", Languages: []string{"tr"}, Capacity: 2, Current: 2},
		{ID: "no-language", University: "Dokuz Eylül Üniversitesi", Languages: []string{"en"}, Capacity: 3},
		{ID: "b-interest", Languages: []string{"tr"}, Interests: []string{"Futbol"}, Capacity: 1},
		{ID: "a-interest", Languages: []string{"tr"}, Interests: []string{"futbol"}, Capacity: 1},
		{ID: "more-free", Languages: []string{"az"}, Interests: []string{"futbol"}, Capacity: 2},
		{ID: "same-uni", University: "Dokuz Eylül Üniversitesi", Languages: []string{"az"}, Capacity: 1},
	}
	var ids []string
	for _, sg := range Suggest(s, mentors, 0) {
		ids = append(ids, sg.MentorID)
	}
	want := []string{"same-uni", "more-free", "a-interest", "b-interest"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	top := Suggest(s, mentors, 2)
	if len(top) != 2 || top[0].MentorID != "same-uni" || top[0].Free != 1 || top[0].Reasons[0].Code != SameUniversity {
		t.Fatalf("top 2: %+v", top)
	}
	// The order does not depend on the order the mentors come in.
	rev := make([]Mentor, len(mentors))
	for i, m := range mentors {
		rev[len(mentors)-1-i] = m
	}
	if !reflect.DeepEqual(Suggest(s, rev, 0), Suggest(s, mentors, 0)) {
		t.Fatal("the mentors' order changed the suggestions")
	}
}

func TestSuggestWithoutCandidates(t *testing.T) {
	s := Student{ID: "s", Languages: []string{"az"}}
	if got := Suggest(s, []Mentor{{ID: "m", Languages: []string{"tr"}, Capacity: 4}}, 5); got != nil {
		t.Fatalf("got %+v", got)
	}
}
