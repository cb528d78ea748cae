package events

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Outcome is what a gate shows after a scan.
type Outcome string

const (
	Admitted        Outcome = "admitted"
	AlreadyAdmitted Outcome = "already_admitted"
	TicketCancelled Outcome = "cancelled"
	OnWaitingList   Outcome = "waiting" // also a request still awaiting approval: no place yet
	WrongEvent      Outcome = "wrong_event"
	Forged          Outcome = "forged"
	UnknownTicket   Outcome = "not_found"
)

// Scan is the answer to one scan. For AlreadyAdmitted, At and Gate say when and where the
// ticket was first admitted; for Admitted, this scan's time and gate.
type Scan struct {
	Outcome      Outcome
	Registration *Registration // nil when the code names no registration of this event
	At           time.Time
	Gate         string
	event        *Event // the scanned event, for the caller's message
}

// CheckIn admits the ticket code at gate of event eventID. However many gates scan one ticket
// at once, exactly one admits it: the admission is a conditional update that only the first
// can make; the others read back who did. Every scan is logged for the gates' counters.
//
// Managers may scan; scanner tokens limited to one event will call the same rule.
func (s *Service) CheckIn(ctx context.Context, v *web.Viewer, eventID int64, code, gate string) (*Scan, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	return s.checkInAt(ctx, eventID, code, gate, s.now())
}

// checkInAt is CheckIn's rule at a given moment: offline scans are admitted and logged at the
// time they were made. The same offline scan uploaded twice (its answer was lost) is logged once.
func (s *Service) checkInAt(ctx context.Context, eventID int64, code, gate string, at time.Time) (*Scan, error) {
	gate = strings.TrimSpace(gate)
	if gate == "" || tooLong(gate, maxGate) {
		return nil, fail.Fields{"gate": "events.gate_invalid"}
	}
	// The event is read before the write transaction, through the readers: on SQLite the
	// transaction holds the one writer, and every statement kept out of it shortens the
	// queue of gates behind it (bench/checkin). An event cannot vanish in between: the log
	// insert's foreign key would refuse it.
	e, err := eventByID(ctx, s.db, eventID)
	if err != nil {
		return nil, err
	}
	scan := &Scan{At: at, Gate: gate, event: e}
	regID, codeEvent, ok := s.tickets.Verify(code)
	var r *Registration
	switch {
	case !ok:
		scan.Outcome = Forged
	case codeEvent != eventID:
		scan.Outcome = WrongEvent
	default:
		// The registration is read through the readers too. Only states no later change
		// undoes (admitted, cancelled, reissued, gone) are decided from this read; a ticket
		// that may still be admitted goes through the conditional update below, which alone
		// admits, so a stale read can cost a second read, never a second admission.
		read, err := regByID(ctx, s.db, regID)
		if r, err = s.judgeRead(scan, code, read, err); err != nil {
			return nil, err
		}
	}
	if r == nil {
		// Nothing to admit: the scan is only logged, without a transaction of its own.
		if scan.Outcome == AlreadyAdmitted && scan.Gate == gate && scan.At.Equal(at) {
			return scan, nil // this very scan, uploaded again: already logged
		}
		return scan, insertCheckin(ctx, s.db, eventID, scanRegID(scan), gate, scan.Outcome, at)
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.admit(ctx, tx, scan, r, code, at); err != nil {
			return err
		}
		if scan.Outcome == AlreadyAdmitted && scan.Gate == gate && scan.At.Equal(at) {
			return nil
		}
		return insertCheckin(ctx, tx, eventID, scanRegID(scan), gate, scan.Outcome, at)
	})
	if err != nil {
		return nil, err
	}
	return scan, nil
}

// judgeRead decides a scan from the registration read (or its absence) when no admission can
// follow, and returns the registration when one may: then the caller calls admit.
func (s *Service) judgeRead(scan *Scan, code string, r *Registration, err error) (*Registration, error) {
	switch {
	case errors.Is(err, fail.NotFound):
		scan.Outcome = UnknownTicket
		return nil, nil
	case err != nil:
		return nil, err
	case r.CheckedInAt == nil && r.Status != RegCancelled && sameNonce(r, code):
		return r, nil
	}
	s.judge(scan, r, code, false)
	return nil, nil
}

// admit tries the admission of r, read before the transaction: the conditional update decides.
// A gate that loses the race (or a ticket that holds no place) reads the registration again.
func (s *Service) admit(ctx context.Context, tx *db.Tx, scan *Scan, r *Registration, code string, now time.Time) error {
	won, err := markCheckedIn(ctx, tx, r.ID, hex.EncodeToString(nonceOf(code)), scan.Gate, now)
	if err != nil {
		return err
	}
	if won {
		r.Status, r.CheckedInAt, r.Gate = Confirmed, &now, scan.Gate
		s.judge(scan, r, code, true)
		return nil
	}
	r, err = regByID(ctx, tx, r.ID)
	if errors.Is(err, fail.NotFound) {
		scan.Outcome = UnknownTicket
		return nil
	}
	if err != nil {
		return err
	}
	s.judge(scan, r, code, false)
	return nil
}

// judge sets the scan's outcome from r's state; won says this scan's update admitted it.
func (s *Service) judge(scan *Scan, r *Registration, code string, won bool) {
	if !sameNonce(r, code) {
		// Signed by us but superseded by a reissued ticket: treat like any invalid code. The
		// update cannot have matched, since it is checked against the nonce too.
		scan.Outcome = Forged
		return
	}
	s.fill(r)
	scan.Registration = r
	switch {
	case won:
		scan.Outcome = Admitted
	case r.CheckedInAt != nil:
		scan.Outcome, scan.At, scan.Gate = AlreadyAdmitted, *r.CheckedInAt, r.Gate
	case r.Status == RegCancelled:
		scan.Outcome = TicketCancelled
	default:
		scan.Outcome = OnWaitingList
	}
}

// scanRegID is the registration a scan is logged against, or NULL.
func scanRegID(scan *Scan) any {
	if scan.Registration == nil {
		return nil
	}
	return scan.Registration.ID
}

// GateCount is one gate's tally.
type GateCount struct {
	Gate     string
	Admitted int
	Scans    int // every scan, refused ones included
}

// Counters is the live tally of an event's gates.
type Counters struct {
	Admitted int
	Gates    []GateCount // by gate name
}

// Counters returns how many people each gate admitted and in total.
func (s *Service) Counters(ctx context.Context, v *web.Viewer, eventID int64) (*Counters, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	gates, err := gateCounts(ctx, s.db, eventID)
	if err != nil {
		return nil, err
	}
	c := &Counters{Gates: gates}
	for _, g := range gates {
		c.Admitted += g.Admitted
	}
	return c, nil
}
