package schedule

import "fmt"

// compileFixedTables checks the fixed tables and derives the pool: every slot that has
// tables keeps the fixed numbers for their owners, so only the rest can go to other
// meetings. A slot without tables is closed to everyone, exhibitors included.
func (p *problem) compileFixedTables() error {
	p.fixed = make([]int, len(p.in.Participants))
	most := 0
	for _, n := range p.tables {
		most = max(most, n)
	}
	p.reserved = make([]int, most+1)
	for t := range p.reserved {
		p.reserved[t] = -1
	}
	count := 0
	for i, q := range p.in.Participants {
		t := q.FixedTable
		if t == 0 {
			continue
		}
		if err := p.checkFixedTable(q, t); err != nil {
			return err
		}
		if o := p.reserved[t]; o >= 0 {
			return fmt.Errorf("participants %q and %q both have fixed_table %d; a fixed table belongs to one participant", p.in.Participants[o].ID, q.ID, t)
		}
		p.reserved[t], p.fixed[i] = i, t
		count++
	}
	p.pool = make([]int, p.slots)
	for s, n := range p.tables {
		p.pool[s] = max(0, n-count)
	}
	return nil
}

func (p *problem) checkFixedTable(q Participant, t int) error {
	if t < 0 {
		return fmt.Errorf("participant %q: fixed_table must be at least 1, got %d", q.ID, t)
	}
	for s, n := range p.tables {
		if n > 0 && t > n {
			return fmt.Errorf("participant %q: fixed_table %d, but slot %d has only %d tables", q.ID, t, s, n)
		}
	}
	if t >= len(p.reserved) {
		return fmt.Errorf("participant %q: fixed_table %d, but no slot has tables", q.ID, t)
	}
	return nil
}

// meetingTable is the fixed table meeting i sits at: that of its first listed participant
// with one, or 0 when it takes a table from the pool.
func (p *problem) meetingTable(i int) int {
	for _, q := range p.parts[i] {
		if p.fixed[q] > 0 {
			return p.fixed[q]
		}
	}
	return 0
}
