package schedule

// state is a partial schedule with the indexes every algorithm here needs to test and
// change a placement in time proportional to the meeting's size.
type state struct {
	p       *problem
	slotOf  []int   // meeting → slot or -1
	busy    []int   // participant*slots+slot → meeting or -1
	count   []int   // participant → placed meetings
	scount  []int   // participant*sessions+session → placed meetings in that capped session
	members [][]int // slot → placed meetings that hold a pool table (no fixed table)
	pos     []int   // meeting → index in members[slotOf]
	placed  int
	prio    int
	scratch []int
}

func newState(p *problem) *state {
	st := &state{
		p:       p,
		slotOf:  make([]int, len(p.parts)),
		busy:    make([]int, len(p.pcap)*p.slots),
		count:   make([]int, len(p.pcap)),
		scount:  make([]int, len(p.pcap)*len(p.sessCap)),
		members: make([][]int, p.slots),
		pos:     make([]int, len(p.parts)),
	}
	for i := range st.slotOf {
		st.slotOf[i] = -1
	}
	for i := range st.busy {
		st.busy[i] = -1
	}
	for m, s := range p.lockSlot {
		if s >= 0 {
			st.place(m, s)
		}
	}
	return st
}

// fits reports whether meeting m can go into slot s without moving anything. A meeting
// at a fixed table needs no pool table: its exhibitor's one meeting per slot already
// keeps the table free for it.
func (st *state) fits(m, s int) bool {
	p := st.p
	if p.mtable[m] == 0 && len(st.members[s]) >= p.pool[s] {
		return false
	}
	g := p.sessOf[s]
	for _, q := range p.parts[m] {
		if st.busy[q*p.slots+s] >= 0 || st.count[q] >= p.pcap[q] {
			return false
		}
		if g >= 0 && st.scount[q*len(p.sessCap)+g] >= p.sessCap[g] {
			return false
		}
	}
	return true
}

func (st *state) place(m, s int) {
	p := st.p
	st.slotOf[m] = s
	if p.mtable[m] == 0 {
		st.pos[m] = len(st.members[s])
		st.members[s] = append(st.members[s], m)
	}
	g := p.sessOf[s]
	for _, q := range p.parts[m] {
		st.busy[q*p.slots+s] = m
		st.count[q]++
		if g >= 0 {
			st.scount[q*len(p.sessCap)+g]++
		}
	}
	st.placed++
	st.prio += p.prio[m]
}

func (st *state) remove(m int) {
	p := st.p
	s := st.slotOf[m]
	if p.mtable[m] == 0 {
		list := st.members[s]
		last := list[len(list)-1]
		list[st.pos[m]] = last
		st.pos[last] = st.pos[m]
		st.members[s] = list[:len(list)-1]
	}
	g := p.sessOf[s]
	for _, q := range p.parts[m] {
		st.busy[q*p.slots+s] = -1
		st.count[q]--
		if g >= 0 {
			st.scount[q*len(p.sessCap)+g]--
		}
	}
	st.slotOf[m] = -1
	st.placed--
	st.prio -= st.p.prio[m]
}

// better reports whether (placed, prio) beats the other pair: meetings first, then priority.
func better(placed, prio, bestPlaced, bestPrio int) bool {
	return placed > bestPlaced || placed == bestPlaced && prio > bestPrio
}

// partMeetings lists the placed meetings of participant q (in a reused buffer).
func (st *state) partMeetings(q int) []int {
	st.scratch = st.scratch[:0]
	for _, m := range st.busy[q*st.p.slots : (q+1)*st.p.slots] {
		if m >= 0 {
			st.scratch = append(st.scratch, m)
		}
	}
	return st.scratch
}

// restore replaces the placements by the given slot per meeting (-1 for none).
func (st *state) restore(slotOf []int) {
	for m, s := range st.slotOf {
		if s >= 0 && st.p.lockSlot[m] < 0 {
			st.remove(m)
		}
	}
	for m, s := range slotOf {
		if s >= 0 && st.p.lockSlot[m] < 0 {
			st.place(m, s)
		}
	}
}
