package match

import "math"

// solver is the min-cost flow behind Assign (see the package comment for why this
// method). It is written for two sides, so that Assign can add units on whichever side
// is scarcer: left nodes each need some units (a student one, a mentor its free places),
// right nodes take up to their capacity (a mentor its free places, a student one). A unit
// goes either along a candidate arc (cost top − points, so cheaper is better; at most one
// unit per left–right pair) or to a "nobody" node (cost empty, more than all pair costs of
// the term together, so that leaving a unit out never pays for better pairs elsewhere:
// the number of pairs comes first).
//
// Units are added one at a time. Adding one from left node L routes it along a shortest
// path in the residual network, found by Dijkstra on costs made non-negative by node
// potentials: L → right node → a left node with a unit there, which moves → another right
// node → … → a right node with room, or → nobody. After each step the routing is the
// cheapest one of the units added so far (the invariant of successive shortest paths), so
// after the last it is optimal. The search stops once no unsettled node is nearer than the
// best end found (a node with room counts as an end as soon as it is reached); nodes
// settled before it get their potential lowered by (end − distance), which keeps every
// residual reduced cost non-negative while touching only the nodes the search reached.
// Potentials start at 0 and only go down; a right node with room always has potential 0.
//
// Why add on the scarcer side: every search ends at the nearest node with room.
// When students outnumber free places, adding students means every late student must
// search far for someone to displace, while adding places finds an unmatched student at
// once; and the other way round.
//
// Nodes: left L is L, right R is nl+R, nobody is nl+nr.
type solver struct {
	nl, nr int

	// Candidate arcs of each left node in compressed rows: L's are first[L]:first[L+1].
	first     []int32
	arcTo     []int32 // right index
	arcPoints []int32
	top       int64 // the highest points of any arc
	empty     int64 // the cost of a unit routed to nobody

	capacity []int32 // right → room left

	// Units routed so far. A unit keeps its left node; its right node changes as paths
	// move it.
	unitLeft, unitRight []int32 // unitRight is nr for nobody
	unitCost            []int64
	unitPos             []int32   // the unit's index in members[unitRight]
	unitsOf             [][]int32 // left → its units
	members             [][]int32 // right (and nobody, nr) → units routed there

	pot []int64 // node potentials

	// Scratch of one search.
	end     int32 // the best end found so far: a right node with room, or nobody
	best    int64 // its distance
	dist    []int64
	via     []int32 // node → the node the shortest path came from
	viaUnit []int32 // left node → the unit it was entered by (−1: the root)
	viaCost []int64 // right node → the cost of the arc the path entered by
	done    []bool
	touched []int32
	queue   minHeap
}

// newSolver takes the candidate arcs in rows per left node (first, arcTo, arcPoints) and
// the right nodes' capacities.
func newSolver(first, arcTo, arcPoints []int32, capacity []int32) *solver {
	nl, nr := len(first)-1, len(capacity)
	g := &solver{nl: nl, nr: nr, first: first, arcTo: arcTo, arcPoints: arcPoints,
		capacity: capacity, unitsOf: make([][]int32, nl), members: make([][]int32, nr+1)}
	for _, p := range arcPoints {
		g.top = max(g.top, int64(p))
	}
	g.empty = g.top*int64(max(nl, nr)+1) + 1 // no assignment has more pairs than nodes on a side
	nodes := nl + nr + 1
	g.pot = make([]int64, nodes)
	g.dist = make([]int64, nodes)
	g.via = make([]int32, nodes)
	g.viaUnit = make([]int32, nodes)
	g.viaCost = make([]int64, nodes)
	g.done = make([]bool, nodes)
	for v := range g.dist {
		g.dist[v] = math.MaxInt64
	}
	return g
}

// add routes one more unit of left node root by one shortest augmenting path.
func (g *solver) add(root int) {
	g.end, g.best = -1, math.MaxInt64
	g.reach(int32(root), 0, -1, -1, 0)
	for g.queue.len() > 0 {
		d, v := g.queue.pop()
		if g.done[v] || d > g.dist[v] {
			continue // a stale entry
		}
		if d >= g.best {
			break // the end is settled: nothing left can give a shorter path
		}
		g.done[v] = true
		if int(v) < g.nl {
			g.fromLeft(v, d)
			continue
		}
		// A right node without room: one of the units there may move on.
		for _, u := range g.members[int(v)-g.nl] {
			l := g.unitLeft[u]
			g.reach(l, d-g.unitCost[u]+g.pot[v]-g.pot[l], v, u, 0)
		}
	}
	g.augment(g.end)
	for _, v := range g.touched {
		if g.done[v] {
			g.pot[v] += g.dist[v] - g.best
		}
		g.dist[v], g.done[v] = math.MaxInt64, false
	}
	g.touched = g.touched[:0]
	g.queue.clear()
}

// fromLeft relaxes the arcs out of left node l: to the right nodes it has no unit at yet,
// and to nobody.
func (g *solver) fromLeft(l int32, d int64) {
	for a := g.first[l]; a < g.first[l+1]; a++ {
		r := g.arcTo[a]
		if g.routed(l, r) {
			continue
		}
		c := g.top - int64(g.arcPoints[a])
		v := int32(g.nl) + r
		if nd := d + c + g.pot[l] - g.pot[v]; nd < g.best {
			g.reach(v, nd, l, -1, c)
		}
	}
	v := int32(g.nl + g.nr)
	if nd := d + g.empty + g.pot[l] - g.pot[v]; nd < g.best {
		g.reach(v, nd, l, -1, g.empty)
	}
}

// routed reports whether left node l has a unit at right node r (a left node has a
// handful of units at most: a mentor's free places). A pair carries at most one unit;
// in the two ways Assign uses the solver (one unit per left node, or room one per right
// node) a second unit on a pair could never reach room anyway, so the check only keeps
// the search from wandering there, but it keeps the rule explicit.
func (g *solver) routed(l, r int32) bool {
	for _, u := range g.unitsOf[l] {
		if g.unitRight[u] == r {
			return true
		}
	}
	return false
}

func (g *solver) reach(v int32, d int64, from, unit int32, cost int64) {
	if d >= g.dist[v] {
		return
	}
	if g.dist[v] == math.MaxInt64 {
		g.touched = append(g.touched, v)
	}
	g.dist[v], g.via[v], g.viaUnit[v], g.viaCost[v] = d, from, unit, cost
	if r := int(v) - g.nl; r >= 0 && (r == g.nr || g.capacity[r] > 0) {
		// A node with room is an end. Taking it as soon as it is reached (its arc to the
		// sink costs 0, and its potential is 0) rather than when it is settled ends the
		// search at once when many pairs tie, as when profiles are alike.
		if d < g.best {
			g.end, g.best = v, d
		}
		return
	}
	g.queue.push(d, v)
}

// augment walks the path back from its end: each unit on it moves on to the next right
// node, and the root gets a new unit; the end loses one place of room.
func (g *solver) augment(end int32) {
	if r := int(end) - g.nl; r < g.nr {
		g.capacity[r]--
	}
	for v := end; ; {
		l := g.via[v]
		r := int32(int(v) - g.nl)
		u := g.viaUnit[l]
		if u < 0 {
			g.newUnit(l, r, g.viaCost[v])
			return
		}
		from := g.unitRight[u]
		g.moveUnit(u, r, g.viaCost[v])
		v = int32(g.nl) + from
	}
}

func (g *solver) newUnit(l, r int32, cost int64) {
	u := int32(len(g.unitLeft))
	g.unitLeft = append(g.unitLeft, l)
	g.unitRight = append(g.unitRight, r)
	g.unitCost = append(g.unitCost, cost)
	g.unitPos = append(g.unitPos, int32(len(g.members[r])))
	g.members[r] = append(g.members[r], u)
	g.unitsOf[l] = append(g.unitsOf[l], u)
}

func (g *solver) moveUnit(u, r int32, cost int64) {
	list := g.members[g.unitRight[u]]
	last := list[len(list)-1]
	list[g.unitPos[u]] = last
	g.unitPos[last] = g.unitPos[u]
	g.members[g.unitRight[u]] = list[:len(list)-1]
	g.unitRight[u], g.unitCost[u], g.unitPos[u] = r, cost, int32(len(g.members[r]))
	g.members[r] = append(g.members[r], u)
}

// addGreedily routes one more unit of left node l to its best right node with room
// (used only once the deadline has passed).
func (g *solver) addGreedily(l int) {
	bestArc := int32(-1)
	for a := g.first[l]; a < g.first[l+1]; a++ {
		r := g.arcTo[a]
		if g.capacity[r] > 0 && !g.routed(int32(l), r) && (bestArc < 0 || g.arcPoints[a] > g.arcPoints[bestArc]) {
			bestArc = a
		}
	}
	if bestArc < 0 {
		g.newUnit(int32(l), int32(g.nr), g.empty)
		return
	}
	r := g.arcTo[bestArc]
	g.capacity[r]--
	g.newUnit(int32(l), r, g.top-int64(g.arcPoints[bestArc]))
}

// minHeap is a binary heap of (distance, node), smaller node first on equal distance so
// that the search, and so the result, is deterministic.
type minHeap struct{ items []heapItem }

type heapItem struct {
	d int64
	v int32
}

func (h *minHeap) len() int { return len(h.items) }
func (h *minHeap) clear()   { h.items = h.items[:0] }

func (h *minHeap) less(a, b int) bool {
	x, y := h.items[a], h.items[b]
	return x.d < y.d || x.d == y.d && x.v < y.v
}

func (h *minHeap) push(d int64, v int32) {
	h.items = append(h.items, heapItem{d, v})
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *minHeap) pop() (int64, int32) {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		l, s := 2*i+1, i
		if l < last && h.less(l, s) {
			s = l
		}
		if l+1 < last && h.less(l+1, s) {
			s = l + 1
		}
		if s == i {
			break
		}
		h.items[i], h.items[s] = h.items[s], h.items[i]
		i = s
	}
	return top.d, top.v
}
