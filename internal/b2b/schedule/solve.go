package schedule

import (
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"time"
)

// DefaultTimeLimit bounds a run whose instance gives no time_limit_ms.
const DefaultTimeLimit = time.Second

// Solve checks the instance and returns the best schedule it finds together with a proven
// upper bound. The error is a description of what is wrong with the instance.
func Solve(in *Instance) (*Schedule, error) {
	start := time.Now()
	p, err := compile(in)
	if err != nil {
		return nil, err
	}
	limit := DefaultTimeLimit
	if in.TimeLimitMS > 0 {
		limit = time.Duration(in.TimeLimitMS) * time.Millisecond
	}
	st := newState(p)
	greedy(st)
	bound := startBound(p, st.slotOf)
	aug := newAugmenter(st, newRand(p))
	aug.deadline = start.Add(limit)
	for !bound.reached(st.placed) {
		gained := aug.pass(unplacedUsable(st))
		if bound.reached(st.placed) {
			break
		}
		if gained+aug.capPass(unplacedUsable(st)) == 0 {
			break
		}
	}
	iters := 0
	if ub, known := bound.poll(); !known || st.placed < ub {
		iters = improve(st, bound, start.Add(limit))
	}
	fillGaps(st)
	ub := bound.wait(start.Add(limit + limit/20))
	out := p.output(st, ub)
	out.Reasons = explain(st)
	out.Stats = Stats{ElapsedMS: time.Since(start).Milliseconds(), Iterations: iters, Priority: st.prio}
	return out, nil
}

// fillGaps places every unplaced meeting that fits somewhere as things stand. The passes
// leave none such unless the time limit cut them short, but the reasons given for
// unplaced meetings then never have to say "it would have fitted".
func fillGaps(st *state) {
	for m, s := range st.slotOf {
		if s >= 0 {
			continue
		}
		for _, t := range st.p.usable[m] {
			if st.fits(m, t) {
				st.place(m, t)
				break
			}
		}
	}
}

// greedy places the most constrained meetings first (fewest usable slots, then highest
// priority), each into the emptiest slot that takes it, so that flexible meetings are
// left for the gaps. Under session caps, over-subscribed participants decide most of
// what can be placed, so meetings whose participants are over-subscribed least go first:
// a meeting between two of them spends two scarce places for one meeting. (Measured on
// the generated forums: with caps of 5 per 8-slot session this start places 700 more,
// without session caps it ends a few meetings lower, so it is used only with them.)
func greedy(st *state) {
	p := st.p
	order := make([]int, 0, len(p.parts))
	for m := range p.parts {
		if st.slotOf[m] < 0 && len(p.usable[m]) > 0 {
			order = append(order, m)
		}
	}
	excess := make([]int, len(p.parts))
	if len(p.sessCap) > 0 {
		excess = overSubscription(p)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if d := excess[a] - excess[b]; d != 0 {
			return d
		}
		if d := len(p.usable[a]) - len(p.usable[b]); d != 0 {
			return d
		}
		return p.prio[b] - p.prio[a]
	})
	for _, m := range order {
		best, bestFill := -1, 0.0
		for _, s := range p.usable[m] {
			if fill := st.fill(m, s); (best < 0 || fill < bestFill) && st.fits(m, s) {
				best, bestFill = s, fill
			}
		}
		if best >= 0 {
			st.place(m, best)
		}
	}
}

// overSubscription gives per meeting the sum, over its participants, of how many meetings
// each must lose in percent of the most it can have (see participantLimits).
func overSubscription(p *problem) []int {
	deg := make([]int, len(p.pcap))
	for m, u := range p.usable {
		for _, q := range p.parts[m] {
			if len(u) > 0 {
				deg[q]++
			}
		}
	}
	limit := participantLimits(p, deg)
	out := make([]int, len(p.parts))
	for m := range p.parts {
		for _, q := range p.parts[m] {
			out[m] += 100 * (deg[q] - limit[q]) / max(limit[q], 1)
		}
	}
	return out
}

// fill is how taken slot s is for meeting m: the share of the pool in use, plus, under
// session caps, the share of the cap its participants have used in that session, so that
// meetings spread over the sessions and a busy participant keeps room in each.
func (st *state) fill(m, s int) float64 {
	p := st.p
	fill := float64(len(st.members[s])) / float64(max(p.pool[s], 1))
	if g := p.sessOf[s]; g >= 0 {
		for _, q := range p.parts[m] {
			fill += float64(st.scount[q*len(p.sessCap)+g]) / float64(p.sessCap[g])
		}
	}
	return fill
}

// asyncBoundMeetings is the size from which the slot-flow bound is computed on a second
// core while the search runs. Such runs are cut by the time limit anyway, so they are not
// deterministic; when the bound arrives decides only how soon a run that reaches it stops.
// Smaller instances compute it first and stay deterministic.
const asyncBoundMeetings = 5000

// pendingBound is the proven upper bound, possibly still being computed: the cheap
// relaxations are known at once, the slot flow may follow from a goroutine.
type pendingBound struct {
	ch    chan int
	stop  atomic.Bool
	val   int
	known bool
}

// startBound computes the bound from a copy of the start schedule, the slot flow in the
// background for large instances.
func startBound(p *problem, start []int) *pendingBound {
	b := &pendingBound{ch: make(chan int, 1)}
	if len(p.parts) < asyncBoundMeetings {
		b.val, b.known = upperBound(p, start), true
		return b
	}
	cheap, deg, limit := cheapBound(p)
	b.val = cheap
	if cheap == 0 {
		b.known = true
		return b
	}
	start = slices.Clone(start)
	go func() {
		flow, ok := flowBound(p, deg, limit, start, &b.stop)
		if !ok {
			flow = cheap
		}
		b.ch <- min(cheap, flow)
	}()
	return b
}

// poll returns the bound if it is known by now.
func (b *pendingBound) poll() (int, bool) {
	if !b.known {
		select {
		case b.val = <-b.ch:
			b.known = true
		default:
		}
	}
	return b.val, b.known
}

// reached reports whether the bound is known and placed meets it (no pass can then gain).
func (b *pendingBound) reached(placed int) bool {
	ub, known := b.poll()
	return known && placed >= ub
}

// wait returns the bound, waiting for the slot flow until the given time; after that it
// stops the flow and settles for the cheap relaxations, which are just as proven, only
// looser (on loaded machines the goroutine may get too little of a core).
func (b *pendingBound) wait(until time.Time) int {
	if b.known {
		return b.val
	}
	timer := time.NewTimer(time.Until(until))
	defer timer.Stop()
	select {
	case b.val = <-b.ch:
	case <-timer.C:
		b.stop.Store(true)
	}
	b.known = true
	return b.val
}

// newRand is the generator of a run, seeded by the instance size so that a run that ends
// before its time limit is deterministic.
func newRand(p *problem) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(len(p.parts)), uint64(len(p.pcap))<<16|uint64(p.slots)))
}

// unplacedUsable lists the unplaced meetings that have a usable slot.
func unplacedUsable(st *state) []int {
	var out []int
	for m, s := range st.slotOf {
		if s < 0 && len(st.p.usable[m]) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// search holds the ejection-chain local search: an unplaced meeting moves into the slot
// where it evicts the least (by count, then priority), the evicted meetings join the
// queue, and a tabu list stops a meeting from returning at once to a slot it was evicted
// from, which would undo the move.
type search struct {
	st       *state
	rng      *rand.Rand
	queue    []int // unplaced meetings that have a usable slot
	qpos     []int // meeting → index in queue or -1
	tabu     []int // meeting*slots+slot → first iteration it may enter again
	weight   []int // meeting → how often it was picked while unplaced (breakout weights)
	next     int   // the meeting last evicted, or -1
	iter     int
	evict    []int // scratch: meetings a move would evict
	bestEvic []int
}

// augmentEvery is how often (in iterations) the search looks for augmenting paths for all
// the meetings it has not placed.
const augmentEvery = 2048

// evictWeight makes one evicted meeting cost more than any difference in priority.
const evictWeight = 1 << 24

func improve(st *state, bound *pendingBound, deadline time.Time) int {
	p := st.p
	sr := &search{
		st:     st,
		rng:    newRand(p),
		qpos:   make([]int, len(p.parts)),
		tabu:   make([]int, len(p.parts)*p.slots),
		weight: make([]int, len(p.parts)),
		next:   -1,
	}
	for m := range p.parts {
		sr.qpos[m] = -1
		if st.slotOf[m] < 0 && len(p.usable[m]) > 0 {
			sr.enqueue(m)
		}
	}
	aug := newAugmenter(st, sr.rng)
	aug.deadline = deadline
	best := slices.Clone(st.slotOf)
	bestPlaced, bestPrio := st.placed, st.prio
	budget := 1000*len(p.parts) + 20000
	stall, lastGain := 10*len(p.parts)+1000, 0
	for sr.iter = 1; sr.iter <= budget && len(sr.queue) > 0; sr.iter++ {
		if sr.iter&15 == 1 && time.Now().After(deadline) {
			break
		}
		if sr.iter%augmentEvery == 0 && aug.pass(sr.queue)+aug.capPass(sr.queue) > 0 {
			sr.rebuildQueue()
		}
		// Mostly follow the chain (the meeting just evicted looks for a new place), but
		// sometimes start a new one so the search does not circle.
		m := sr.next
		if m < 0 || sr.qpos[m] < 0 || sr.rng.IntN(10) == 0 {
			m = sr.queue[sr.rng.IntN(len(sr.queue))]
		}
		sr.next = -1
		if sr.iter-lastGain > stall {
			// Stuck on a plateau: go back to the best schedule and shake part of it.
			st.restore(best)
			sr.rebuildQueue()
			sr.perturb()
			lastGain = sr.iter
			continue
		}
		sr.weight[m]++ // m waited again: evicting it later should cost more
		sr.step(m, bestPlaced)
		if better(st.placed, st.prio, bestPlaced, bestPrio) {
			copy(best, st.slotOf)
			bestPlaced, bestPrio = st.placed, st.prio
			lastGain = sr.iter
			if ub, known := bound.poll(); known && bestPlaced == ub && !sr.priorityMayRise() {
				break
			}
		}
	}
	st.restore(best)
	return sr.iter
}

// rebuildQueue lists the unplaced meetings again after a restore.
func (sr *search) rebuildQueue() {
	for _, m := range sr.queue {
		sr.qpos[m] = -1
	}
	sr.queue = sr.queue[:0]
	for m, s := range sr.st.slotOf {
		if s < 0 && len(sr.st.p.usable[m]) > 0 {
			sr.enqueue(m)
		}
	}
}

// perturb unplaces one movable meeting in ten at random and lets the unplaced meetings,
// in random order, take any free place; the search then repairs from there.
func (sr *search) perturb() {
	st := sr.st
	for m, s := range st.slotOf {
		if s >= 0 && st.p.lockSlot[m] < 0 && sr.rng.IntN(10) == 0 {
			st.remove(m)
			sr.enqueue(m)
		}
	}
	for _, i := range sr.rng.Perm(len(sr.queue)) {
		if i < len(sr.queue) {
			if m := sr.queue[i]; sr.resettle(m) {
				sr.dequeue(m)
			}
		}
	}
}

func (sr *search) enqueue(m int) {
	sr.qpos[m] = len(sr.queue)
	sr.queue = append(sr.queue, m)
}

func (sr *search) dequeue(m int) {
	i, last := sr.qpos[m], sr.queue[len(sr.queue)-1]
	sr.queue[i], sr.qpos[last] = last, i
	sr.queue = sr.queue[:len(sr.queue)-1]
	sr.qpos[m] = -1
}

// step moves m into its cheapest slot, evicting what clashes there.
func (sr *search) step(m, bestPlaced int) {
	st, p := sr.st, sr.st.p
	bestSlot, bestCost := -1, 0
	for _, s := range p.usable[m] {
		cost, ok := sr.evictions(m, s)
		if !ok {
			continue
		}
		tabu := sr.tabu[m*p.slots+s] > sr.iter
		if tabu && st.placed+1-len(sr.evict) <= bestPlaced {
			continue // tabu, and not a new best either
		}
		cost = cost*8 + sr.rng.IntN(8) // random tie-break among equal costs
		if bestSlot < 0 || cost < bestCost {
			bestSlot, bestCost = s, cost
			sr.bestEvic = append(sr.bestEvic[:0], sr.evict...)
		}
	}
	if bestSlot < 0 {
		return
	}
	// Evicting two or more to place one loses ground; allow it rarely so the search can
	// leave a plateau, but mostly wait for a cheaper chance.
	if len(sr.bestEvic) > 1 && sr.rng.IntN(len(sr.bestEvic)*4) != 0 {
		return
	}
	sr.weight[m] = 0
	for _, e := range sr.bestEvic {
		from := st.slotOf[e]
		st.remove(e)
		sr.tabu[e*p.slots+from] = sr.iter + 10 + sr.rng.IntN(10+len(sr.queue)/4)
	}
	sr.dequeue(m)
	st.place(m, bestSlot)
	for _, e := range sr.bestEvic {
		if !sr.resettle(e) {
			sr.enqueue(e)
			sr.next = e
		}
	}
}

// evictions lists in sr.evict what must leave for m to enter slot s and returns the cost;
// ok is false when a locked meeting is in the way.
func (sr *search) evictions(m, s int) (cost int, ok bool) {
	st, p := sr.st, sr.st.p
	sr.evict = sr.evict[:0]
	for _, q := range p.parts[m] {
		if e := st.busy[q*p.slots+s]; e >= 0 && !slices.Contains(sr.evict, e) {
			if p.lockSlot[e] >= 0 {
				return 0, false
			}
			sr.evict = append(sr.evict, e)
		}
	}
	for _, q := range p.parts[m] {
		if st.count[q]-sr.countWith(q, -1)+1 > p.pcap[q] && !sr.evictOne(st.partMeetings(q), s) {
			return 0, false
		}
		if g := p.sessOf[s]; g >= 0 && st.scount[q*len(p.sessCap)+g]-sr.countWith(q, g)+1 > p.sessCap[g] &&
			!sr.evictOne(st.sessionMeetings(q, g), s) {
			return 0, false
		}
	}
	if p.mtable[m] == 0 && len(st.members[s])-sr.poolLeaving(s)+1 > p.pool[s] && !sr.evictOne(st.members[s], s) {
		return 0, false
	}
	for _, e := range sr.evict {
		if sr.hasFreeSlot(e, s) {
			// e can move on at once: the move is one link of an exchange chain that
			// places one more meeting, so it costs almost nothing.
			cost += 1 + p.prio[e]
			continue
		}
		cost += evictWeight*(1+sr.weight[e]) + p.prio[e]
	}
	return cost, true
}

// evictOne marks the cheapest meeting of list for eviction; false when none can leave.
func (sr *search) evictOne(list []int, s int) bool {
	e := sr.cheapest(list, s)
	if e >= 0 {
		sr.evict = append(sr.evict, e)
	}
	return e >= 0
}

// poolLeaving counts the meetings marked for eviction that hold a pool table in slot s.
func (sr *search) poolLeaving(s int) int {
	n := 0
	for _, e := range sr.evict {
		if sr.st.slotOf[e] == s && sr.st.p.mtable[e] == 0 {
			n++
		}
	}
	return n
}

// hasFreeSlot reports whether meeting e could sit in another usable slot than s as things
// stand.
func (sr *search) hasFreeSlot(e, s int) bool {
	for _, t := range sr.st.p.usable[e] {
		if t != s && sr.st.slotOf[e] != t && sr.st.fits(e, t) {
			return true
		}
	}
	return false
}

// resettle puts an evicted meeting straight into the emptiest slot that takes it.
func (sr *search) resettle(e int) bool {
	st := sr.st
	best, bestLoad := -1, 0
	for _, t := range st.p.usable[e] {
		if load := len(st.members[t]); st.fits(e, t) && (best < 0 || load < bestLoad) {
			best, bestLoad = t, load
		}
	}
	if best < 0 {
		return false
	}
	st.place(e, best)
	return true
}

// countWith counts the meetings already marked for eviction that include participant q
// and sit in capped session g (any slot when g is -1).
func (sr *search) countWith(q, g int) int {
	st, n := sr.st, 0
	for _, e := range sr.evict {
		if (g < 0 || st.p.sessOf[st.slotOf[e]] == g) && slices.Contains(st.p.parts[e], q) {
			n++
		}
	}
	return n
}

// cheapest picks, from a few random candidates not yet marked and not locked, the one
// that could move on to another free slot at once, then the one of lowest priority.
func (sr *search) cheapest(list []int, s int) int {
	p := sr.st.p
	best, bestFree := -1, false
	for try := 0; try < 8 && len(list) > 0; try++ {
		e := list[sr.rng.IntN(len(list))]
		if p.lockSlot[e] >= 0 || slices.Contains(sr.evict, e) {
			continue
		}
		free := sr.hasFreeSlot(e, s)
		if best < 0 || free && !bestFree || free == bestFree && p.prio[e] < p.prio[best] {
			best, bestFree = e, free
		}
	}
	if best < 0 { // the samples were all locked or marked: scan in order
		for _, e := range list {
			if p.lockSlot[e] < 0 && !slices.Contains(sr.evict, e) {
				return e
			}
		}
	}
	return best
}

// priorityMayRise reports whether some unplaced meeting outranks a movable placed one, the
// only way the total priority could still grow once the count meets the bound.
func (sr *search) priorityMayRise() bool {
	p := sr.st.p
	top := -1
	for _, m := range sr.queue {
		top = max(top, p.prio[m])
	}
	for m, s := range sr.st.slotOf {
		if s >= 0 && p.lockSlot[m] < 0 && p.prio[m] < top {
			return true
		}
	}
	return false
}
