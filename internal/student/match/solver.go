package match

import "math"

// solver is the min-cost flow behind Assign (see the package comment for why this
// method). The network: every student is routed either to one of its candidate mentors
// (cost top − points, so that a lower cost is a better pair) or to a "nobody" node (cost
// unmatched, larger than any n pair costs together, so that leaving a student out never
// pays for better pairs elsewhere: more students matched comes first); a mentor takes at
// most its free places, nobody takes any number.
//
// Students are added one at a time. Adding student i routes it along a shortest path in
// the residual network, found by Dijkstra on costs made non-negative by node potentials:
// i → mentor → a student already there → another mentor → … → a mentor with a free
// place, or → nobody. After each step the routing is the cheapest one of the students
// added so far (the invariant of successive shortest paths), so after the last it is
// optimal. The search stops as soon as the end is settled; nodes settled before it get
// their potential lowered by (end − distance), which keeps every residual reduced cost
// non-negative while touching only the nodes the search reached.
//
// Nodes: student j is j, mentor k is n+k, nobody is n+m.
type solver struct {
	n, m int

	// Candidate arcs in compressed rows: student j's are first[j]:first[j+1].
	first     []int32
	arcMentor []int32
	arcPoints []int32
	top       int64 // the highest points of any arc
	unmatched int64 // the cost of routing a student to nobody

	free    []int32   // mentor → places left
	at      []int32   // student → mentor index, m for nobody, -1 not added yet
	atCost  []int64   // student → cost of its current route
	members [][]int32 // mentor index (or m) → students routed there
	slot    []int32   // student → its index in members[at]
	pot     []int64   // node potentials, never above 0

	// Scratch of one search.
	dist    []int64
	via     []int32 // node → node the shortest path came from
	viaCost []int64 // mentor or nobody node → cost of the arc the path entered by
	done    []bool
	touched []int32
	queue   minHeap
}

func newSolver(students []Student, mentors []Mentor) *solver {
	n, m := len(students), len(mentors)
	g := &solver{n: n, m: m, first: make([]int32, n+1), free: make([]int32, m),
		at: make([]int32, n), atCost: make([]int64, n), members: make([][]int32, m+1),
		slot: make([]int32, n)}
	dict := dictionary{}
	mp := make([]profile, m)
	for k, mt := range mentors {
		mp[k] = dict.mentor(mt)
		g.free[k] = int32(mt.Free())
	}
	for j, s := range students {
		g.at[j] = -1
		sp := dict.student(s)
		for k := range mentors {
			if g.free[k] == 0 || s.ID == mentors[k].ID {
				continue
			}
			if p := pairPoints(&sp, &mp[k], int(g.free[k])); p > 0 {
				g.arcMentor = append(g.arcMentor, int32(k))
				g.arcPoints = append(g.arcPoints, int32(p))
				g.top = max(g.top, int64(p))
			}
		}
		g.first[j+1] = int32(len(g.arcMentor))
	}
	g.unmatched = g.top*int64(n+1) + 1
	nodes := n + m + 1
	g.pot = make([]int64, nodes)
	g.dist = make([]int64, nodes)
	g.via = make([]int32, nodes)
	g.viaCost = make([]int64, nodes)
	g.done = make([]bool, nodes)
	for v := range g.dist {
		g.dist[v] = math.MaxInt64
	}
	return g
}

// place adds student i by one shortest augmenting path.
func (g *solver) place(i int) {
	nobody := int32(g.n + g.m)
	end, best := int32(-1), int64(math.MaxInt64)
	g.reach(int32(i), 0, -1, 0)
	for g.queue.len() > 0 {
		d, v := g.queue.pop()
		if g.done[v] || d > g.dist[v] {
			continue // a stale entry
		}
		if d >= best {
			break // the end is settled: nothing left can give a shorter path
		}
		g.done[v] = true
		if int(v) < g.n {
			g.fromStudent(v, d, best)
			continue
		}
		if v == nobody || g.free[int(v)-g.n] > 0 {
			if t := d + g.pot[v]; t < best { // the arc to the sink has cost 0, sink potential 0
				end, best = v, t
			}
		}
		if d >= best {
			continue
		}
		for _, j := range g.members[int(v)-g.n] {
			g.reach(j, d-g.atCost[j]+g.pot[v]-g.pot[j], v, 0)
		}
	}
	g.augment(end)
	for _, v := range g.touched {
		if g.done[v] {
			g.pot[v] += g.dist[v] - best
		}
		g.dist[v], g.done[v] = math.MaxInt64, false
	}
	g.touched = g.touched[:0]
	g.queue.clear()
}

// fromStudent relaxes the arcs out of student j: to its other candidate mentors and, if
// it has a mentor now, to nobody.
func (g *solver) fromStudent(j int32, d, best int64) {
	for a := g.first[j]; a < g.first[j+1]; a++ {
		k := g.arcMentor[a]
		if k == g.at[j] {
			continue
		}
		c := g.top - int64(g.arcPoints[a])
		v := int32(g.n) + k
		if nd := d + c + g.pot[j] - g.pot[v]; nd < best {
			g.reach(v, nd, j, c)
		}
	}
	if int(g.at[j]) != g.m {
		v := int32(g.n + g.m)
		if nd := d + g.unmatched + g.pot[j] - g.pot[v]; nd < best {
			g.reach(v, nd, j, g.unmatched)
		}
	}
}

func (g *solver) reach(v int32, d int64, from int32, cost int64) {
	if d >= g.dist[v] {
		return
	}
	if g.dist[v] == math.MaxInt64 {
		g.touched = append(g.touched, v)
	}
	g.dist[v], g.via[v], g.viaCost[v] = d, from, cost
	g.queue.push(d, v)
}

// augment walks the path back from its end: each student on it moves to the node after
// it, the new student last; the end node loses one free place.
func (g *solver) augment(end int32) {
	if k := int(end) - g.n; k < g.m {
		g.free[k]--
	}
	for v := end; ; {
		j := g.via[v]
		from := g.at[j]
		g.move(j, int32(int(v)-g.n), g.viaCost[v])
		if from < 0 {
			return
		}
		v = int32(g.n) + from
	}
}

// move routes student j to mentor k (or nobody, k = m) at the given cost.
func (g *solver) move(j, k int32, cost int64) {
	if old := g.at[j]; old >= 0 {
		list := g.members[old]
		last := list[len(list)-1]
		list[g.slot[j]] = last
		g.slot[last] = g.slot[j]
		g.members[old] = list[:len(list)-1]
	}
	g.at[j], g.atCost[j] = k, cost
	g.slot[j] = int32(len(g.members[k]))
	g.members[k] = append(g.members[k], j)
}

// placeGreedily gives student j its best candidate mentor that still has a place (used
// only once the deadline has passed).
func (g *solver) placeGreedily(j int) {
	bestArc := int32(-1)
	for a := g.first[j]; a < g.first[j+1]; a++ {
		if g.free[g.arcMentor[a]] > 0 && (bestArc < 0 || g.arcPoints[a] > g.arcPoints[bestArc]) {
			bestArc = a
		}
	}
	if bestArc < 0 {
		g.move(int32(j), int32(g.m), g.unmatched)
		return
	}
	k := g.arcMentor[bestArc]
	g.free[k]--
	g.move(int32(j), k, g.top-int64(g.arcPoints[bestArc]))
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
