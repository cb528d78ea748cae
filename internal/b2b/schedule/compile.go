package schedule

import (
	"fmt"
	"math"
)

// problem is an Instance checked and turned into dense indices for the algorithms.
type problem struct {
	in        *Instance
	slots     int
	tables    []int    // tables per slot
	pool      []int    // tables per slot left for meetings without a fixed table
	pcap      []int    // per participant cap (math.MaxInt32 when none)
	fixed     []int    // participant → fixed table or 0
	reserved  []int    // table number → participant that has it fixed, or -1
	mtable    []int    // meeting → the fixed table it sits at, or 0 when it takes one from the pool
	sessOf    []int    // slot → capped session or -1
	sessCap   []int    // capped session → max meetings per participant
	sessSpan  [][2]int // capped session → first slot, end slot (exclusive)
	parts     [][]int  // meeting → participant indices
	usable    [][]int  // meeting → slots allowed and free for all its participants
	prio      []int    // meeting → priority
	lockSlot  []int    // meeting → locked slot or -1
	lockTable []int    // meeting → locked table or 0
	byPart    [][]int  // participant → meetings
	pIndex    map[string]int
}

// compile checks an instance against the contract and reports the first problem in words
// an operator can act on.
func compile(in *Instance) (*problem, error) {
	if in.Slots < 1 {
		return nil, fmt.Errorf("slots must be at least 1, got %d", in.Slots)
	}
	if in.TimeLimitMS < 0 {
		return nil, fmt.Errorf("time_limit_ms must not be negative, got %d", in.TimeLimitMS)
	}
	p := &problem{in: in, slots: in.Slots}
	var err error
	if p.tables, err = tablesPerSlot(in.Tables, in.Slots); err != nil {
		return nil, err
	}
	if err := p.compileParticipants(); err != nil {
		return nil, err
	}
	if err := p.compileFixedTables(); err != nil {
		return nil, err
	}
	if err := p.compileSessions(); err != nil {
		return nil, err
	}
	if err := p.compileMeetings(); err != nil {
		return nil, err
	}
	return p, p.checkLocks()
}

func tablesPerSlot(t Tables, slots int) ([]int, error) {
	out := make([]int, slots)
	if !t.isList {
		if t.All < 0 {
			return nil, fmt.Errorf("tables must not be negative, got %d", t.All)
		}
		for s := range out {
			out[s] = t.All
		}
		return out, nil
	}
	if len(t.PerRaw) != slots {
		return nil, fmt.Errorf("tables has %d entries but there are %d slots", len(t.PerRaw), slots)
	}
	for s, n := range t.PerRaw {
		if n < 0 {
			return nil, fmt.Errorf("tables for slot %d must not be negative, got %d", s, n)
		}
		out[s] = n
	}
	return out, nil
}

func (p *problem) compileParticipants() error {
	p.pIndex = make(map[string]int, len(p.in.Participants))
	p.pcap = make([]int, len(p.in.Participants))
	for i, q := range p.in.Participants {
		if q.ID == "" {
			return fmt.Errorf("participant %d has no id", i+1)
		}
		if _, dup := p.pIndex[q.ID]; dup {
			return fmt.Errorf("participant id %q appears twice", q.ID)
		}
		p.pIndex[q.ID] = i
		if q.MaxMeetings < 0 {
			return fmt.Errorf("participant %q: max_meetings must not be negative", q.ID)
		}
		p.pcap[i] = q.MaxMeetings
		if q.MaxMeetings == 0 {
			p.pcap[i] = math.MaxInt32
		}
		for _, s := range q.Unavailable {
			if s < 0 || s >= p.slots {
				return fmt.Errorf("participant %q: unavailable slot %d is outside 0..%d", q.ID, s, p.slots-1)
			}
		}
	}
	return nil
}

func (p *problem) compileMeetings() error {
	n := len(p.in.Meetings)
	p.parts, p.usable = make([][]int, n), make([][]int, n)
	p.prio, p.lockSlot, p.lockTable = make([]int, n), make([]int, n), make([]int, n)
	p.mtable = make([]int, n)
	p.byPart = make([][]int, len(p.in.Participants))
	free := p.freeSlots()
	seen := make(map[string]bool, n)
	for i, m := range p.in.Meetings {
		if m.ID == "" {
			return fmt.Errorf("meeting %d has no id", i+1)
		}
		if seen[m.ID] {
			return fmt.Errorf("meeting id %q appears twice", m.ID)
		}
		seen[m.ID] = true
		if err := p.compileMeeting(i, m, free); err != nil {
			return fmt.Errorf("meeting %q: %w", m.ID, err)
		}
	}
	return nil
}

// freeSlots marks, per participant, the slots it has not declared unavailable.
func (p *problem) freeSlots() [][]bool {
	free := make([][]bool, len(p.in.Participants))
	for i, q := range p.in.Participants {
		free[i] = make([]bool, p.slots)
		for s := range free[i] {
			free[i][s] = true
		}
		for _, s := range q.Unavailable {
			free[i][s] = false
		}
	}
	return free
}

func (p *problem) compileMeeting(i int, m Meeting, free [][]bool) error {
	if len(m.Participants) < 2 {
		return fmt.Errorf("needs at least two participants, has %d", len(m.Participants))
	}
	if m.Priority < 0 {
		return fmt.Errorf("priority must not be negative, got %d", m.Priority)
	}
	inMeeting := make(map[int]bool, len(m.Participants))
	for _, id := range m.Participants {
		q, ok := p.pIndex[id]
		if !ok {
			return fmt.Errorf("unknown participant %q", id)
		}
		if inMeeting[q] {
			return fmt.Errorf("participant %q is listed twice", id)
		}
		inMeeting[q] = true
		p.parts[i] = append(p.parts[i], q)
		p.byPart[q] = append(p.byPart[q], i)
	}
	allowed := make([]bool, p.slots)
	for s := range allowed {
		allowed[s] = len(m.AllowedSlots) == 0
	}
	for _, s := range m.AllowedSlots {
		if s < 0 || s >= p.slots {
			return fmt.Errorf("allowed slot %d is outside 0..%d", s, p.slots-1)
		}
		allowed[s] = true
	}
	p.mtable[i] = p.meetingTable(i)
	for s := range allowed {
		ok := allowed[s] && p.tables[s] > 0 && (p.mtable[i] > 0 || p.pool[s] > 0)
		for _, q := range p.parts[i] {
			ok = ok && free[q][s]
		}
		if ok {
			p.usable[i] = append(p.usable[i], s)
		}
	}
	p.prio[i] = m.Priority
	p.lockSlot[i] = -1
	if m.Locked != nil {
		return p.compileLock(i, *m.Locked, allowed, free)
	}
	return nil
}

// compileLock explains precisely why a locked place cannot hold, since the organiser chose it.
func (p *problem) compileLock(i int, l Lock, allowed []bool, free [][]bool) error {
	if l.Slot < 0 || l.Slot >= p.slots {
		return fmt.Errorf("locked slot %d is outside 0..%d", l.Slot, p.slots-1)
	}
	if !allowed[l.Slot] {
		return fmt.Errorf("locked into slot %d, which the meeting does not allow", l.Slot)
	}
	for _, q := range p.parts[i] {
		if !free[q][l.Slot] {
			return fmt.Errorf("locked into slot %d, where participant %q is unavailable", l.Slot, p.in.Participants[q].ID)
		}
	}
	if l.Table < 0 || l.Table > p.tables[l.Slot] {
		return fmt.Errorf("locked to table %d, but slot %d has tables 1..%d", l.Table, l.Slot, p.tables[l.Slot])
	}
	if p.tables[l.Slot] == 0 {
		return fmt.Errorf("locked into slot %d, which has no tables", l.Slot)
	}
	if err := p.checkLockTable(i, l.Table); err != nil {
		return err
	}
	p.lockSlot[i], p.lockTable[i] = l.Slot, l.Table
	return nil
}

// checkLockTable makes a locked table agree with the fixed tables: a meeting with an
// exhibitor sits at its table, any other never takes a reserved one.
func (p *problem) checkLockTable(i, table int) error {
	if table == 0 {
		return nil
	}
	if ft := p.mtable[i]; ft > 0 && table != ft {
		owner := p.in.Participants[p.reserved[ft]].ID
		return fmt.Errorf("locked to table %d, but participant %q meets at its fixed table %d", table, owner, ft)
	}
	if p.mtable[i] == 0 && table < len(p.reserved) && p.reserved[table] >= 0 {
		return fmt.Errorf("locked to table %d, the fixed table of participant %q", table, p.in.Participants[p.reserved[table]].ID)
	}
	return nil
}

// checkLocks verifies that the locked meetings fit together: no participant twice in a
// slot, no table twice, no slot or participant over its limit.
func (p *problem) checkLocks() error {
	perSlot := make([]int, p.slots)
	perPart := make([]int, len(p.pcap))
	busy := make(map[[2]int]int)  // (participant, slot) → meeting
	table := make(map[[2]int]int) // (slot, table) → meeting
	perSess := make([]int, len(p.pcap)*len(p.sessCap))
	for m, s := range p.lockSlot {
		if s < 0 {
			continue
		}
		id := p.in.Meetings[m].ID
		if p.mtable[m] == 0 {
			if perSlot[s]++; perSlot[s] > p.pool[s] {
				return fmt.Errorf("more meetings are locked into slot %d than it has tables for them (%d, fixed tables not counted)", s, p.pool[s])
			}
		}
		if t := p.lockTable[m]; t > 0 && p.mtable[m] == 0 {
			if o, clash := table[[2]int{s, t}]; clash {
				return fmt.Errorf("meetings %q and %q are both locked to table %d in slot %d", p.in.Meetings[o].ID, id, t, s)
			}
			table[[2]int{s, t}] = m
		}
		for _, q := range p.parts[m] {
			if o, clash := busy[[2]int{q, s}]; clash {
				return fmt.Errorf("meetings %q and %q are both locked into slot %d and share participant %q", p.in.Meetings[o].ID, id, s, p.in.Participants[q].ID)
			}
			busy[[2]int{q, s}] = m
			if perPart[q]++; perPart[q] > p.pcap[q] {
				return fmt.Errorf("participant %q has more locked meetings than its max_meetings (%d)", p.in.Participants[q].ID, p.pcap[q])
			}
			if g := p.sessOf[s]; g >= 0 {
				k := q*len(p.sessCap) + g
				if perSess[k]++; perSess[k] > p.sessCap[g] {
					return fmt.Errorf("participant %q has more locked meetings in the session of slot %d than its max_meetings (%d)", p.in.Participants[q].ID, s, p.sessCap[g])
				}
			}
		}
	}
	return nil
}
