package schedule

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// randomInstance draws a small instance: fragmented availability, optional allowed
// slots, caps, priorities, some three-way meetings, and a few meetings locked where a
// first-come-first-served pass put them (so the locks are always consistent).
func randomInstance(seed uint64) *Instance {
	r := rand.New(rand.NewPCG(seed, 7))
	slots, people := 2+r.IntN(6), 3+r.IntN(10)
	in := &Instance{Slots: slots, Tables: UniformTables(1 + r.IntN(4)), TimeLimitMS: 200}
	if r.IntN(3) == 0 {
		per := make([]int, slots)
		for s := range per {
			per[s] = r.IntN(4)
		}
		in.Tables = TablesPerSlot(per)
	}
	for i := range people {
		q := Participant{ID: fmt.Sprintf("p%d", i)}
		for s := range slots {
			if r.IntN(5) == 0 {
				q.Unavailable = append(q.Unavailable, s)
			}
		}
		if r.IntN(4) == 0 {
			q.MaxMeetings = 1 + r.IntN(3)
		}
		in.Participants = append(in.Participants, q)
	}
	for i := range 3 + r.IntN(25) {
		m := Meeting{ID: fmt.Sprintf("m%d", i), Priority: r.IntN(3)}
		for _, q := range r.Perm(people)[:2+r.IntN(2)*r.IntN(2)] {
			m.Participants = append(m.Participants, in.Participants[q].ID)
		}
		if r.IntN(3) == 0 {
			for s := range slots {
				if r.IntN(2) == 0 {
					m.AllowedSlots = append(m.AllowedSlots, s)
				}
			}
		}
		in.Meetings = append(in.Meetings, m)
	}
	if r.IntN(2) == 0 {
		fixSomeTables(in, r)
	}
	if r.IntN(2) == 0 {
		addSessions(in, r)
	}
	lockSome(in, r)
	return in
}

// fixSomeTables gives a few participants fixed tables, numbered within the smallest slot
// that has tables.
func fixSomeTables(in *Instance, r *rand.Rand) {
	p, err := compile(in)
	if err != nil {
		panic(err)
	}
	least := 0
	for _, n := range p.tables {
		if n > 0 && (least == 0 || n < least) {
			least = n
		}
	}
	if least == 0 {
		return
	}
	k := 1 + r.IntN(least)
	tables := r.Perm(least)
	for i, q := range r.Perm(len(in.Participants))[:min(k, len(in.Participants))] {
		in.Participants[q].FixedTable = tables[i] + 1
	}
}

// addSessions splits the slots into consecutive groups, most with a cap of one or two,
// leaving some slots outside any group.
func addSessions(in *Instance, r *rand.Rand) {
	for first := 0; first < in.Slots; {
		n := 1 + r.IntN(in.Slots-first)
		if r.IntN(4) != 0 {
			in.Sessions = append(in.Sessions, Session{FirstSlot: first, Slots: n, MaxMeetings: r.IntN(3)})
		}
		first += n
	}
}

func lockSome(in *Instance, r *rand.Rand) {
	fc, err := FirstComeFirstServed(in)
	if err != nil {
		panic(err)
	}
	index := map[string]int{}
	for i, m := range in.Meetings {
		index[m.ID] = i
	}
	for _, pl := range fc.Scheduled {
		if r.IntN(4) == 0 {
			table := 0
			if r.IntN(2) == 0 {
				table = pl.Table
			}
			in.Meetings[index[pl.Meeting]].Locked = &Lock{Slot: pl.Slot, Table: table}
		}
	}
}

func TestSolvePropertiesOnRandomInstances(t *testing.T) {
	for seed := range uint64(400) {
		in := randomInstance(seed)
		// Determinism holds for runs the iteration budget ends, not the clock: on a loaded
		// machine (or under -race) a 1 s limit could cut two runs at different points.
		in.TimeLimitMS = 60_000
		sc, err := Solve(in)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// Validate also checks that locked meetings sit where they were locked and that
		// the bound is not below the count.
		if err := Validate(in, sc); err != nil {
			t.Fatalf("seed %d: invalid schedule: %v", seed, err)
		}
		fc, _ := FirstComeFirstServed(in)
		if err := Validate(in, fc); err != nil {
			t.Fatalf("seed %d: invalid baseline: %v", seed, err)
		}
		if len(sc.Scheduled) < len(fc.Scheduled) {
			t.Fatalf("seed %d: %d placed, fewer than first-come-first-served %d", seed, len(sc.Scheduled), len(fc.Scheduled))
		}
		again, _ := Solve(in)
		if !reflect.DeepEqual(sc.Scheduled, again.Scheduled) || sc.UpperBound != again.UpperBound {
			t.Fatalf("seed %d: two runs differ", seed)
		}
		checkReasons(t, seed, in, sc)
	}
}

// checkReasons holds the reasons against Validate itself: a meeting Solve leaves out has a
// reason, and it cannot be added to the schedule in any slot at any table (Solve never
// leaves an "open" one); a "full" reason lists only slots the meeting could use.
func checkReasons(t *testing.T, seed uint64, in *Instance, sc *Schedule) {
	t.Helper()
	if len(sc.Reasons) != len(sc.Unscheduled) {
		t.Fatalf("seed %d: %d reasons for %d unscheduled meetings", seed, len(sc.Reasons), len(sc.Unscheduled))
	}
	explained, err := Explain(in, sc)
	if err != nil || !reflect.DeepEqual(explained, sc.Reasons) {
		t.Fatalf("seed %d: Explain gives %v (%v), Solve gave %v", seed, explained, err, sc.Reasons)
	}
	p, _ := compile(in)
	for i, r := range sc.Reasons {
		if r.Meeting != sc.Unscheduled[i] || r.Code == Open {
			t.Fatalf("seed %d: reason %+v for unscheduled %q", seed, r, sc.Unscheduled[i])
		}
		for s := range in.Slots {
			for table := 1; table <= p.tables[s]; table++ {
				if Validate(in, withMeeting(sc, r.Meeting, s, table)) == nil {
					t.Fatalf("seed %d: %q has reason %+v but fits in slot %d at table %d", seed, r.Meeting, r, s, table)
				}
			}
		}
		m := slices.IndexFunc(in.Meetings, func(x Meeting) bool { return x.ID == r.Meeting })
		for _, s := range r.Slots {
			if r.Code != Full || !slices.Contains(p.usable[m], s) {
				t.Fatalf("seed %d: reason %+v lists slot %d", seed, r, s)
			}
		}
	}
}

// withMeeting is the schedule with one unscheduled meeting added at a slot and table.
func withMeeting(sc *Schedule, id string, slot, table int) *Schedule {
	out := &Schedule{UpperBound: len(sc.Scheduled) + 1}
	out.Scheduled = append(slices.Clone(sc.Scheduled), Placement{Meeting: id, Slot: slot, Table: table})
	for _, u := range sc.Unscheduled {
		if u != id {
			out.Unscheduled = append(out.Unscheduled, u)
		}
	}
	return out
}

// TestBoundAndSolverAgainstExhaustiveSearch enumerates every assignment of tiny
// instances: the bound must never be below the true optimum, and the solver must reach it.
func TestBoundAndSolverAgainstExhaustiveSearch(t *testing.T) {
	checked := 0
	for seed := uint64(1000); checked < 150; seed++ {
		in := randomInstance(seed)
		if len(in.Meetings) > 9 || in.Slots > 4 {
			continue
		}
		checked++
		p, err := compile(in)
		if err != nil {
			t.Fatal(err)
		}
		best := exhaustive(newState(p), 0)
		sc, _ := Solve(in)
		if sc.UpperBound < best {
			t.Fatalf("seed %d: bound %d below the optimum %d", seed, sc.UpperBound, best)
		}
		if len(sc.Scheduled) != best {
			t.Fatalf("seed %d: placed %d, optimum %d", seed, len(sc.Scheduled), best)
		}
	}
}

func exhaustive(st *state, m int) int {
	if m == len(st.p.parts) {
		return st.placed
	}
	best := exhaustive(st, m+1) // m unplaced, or already locked in place
	if st.slotOf[m] >= 0 {
		return best
	}
	for _, s := range st.p.usable[m] {
		if st.fits(m, s) {
			st.place(m, s)
			best = max(best, exhaustive(st, m+1))
			st.remove(m)
		}
	}
	return best
}
