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
// The method: a most-constrained-first greedy builds a start. Augmenting passes then
// place unplaced meetings exactly where a chain of single moves allows it: the meeting
// enters a slot where one placed meeting is in the way (it shares a participant there, or
// the slot's tables are all taken), that meeting moves on the same way, until one finds
// room; a breadth-first search over the meetings that would move finds the shortest such
// chain, and, as in Kuhn's matching algorithm, the marks of failed searches are kept until
// one succeeds. A meeting these chains cannot place is tried by an alternating path
// instead: it takes the place of one of a participant's meetings (the participant at its
// cap, or else each of its participants in turn, whose slots are then what holds it
// back); that meeting leaves the schedule and so frees a place for its other
// participants, and one of their unplaced meetings is placed by a short chain search or,
// one level deeper, by such a swap of its own. A swap is kept only when it gains a
// meeting. The passes repeat until they gain nothing.
//
// Then an ejection-chain local search with a tabu list places unplaced meetings by moving
// them into the cheapest slot and evicting whatever clashes there, with the augmenting
// passes run again every few thousand steps. An eviction costs little when the evicted
// meeting can move on to a free slot at once (the move is then one link of an exchange
// chain, and it is moved straight away); otherwise it costs more the longer that meeting
// has waited (breakout weights). The next meeting to place is mostly the one just evicted,
// so chains are followed. When no gain comes for a while the search returns to the best
// schedule and unplaces a random tenth of it. It keeps the best schedule seen and stops
// when it reaches the upper bound, after an iteration budget proportional to the instance,
// or at the time limit. The random choices come from a generator seeded by the instance
// size, so a run that ends before the time limit is deterministic.
//
// The upper bound is proven, never estimated: it is the least of four relaxation optima,
// each of which drops constraints of the real problem and so cannot fall below the true
// optimum: (a) the meetings that have at least one usable slot; (b) that count minus the
// unavoidable losses (a participant with more meetings than min(cap, slots any of its
// meetings can use) must lose the difference, and an unplaced meeting relieves at most its
// over-subscribed participants); (c) half the maximum flow of the bipartite double cover
// of the meeting graph with those per-participant limits (a fractional b-matching, no
// slots); (d) the maximum flow of a network that keeps every meeting's usable slots and the
// slot capacities, but the cap and the one-meeting-per-slot rule only for one chosen
// participant of each meeting (the most over-subscribed), dropping them for the others.
// The flow (d) starts from the greedy schedule, which is a feasible flow of it. On
// instances of 5,000 meetings or more it runs on a second goroutine beside the search
// (such runs are cut by the time limit anyway, so they are not deterministic; when the
// bound arrives decides only how soon a run that reaches it stops); if it has
// not finished shortly after the time limit it is abandoned and the bound is the least of
// (a)–(c), as proven, only looser.
package schedule
