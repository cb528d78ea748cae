package schedule

import (
	"reflect"
	"testing"
)

func people(ids ...string) []Participant {
	var out []Participant
	for _, id := range ids {
		out = append(out, Participant{ID: id})
	}
	return out
}

func meeting(id string, parts ...string) Meeting {
	return Meeting{ID: id, Participants: parts}
}

func placements(sc *Schedule) map[string]Placement {
	out := map[string]Placement{}
	for _, pl := range sc.Scheduled {
		out[pl.Meeting] = pl
	}
	return out
}

// One slot, two tables, and an exhibitor keeping table 1: only table 2 is left for the
// meetings without the exhibitor, so one of ab and cd must wait, and the bound knows it.
func TestFixedTableIsReservedAndLeavesThePool(t *testing.T) {
	in := &Instance{Slots: 1, Tables: UniformTables(2), Participants: people("e", "a", "b", "c", "d"),
		Meetings: []Meeting{meeting("ab", "a", "b"), meeting("cd", "c", "d"), meeting("ea", "e", "a"), meeting("ec", "c", "e")}}
	in.Participants[0].FixedTable = 1
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(in, sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Scheduled) != 2 || sc.UpperBound != 2 {
		t.Fatalf("want 2 placed with bound 2, got %+v", sc)
	}
	for _, pl := range sc.Scheduled {
		exhibitor := pl.Meeting == "ea" || pl.Meeting == "ec"
		if exhibitor && pl.Table != 1 || !exhibitor && pl.Table != 2 {
			t.Fatalf("%+v: the exhibitor's meeting belongs at table 1, any other at table 2", pl)
		}
	}
}

// A meeting of two exhibitors sits at the first listed one's table; the other's table
// stays empty in that slot rather than going to someone else.
func TestMeetingOfTwoExhibitorsUsesTheFirstTable(t *testing.T) {
	in := &Instance{Slots: 1, Tables: UniformTables(3), Participants: people("x", "y", "a", "b"),
		Meetings: []Meeting{meeting("yx", "y", "x"), meeting("ab", "a", "b")}}
	in.Participants[0].FixedTable, in.Participants[1].FixedTable = 3, 1
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Placement{"yx": {"yx", 0, 1}, "ab": {"ab", 0, 2}}
	if got := placements(sc); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestValidateHoldsFixedTables(t *testing.T) {
	in := &Instance{Slots: 2, Tables: UniformTables(2), Participants: people("e", "a", "b"),
		Meetings: []Meeting{meeting("ea", "e", "a"), meeting("ab", "a", "b")}}
	in.Participants[0].FixedTable = 2
	cases := map[string][]Placement{
		"exhibitor elsewhere":    {{"ea", 0, 1}, {"ab", 1, 1}},
		"visitor at fixed table": {{"ea", 0, 2}, {"ab", 1, 2}},
	}
	for name, pls := range cases {
		if err := Validate(in, &Schedule{Scheduled: pls, UpperBound: 2}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := Validate(in, &Schedule{Scheduled: []Placement{{"ea", 0, 2}, {"ab", 1, 1}}, UpperBound: 2}); err != nil {
		t.Fatal(err)
	}
}

// A lock without a table on an exhibitor's meeting gets the fixed table in the output.
func TestLockedExhibitorMeetingGetsItsTable(t *testing.T) {
	in := &Instance{Slots: 2, Tables: UniformTables(2), Participants: people("e", "a"),
		Meetings: []Meeting{{ID: "ea", Participants: []string{"a", "e"}, Locked: &Lock{Slot: 1}}}}
	in.Participants[0].FixedTable = 2
	sc, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := placements(sc)["ea"]; got != (Placement{"ea", 1, 2}) {
		t.Fatalf("got %+v", got)
	}
}
