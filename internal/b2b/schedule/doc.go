// Package schedule places B2B meetings into time slots and tables. It is a pure algorithm
// package (no database, no HTTP): the b2b module and `kopru b2b solve` feed it an Instance
// and get back a Schedule.
//
// The problem: every meeting has two or more participants and may be placed in at most one
// slot; a participant meets at most once per slot and at most max_meetings times in all; a
// meeting may only use slots it allows that are free for all of its participants; a slot
// holds at most tables[slot] meetings, each at its own table (numbered from 1). Solve
// maximises the number of placed meetings, then their total priority.
//
// Locked meetings: a meeting may carry "locked": {"slot": 3, "table": 5} (table optional).
// The organiser fixed it there by hand, so the schedule keeps it exactly as given and
// never moves it; an instance whose locked meetings cannot all stand (a slot the meeting
// does not allow, a participant locked twice into one slot, a table outside the slot, two
// meetings locked to one table, more locked meetings than a cap or a slot allows) is
// rejected with an error.
//
// The method: a most-constrained-first greedy builds a start, then an ejection-chain
// local search with a tabu list places unplaced meetings by moving them into the cheapest
// slot and evicting whatever clashes there (the evicted meetings go back into the queue),
// keeping the best schedule seen. It stops when it reaches the upper bound, after an
// iteration budget proportional to the instance, or at the time limit. The random choices
// come from a generator seeded by the instance size, so a run that ends before the time
// limit is deterministic.
//
// The upper bound is proven, never estimated: it is the least of (a) the meetings that
// have at least one usable slot, (b) that count minus the participants' unavoidable excess
// (a participant with more meetings than min(cap, usable slots) loses the difference, and
// one unplaced meeting can cover at most as many participants as it has), and (c) the
// maximum flow of a relaxation that keeps every meeting's usable slots and the slot
// capacities, but the cap and the one-meeting-per-slot rule only for one chosen participant
// of each meeting (the busiest), dropping them for the others. Each is the optimum of a relaxation of the problem, so none
// can be below the true optimum.
package schedule
