package schedule

// upperBound returns the least of three relaxation optima (see the package doc); each
// drops constraints of the real problem, so the optimum can never exceed any of them.
func upperBound(p *problem) int {
	feasible, k := 0, 0
	deg := make([]int, len(p.pcap))
	for m, u := range p.usable {
		if len(u) == 0 {
			continue
		}
		feasible++
		k = max(k, len(p.parts[m]))
		for _, q := range p.parts[m] {
			deg[q]++
		}
	}
	if feasible == 0 {
		return 0
	}
	limit := participantLimits(p, deg)
	excess := 0
	for q := range deg {
		excess += deg[q] - limit[q]
	}
	// Every unplaced meeting lowers at most k participants' counts by one.
	ub := feasible - (excess+k-1)/k
	return min(ub, flowBound(p, deg, limit))
}

// participantLimits is, per participant, the most meetings it can possibly have:
// min(its cap, its meetings, the slots in which any of its meetings could sit).
func participantLimits(p *problem, deg []int) []int {
	limit := make([]int, len(deg))
	seen := make([]bool, p.slots)
	for q, ms := range p.byPart {
		clear(seen)
		slots := 0
		for _, m := range ms {
			for _, s := range p.usable[m] {
				if !seen[s] {
					seen[s] = true
					slots++
				}
			}
		}
		limit[q] = min(p.pcap[q], deg[q], slots)
	}
	return limit
}

// flowBound solves the relaxation in which each meeting answers only to one participant,
// its representative (the one that loses most, then the busiest): source → representative
// (its limit) → meeting (1) → (representative, slot) (1) → slot (tables) → sink.
func flowBound(p *problem, deg, limit []int) int {
	const src, sink = 0, 1
	f := newFlow(2)
	slotNode := make([]int, p.slots)
	for s := range slotNode {
		slotNode[s] = f.addNode()
		f.edge(slotNode[s], sink, p.tables[s])
	}
	partNode := map[int]int{}
	pairNode := map[int]int{}
	for m, u := range p.usable {
		if len(u) == 0 {
			continue
		}
		r := representative(p.parts[m], deg, limit)
		if _, ok := partNode[r]; !ok {
			partNode[r] = f.addNode()
			f.edge(src, partNode[r], limit[r])
		}
		mn := f.addNode()
		f.edge(partNode[r], mn, 1)
		for _, s := range u {
			key := r*p.slots + s
			pn, ok := pairNode[key]
			if !ok {
				pn = f.addNode()
				pairNode[key] = pn
				f.edge(pn, slotNode[s], 1)
			}
			f.edge(mn, pn, 1)
		}
	}
	return f.max(src, sink)
}

func representative(parts, deg, limit []int) int {
	r := parts[0]
	for _, q := range parts[1:] {
		if ex, rx := deg[q]-limit[q], deg[r]-limit[r]; ex > rx || ex == rx && deg[q] > deg[r] {
			r = q
		}
	}
	return r
}
