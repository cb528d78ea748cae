package b2b

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// occupancy is the state of a programme's grid that every placement by hand or by instant
// mode is checked against: who meets when, which tables are taken, who cannot meet when.
// It is read inside the transaction that holds the programme's lock, so the check and the
// write see the same grid. Its verdicts are b2b.schedule.error.* field errors, worded for
// the organiser who moves a meeting by hand.
type occupancy struct {
	p           *Programme
	busy        map[int64]map[int]int64 // profile → slot → meeting
	tables      map[int]map[int]int64   // slot → table → meeting
	unavailable map[int64]map[int]bool  // profile → slots it cannot meet in
	fixed       map[int64]int           // profile → its fixed table
	fixedOwner  map[int]int64           // fixed table → profile
	perSession  map[int64][]int         // profile → meetings per session
}

// loadOccupancy reads the placed, not cancelled meetings of p, its participants' fixed
// tables and the unavailable slots.
func loadOccupancy(ctx context.Context, q db.Querier, p *Programme) (*occupancy, error) {
	o := &occupancy{p: p, busy: map[int64]map[int]int64{}, tables: map[int]map[int]int64{},
		unavailable: map[int64]map[int]bool{}, fixed: map[int64]int{}, fixedOwner: map[int]int64{},
		perSession: map[int64][]int{}}
	ms, err := placedMeetings(ctx, q, p.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		o.add(m)
	}
	if err := o.loadFixed(ctx, q); err != nil {
		return nil, err
	}
	return o, o.loadUnavailable(ctx, q)
}

func (o *occupancy) add(m Meeting) {
	for _, pid := range m.Profiles {
		if o.busy[pid] == nil {
			o.busy[pid] = map[int]int64{}
			o.perSession[pid] = make([]int, len(o.p.Sessions))
		}
		o.busy[pid][m.Slot] = m.ID
		if s := o.p.SessionOf(m.Slot); s >= 0 {
			o.perSession[pid][s]++
		}
	}
	if o.tables[m.Slot] == nil {
		o.tables[m.Slot] = map[int]int64{}
	}
	o.tables[m.Slot][m.Table] = m.ID
}

// remove takes m out of the grid, so a move can be checked against everything else.
func (o *occupancy) remove(m Meeting) {
	if !m.Scheduled() {
		return
	}
	for _, pid := range m.Profiles {
		if o.busy[pid][m.Slot] == m.ID {
			delete(o.busy[pid], m.Slot)
			if s := o.p.SessionOf(m.Slot); s >= 0 {
				o.perSession[pid][s]--
			}
		}
	}
	if o.tables[m.Slot][m.Table] == m.ID {
		delete(o.tables[m.Slot], m.Table)
	}
}

func (o *occupancy) loadFixed(ctx context.Context, q db.Querier) error {
	rows, err := q.Query(ctx, `SELECT id, fixed_table FROM b2b_profiles WHERE programme_id = ? AND fixed_table > 0`, o.p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t int
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		o.fixed[id], o.fixedOwner[t] = t, id
	}
	return rows.Err()
}

func (o *occupancy) loadUnavailable(ctx context.Context, q db.Querier) error {
	rows, err := q.Query(ctx, `SELECT u.profile_id, u.slot FROM b2b_unavailable u
		JOIN b2b_profiles p ON p.id = u.profile_id WHERE p.programme_id = ?`, o.p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var slot int
		if err := rows.Scan(&id, &slot); err != nil {
			return err
		}
		if o.unavailable[id] == nil {
			o.unavailable[id] = map[int]bool{}
		}
		o.unavailable[id][slot] = true
	}
	return rows.Err()
}

// check reports why m cannot sit at table in slot, as a field error, or nil. m must have
// been removed from the grid first when it is being moved.
func (o *occupancy) check(m Meeting, slot, table int) error {
	switch {
	case slot < 0 || slot >= o.p.SlotCount():
		return fail.Fields{"slot": "b2b.schedule.error.slot_unknown"}
	case table < 1 || table > len(o.p.Tables):
		return fail.Fields{"table": "b2b.schedule.error.table_unknown"}
	}
	for _, pid := range m.Profiles {
		if o.unavailable[pid][slot] {
			return fail.Fields{"slot": "b2b.schedule.error.slot_unavailable"}
		}
		if _, busy := o.busy[pid][slot]; busy {
			return fail.Fields{"slot": "b2b.schedule.error.slot_busy"}
		}
		s := o.p.SessionOf(slot)
		if c := o.p.Sessions[s].MaxMeetings; c > 0 && o.perSession[pid] != nil && o.perSession[pid][s] >= c {
			return fail.Fields{"slot": "b2b.schedule.error.session_cap"}
		}
	}
	if _, taken := o.tables[slot][table]; taken {
		return fail.Fields{"table": "b2b.schedule.error.table_taken"}
	}
	if owner, ok := o.fixedOwner[table]; ok && !m.Has(owner) {
		return fail.Fields{"table": "b2b.schedule.error.table_reserved"}
	}
	// An exhibitor meets only at its own table, as the scheduler places it.
	if ft := o.fixedTableOf(m); ft > 0 && table != ft {
		return fail.Fields{"table": "b2b.schedule.error.table_fixed"}
	}
	return nil
}

// fixedTableOf is the fixed table m sits at: that of its first side with one, as in
// tableFor; 0 when it takes a table from the pool.
func (o *occupancy) fixedTableOf(m Meeting) int {
	for _, pid := range m.Profiles {
		if t := o.fixed[pid]; t > 0 {
			return t
		}
	}
	return 0
}

// tableFor returns the table m must sit at in slot: a side's fixed table, or else the
// lowest free table not reserved for anyone; 0 when there is none.
func (o *occupancy) tableFor(m Meeting, slot int) int {
	if t := o.fixedTableOf(m); t > 0 {
		return t
	}
	for t := 1; t <= len(o.p.Tables); t++ {
		if _, taken := o.tables[slot][t]; !taken {
			if _, reserved := o.fixedOwner[t]; !reserved {
				return t
			}
		}
	}
	return 0
}

// firstFree returns the first slot and table where m can sit, or ok false: instant mode's
// placement, and a hint for organisers moving a meeting by hand.
func (o *occupancy) firstFree(m Meeting) (slot, table int, ok bool) {
	for s := range o.p.SlotCount() {
		t := o.tableFor(m, s)
		if t > 0 && o.check(m, s, t) == nil {
			return s, t, true
		}
	}
	return -1, 0, false
}
