package schedule

// output numbers the tables slot by slot (a meeting with an exhibitor at its fixed table,
// locked tables kept, then the lowest free numbers that are nobody's fixed table, in
// meeting order) and lists the rest as unscheduled, both in input order.
func (p *problem) output(st *state, ub int) *Schedule {
	out := &Schedule{Scheduled: []Placement{}, Unscheduled: []string{}, UpperBound: ub}
	taken := make([][]bool, p.slots)
	for s := range taken {
		taken[s] = make([]bool, p.tables[s]+1)
		for t := 1; t <= p.tables[s]; t++ {
			taken[s][t] = p.reserved[t] >= 0
		}
	}
	for m, s := range st.slotOf {
		if s >= 0 && p.lockTable[m] > 0 {
			taken[s][p.lockTable[m]] = true
		}
	}
	next := make([]int, p.slots) // lowest table number that may still be free
	for m, s := range st.slotOf {
		id := p.in.Meetings[m].ID
		if s < 0 {
			out.Unscheduled = append(out.Unscheduled, id)
			continue
		}
		t := p.mtable[m]
		if t == 0 {
			t = p.lockTable[m]
		}
		if t == 0 {
			for next[s]++; taken[s][next[s]]; next[s]++ {
			}
			t = next[s]
		}
		out.Scheduled = append(out.Scheduled, Placement{Meeting: id, Slot: s, Table: t})
	}
	return out
}
