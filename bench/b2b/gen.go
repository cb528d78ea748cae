package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

// maxAccepted is how many requests a generated participant accepts at most.
const maxAccepted = 40

// genSpec sizes a generated forum.
type genSpec struct {
	participants, requests, days, sessionsPerDay, slotsPerSession, tables int
}

// generate builds a seeded forum shaped like a real one:
//   - slots form days × sessions × slots per session (48 = 2 days × 3 sessions × 8);
//   - availability is fragmented: each participant misses 0–2 whole sessions (arriving
//     late, leaving early) and 0–4 single slots (calls, stand duty);
//   - one participant in five caps its meetings at 12–30;
//   - requests pick partners with a skewed popularity (a few exhibitors are wanted by
//     many), never the same pair twice, and one in twenty adds a third participant; a
//     participant accepts at most maxAccepted requests (the module's limit on requests),
//     so the popular ones are full rather than absurdly over-booked;
//   - session restrictions: a third of the meetings may only use one day or a set of two
//     sessions; priorities are 0–2.
func generate(spec genSpec, seed uint64) *schedule.Instance {
	r := rand.New(rand.NewPCG(seed, 2026))
	slots := spec.days * spec.sessionsPerDay * spec.slotsPerSession
	sessions := spec.days * spec.sessionsPerDay
	in := &schedule.Instance{Slots: slots, Tables: schedule.UniformTables(spec.tables)}
	for i := range spec.participants {
		q := schedule.Participant{ID: fmt.Sprintf("p%d", i)}
		away := map[int]bool{}
		for range r.IntN(3) {
			ses := r.IntN(sessions)
			for k := range spec.slotsPerSession {
				away[ses*spec.slotsPerSession+k] = true
			}
		}
		for range r.IntN(5) {
			away[r.IntN(slots)] = true
		}
		for s := range slots {
			if away[s] {
				q.Unavailable = append(q.Unavailable, s)
			}
		}
		if r.IntN(5) == 0 {
			q.MaxMeetings = 12 + r.IntN(19)
		}
		in.Participants = append(in.Participants, q)
	}
	pairs := map[[2]int]bool{}
	accepted := make([]int, spec.participants)
	for len(in.Meetings) < spec.requests {
		a, b := r.IntN(spec.participants), popular(r, spec.participants)
		if a == b || pairs[[2]int{min(a, b), max(a, b)}] || accepted[a] >= maxAccepted || accepted[b] >= maxAccepted {
			continue
		}
		pairs[[2]int{min(a, b), max(a, b)}] = true
		accepted[a]++
		accepted[b]++
		m := schedule.Meeting{ID: fmt.Sprintf("m%d", len(in.Meetings)), Participants: []string{in.Participants[a].ID, in.Participants[b].ID}, Priority: r.IntN(3)}
		if c := r.IntN(spec.participants); r.IntN(20) == 0 && c != a && c != b {
			m.Participants = append(m.Participants, in.Participants[c].ID)
		}
		m.AllowedSlots = restriction(r, spec)
		in.Meetings = append(in.Meetings, m)
	}
	return in
}

// popular draws a participant with a skewed distribution: the square of a uniform number
// favours low indices, so participant 0 is wanted about thirty times as often as the median.
func popular(r *rand.Rand, n int) int {
	u := r.Float64()
	return int(u * u * float64(n))
}

// restriction returns the allowed slots of a meeting: none (every slot) for two thirds,
// one day or two random sessions for the rest.
func restriction(r *rand.Rand, spec genSpec) []int {
	perDay := spec.sessionsPerDay * spec.slotsPerSession
	var out []int
	switch r.IntN(6) {
	case 0:
		d := r.IntN(spec.days)
		for s := range perDay {
			out = append(out, d*perDay+s)
		}
	case 1:
		sessions := spec.days * spec.sessionsPerDay
		for _, ses := range r.Perm(sessions)[:2] {
			for k := range spec.slotsPerSession {
				out = append(out, ses*spec.slotsPerSession+k)
			}
		}
	}
	return out
}

// withExhibitors turns a generated forum into one with stands and paced sessions: the
// most wanted participants (the lowest ids, see popular) keep fixed tables 1…exhibitors,
// and every session of the day caps each participant at perSession meetings.
func withExhibitors(in *schedule.Instance, spec genSpec, exhibitors, perSession int) *schedule.Instance {
	out := *in
	out.Participants = append([]schedule.Participant(nil), in.Participants...)
	for i := range min(exhibitors, len(out.Participants)) {
		out.Participants[i].FixedTable = i + 1
	}
	out.Sessions = nil
	for ses := range spec.days * spec.sessionsPerDay {
		out.Sessions = append(out.Sessions, schedule.Session{FirstSlot: ses * spec.slotsPerSession, Slots: spec.slotsPerSession, MaxMeetings: perSession})
	}
	return &out
}
