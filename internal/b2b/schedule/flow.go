package schedule

import "sync/atomic"

// flow is a small Dinic max-flow on integer capacities, enough for the bound's relaxation
// (a unit network apart from the source and sink edges).
type flow struct {
	head  []int32 // node → first edge or -1
	next  []int32 // edge → next edge of the same node
	to    []int32
	cap   []int32
	level []int32
	iter  []int32
	queue []int32
	stop  *atomic.Bool // when set (may be nil), max gives up between phases
}

func newFlow(nodes int) *flow {
	f := &flow{head: make([]int32, nodes), level: make([]int32, nodes), iter: make([]int32, nodes)}
	for i := range f.head {
		f.head[i] = -1
	}
	return f
}

// reserve makes room for about n edges so that building a large network does not regrow.
func (f *flow) reserve(n int) {
	f.to = make([]int32, 0, 2*n)
	f.cap = make([]int32, 0, 2*n)
	f.next = make([]int32, 0, 2*n)
}

func (f *flow) addNode() int {
	f.head = append(f.head, -1)
	f.level = append(f.level, 0)
	f.iter = append(f.iter, 0)
	return len(f.head) - 1
}

// edge adds u→v with capacity c and its residual twin (edge index xor 1), returning the
// forward edge's index.
func (f *flow) edge(u, v, c int) int32 {
	for _, e := range [2][3]int{{u, v, c}, {v, u, 0}} {
		f.to = append(f.to, int32(e[1]))
		f.cap = append(f.cap, int32(e[2]))
		f.next = append(f.next, f.head[e[0]])
		f.head[e[0]] = int32(len(f.to) - 1)
	}
	return int32(len(f.to) - 2)
}

// push sends one unit along an edge; used to start from a known feasible flow.
func (f *flow) push(e int32) {
	f.cap[e]--
	f.cap[e^1]++
}

func (f *flow) max(s, t int) int {
	total := 0
	for (f.stop == nil || !f.stop.Load()) && f.bfs(s, t) {
		copy(f.iter, f.head)
		for {
			pushed := f.dfs(s, t, 1<<30)
			if pushed == 0 {
				break
			}
			total += pushed
		}
	}
	return total
}

func (f *flow) bfs(s, t int) bool {
	for i := range f.level {
		f.level[i] = -1
	}
	f.level[s] = 0
	f.queue = append(f.queue[:0], int32(s))
	for i := 0; i < len(f.queue); i++ {
		u := f.queue[i]
		for e := f.head[u]; e >= 0; e = f.next[e] {
			if v := f.to[e]; f.cap[e] > 0 && f.level[v] < 0 {
				f.level[v] = f.level[u] + 1
				f.queue = append(f.queue, v)
			}
		}
	}
	return f.level[t] >= 0
}

// dfs pushes one blocking-flow path; its depth is the network's (six levels), so the
// recursion stays shallow.
func (f *flow) dfs(u, t, limit int) int {
	if u == t {
		return limit
	}
	for ; f.iter[u] >= 0; f.iter[u] = f.next[f.iter[u]] {
		e := f.iter[u]
		v := int(f.to[e])
		if f.cap[e] <= 0 || f.level[v] != f.level[u]+1 {
			continue
		}
		if d := f.dfs(v, t, min(limit, int(f.cap[e]))); d > 0 {
			f.cap[e] -= int32(d)
			f.cap[e^1] += int32(d)
			return d
		}
	}
	return 0
}
