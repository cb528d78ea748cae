package main

import "github.com/kopru-platform/kopru/internal/student/match"

// hungarian solves the same problem as match.Assign by a separate, straightforward exact
// method, to check it: every mentor is expanded into one column per free place, every
// student gets a private "no mentor" column, and the Hungarian algorithm (shortest
// augmenting paths over a dense rows × columns matrix, O(rows² × columns)) finds a
// minimum-cost assignment of every row. A pair costs −(bonus + points), "no mentor" 0 and a
// non-candidate pair more than any matched row can gain; bonus exceeds any total of points,
// so the optimum matches as many students as possible first, as Assign does.
func hungarian(students []match.Student, mentors []match.Mentor) (matched, total int) {
	var owner []int // column → mentor index, −1 for a "no mentor" column
	for k, m := range mentors {
		for range m.Free() {
			owner = append(owner, k)
		}
	}
	places := len(owner)
	for range students {
		owner = append(owner, -1)
	}
	points := make([][]int, len(students))
	top := 0
	for j, s := range students {
		points[j] = make([]int, len(mentors))
		for k, m := range mentors {
			p, _ := match.Score(s, m)
			points[j][k] = p
			top = max(top, p)
		}
	}
	bonus := int64(top*len(students) + 1)
	forbidden := bonus * int64(len(students)+1) * 4
	cost := func(j, c int) int64 {
		switch k := owner[c]; {
		case k < 0:
			if c-places == j {
				return 0
			}
			return forbidden // another student's "no mentor" column
		case points[j][k] == 0:
			return forbidden
		default:
			return -(bonus + int64(points[j][k]))
		}
	}
	rowOf := solveLAP(len(students), len(owner), cost)
	for c, j := range rowOf {
		if j >= 0 && owner[c] >= 0 {
			matched++
			total += points[j][owner[c]]
		}
	}
	return matched, total
}

// solveLAP is the classic potentials form of the Hungarian algorithm for n rows ≤ m
// columns; it returns, for each column, the row assigned to it or −1.
func solveLAP(n, m int, cost func(row, col int) int64) []int {
	const inf = int64(1) << 62
	u, v := make([]int64, n+1), make([]int64, m+1)
	p, way := make([]int, m+1), make([]int, m+1) // 1-based; p[col] = row, 0 = free
	minv, used := make([]int64, m+1), make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = inf, false
		}
		for p[j0] != 0 {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := cost(i0-1, j-1) - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	rowOf := make([]int, m)
	for j := 1; j <= m; j++ {
		rowOf[j-1] = p[j] - 1
	}
	return rowOf
}

// greedy is what a coordinator sorting a list would do: the best-scoring candidate pairs
// first, each taken while the student is free and the mentor has a place.
// It also returns the number of candidate pairs.
func greedy(students []match.Student, mentors []match.Mentor) (matched, total, candidates int) {
	type pair struct{ j, k, p int }
	var pairs []pair
	buckets := map[int][]pair{}
	top := 0
	for j, s := range students {
		for k, m := range mentors {
			if p, _ := match.Score(s, m); p > 0 {
				buckets[p] = append(buckets[p], pair{j, k, p})
				top = max(top, p)
			}
		}
	}
	for p := top; p > 0; p-- { // a bucket sort keeps ties in student, then mentor order
		pairs = append(pairs, buckets[p]...)
	}
	candidates = len(pairs)
	done, left := make([]bool, len(students)), make([]int, len(mentors))
	for k, m := range mentors {
		left[k] = m.Free()
	}
	for _, q := range pairs {
		if !done[q.j] && left[q.k] > 0 {
			done[q.j] = true
			left[q.k]--
			matched++
			total += q.p
		}
	}
	return matched, total, candidates
}
