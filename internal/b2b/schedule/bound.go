package schedule

import "sync/atomic"

// upperBound returns the least of four relaxation optima (see the package doc); each
// drops constraints of the real problem, so the optimum can never exceed any of them.
// The flow starts from the given schedule (a feasible flow of the relaxation), so that
// only the few remaining augmenting paths cost anything.
func upperBound(p *problem, start []int) int {
	ub, deg, limit := cheapBound(p)
	if ub == 0 {
		return 0
	}
	flow, _ := flowBound(p, deg, limit, start, nil)
	return min(ub, flow)
}

// cheapBound is the least of the first three relaxation optima, which cost little; deg
// and limit are what the slot flow needs.
func cheapBound(p *problem) (ub int, deg, limit []int) {
	feasible := 0
	deg = make([]int, len(p.pcap))
	for m, u := range p.usable {
		if len(u) == 0 {
			continue
		}
		feasible++
		for _, q := range p.parts[m] {
			deg[q]++
		}
	}
	if feasible == 0 {
		return 0, deg, nil
	}
	limit = participantLimits(p, deg)
	ub = feasible - unavoidableLosses(p, deg, limit)
	return min(ub, degreeBound(p, limit)), deg, limit
}

// unavoidableLosses is the fewest meetings that must stay unplaced so that every
// participant q drops its excess deg[q]-limit[q]. An unplaced meeting relieves each of its
// over-subscribed participants by one, so the cheapest way to cover the total excess takes
// the meetings with the most over-subscribed participants first; no schedule can do with
// fewer.
func unavoidableLosses(p *problem, deg, limit []int) int {
	excess := 0
	for q := range deg {
		excess += deg[q] - limit[q]
	}
	if excess == 0 {
		return 0
	}
	// byRelief[t] counts the usable meetings with t over-subscribed participants.
	var byRelief []int
	for m, u := range p.usable {
		if len(u) == 0 {
			continue
		}
		t := 0
		for _, q := range p.parts[m] {
			if deg[q] > limit[q] {
				t++
			}
		}
		for len(byRelief) <= t {
			byRelief = append(byRelief, 0)
		}
		byRelief[t]++
	}
	lost := 0
	for t := len(byRelief) - 1; t > 0 && excess > 0; t-- {
		take := min(byRelief[t], (excess+t-1)/t)
		lost += take
		excess -= take * t
	}
	return lost
}

// degreeBound drops the slots altogether and keeps only each participant's limit on both
// sides of every meeting (for a meeting of three or more, on two of them): the most
// meetings a graph can keep with degree ≤ limit is at most half the maximum flow of its
// bipartite double cover, source → q (left, limit) → r (right) for each meeting {q, r}
// in both directions → sink (limit), since any schedule gives a flow of twice its size.
func degreeBound(p *problem, limit []int) int {
	const src, sink = 0, 1
	n := len(limit)
	f := newFlow(2 + 2*n)
	f.reserve(2*len(p.parts) + 2*n)
	for q, l := range limit {
		f.edge(src, 2+q, l)
		f.edge(2+n+q, sink, l)
	}
	for m, u := range p.usable {
		if len(u) > 0 {
			a, b := p.parts[m][0], p.parts[m][1]
			f.edge(2+a, 2+n+b, 1)
			f.edge(2+b, 2+n+a, 1)
		}
	}
	return f.max(src, sink) / 2
}

// participantLimits is, per participant, the most meetings it can possibly have:
// min(its cap, its meetings, the slots in which any of its meetings could sit, counting
// at most a session's cap of the slots in each capped session).
func participantLimits(p *problem, deg []int) []int {
	limit := make([]int, len(deg))
	seen := make([]bool, p.slots)
	inSess := make([]int, len(p.sessCap))
	for q, ms := range p.byPart {
		clear(seen)
		clear(inSess)
		slots := 0
		for _, m := range ms {
			for _, s := range p.usable[m] {
				if seen[s] {
					continue
				}
				seen[s] = true
				if g := p.sessOf[s]; g >= 0 {
					inSess[g]++
				} else {
					slots++
				}
			}
		}
		for g, n := range inSess {
			slots += min(n, p.sessCap[g])
		}
		limit[q] = min(p.pcap[q], deg[q], slots)
	}
	return limit
}

// flowBound solves the relaxation in which each meeting answers only to one participant,
// its representative (the one that loses most, then the busiest): source → representative
// (its limit) → meeting (1) → (representative, slot) (1) → slot (pool tables) → sink. A
// meeting at a fixed table takes no pool table, so its representative is one of its
// fixed-table participants and their (participant, slot) nodes lead straight to the sink;
// as a pooled meeting has no such participant, no node mixes the two kinds.
// A set stop abandons the computation, which then reports ok false.
func flowBound(p *problem, deg, limit, start []int, stop *atomic.Bool) (ub int, ok bool) {
	const src, sink = 0, 1
	f := newFlow(2)
	f.stop = stop
	edges := p.slots
	for _, u := range p.usable {
		edges += 2*len(u) + 2
	}
	f.reserve(edges)
	slotNode, slotEdge := make([]int, p.slots), make([]int32, p.slots)
	for s := range slotNode {
		slotNode[s] = f.addNode()
		slotEdge[s] = f.edge(slotNode[s], sink, p.pool[s])
	}
	type node struct {
		id   int
		edge int32 // the edge into it from the previous layer
	}
	partNode := make([]node, len(p.pcap))         // id 0: not created yet
	pairNode := make([]node, len(p.pcap)*p.slots) // by participant*slots+slot
	initial := 0
	for m, u := range p.usable {
		if len(u) == 0 {
			continue
		}
		r := representative(p.parts[m], deg, limit, p.fixed, p.mtable[m] > 0)
		rn := partNode[r]
		if rn.id == 0 {
			rn.id = f.addNode()
			rn.edge = f.edge(src, rn.id, limit[r])
			partNode[r] = rn
		}
		mn := f.addNode()
		inM := f.edge(rn.id, mn, 1)
		for _, s := range u {
			key := r*p.slots + s
			pn := pairNode[key]
			if pn.id == 0 {
				pn.id = f.addNode()
				out := slotNode[s]
				if p.mtable[m] > 0 {
					out = sink
				}
				pn.edge = f.edge(pn.id, out, 1) // here: the edge out to the slot or sink
				pairNode[key] = pn
			}
			e := f.edge(mn, pn.id, 1)
			if start[m] == s {
				for _, x := range []int32{rn.edge, inM, e, pn.edge} {
					f.push(x)
				}
				if p.mtable[m] == 0 {
					f.push(slotEdge[s])
				}
				initial++
			}
		}
	}
	more := f.max(src, sink)
	if stop != nil && stop.Load() {
		return 0, false
	}
	return initial + more, true
}

// representative picks the participant a meeting answers to in the slot flow; when
// fixedOnly is set it picks among those with a fixed table.
func representative(parts, deg, limit, fixed []int, fixedOnly bool) int {
	r := -1
	for _, q := range parts {
		if fixedOnly && fixed[q] == 0 {
			continue
		}
		if r < 0 {
			r = q
			continue
		}
		if ex, rx := deg[q]-limit[q], deg[r]-limit[r]; ex > rx || ex == rx && deg[q] > deg[r] {
			r = q
		}
	}
	return r
}
