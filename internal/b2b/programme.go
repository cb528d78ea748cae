package b2b

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Mode is how meetings get their slot and table.
type Mode string

const (
	// Batch: organisers run the scheduler over the accepted requests and publish the result.
	Batch Mode = "batch"
	// Instant: an accepted request takes the first slot and table free for both sides at once.
	Instant Mode = "instant"
)

// Modes lists the modes in the order forms offer them.
var Modes = []Mode{Batch, Instant}

// Limits of a programme.
const (
	maxSessions     = 20
	maxSlots        = 100 // per session
	minSlotMinutes  = 5
	maxSlotMinutes  = 240
	maxBreakMinutes = 480
	maxTables       = 1000
	maxTableName    = 80
	maxOpenLimit    = 1000
)

// Break is a pause after slot AfterSlot (counted from 1) of a session.
type Break struct {
	AfterSlot int `json:"after_slot"`
	Minutes   int `json:"minutes"`
}

// Session is a block of back-to-back meeting slots, with breaks between some of them.
type Session struct {
	ID          int64
	StartsAt    time.Time // the first slot's start, UTC
	SlotMinutes int
	Slots       int
	MaxMeetings int // per participant in this session; 0: no cap beyond the slots
	Breaks      []Break
}

// Slot is one meeting slot of a session, numbered from 1.
type Slot struct {
	Number   int
	StartsAt time.Time
	EndsAt   time.Time
}

// SlotTimes returns the session's slots in order, breaks accounted for.
func (s Session) SlotTimes() []Slot {
	out := make([]Slot, 0, s.Slots)
	at, length := s.StartsAt, time.Duration(s.SlotMinutes)*time.Minute
	for n := 1; n <= s.Slots; n++ {
		out = append(out, Slot{Number: n, StartsAt: at, EndsAt: at.Add(length)})
		at = at.Add(length)
		for _, b := range s.Breaks {
			if b.AfterSlot == n {
				at = at.Add(time.Duration(b.Minutes) * time.Minute)
			}
		}
	}
	return out
}

// EndsAt is when the last slot ends.
func (s Session) EndsAt() time.Time {
	slots := s.SlotTimes()
	if len(slots) == 0 {
		return s.StartsAt
	}
	return slots[len(slots)-1].EndsAt
}

// Table is a meeting table, numbered from 1, optionally named ("Port of Baku stand").
type Table struct {
	Number int
	Name   string
}

// ProgrammeInput is everything an organiser sets up.
type ProgrammeInput struct {
	Mode            Mode
	OpensAt         time.Time // the booking window, UTC
	ClosesAt        time.Time
	MaxOpenRequests int // per participant; 0: no limit
	// Sessions are matched by ID on save: listed ones are kept or added, missing ones removed.
	Sessions []Session
	Tables   []Table // numbered 1..n in order
}

// Programme is a programme as stored.
type Programme struct {
	ID      int64
	EventID int64
	ProgrammeInput
	PublishedAt time.Time // when organisers published the schedule; zero while it is preliminary
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// validate cleans in and returns every problem as a field error. Sessions must fall within
// the event and not overlap (a participant cannot sit in two at once); the booking window
// must close before the first session starts, since the schedule is made from it.
func (in *ProgrammeInput) validate(ev EventInfo) fail.Fields {
	errs := fail.Fields{}
	if !slices.Contains(Modes, in.Mode) {
		errs["mode"] = "form.choice"
	}
	if in.MaxOpenRequests < 0 || in.MaxOpenRequests > maxOpenLimit {
		errs["max_open_requests"] = "b2b.error.open_limit"
	}
	in.Sessions = slices.Clone(in.Sessions)
	if len(in.Sessions) == 0 {
		errs["sessions"] = "b2b.error.no_session"
	}
	if len(in.Sessions) > maxSessions {
		errs["sessions"] = "b2b.error.too_many_sessions"
	}
	for i := range in.Sessions {
		validateSession(&in.Sessions[i], i, ev, errs)
	}
	slices.SortStableFunc(in.Sessions, func(a, b Session) int { return a.StartsAt.Compare(b.StartsAt) })
	for i := 1; i < len(in.Sessions); i++ {
		if in.Sessions[i].StartsAt.Before(in.Sessions[i-1].EndsAt()) {
			errs["sessions"] = "b2b.error.sessions_overlap"
		}
	}
	in.validateWindow(errs)
	validateTables(in.Tables, errs)
	return errs
}

func validateSession(s *Session, i int, ev EventInfo, errs fail.Fields) {
	field := func(name string) string { return fmt.Sprintf("session_%s_%d", name, i) }
	s.StartsAt = s.StartsAt.UTC()
	switch {
	case s.SlotMinutes < minSlotMinutes || s.SlotMinutes > maxSlotMinutes:
		errs[field("slot_minutes")] = "b2b.error.slot_minutes"
	case s.Slots < 1 || s.Slots > maxSlots:
		errs[field("slots")] = "b2b.error.slots"
	}
	if s.MaxMeetings < 0 || s.MaxMeetings > s.Slots {
		errs[field("cap")] = "b2b.error.cap"
	}
	for j, b := range s.Breaks {
		if b.AfterSlot < 1 || b.AfterSlot >= s.Slots || b.Minutes < 1 || b.Minutes > maxBreakMinutes ||
			slices.ContainsFunc(s.Breaks[:j], func(o Break) bool { return o.AfterSlot == b.AfterSlot }) {
			errs[field("breaks")] = "b2b.error.breaks"
		}
	}
	slices.SortFunc(s.Breaks, func(a, b Break) int { return a.AfterSlot - b.AfterSlot })
	switch {
	case s.StartsAt.IsZero():
		errs[field("start")] = "form.required"
	case errs[field("slot_minutes")] == "" && errs[field("slots")] == "" && errs[field("breaks")] == "" &&
		(s.StartsAt.Before(ev.StartsAt) || s.EndsAt().After(ev.EndsAt)):
		errs[field("start")] = "b2b.error.outside_event"
	}
}

func (in *ProgrammeInput) validateWindow(errs fail.Fields) {
	in.OpensAt, in.ClosesAt = in.OpensAt.UTC(), in.ClosesAt.UTC()
	switch {
	case in.OpensAt.IsZero():
		errs["opens_at"] = "form.required"
	case in.ClosesAt.IsZero():
		errs["closes_at"] = "form.required"
	case !in.ClosesAt.After(in.OpensAt):
		errs["closes_at"] = "b2b.error.window_order"
	case len(in.Sessions) > 0 && in.ClosesAt.After(in.Sessions[0].StartsAt):
		errs["closes_at"] = "b2b.error.window_after_start"
	}
}

func validateTables(tables []Table, errs fail.Fields) {
	if len(tables) < 1 || len(tables) > maxTables {
		errs["table_count"] = "b2b.error.table_count"
	}
	for i := range tables {
		tables[i].Number = i + 1
		tables[i].Name = strings.Join(strings.Fields(tables[i].Name), " ")
		if utf8.RuneCountInString(tables[i].Name) > maxTableName {
			errs["table_names"] = "form.too_long"
		}
	}
}

// NumberedTables returns count tables, the first ones named by names in order.
func NumberedTables(count int, names []string) []Table {
	out := make([]Table, max(count, 0))
	for i := range out {
		out[i].Number = i + 1
		if i < len(names) {
			out[i].Name = names[i]
		}
	}
	return out
}
