package schedule

import "fmt"

// Validate checks a schedule against its instance from scratch: every meeting listed
// exactly once, placed meetings in a usable slot at an existing table (an exhibitor's
// meetings at its fixed table, no other meeting at a fixed table), no participant or
// table twice in a slot, caps and session caps held, locked meetings where they were
// locked, and an upper bound no lower than the meetings placed. Tests and the benchmark
// use it on every answer.
func Validate(in *Instance, sc *Schedule) error {
	p, err := compile(in)
	if err != nil {
		return fmt.Errorf("instance: %w", err)
	}
	if _, err := p.replay(sc); err != nil {
		return err
	}
	if sc.UpperBound < len(sc.Scheduled) {
		return fmt.Errorf("upper bound %d is below the %d meetings placed", sc.UpperBound, len(sc.Scheduled))
	}
	return nil
}

// replay checks the placements of a schedule one by one into a fresh state, which it
// returns holding exactly what the schedule places.
func (p *problem) replay(sc *Schedule) (*state, error) {
	index := make(map[string]int, len(p.in.Meetings))
	for m, mt := range p.in.Meetings {
		index[mt.ID] = m
	}
	listed := make(map[string]bool, len(p.in.Meetings))
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
	// A state with nothing locked counts what the schedule itself places.
	unlocked := *p
	unlocked.lockSlot = make([]int, len(p.parts))
	for i := range unlocked.lockSlot {
		unlocked.lockSlot[i] = -1
	}
	st := newState(&unlocked)
	tables := make(map[[2]int]string)
	for _, pl := range sc.Scheduled {
		m, err := mark(pl.Meeting)
		if err != nil {
			return nil, err
		}
		if err := p.checkPlacement(st, m, pl, tables); err != nil {
			return nil, fmt.Errorf("meeting %q: %w", pl.Meeting, err)
		}
		st.place(m, pl.Slot)
	}
	for _, id := range sc.Unscheduled {
		m, err := mark(id)
		if err != nil {
			return nil, err
		}
		if p.lockSlot[m] >= 0 {
			return nil, fmt.Errorf("locked meeting %q is unscheduled", id)
		}
	}
	if len(listed) != len(p.in.Meetings) {
		return nil, fmt.Errorf("%d of %d meetings are missing from the schedule", len(p.in.Meetings)-len(listed), len(p.in.Meetings))
	}
	return st, nil
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
	if err := p.checkTable(m, pl); err != nil {
		return err
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
		if st.sessionFull(q, s) {
			return fmt.Errorf("participant %q exceeds the max_meetings %d of the session of slot %d", p.in.Participants[q].ID, p.sessCap[p.sessOf[s]], s)
		}
	}
	return nil
}

// checkTable checks that the table exists and agrees with the fixed tables.
func (p *problem) checkTable(m int, pl Placement) error {
	if pl.Table < 1 || pl.Table > p.tables[pl.Slot] {
		return fmt.Errorf("table %d does not exist in slot %d", pl.Table, pl.Slot)
	}
	if ft := p.mtable[m]; ft > 0 && pl.Table != ft {
		return fmt.Errorf("at table %d, but participant %q meets at its fixed table %d", pl.Table, p.in.Participants[p.reserved[ft]].ID, ft)
	}
	if o := p.reserved[pl.Table]; p.mtable[m] == 0 && o >= 0 {
		return fmt.Errorf("at table %d, the fixed table of participant %q", pl.Table, p.in.Participants[o].ID)
	}
	return nil
}
