package schedule

import "fmt"

// Validate checks a schedule against its instance from scratch: every meeting listed
// exactly once, placed meetings in a usable slot at an existing table, no participant or
// table twice in a slot, caps held, locked meetings where they were locked, and an upper
// bound no lower than the meetings placed. Tests and the benchmark use it on every answer.
func Validate(in *Instance, sc *Schedule) error {
	p, err := compile(in)
	if err != nil {
		return fmt.Errorf("instance: %w", err)
	}
	index := make(map[string]int, len(in.Meetings))
	for m, mt := range in.Meetings {
		index[mt.ID] = m
	}
	listed := make(map[string]bool, len(in.Meetings))
	mark := func(id string) (int, error) {
		m, ok := index[id]
		if !ok {
			return 0, fmt.Errorf("unknown meeting %q", id)
		}
		if listed[id] {
			return 0, fmt.Errorf("meeting %q listed twice", id)
		}
		listed[id] = true
		return m, nil
	}
	// A fresh state with nothing locked counts what the schedule itself places.
	free := make([]int, len(p.parts))
	for i := range free {
		free[i] = -1
	}
	st := newState(&problem{in: in, slots: p.slots, tables: p.tables, pcap: p.pcap, parts: p.parts, prio: p.prio, lockSlot: free})
	tables := make(map[[2]int]string)
	for _, pl := range sc.Scheduled {
		m, err := mark(pl.Meeting)
		if err != nil {
			return err
		}
		if err := p.checkPlacement(st, m, pl, tables); err != nil {
			return fmt.Errorf("meeting %q: %w", pl.Meeting, err)
		}
		st.place(m, pl.Slot)
	}
	for _, id := range sc.Unscheduled {
		m, err := mark(id)
		if err != nil {
			return err
		}
		if p.lockSlot[m] >= 0 {
			return fmt.Errorf("locked meeting %q is unscheduled", id)
		}
	}
	if len(listed) != len(in.Meetings) {
		return fmt.Errorf("%d of %d meetings are missing from the schedule", len(in.Meetings)-len(listed), len(in.Meetings))
	}
	if sc.UpperBound < len(sc.Scheduled) {
		return fmt.Errorf("upper bound %d is below the %d meetings placed", sc.UpperBound, len(sc.Scheduled))
	}
	return nil
}

func (p *problem) checkPlacement(st *state, m int, pl Placement, tables map[[2]int]string) error {
	s := pl.Slot
	if s < 0 || s >= p.slots {
		return fmt.Errorf("slot %d out of range", s)
	}
	if ls := p.lockSlot[m]; ls >= 0 && (ls != s || p.lockTable[m] > 0 && p.lockTable[m] != pl.Table) {
		return fmt.Errorf("locked to slot %d table %d but placed in slot %d table %d", ls, p.lockTable[m], s, pl.Table)
	}
	usable := false
	for _, u := range p.usable[m] {
		usable = usable || u == s
	}
	if !usable {
		return fmt.Errorf("slot %d is not allowed for it or not free for all its participants", s)
	}
	if pl.Table < 1 || pl.Table > p.tables[s] {
		return fmt.Errorf("table %d does not exist in slot %d", pl.Table, s)
	}
	if other, clash := tables[[2]int{s, pl.Table}]; clash {
		return fmt.Errorf("table %d in slot %d also holds %q", pl.Table, s, other)
	}
	tables[[2]int{s, pl.Table}] = pl.Meeting
	for _, q := range p.parts[m] {
		if o := st.busy[q*p.slots+s]; o >= 0 {
			return fmt.Errorf("participant %q also meets in %q in slot %d", p.in.Participants[q].ID, p.in.Meetings[o].ID, s)
		}
		if st.count[q] >= p.pcap[q] {
			return fmt.Errorf("participant %q exceeds max_meetings %d", p.in.Participants[q].ID, p.pcap[q])
		}
	}
	return nil
}
