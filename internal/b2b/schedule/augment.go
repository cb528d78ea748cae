package schedule

import (
	"math/rand/v2"
	"time"
)

// augmenter looks for augmenting paths across slots: an unplaced meeting x0 enters a slot
// s0 where exactly one placed meeting x1 is in the way (it shares a participant with x0
// there, or the slot's tables are all taken); x1 moves on to a slot s1 where exactly one
// meeting x2 is in the way, and so on, until the last meeting finds a slot with room. The
// search is a breadth-first search over the meetings that would have to move, on the
// schedule as it stands; a path found is applied from its end backwards, each move
// checked, and undone whole if the moves interfere (the search looks at each move alone).
//
// As in Kuhn's matching algorithm, the marks of a search that found nothing are kept for
// the following searches until one succeeds: what one search could not reach from a dead
// end, the next need not explore again. This keeps a pass over all unplaced meetings
// close to one traversal of the meeting graph per meeting gained.
type augmenter struct {
	st       *state
	rng      *rand.Rand
	stamp    int
	seenM    []int // meeting → stamp when reached
	seenS    []int // slot → stamp when its full tables were opened up
	parentM  []int // meeting → the meeting that pushes it out (-1 at the root)
	parentS  []int // meeting → the slot the parent enters, taking its place
	leave    []int // meeting → the capped session it must move out of, or -1
	queue    []int
	blockers []int
	path     []int
	from     []int
	limit    int       // the most meetings one search may reach; 0: no limit
	deadline time.Time // passes stop here (zero: never)
}

func newAugmenter(st *state, rng *rand.Rand) *augmenter {
	n := len(st.p.parts)
	return &augmenter{st: st, rng: rng, stamp: 1,
		seenM: make([]int, n), seenS: make([]int, st.p.slots),
		parentM: make([]int, n), parentS: make([]int, n), leave: make([]int, n)}
}

// pass tries every unplaced meeting of the list once, in random order, and returns how
// many it placed.
func (a *augmenter) pass(unplaced []int) int {
	gained := 0
	order := append([]int(nil), unplaced...)
	a.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for i, m := range order {
		if a.late(i) {
			break
		}
		if a.st.slotOf[m] < 0 && a.augment(m) {
			gained++
			a.stamp++
		}
	}
	a.stamp++
	return gained
}

// augment searches a path for unplaced meeting m and applies it; false leaves the
// schedule as it was.
func (a *augmenter) augment(m int) bool {
	st, p := a.st, a.st.p
	for _, q := range p.parts[m] {
		if st.count[q] >= p.pcap[q] {
			return false // the meeting would need room under a cap, not only in a slot
		}
	}
	if a.seenM[m] == a.stamp {
		return false
	}
	a.seenM[m], a.parentM[m], a.leave[m] = a.stamp, -1, -1
	a.queue = append(a.queue[:0], m)
	for i := 0; i < len(a.queue); i++ {
		x := a.queue[i]
		if a.limit > 0 && i >= a.limit {
			break
		}
		for _, s := range p.usable[x] {
			if s == st.slotOf[x] || a.leave[x] >= 0 && p.sessOf[s] == a.leave[x] {
				continue
			}
			capped, ok := a.sessionCapped(x, s)
			if !ok || !a.blockersIn(x, s) {
				continue
			}
			if capped >= 0 {
				a.reachOutOfSession(x, s, capped)
				continue
			}
			switch len(a.blockers) {
			case 0:
				if p.mtable[x] > 0 || len(st.members[s]) < p.pool[s] {
					if a.apply(x, s) {
						return true
					}
					continue
				}
				// No participant clash but no free table: any movable meeting of the
				// slot may give up its table.
				if a.seenS[s] == a.stamp {
					continue
				}
				a.seenS[s] = a.stamp
				for _, y := range st.members[s] {
					a.reach(y, x, s)
				}
			case 1:
				a.reach(a.blockers[0], x, s)
			}
		}
	}
	return false
}

// blockersIn lists in a.blockers the meetings that share a participant with x in slot s;
// false when one of them is locked.
func (a *augmenter) blockersIn(x, s int) bool {
	st, p := a.st, a.st.p
	a.blockers = a.blockers[:0]
	for _, q := range p.parts[x] {
		b := st.busy[q*p.slots+s]
		if b < 0 || b == x {
			continue
		}
		if p.lockSlot[b] >= 0 {
			return false
		}
		dup := false
		for _, o := range a.blockers {
			dup = dup || o == b
		}
		if !dup {
			a.blockers = append(a.blockers, b)
		}
	}
	return true
}

// sessionCapped finds the participant of x that, with x moved into slot s, would go over
// its session cap there once the one meeting in its way in s (if any) has left: -1 when
// none, ok false when more than one. The move only shifts a meeting within a session when
// x or that meeting is already in it.
func (a *augmenter) sessionCapped(x, s int) (q int, ok bool) {
	st, p := a.st, a.st.p
	g := p.sessOf[s]
	if g < 0 {
		return -1, true
	}
	q = -1
	for _, r := range p.parts[x] {
		n := st.scount[r*len(p.sessCap)+g]
		if from := st.slotOf[x]; from >= 0 && p.sessOf[from] == g {
			n--
		}
		if b := st.busy[r*p.slots+s]; b >= 0 && b != x {
			n--
		}
		if n >= p.sessCap[g] {
			if q >= 0 {
				return -1, false
			}
			q = r
		}
	}
	return q, true
}

// reachOutOfSession handles x entering slot s where participant q is at the cap of the
// slot's session: when nothing else is in the way, any of q's meetings in that session
// may make room by moving out of it.
func (a *augmenter) reachOutOfSession(x, s, q int) {
	st, p := a.st, a.st.p
	if len(a.blockers) > 0 || p.mtable[x] == 0 && len(st.members[s]) >= p.pool[s] {
		return
	}
	g := p.sessOf[s]
	for _, y := range st.sessionMeetings(q, g) {
		if a.seenM[y] != a.stamp && p.lockSlot[y] < 0 {
			a.seenM[y], a.parentM[y], a.parentS[y], a.leave[y] = a.stamp, x, s, g
			a.queue = append(a.queue, y)
		}
	}
}

func (a *augmenter) reach(y, x, s int) {
	if a.seenM[y] == a.stamp || a.st.p.lockSlot[y] >= 0 {
		return
	}
	a.seenM[y], a.parentM[y], a.parentS[y], a.leave[y] = a.stamp, x, s, -1
	a.queue = append(a.queue, y)
}

// apply moves the last meeting x into slot s and every meeting on the path into the slot
// its successor left, from the end backwards; if a move does not fit (two moves of the
// path touch the same participant and slot), every meeting goes back where it was.
func (a *augmenter) apply(x, s int) bool {
	st := a.st
	a.path, a.from = a.path[:0], a.from[:0]
	for y, t := x, s; ; {
		a.path = append(a.path, y, t)
		a.from = append(a.from, st.slotOf[y])
		if a.parentM[y] < 0 {
			break
		}
		y, t = a.parentM[y], a.parentS[y]
	}
	for i := 0; i < len(a.path); i += 2 {
		y, t := a.path[i], a.path[i+1]
		if st.slotOf[y] >= 0 {
			st.remove(y)
		}
		if !st.fits(y, t) {
			for j := 0; j < len(a.path); j += 2 {
				if z := a.path[j]; st.slotOf[z] >= 0 {
					st.remove(z)
				}
			}
			for j, f := range a.from {
				if f >= 0 {
					st.place(a.path[2*j], f)
				}
			}
			return false
		}
		st.place(y, t)
	}
	return true
}

// capPass tries, for every unplaced meeting held back by exactly one participant at its
// cap, an alternating path of the degree-constrained kind: the meeting takes the slot of
// one of that participant's meetings, which leaves the schedule and so frees a place
// under the cap of its other participants; an unplaced meeting of one of those is then
// placed by a short slot search. Each success gains one meeting; a failed try is undone.
// It returns the meetings gained.
func (a *augmenter) capPass(unplaced []int) int {
	gained := 0
	order := append([]int(nil), unplaced...)
	a.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	a.limit = 64
	defer func() { a.limit = 0 }()
	for i, m := range order {
		if a.late(i) {
			break
		}
		if a.st.slotOf[m] < 0 && a.capSwap(m, capDepth) {
			gained++
		}
	}
	return gained
}

func (a *augmenter) capSwap(m, depth int) bool {
	st, p := a.st, a.st.p
	full := -1
	for _, q := range p.parts[m] {
		if st.count[q] >= p.pcap[q] || st.sessionsFull(m, q) {
			if full >= 0 {
				return false
			}
			full = q
		}
	}
	if full >= 0 {
		return a.swapVia(m, full, depth)
	}
	// No cap holds m back, so its participants' slots do: try each as the one that gives
	// up a meeting.
	for _, q := range p.parts[m] {
		if a.swapVia(m, q, depth) {
			return true
		}
	}
	return false
}

// swapVia drops one of full's meetings at a time for m, keeping the change only when a
// meeting of the dropped one's other participants can then be placed.
func (a *augmenter) swapVia(m, full, depth int) bool {
	st, p := a.st, a.st.p
	for _, y := range append([]int(nil), st.partMeetings(full)...) {
		s := st.slotOf[y]
		if p.lockSlot[y] >= 0 || a.late(0) {
			continue
		}
		st.remove(y)
		// m goes where y was, or anywhere a short slot search finds; moved and from
		// remember what to undo.
		var moved, from []int
		if slicesContains(p.usable[m], s) && st.fits(m, s) {
			st.place(m, s)
			moved, from = append(moved, m), append(from, -1)
		} else {
			a.stamp++
			if !a.augment(m) {
				st.place(y, s)
				continue
			}
			for i := 0; i < len(a.path); i += 2 {
				moved = append(moved, a.path[i])
			}
			from = append(from, a.from...)
		}
		if a.placePartner(y, full, depth) {
			a.stamp++
			return true
		}
		for _, x := range moved {
			st.remove(x)
		}
		for i, x := range moved {
			if f := from[i]; f >= 0 {
				st.place(x, f)
			}
		}
		st.place(y, s)
	}
	return false
}

// capDepth is how many held-back participants one alternating path may pass through;
// with 2, a partner's unplaced meeting that is itself held back is tried by a swap of its
// own (on the generated forums and the small CBC ones this measured better than 1).
const capDepth = 2

// placePartner places, by a short slot search, an unplaced meeting of one of y's
// participants other than full; one held back by a cap of its own continues the
// alternating path there while depth lasts.
func (a *augmenter) placePartner(y, full, depth int) bool {
	st, p := a.st, a.st.p
	for _, c := range p.parts[y] {
		if c == full {
			continue
		}
		for _, z := range p.byPart[c] {
			if z == y || st.slotOf[z] >= 0 || len(p.usable[z]) == 0 {
				continue
			}
			a.stamp++
			if a.augment(z) || depth > 1 && a.st.slotOf[z] < 0 && a.capSwap(z, depth-1) {
				return true
			}
		}
	}
	return false
}

func slicesContains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// late reports, every fourth try and at the first (a pass started after the deadline
// must not run four full searches), whether the deadline has passed.
func (a *augmenter) late(i int) bool {
	return i&3 == 0 && !a.deadline.IsZero() && time.Now().After(a.deadline)
}
