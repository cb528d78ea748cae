package schedule

import (
	"strings"
	"testing"
)

func TestTablesAcceptNumberOrList(t *testing.T) {
	for _, src := range []string{`{"slots": 2, "tables": 3}`, `{"slots": 2, "tables": [3, 3]}`} {
		in, err := Decode(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		p, err := compile(in)
		if err != nil {
			t.Fatal(err)
		}
		if p.tables[0] != 3 || p.tables[1] != 3 {
			t.Fatalf("%s: got %v", src, p.tables)
		}
	}
}

// A star: the hub has five meetings but only three usable slots, so two must go unplaced
// and the bound must say so; the tables are numbered from 1 with the locked one kept.
func TestSolveKnownOptimumAndTables(t *testing.T) {
	in := &Instance{Slots: 3, Tables: UniformTables(2)}
	in.Participants = append(in.Participants, Participant{ID: "hub"})
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		in.Participants = append(in.Participants, Participant{ID: id})
		in.Meetings = append(in.Meetings, Meeting{ID: "m" + id, Participants: []string{"hub", id}, Priority: len(in.Meetings)})
	}
	in.Meetings = append(in.Meetings, Meeting{ID: "ab", Participants: []string{"a", "b"}, Locked: &Lock{Slot: 2, Table: 2}})
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(in, sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Scheduled) != 4 || sc.UpperBound != 4 {
		t.Fatalf("want 4 placed with bound 4, got %d and %d", len(sc.Scheduled), sc.UpperBound)
	}
	// The priorities break the tie: the hub's three slots go to its highest-priority
	// meetings that fit (a and b are busy in slot 2 with each other).
	placed := map[string]Placement{}
	for _, pl := range sc.Scheduled {
		placed[pl.Meeting] = pl
	}
	if pl := placed["ab"]; pl.Slot != 2 || pl.Table != 2 {
		t.Fatalf("locked meeting moved: %+v", pl)
	}
	if _, ok := placed["me"]; !ok {
		t.Fatalf("the top-priority meeting is missing: %+v", sc.Scheduled)
	}
	if sc.Stats.Priority != 4+3+2 {
		t.Fatalf("want total priority 9, got %d (%+v)", sc.Stats.Priority, sc.Scheduled)
	}
}

func TestValidateCatchesBrokenSchedules(t *testing.T) {
	in := &Instance{Slots: 2, Tables: UniformTables(1),
		Participants: []Participant{{ID: "a"}, {ID: "b"}, {ID: "c", Unavailable: []int{1}}},
		Meetings:     []Meeting{{ID: "m1", Participants: []string{"a", "b"}}, {ID: "m2", Participants: []string{"a", "c"}, Locked: &Lock{Slot: 0}}}}
	cases := map[string]*Schedule{
		"clash":         {Scheduled: []Placement{{"m1", 0, 1}, {"m2", 0, 1}}, UpperBound: 2},
		"missing":       {Scheduled: []Placement{{"m2", 0, 1}}, UpperBound: 2},
		"twice":         {Scheduled: []Placement{{"m2", 0, 1}, {"m2", 0, 1}}, Unscheduled: []string{"m1"}, UpperBound: 2},
		"no such table": {Scheduled: []Placement{{"m1", 1, 2}, {"m2", 0, 1}}, UpperBound: 2},
		"lock moved":    {Scheduled: []Placement{{"m2", 1, 1}}, Unscheduled: []string{"m1"}, UpperBound: 2},
		"low bound":     {Scheduled: []Placement{{"m1", 1, 1}, {"m2", 0, 1}}, UpperBound: 1},
		"unknown":       {Scheduled: []Placement{{"m9", 1, 1}}, UpperBound: 2},
	}
	for name, sc := range cases {
		if err := Validate(in, sc); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	ok := &Schedule{Scheduled: []Placement{{"m1", 1, 1}, {"m2", 0, 1}}, Unscheduled: []string{}, UpperBound: 2}
	if err := Validate(in, ok); err != nil {
		t.Fatal(err)
	}
}
