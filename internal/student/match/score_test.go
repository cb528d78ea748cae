package match

import (
	"reflect"
	"testing"
)

func TestScoreFoldsTurkishAndAzerbaijaniText(t *testing.T) {
	s := Student{ID: "s1", University: "EGE ÜNİVERSİTESİ", Field: "MÜHENDİSLİK FAKÜLTESİ",
		Languages: []string{"AZ", "tr"}, Interests: []string{"Muğam", "satranç", "Futbol"}, Wants: []string{"Yaşayış yeri"}}
	m := Mentor{ID: "m1", University: "Ege Üniversitesi", Field: "mühendislik fakültesi",
		Languages: []string{"az"}, Interests: []string{"MUĞAM", "Satranç"}, Offers: []string{"YAŞAYIŞ YERİ", "vize"}, Capacity: 3, Current: 1}
	points, reasons := Score(s, m)
	want := []Reason{
		{Code: SameUniversity, Values: []string{"EGE ÜNİVERSİTESİ"}, Count: 1, Points: PointsUniversity},
		{Code: SameField, Values: []string{"MÜHENDİSLİK FAKÜLTESİ"}, Count: 1, Points: PointsField},
		{Code: Languages, Values: []string{"AZ"}, Count: 1, Points: PointsLanguage},
		{Code: Interests, Values: []string{"Muğam", "satranç"}, Count: 2, Points: 2 * PointsInterest},
		{Code: Topics, Values: []string{"Yaşayış yeri"}, Count: 1, Points: PointsTopic},
		{Code: FreePlaces, Count: 2, Points: 2 * PointsFreePlace},
	}
	if !reflect.DeepEqual(reasons, want) {
		t.Fatalf("reasons:\n got %+v\nwant %+v", reasons, want)
	}
	sum := 0
	for _, r := range reasons {
		sum += r.Points
	}
	if points != sum || points != 40+25+6+16+12+2 {
		t.Fatalf("points %d, reasons add up to %d", points, sum)
	}
}

func TestScoreNeedsACommonLanguage(t *testing.T) {
	s := Student{ID: "s1", University: "Ege Üniversitesi", Languages: []string{"az", "ru"}}
	m := Mentor{ID: "m1", University: "Ege Üniversitesi", Languages: []string{"tr", "en"}, Capacity: 2}
	if p, r := Score(s, m); p != 0 || r != nil {
		t.Fatalf("no common language scored %d %v", p, r)
	}
	m.Languages = append(m.Languages, "RU")
	if p, _ := Score(s, m); p < PointsUniversity+PointsLanguage {
		t.Fatalf("with Russian shared: %d points", p)
	}
}

func TestScoreNeverPairsAPersonWithThemselves(t *testing.T) {
	s := Student{ID: "u7", Languages: []string{"az"}}
	m := Mentor{ID: "u7", Languages: []string{"az"}, Capacity: 1}
	if p, _ := Score(s, m); p != 0 {
		t.Fatalf("self pair scored %d", p)
	}
	if got := Suggest(s, []Mentor{m}, 3); len(got) != 0 {
		t.Fatalf("self suggested: %+v", got)
	}
}

func TestScoreUniversityIsTheStrongestReason(t *testing.T) {
	s := Student{ID: "s", University: "Yaşar Üniversitesi", Field: "Hukuk", Languages: []string{"tr"},
		Interests: []string{"a", "b", "c", "d", "e"}, Wants: []string{"x", "y", "z", "w"}}
	uni := Mentor{ID: "u", University: "yaşar üniversitesi", Languages: []string{"tr"}}
	for name, m := range map[string]Mentor{
		"field":     {ID: "f", Field: "HUKUK", Languages: []string{"tr"}},
		"interests": {ID: "i", Interests: s.Interests, Languages: []string{"tr"}},
		"topics":    {ID: "t", Offers: s.Wants, Languages: []string{"tr"}},
	} {
		pu, _ := Score(s, uni)
		pm, reasons := Score(s, m)
		if pm >= pu {
			t.Errorf("%s alone scores %d, university alone %d", name, pm, pu)
		}
		if name != "field" && reasons[len(reasons)-1].Count < 4 {
			t.Errorf("%s: the reason should list every shared value: %+v", name, reasons)
		}
	}
}

func TestScoreCountsFreePlacesAsASmallTiebreak(t *testing.T) {
	s := Student{ID: "s", Languages: []string{"tr"}, Interests: []string{"satranç"}}
	busy := Mentor{ID: "b", Languages: []string{"tr"}, Interests: []string{"SATRANÇ"}, Capacity: 6, Current: 5}
	idle := Mentor{ID: "i", Languages: []string{"tr"}, Capacity: 40}
	pb, _ := Score(s, busy)
	pi, reasons := Score(s, idle)
	if pi >= pb {
		t.Fatalf("40 free places (%d) outweighed a shared interest (%d)", pi, pb)
	}
	if last := reasons[len(reasons)-1]; last.Code != FreePlaces || last.Count != 40 || last.Points != 5*PointsFreePlace {
		t.Fatalf("free places reason %+v", last)
	}
	full := Mentor{ID: "f", Languages: []string{"tr"}, Capacity: 2, Current: 3}
	if full.Free() != 0 {
		t.Fatalf("over-full mentor has %d free places", full.Free())
	}
}

func TestCompiledPointsEqualScore(t *testing.T) {
	for seed := range uint64(200) {
		students, mentors := randomTerm(seed, 6, 4)
		d := dictionary{}
		for _, s := range students {
			sp := d.student(s)
			for _, m := range mentors {
				mp := d.mentor(m)
				want, _ := Score(s, m)
				if s.ID == m.ID {
					continue
				}
				if got := pairPoints(&sp, &mp, m.Free()); got != want {
					t.Fatalf("seed %d %s–%s: compiled %d, Score %d", seed, s.ID, m.ID, got, want)
				}
			}
		}
	}
}
