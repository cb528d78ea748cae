package schedule

import "fmt"

// compileSessions checks the session groups and indexes the capped ones by slot; a group
// without a cap only has to be well formed.
func (p *problem) compileSessions() error {
	p.sessOf = make([]int, p.slots)
	for s := range p.sessOf {
		p.sessOf[s] = -1
	}
	owner := make([]int, p.slots) // slot → session (from 1) that covers it, for overlap errors
	for i, g := range p.in.Sessions {
		if err := p.checkSession(i, g, owner); err != nil {
			return err
		}
		if g.MaxMeetings == 0 {
			continue
		}
		for s := g.FirstSlot; s < g.FirstSlot+g.Slots; s++ {
			p.sessOf[s] = len(p.sessCap)
		}
		p.sessCap = append(p.sessCap, g.MaxMeetings)
		p.sessSpan = append(p.sessSpan, [2]int{g.FirstSlot, g.FirstSlot + g.Slots})
	}
	return nil
}

func (p *problem) checkSession(i int, g Session, owner []int) error {
	if g.Slots < 1 {
		return fmt.Errorf("session %d: slots must be at least 1, got %d", i+1, g.Slots)
	}
	if g.MaxMeetings < 0 {
		return fmt.Errorf("session %d: max_meetings must not be negative, got %d", i+1, g.MaxMeetings)
	}
	if g.FirstSlot < 0 || g.FirstSlot+g.Slots > p.slots {
		return fmt.Errorf("session %d: slots %d..%d are outside 0..%d", i+1, g.FirstSlot, g.FirstSlot+g.Slots-1, p.slots-1)
	}
	for s := g.FirstSlot; s < g.FirstSlot+g.Slots; s++ {
		if owner[s] > 0 {
			return fmt.Errorf("sessions %d and %d overlap in slot %d", owner[s], i+1, s)
		}
		owner[s] = i + 1
	}
	return nil
}

// sessionFull reports whether participant q has reached the cap of slot s's session.
func (st *state) sessionFull(q, s int) bool {
	g := st.p.sessOf[s]
	return g >= 0 && st.scount[q*len(st.p.sessCap)+g] >= st.p.sessCap[g]
}

// sessionMeetings lists the placed meetings of participant q in capped session g (in a
// reused buffer).
func (st *state) sessionMeetings(q, g int) []int {
	st.scratch = st.scratch[:0]
	span := st.p.sessSpan[g]
	for _, m := range st.busy[q*st.p.slots+span[0] : q*st.p.slots+span[1]] {
		if m >= 0 {
			st.scratch = append(st.scratch, m)
		}
	}
	return st.scratch
}

// sessionsFull reports whether participant q is at the session cap in every slot meeting
// m could use, which holds m back as much as q's overall cap would.
func (st *state) sessionsFull(m, q int) bool {
	if len(st.p.sessCap) == 0 {
		return false
	}
	for _, s := range st.p.usable[m] {
		if !st.sessionFull(q, s) {
			return false
		}
	}
	return true
}
