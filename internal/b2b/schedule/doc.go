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
// Fixed tables: a participant may have "fixed_table": N (an exhibitor at its stand). N
// must exist in every slot that has tables (a slot without tables is closed to everyone)
// and belong to one participant only. The participant's meetings always sit at N (a
// meeting of two such participants at the first listed one's table), and N is never given
// to another meeting, even in a slot where its owner does not meet; so a meeting without
// a fixed-table participant draws from a pool of tables[slot] minus the number of fixed
// tables, and one with such a participant needs no pool table at all.
//
// Sessions: "sessions": [{"first_slot": 0, "slots": 10, "max_meetings": 3}] caps the
// meetings of every participant within each group of consecutive slots (0: no cap); the
// groups must lie within the slots and must not overlap.
//
// Reasons: for every meeting it leaves out, Solve (and FirstComeFirstServed) says why in
// Schedule.Reasons (see Reason, and Explain, which does the same for any valid schedule,
// such as one an organiser edited by hand): no_common_slot, cap or full, with the slots
// and participants concerned.
//
// Locked meetings: a meeting may carry "locked": {"slot": 3, "table": 5} (table optional).
// The organiser fixed it there by hand, so the schedule keeps it exactly as given and
// never moves it; an instance whose locked meetings cannot all stand (a slot the meeting
// does not allow, a participant locked twice into one slot, a table outside the slot, two
// meetings locked to one table, a table other than the fixed table of a participant or
// the fixed table of someone else, more locked meetings than a cap, a session cap or a
// slot's pool allows) is rejected with an error.
//
// The method: a most-constrained-first greedy builds a start (under session caps, the
// meetings of the least over-subscribed participants go first). Augmenting passes then
// place unplaced meetings exactly where a chain of single moves allows it: the meeting
// enters a slot where one placed meeting is in the way (it shares a participant there,
// the slot's pool tables are all taken, or a participant is at the cap of the slot's
// session and that meeting, in the same session, moves out of it), that meeting moves on
// the same way, until one finds room; a breadth-first search over the meetings that
// would move finds the shortest such chain, and, as in Kuhn's matching algorithm, the
// marks of failed searches are kept until one succeeds. A meeting these chains cannot
// place is tried by an alternating path instead: it takes the place of one of a
// participant's meetings (the participant at its cap, or at its session cap in every slot
// the meeting could use, or else each of its participants in turn, whose slots are then
// what holds it back); that meeting leaves the schedule and so frees a place for its
// other participants, and one of their unplaced meetings is placed by a short chain
// search or, one level deeper, by such a swap of its own. A swap is kept only when it gains a
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
// meetings can use, counting at most a session's cap of the slots in each capped session)
// must lose the difference, and an unplaced meeting relieves at most its
// over-subscribed participants); (c) half the maximum flow of the bipartite double cover
// of the meeting graph with those per-participant limits (a fractional b-matching, no
// slots); (d) the maximum flow of a network that keeps every meeting's usable slots and the
// slots' pools, but the cap and the one-meeting-per-slot rule only for one chosen
// participant of each meeting (the most over-subscribed; for a meeting at a fixed table,
// the most over-subscribed of its fixed-table participants, and such a meeting uses no
// pool), dropping them for the others. Session caps enter (b)–(d) only through those
// per-participant limits.
// The flow (d) starts from the greedy schedule, which is a feasible flow of it. On
// instances of 5,000 meetings or more it runs on a second goroutine beside the search
// (such runs are cut by the time limit anyway, so they are not deterministic; when the
// bound arrives decides only how soon a run that reaches it stops); if it has
// not finished shortly after the time limit it is abandoned and the bound is the least of
// (a)–(c), as proven, only looser.
package schedule
