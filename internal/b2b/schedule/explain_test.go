package schedule

import (
	"reflect"
	"testing"
)

// a and b are both free only in slot 7, which c and d hold (locked) at the only table.
func TestExplainBothFreeOnlyInAFullSlot(t *testing.T) {
	away := []int{0, 1, 2, 3, 4, 5, 6}
	in := &Instance{Slots: 8, Tables: UniformTables(1),
		Participants: []Participant{{ID: "a", Unavailable: away}, {ID: "b", Unavailable: away}, {ID: "c"}, {ID: "d"}},
		Meetings:     []Meeting{meeting("ab", "a", "b"), {ID: "cd", Participants: []string{"c", "d"}, Locked: &Lock{Slot: 7}}}}
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reason{{Meeting: "ab", Code: Full, Slots: []int{7}}}
	if !reflect.DeepEqual(sc.Reasons, want) {
		t.Fatalf("got %+v, want %+v", sc.Reasons, want)
	}
}

func TestExplainNoCommonSlotNamesWhoIsAway(t *testing.T) {
	in := &Instance{Slots: 3, Tables: UniformTables(2),
		Participants: []Participant{{ID: "a", Unavailable: []int{0}}, {ID: "b", Unavailable: []int{2}}, {ID: "c"}},
		Meetings:     []Meeting{{ID: "abc", Participants: []string{"c", "b", "a"}, AllowedSlots: []int{0, 2}}}}
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reason{{Meeting: "abc", Code: NoCommonSlot, Participants: []string{"b", "a"}}}
	if !reflect.DeepEqual(sc.Reasons, want) {
		t.Fatalf("got %+v, want %+v", sc.Reasons, want)
	}
}

// A hand-edited schedule may leave out a meeting that fits, and a participant busy in the
// one other slot is named.
func TestExplainHandEditedSchedule(t *testing.T) {
	in := &Instance{Slots: 2, Tables: UniformTables(1), Participants: people("a", "b", "c", "d"),
		Meetings: []Meeting{meeting("ab", "a", "b"), meeting("ac", "a", "c"), meeting("bd", "b", "d")}}
	sc := &Schedule{Scheduled: []Placement{{"ab", 0, 1}}, Unscheduled: []string{"ac", "bd"}}
	got, err := Explain(in, sc)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reason{{Meeting: "ac", Code: Open, Slots: []int{1}}, {Meeting: "bd", Code: Open, Slots: []int{1}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	sc = &Schedule{Scheduled: []Placement{{"ab", 0, 1}, {"ac", 1, 1}}, Unscheduled: []string{"bd"}}
	got, _ = Explain(in, sc)
	want = []Reason{{Meeting: "bd", Code: Full, Slots: []int{0, 1}, Participants: []string{"b"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if _, err := Explain(in, &Schedule{Scheduled: []Placement{{"ab", 0, 1}}}); err == nil {
		t.Fatal("a schedule that leaves out meetings was explained")
	}
}

// More slots than ten are cut to the first ten, ascending.
func TestExplainListsAtMostTenSlots(t *testing.T) {
	in := &Instance{Slots: 12, Tables: UniformTables(1), Participants: people("a", "b", "c", "d")}
	var sc Schedule
	for s := range 12 {
		id := string(rune('A' + s))
		in.Participants = append(in.Participants, Participant{ID: id + "1"}, Participant{ID: id + "2"})
		in.Meetings = append(in.Meetings, Meeting{ID: id, Participants: []string{id + "1", id + "2"}, Locked: &Lock{Slot: s}})
		sc.Scheduled = append(sc.Scheduled, Placement{id, s, 1})
	}
	in.Meetings = append(in.Meetings, meeting("ab", "a", "b"))
	sc.Unscheduled = []string{"ab"}
	got, err := Explain(in, &sc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Code != Full || !reflect.DeepEqual(got[0].Slots, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Fatalf("got %+v", got)
	}
}
