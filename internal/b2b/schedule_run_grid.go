package b2b

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
	"github.com/kopru-platform/kopru/internal/platform/db"
)

// The scheduler sees a programme as a schedule.Instance: its slots numbered across the
// sessions, the same number of tables in every slot, each session's cap, the participants
// of the live meetings with the slots they cannot meet in and their fixed tables, and
// every meeting with its priority and, when the organiser locked it, its place.
// Participants are "p" and meetings "m" followed by the database id.

// grid is what one run reads from the database: the programme, its live meetings and the
// occupancy (unavailable slots, fixed tables) they are checked against.
type grid struct {
	p        *Programme
	meetings []Meeting         // to schedule or keep, by id
	priority map[int64]int     // meeting → its request's priority
	kept     map[int64]bool    // locked meetings whose place still holds
	occ      *occupancy        // unavailable slots and fixed tables; the grid of the kept locks
	byID     map[int64]Meeting // meetings by id
}

// loadGrid reads the programme's live meetings: accepted requests whose meeting is not
// cancelled; held and no-show meetings only where they took place (they are facts, kept
// as locks).
func loadGrid(ctx context.Context, q db.Querier, p *Programme) (*grid, error) {
	all, err := queryMeetings(ctx, q, `m.programme_id = ? AND m.status <> ? AND r.status = ? ORDER BY m.id`,
		p.ID, MeetingCancelled, RequestAccepted)
	if err != nil {
		return nil, err
	}
	g := &grid{p: p, kept: map[int64]bool{}, byID: map[int64]Meeting{}}
	for _, m := range all {
		if m.Status == MeetingPlanned || m.Scheduled() {
			g.meetings = append(g.meetings, m)
			g.byID[m.ID] = m
		}
	}
	if g.priority, err = meetingPriorities(ctx, q, p.ID); err != nil {
		return nil, err
	}
	if g.occ, err = loadOccupancy(ctx, q, p); err != nil {
		return nil, err
	}
	g.keepLocks()
	return g, nil
}

// keepLocks empties the occupancy's grid and puts back the locked meetings one by one, each
// only if it still fits beside the ones before it: a participant may have marked a locked
// slot unavailable since, or the programme lost the slot or table. Such a lock is not kept
// and the run places the meeting afresh, rather than refusing to run at all.
func (g *grid) keepLocks() {
	o := g.occ
	o.busy, o.tables, o.perSession = map[int64]map[int]int64{}, map[int]map[int]int64{}, map[int64][]int{}
	for _, m := range g.meetings {
		if m.Scheduled() && (m.Locked || m.Status != MeetingPlanned) && o.check(m, m.Slot, m.Table) == nil {
			o.add(m)
			g.kept[m.ID] = true
		}
	}
}

// schedulable reports whether the run may place m: planned meetings only, the rest are
// kept where they took place or left alone.
func (g *grid) schedulable(m Meeting) bool { return m.Status == MeetingPlanned || g.kept[m.ID] }

func meetingPriorities(ctx context.Context, q db.Querier, programmeID int64) (map[int64]int, error) {
	rows, err := q.Query(ctx, `SELECT m.id, r.priority FROM b2b_meetings m JOIN b2b_requests r ON r.id = m.request_id
		WHERE m.programme_id = ?`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var prio int
		if err := rows.Scan(&id, &prio); err != nil {
			return nil, err
		}
		out[id] = prio
	}
	return out, rows.Err()
}

func participantID(profile int64) string { return "p" + strconv.FormatInt(profile, 10) }
func meetingID(id int64) string          { return "m" + strconv.FormatInt(id, 10) }

// parseID reads back a "p12" or "m7" id; 0 when it is not one of ours.
func parseID(s string) int64 {
	if len(s) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(s[1:], 10, 64)
	return id
}

// instance is the problem the grid poses; withLocks false leaves the locks out, for
// explaining a schedule edited by hand.
func (g *grid) instance(withLocks bool) *schedule.Instance {
	p := g.p
	in := &schedule.Instance{Slots: p.SlotCount(), Tables: schedule.UniformTables(len(p.Tables)),
		Participants: []schedule.Participant{}, Meetings: []schedule.Meeting{}}
	first := 0
	for _, s := range p.Sessions {
		in.Sessions = append(in.Sessions, schedule.Session{FirstSlot: first, Slots: s.Slots, MaxMeetings: s.MaxMeetings})
		first += s.Slots
	}
	var profiles []int64
	for _, m := range g.meetings {
		if !g.schedulable(m) {
			continue
		}
		sm := schedule.Meeting{ID: meetingID(m.ID), Participants: []string{participantID(m.Profiles[0]), participantID(m.Profiles[1])},
			Priority: g.priority[m.ID]}
		if withLocks && g.kept[m.ID] {
			sm.Locked = &schedule.Lock{Slot: m.Slot, Table: m.Table}
		}
		in.Meetings = append(in.Meetings, sm)
		profiles = append(profiles, m.Profiles[0], m.Profiles[1])
	}
	slices.Sort(profiles)
	for _, id := range slices.Compact(profiles) {
		in.Participants = append(in.Participants, g.participant(id, in.Slots))
	}
	return in
}

func (g *grid) participant(id int64, slots int) schedule.Participant {
	sp := schedule.Participant{ID: participantID(id), FixedTable: g.occ.fixed[id]}
	for s := range g.occ.unavailable[id] {
		if s >= 0 && s < slots {
			sp.Unavailable = append(sp.Unavailable, s)
		}
	}
	slices.Sort(sp.Unavailable)
	return sp
}

// fingerprint is the instance as bytes: a run solved outside the transaction may only be
// written if the instance read inside it is the same.
func (g *grid) fingerprint() string {
	b, err := json.Marshal(g.instance(true))
	if err != nil {
		panic(fmt.Sprintf("b2b: instance does not marshal: %v", err)) // plain structs always do
	}
	return string(b)
}

// current is the schedule as the database holds it, for Explain.
func (g *grid) current() *schedule.Schedule {
	sc := &schedule.Schedule{Scheduled: []schedule.Placement{}, Unscheduled: []string{}}
	for _, m := range g.meetings {
		switch {
		case !g.schedulable(m):
		case m.Scheduled():
			sc.Scheduled = append(sc.Scheduled, schedule.Placement{Meeting: meetingID(m.ID), Slot: m.Slot, Table: m.Table})
		default:
			sc.Unscheduled = append(sc.Unscheduled, meetingID(m.ID))
		}
	}
	return sc
}
