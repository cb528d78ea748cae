// Package volunteer runs youth and volunteering programmes: roles and shifts, sign-up with
// a waiting list, guardian consent for minors, attendance, hours and certificates. People
// and other modules' objects are reached through the small interfaces declared here, which
// the app wires.
package volunteer

import (
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

var (
	ErrNotFound  = fmt.Errorf("volunteer: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("volunteer: %w", fail.Forbidden)
)

// Cities a programme can be in; the city gives the zone its shifts are shown in first.
var Cities = []string{"izmir", "baku"}

var cityZones = map[string]*time.Location{
	"izmir": i18n.MustLocation("Europe/Istanbul"),
	"baku":  i18n.MustLocation("Asia/Baku"),
}

// Languages a role may need and a volunteer may speak.
var Languages = []string{"tr", "az", "en", "ru"}

// ShiftKind says how a shift's time is given.
type ShiftKind string

const (
	Fixed   ShiftKind = "fixed"   // from StartsAt to EndsAt
	Window  ShiftKind = "window"  // Minutes of work any time between StartsAt and EndsAt
	Ongoing ShiftKind = "ongoing" // a flexible need over the period; volunteers log hours
)

// ShiftKinds lists them in the order forms offer them.
var ShiftKinds = []ShiftKind{Fixed, Window, Ongoing}

// SignupStatus is where a person stands on a shift.
type SignupStatus string

const (
	Confirmed SignupStatus = "confirmed"
	Waiting   SignupStatus = "waiting"
	Cancelled SignupStatus = "cancelled"
)

// Attendance as recorded by a coordinator; "" until recorded.
const (
	Attended = "attended"
	Absent   = "absent"
)

// HoursStatus is where logged hours stand. Only approved hours count.
type HoursStatus string

const (
	HoursPending  HoursStatus = "pending"
	HoursApproved HoursStatus = "approved"
	HoursRejected HoursStatus = "rejected"
)

// AdultAge is the age from which no guardian's consent is needed.
const AdultAge = 18

// MaxMinutesPerDay bounds one hours entry: nobody works more than a day in a day.
const MaxMinutesPerDay = 24 * 60

// Programme is a youth or volunteering programme.
type Programme struct {
	ID           int64
	Slug         string
	Title        i18n.Text
	Description  i18n.Text
	Requirements i18n.Text
	City         string // izmir, baku
	StartsAt     time.Time
	EndsAt       time.Time
	MinAge       int   // 0: none
	EventID      int64 // 0: no linked event
	Issuers      []int64
	// SignupCloseHours and CancelCloseHours are how long before a shift starts signing up,
	// and cancelling or swapping, close.
	SignupCloseHours int
	CancelCloseHours int
	Published        bool
	CreatedBy        int64
	CreatedAt        time.Time
	UpdatedAt        time.Time

	Roles  []Role
	Shifts []Shift
}

// Location is the programme's zone: its city's.
func (p *Programme) Location() *time.Location {
	if loc, ok := cityZones[p.City]; ok {
		return loc
	}
	return cityZones["izmir"]
}

// Role is a kind of work within a programme.
type Role struct {
	ID          int64
	ProgrammeID int64
	Position    int
	Name        i18n.Text
	Description i18n.Text
	Languages   []string
}

// Shift is a role's stretch of work with a number of places.
type Shift struct {
	ID            int64
	ProgrammeID   int64
	RoleID        int64
	Kind          ShiftKind
	StartsAt      time.Time
	EndsAt        time.Time
	Minutes       int // Window: the work expected
	Places        int
	Location      string
	ContactName   string
	ContactDetail string
	Confirmed     int // confirmed sign-ups
	CreatedAt     time.Time
}

// Free is the number of places left.
func (s *Shift) Free() int { return max(s.Places-s.Confirmed, 0) }

// Overlaps reports whether s and o take the same time of one person. Ongoing shifts are
// worked whenever suits, so they overlap nothing; a window is taken as a whole.
func (s *Shift) Overlaps(o *Shift) bool {
	if s.Kind == Ongoing || o.Kind == Ongoing {
		return false
	}
	return s.StartsAt.Before(o.EndsAt) && o.StartsAt.Before(s.EndsAt)
}

// WorkMinutes is the time a shift's attendance is worth.
func (s *Shift) WorkMinutes() int {
	switch s.Kind {
	case Fixed:
		return int(s.EndsAt.Sub(s.StartsAt) / time.Minute)
	case Window:
		return s.Minutes
	}
	return 0
}

// Profile is what a volunteer tells programmes about themselves.
type Profile struct {
	UserID    int64
	BirthDate time.Time // a date; zero: not given
	Phone     string
	City      string
	Languages []string
	UpdatedAt time.Time
}

// AgeOn is the volunteer's age in whole years on day.
func (p *Profile) AgeOn(day time.Time) int {
	y1, m1, d1 := p.BirthDate.Date()
	y2, m2, d2 := day.Date()
	age := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		age--
	}
	return age
}

// Consent is a guardian's consent for a minor on one programme.
type Consent struct {
	ProgrammeID     int64
	UserID          int64
	GuardianName    string
	GuardianContact string
	ConsentedAt     time.Time
	RecordedBy      int64
}

// Signup is a person on a shift.
type Signup struct {
	ID         int64
	ShiftID    int64
	UserID     int64
	Status     SignupStatus
	QueuedAt   time.Time
	Attendance string // "", attended, absent
	WalkIn     bool
	AssignedBy int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Hours is time worked, waiting for or given a coordinator's decision.
type Hours struct {
	ID          int64
	ProgrammeID int64
	ShiftID     int64
	UserID      int64
	SignupID    int64 // 0: logged by the volunteer
	WorkedOn    time.Time
	Minutes     int
	Note        string
	Status      HoursStatus
	Reason      string
	LoggedBy    int64
	DecidedBy   int64
	DecidedAt   time.Time
	CreatedAt   time.Time
}

// Certificate is an issued certificate of approved hours.
type Certificate struct {
	ID          int64
	Code        string
	ProgrammeID int64
	UserID      int64
	HolderName  string
	Minutes     int
	FirstDay    time.Time
	LastDay     time.Time
	IssuedAt    time.Time
}
