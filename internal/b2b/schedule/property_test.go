package schedule

import (
	"fmt"
	"math/rand/v2"
	"reflect"
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
	lockSome(in, r)
	return in
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
	}
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
