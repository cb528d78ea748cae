package schedule

import "slices"

// Reason says why one meeting is unscheduled, in terms an organiser can act on.
//
//   - "no_common_slot": no slot is allowed for the meeting, has a table for it and is free
//     for all its participants. Participants names those unavailable in a slot the meeting
//     allows (empty when allowed_slots or the tables alone rule every slot out).
//   - "cap": a participant has reached its max_meetings, or the cap of the session of
//     every slot the meeting could use. Participants names them.
//   - "full": every slot the meeting could use is taken: the table pool is full there, or
//     a participant already meets someone else there or has reached that session's cap.
//     Slots lists those slots (the first ten, ascending), Participants those of the
//     meeting's participants who are busy or capped in one of them; so "both free only in
//     slot 7, which is full" reads as Slots [7] and no participant.
//   - "open": the meeting fits, as the schedule stands, into Slots (the first ten). Solve
//     never leaves such a meeting; a schedule edited by hand may.
type Reason struct {
	Meeting      string   `json:"meeting"`
	Code         string   `json:"code"`
	Slots        []int    `json:"slots,omitempty"`
	Participants []string `json:"participants,omitempty"`
}

// The reason codes.
const (
	NoCommonSlot = "no_common_slot"
	AtCap        = "cap"
	Full         = "full"
	Open         = "open"
)

// maxReasonSlots keeps a reason short enough to show in one line.
const maxReasonSlots = 10

// Explain gives one Reason per unscheduled meeting of a schedule, in instance order. The
// schedule need not come from Solve (an organiser may have moved meetings by hand), but
// it must be valid for the instance apart from its upper bound; otherwise the error says
// what is wrong, as Validate would.
func Explain(in *Instance, sc *Schedule) ([]Reason, error) {
	p, err := compile(in)
	if err != nil {
		return nil, err
	}
	st, err := p.replay(sc)
	if err != nil {
		return nil, err
	}
	return explain(st), nil
}

// explain gives the reasons for the meetings a state leaves unplaced (nil when none).
func explain(st *state) []Reason {
	var out []Reason
	for m, s := range st.slotOf {
		if s < 0 {
			out = append(out, st.reason(m))
		}
	}
	return out
}

func (st *state) reason(m int) Reason {
	p := st.p
	r := Reason{Meeting: p.in.Meetings[m].ID}
	if len(p.usable[m]) == 0 {
		r.Code, r.Participants = NoCommonSlot, p.awayWhenAllowed(m)
		return r
	}
	if capped := st.capped(m); len(capped) > 0 {
		r.Code, r.Participants = AtCap, capped
		return r
	}
	var open, taken []int
	for _, s := range p.usable[m] {
		if st.fits(m, s) {
			open = append(open, s)
		} else {
			taken = append(taken, s)
		}
	}
	if len(open) > 0 {
		r.Code, r.Slots = Open, open[:min(len(open), maxReasonSlots)]
		return r
	}
	r.Code, r.Slots = Full, taken[:min(len(taken), maxReasonSlots)]
	r.Participants = st.busyIn(m, r.Slots)
	return r
}

// awayWhenAllowed names the participants of m unavailable in a slot m allows.
func (p *problem) awayWhenAllowed(m int) []string {
	allowed := p.in.Meetings[m].AllowedSlots
	var out []string
	for _, q := range p.parts[m] {
		for _, s := range p.in.Participants[q].Unavailable {
			if len(allowed) == 0 || slices.Contains(allowed, s) {
				out = append(out, p.in.Participants[q].ID)
				break
			}
		}
	}
	return out
}

// capped names the participants of m at their cap, or at the session cap in every slot m
// could use.
func (st *state) capped(m int) []string {
	p := st.p
	var out []string
	for _, q := range p.parts[m] {
		if st.count[q] >= p.pcap[q] || st.sessionsFull(m, q) {
			out = append(out, p.in.Participants[q].ID)
		}
	}
	return out
}

// busyIn names the participants of m who meet someone else, or are at the session cap,
// in one of the slots.
func (st *state) busyIn(m int, slots []int) []string {
	p := st.p
	var out []string
	for _, q := range p.parts[m] {
		for _, s := range slots {
			if st.busy[q*p.slots+s] >= 0 || st.sessionFull(q, s) {
				out = append(out, p.in.Participants[q].ID)
				break
			}
		}
	}
	return out
}
