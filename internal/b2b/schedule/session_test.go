package schedule

import (
	"reflect"
	"testing"
)

// The hub wants four meetings over two sessions of two slots, but may meet once per
// session: two are placed, the bound proves no more can be, and the other two say the
// hub is at its cap.
func TestSessionCapsHoldAndBoundTheResult(t *testing.T) {
	in := &Instance{Slots: 4, Tables: UniformTables(4), Participants: people("hub", "a", "b", "c", "d"),
		Meetings: []Meeting{meeting("a", "hub", "a"), meeting("b", "hub", "b"), meeting("c", "hub", "c"), meeting("d", "hub", "d")},
		Sessions: []Session{{FirstSlot: 0, Slots: 2, MaxMeetings: 1}, {FirstSlot: 2, Slots: 2, MaxMeetings: 1}}}
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
	if first, second := sc.Scheduled[0].Slot < 2, sc.Scheduled[1].Slot < 2; first == second {
		t.Fatalf("both meetings in one session: %+v", sc.Scheduled)
	}
	for _, r := range sc.Reasons {
		if r.Code != AtCap || !reflect.DeepEqual(r.Participants, []string{"hub"}) {
			t.Fatalf("want the hub named at its cap, got %+v", r)
		}
	}
}

// A session without a cap restricts nothing; a capped one is checked by Validate.
func TestValidateHoldsSessionCaps(t *testing.T) {
	in := &Instance{Slots: 3, Tables: UniformTables(2), Participants: people("a", "b", "c"),
		Meetings: []Meeting{meeting("ab", "a", "b"), meeting("ac", "a", "c")},
		Sessions: []Session{{FirstSlot: 0, Slots: 2, MaxMeetings: 1}, {FirstSlot: 2, Slots: 1}}}
	over := &Schedule{Scheduled: []Placement{{"ab", 0, 1}, {"ac", 1, 1}}, UpperBound: 2}
	if err := Validate(in, over); err == nil {
		t.Fatal("two meetings in a session capped at one accepted")
	}
	ok := &Schedule{Scheduled: []Placement{{"ab", 0, 1}, {"ac", 2, 1}}, UpperBound: 2}
	if err := Validate(in, ok); err != nil {
		t.Fatal(err)
	}
}

// a may meet once in slots 0–1. With ac in slot 1, ab (b is free only in slot 0) needs a
// chain that moves ac out of the session, to slot 2, before it can enter slot 0.
func TestAugmentingChainMovesAMeetingOutOfAFullSession(t *testing.T) {
	in := &Instance{Slots: 3, Tables: UniformTables(1),
		Participants: []Participant{{ID: "a"}, {ID: "b", Unavailable: []int{1, 2}}, {ID: "c"}},
		Meetings:     []Meeting{meeting("ab", "a", "b"), meeting("ac", "a", "c")},
		Sessions:     []Session{{FirstSlot: 0, Slots: 2, MaxMeetings: 1}}}
	p, err := compile(in)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	st.place(1, 1)
	if !newAugmenter(st, newRand(p)).augment(0) {
		t.Fatal("no chain found")
	}
	if st.slotOf[0] != 0 || st.slotOf[1] != 2 {
		t.Fatalf("want ab in slot 0 and ac in slot 2, got %v", st.slotOf)
	}
}
