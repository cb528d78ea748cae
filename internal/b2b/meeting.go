package b2b

import (
	"time"
)

// Meetings: a participant requests a meeting with another; when the other side accepts (or
// auto-accepts), the request becomes a meeting. In batch mode organisers run the scheduler
// over all meetings and publish the result; in instant mode a meeting takes the first slot
// and table free for both sides as soon as it is accepted.
//
// Slots are numbered across the programme's sessions in time order from 0, as the scheduler
// numbers them; Programme.Slots maps a number to its session and times.

// RequestStatus is where a meeting request stands.
type RequestStatus string

const (
	RequestPending   RequestStatus = "pending"
	RequestAccepted  RequestStatus = "accepted"
	RequestDeclined  RequestStatus = "declined"
	RequestWithdrawn RequestStatus = "withdrawn" // by the requester, before an answer
	RequestCancelled RequestStatus = "cancelled" // an accepted meeting called off by either side
)

// live reports whether a request still joins two participants: at most one live request
// may join any two, in either direction.
func (s RequestStatus) live() bool { return s == RequestPending || s == RequestAccepted }

// Priority is how much the requester wants the meeting; the scheduler places higher
// priorities first when it must choose.
type Priority int

const (
	PriorityNormal Priority = 1
	PriorityHigh   Priority = 2
	PriorityMust   Priority = 3
)

// Priorities lists the priorities in the order forms offer them.
var Priorities = []Priority{PriorityNormal, PriorityHigh, PriorityMust}

// Request is a meeting request as stored.
type Request struct {
	ID            int64
	ProgrammeID   int64
	FromProfileID int64
	ToProfileID   int64
	Message       string
	Priority      Priority
	Status        RequestStatus
	Reason        string // why it was declined or cancelled
	CreatedBy     int64
	AnsweredBy    int64
	CreatedAt     time.Time
	AnsweredAt    time.Time // zero while pending
}

// MeetingStatus is what happened to a meeting on the day.
type MeetingStatus string

const (
	MeetingPlanned   MeetingStatus = "planned"
	MeetingHeld      MeetingStatus = "held"
	MeetingNoShow    MeetingStatus = "no_show"
	MeetingCancelled MeetingStatus = "cancelled"
)

// Meeting is an accepted request with its place in the schedule.
type Meeting struct {
	ID          int64
	ProgrammeID int64
	RequestID   int64
	Profiles    [2]int64 // requester, then the one who accepted
	Slot        int      // -1 while unscheduled
	Table       int      // from 1; 0 while unscheduled
	Locked      bool     // placed by hand; the scheduler keeps it
	Status      MeetingStatus
	Unplaced    string // JSON: why the last scheduler run could not place it
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Scheduled reports whether the meeting has a slot and a table.
func (m Meeting) Scheduled() bool { return m.Slot >= 0 && m.Table > 0 }

// Has reports whether profile id is one of the meeting's sides.
func (m Meeting) Has(profileID int64) bool {
	return m.Profiles[0] == profileID || m.Profiles[1] == profileID
}

// Other returns the side of the meeting that is not profileID.
func (m Meeting) Other(profileID int64) int64 {
	if m.Profiles[0] == profileID {
		return m.Profiles[1]
	}
	return m.Profiles[0]
}

// ProgrammeSlot is one slot of a programme with its place in the programme's numbering.
type ProgrammeSlot struct {
	Index   int // across the programme, from 0
	Session int // the session's position, from 0
	Slot        // the number within the session (from 1) and its times
}

// Slots lists every slot of the programme in time order, numbered from 0.
func (p *Programme) Slots() []ProgrammeSlot {
	var out []ProgrammeSlot
	for si, s := range p.Sessions {
		for _, sl := range s.SlotTimes() {
			out = append(out, ProgrammeSlot{Index: len(out), Session: si, Slot: sl})
		}
	}
	return out
}

// SlotCount is the number of slots over all sessions.
func (p *Programme) SlotCount() int {
	n := 0
	for _, s := range p.Sessions {
		n += s.Slots
	}
	return n
}

// SessionOf returns the position of the session slot index falls in, or -1.
func (p *Programme) SessionOf(index int) int {
	for si, s := range p.Sessions {
		if index < s.Slots {
			return si
		}
		index -= s.Slots
	}
	return -1
}
