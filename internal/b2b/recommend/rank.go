package recommend

import (
	"container/heap"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// For returns the top k suggestions for one participant, best first. Equal
// scores are ordered by a hash of the two IDs (see spread), then by ID, so
// the order never depends on chance.
func (x *Index) For(id string, k int) ([]Suggestion, error) {
	a, ok := x.pos[id]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownParticipant, id)
	}
	return x.rank(a, k, x.newScratch()), nil
}

// All returns every participant's top k, in the order of Input.Participants.
// It ranks participants in parallel on at most GOMAXPROCS goroutines; each
// keeps its own scratch space, so nothing is shared but the read-only Index.
func (x *Index) All(k int) [][]Suggestion {
	out := make([][]Suggestion, len(x.parts))
	parallel(len(x.parts), func() func(int) {
		s := x.newScratch()
		return func(a int) { out[a] = x.rank(int32(a), k, s) }
	})
	return out
}

// parallel calls the body for every i in [0, n) on at most GOMAXPROCS
// goroutines; start runs once per goroutine and returns its body, so each
// can keep scratch space of its own.
func parallel(n int, start func() func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			body := start()
			for i := next.Add(1) - 1; i < int64(n); i = next.Add(1) - 1 {
				body(int(i))
			}
		})
	}
	wg.Wait()
}

// candidate gathers what one other participant has in common with the one
// being ranked: the best text match in each direction and the documents
// that produced it (for the reason).
type candidate struct {
	demand, supply float64 // my request ↔ their offer; their request ↔ my offer
	dMine, dTheirs int32
	sMine, sTheirs int32
	stamp          uint32 // equals scratch.gen while this candidate is live
}

// scratch is per-goroutine working memory, reused from one participant to
// the next so ranking all of them allocates little.
type scratch struct {
	acc     []float32 // dot product per document, by position in Index.ofKind
	cands   []candidate
	list    []int32  // live candidates
	blocked []uint32 // equals gen for the participant itself and its excluded pairs
	gen     uint32
	top     topK
}

func (x *Index) newScratch() *scratch {
	return &scratch{acc: make([]float32, len(x.docs)), cands: make([]candidate, len(x.parts)), blocked: make([]uint32, len(x.parts))}
}

func (s *scratch) touch(b int32) *candidate {
	c := &s.cands[b]
	if c.stamp != s.gen {
		*c = candidate{stamp: s.gen, dMine: -1, dTheirs: -1, sMine: -1, sTheirs: -1}
		s.list = append(s.list, b)
	}
	return c
}

// rank gathers participant a's candidates from the text and sector indexes,
// scores them and keeps the best k.
func (x *Index) rank(a int32, k int, s *scratch) []Suggestion {
	if k <= 0 {
		return nil
	}
	s.gen++
	s.list = s.list[:0]
	me := &x.parts[a]
	for _, r := range me.requests {
		x.matchText(a, r, kindIndex(Offer), s)
	}
	for _, o := range me.offers {
		x.matchText(a, o, kindIndex(Request), s)
	}
	x.touchSectors(me.sectors, s)
	for _, b := range me.exclude {
		s.blocked[b] = s.gen
	}
	s.blocked[a] = s.gen
	s.top = s.top[:0]
	for _, b := range s.list {
		if s.blocked[b] == s.gen {
			continue
		}
		// Skip whoever cannot make the list even with every bonus: most
		// candidates only share a NACE section, and once k text matches
		// are in, they need not be scored at all.
		c := &s.cands[b]
		if len(s.top) == k && (c.demand+c.supply)*weights.text+maxBonus < s.top[0].score {
			continue
		}
		f := x.factors(a, b, c)
		score := f.total()
		if score <= 0 {
			continue
		}
		s.top.offer(ranked{b: b, score: score, spread: spread(me.hash, x.parts[b].hash), id: x.parts[b].ID}, k)
	}
	best := s.top.sorted()
	out := make([]Suggestion, len(best))
	for i, r := range best {
		f := x.factors(a, r.b, &s.cands[r.b])
		out[i] = Suggestion{Participant: r.id, Score: r.score, Why: x.explain(a, r.b, &s.cands[r.b], f)}
	}
	return out
}

// touchSectors makes candidates of everyone in the same sections and
// divisions and in the divisions along a supply chain.
func (x *Index) touchSectors(ss []sector, s *scratch) {
	for _, sec := range ss {
		for _, b := range x.bySection[sec.section-'A'] {
			s.touch(b)
		}
		for _, d := range chainPartners[sec.division] {
			for _, b := range x.byDivision[d] {
				s.touch(b)
			}
		}
	}
}

// matchText scores document d of participant a against every document of
// the opposite kind sharing a word with it, and keeps the best per owner.
func (x *Index) matchText(a, d int32, kind int, s *scratch) {
	acc := s.acc[:len(x.ofKind[kind])]
	for _, t := range x.docs[d].terms {
		p := &x.postings[kind][t.id]
		ws := p.w[:len(p.at)] // lets the compiler drop the bounds check on ws[j]
		for j, at := range p.at {
			acc[at] += t.w * ws[j]
		}
	}
	mine := &x.docs[d]
	// A dense scan: common words reach most documents anyway, and a scan in
	// order beats keeping a list of the touched ones.
	for at, sum := range acc {
		if sum == 0 {
			continue
		}
		acc[at] = 0
		cos, o := float64(sum), x.ofKind[kind][at]
		theirs := &x.docs[o]
		if theirs.owner == a || cos < weights.minCosine {
			continue
		}
		req, off := mine, theirs
		if mine.kind == Offer {
			req, off = theirs, mine
		}
		v := cos
		if req.category != "" && req.category == off.category {
			v += weights.category
		}
		if len(off.targets) > 0 && !slices.Contains(off.targets, x.parts[req.owner].countryID) {
			v *= weights.offTarget
		}
		c := s.touch(theirs.owner)
		if mine.kind == Request && v > c.demand {
			c.demand, c.dMine, c.dTheirs = v, d, o
		} else if mine.kind == Offer && v > c.supply {
			c.supply, c.sMine, c.sTheirs = v, d, o
		}
	}
}

// ranked is an entry of the top-k heap.
type ranked struct {
	b      int32
	score  float64
	spread uint64
	id     string
}

// better orders by score, then by spread, then by ID.
func (r ranked) better(o ranked) bool {
	switch {
	case r.score != o.score:
		return r.score > o.score
	case r.spread != o.spread:
		return r.spread < o.spread
	}
	return r.id < o.id
}

// spread breaks ties between equal scores. Many firms tie (same division,
// same city, no opportunities yet); ordering them by ID would put the same
// few first in everyone's list and flood them with requests. Mixing both
// IDs' hashes gives each participant its own, fixed order instead.
func spread(me, other uint64) uint64 {
	z := me ^ (other<<29 | other>>35) + 0x9e3779b97f4a7c15 // splitmix64's finaliser
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// idHash is the FNV-1a hash of an ID, computed once per participant.
func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// topK is a min-heap of the k best seen so far: its root is the worst kept.
type topK []ranked

func (h topK) Len() int           { return len(h) }
func (h topK) Less(i, j int) bool { return h[j].better(h[i]) }
func (h topK) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *topK) Push(v any)        { *h = append(*h, v.(ranked)) }
func (h *topK) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}

func (h *topK) offer(r ranked, k int) {
	if len(*h) < k {
		heap.Push(h, r)
	} else if r.better((*h)[0]) {
		(*h)[0] = r
		heap.Fix(h, 0)
	}
}

// sorted returns the kept entries best first (a copy; the heap is reused).
func (h topK) sorted() []ranked {
	out := slices.Clone(h)
	slices.SortFunc(out, func(a, b ranked) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	return out
}
