package events

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestCheckInOutcomes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, f.festival(2))
		other := f.create(t, f.festival(10))
		a, b := f.guest(t, e, 0), f.guest(t, e, 0)
		waiting := f.guest(t, e, 0)
		foreign := f.guest(t, other, 0)
		scan := func(code, gate string) *Scan {
			t.Helper()
			s, err := f.svc.CheckIn(ctx, f.coordinator, e.ID, code, gate)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		if s := scan(a.Ticket, "Kapı A"); s.Outcome != Admitted || s.Registration.Name != a.Name || s.Gate != "Kapı A" {
			t.Fatalf("first scan: %+v", s)
		}
		if s := scan(a.Ticket, "Kapı B"); s.Outcome != AlreadyAdmitted || s.Gate != "Kapı A" || !s.At.Equal(t0) {
			t.Fatalf("second scan: %+v", s)
		}
		if s := scan(waiting.Ticket, "Kapı A"); s.Outcome != OnWaitingList {
			t.Fatalf("waiting: %+v", s)
		}
		if s := scan(foreign.Ticket, "Kapı A"); s.Outcome != WrongEvent || s.Registration != nil {
			t.Fatalf("other event's ticket: %+v", s)
		}
		if s := scan(b.Ticket[:len(b.Ticket)-2], "Kapı A"); s.Outcome != Forged {
			t.Fatalf("truncated: %+v", s)
		}
		if s := scan(NewTicketSigner(bytes.Repeat([]byte("x"), 32)).Code(b.ID, e.ID, make([]byte, nonceSize)), "Kapı A"); s.Outcome != Forged {
			t.Fatalf("forged: %+v", s)
		}
		// Correctly signed, but for a nonce the registration does not carry: not a real ticket.
		if s := scan(f.svc.tickets.Code(b.ID, e.ID, make([]byte, nonceSize)), "Kapı A"); s.Outcome != Forged {
			t.Fatalf("wrong nonce: %+v", s)
		}
		if s := scan(f.svc.tickets.Code(999999, e.ID, make([]byte, nonceSize)), "Kapı A"); s.Outcome != UnknownTicket {
			t.Fatalf("unknown registration: %+v", s)
		}

		// b cancels: the place goes to the waiting registration, and b's ticket is dead.
		if _, promoted, err := f.svc.CancelByToken(ctx, b.ManageToken); err != nil || len(promoted) != 1 || promoted[0].ID != waiting.ID {
			t.Fatalf("cancel: %v %+v", err, promoted)
		}
		if s := scan(b.Ticket, "Kapı B"); s.Outcome != TicketCancelled {
			t.Fatalf("cancelled ticket: %+v", s)
		}
		if s := scan(waiting.Ticket, "Kapı B"); s.Outcome != Admitted {
			t.Fatalf("promoted ticket: %+v", s)
		}
		// An admitted ticket can no longer be cancelled.
		if _, _, err := f.svc.CancelByToken(ctx, a.ManageToken); !errors.Is(err, ErrCheckedIn) {
			t.Fatalf("cancel after admission: %v", err)
		}

		c, err := f.svc.Counters(ctx, f.coordinator, e.ID)
		want := []GateCount{{Gate: "Kapı A", Admitted: 1, Scans: 7}, {Gate: "Kapı B", Admitted: 1, Scans: 3}}
		if err != nil || c.Admitted != 2 || !slices.Equal(c.Gates, want) {
			t.Fatalf("counters: %v %+v", err, c)
		}
		if _, err := f.svc.CheckIn(ctx, f.ayse, e.ID, a.Ticket, "Kapı A"); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member scans: %v", err)
		}
		if _, err := f.svc.Counters(ctx, nil, e.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous counters: %v", err)
		}
		_, err = f.svc.CheckIn(ctx, f.coordinator, e.ID, a.Ticket, " ")
		fieldErr(t, err, "gate", "events.gate_invalid")
	})
}

// One ticket shown at eight gates at the same instant is admitted exactly once; the other
// gates say where it was admitted.
func TestCheckInRace(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e := f.create(t, f.festival(10))
		r := f.guest(t, e, 0)
		const gates = 8
		scans := make([]*Scan, gates)
		errs := make([]error, gates)
		var start, wg sync.WaitGroup
		start.Add(1)
		for i := range gates {
			wg.Go(func() {
				start.Wait()
				scans[i], errs[i] = f.svc.CheckIn(ctx, f.coordinator, e.ID, r.Ticket, fmt.Sprintf("Kapı %d", i+1))
			})
		}
		start.Done()
		wg.Wait()
		admittedAt := ""
		for i, s := range scans {
			if errs[i] != nil {
				t.Fatalf("gate %d: %v", i+1, errs[i])
			}
			if s.Outcome == Admitted {
				if admittedAt != "" {
					t.Fatalf("admitted at %s and %s", admittedAt, s.Gate)
				}
				admittedAt = s.Gate
			}
		}
		if admittedAt == "" {
			t.Fatal("no gate admitted the ticket")
		}
		for _, s := range scans {
			if s.Outcome != Admitted && (s.Outcome != AlreadyAdmitted || s.Gate != admittedAt) {
				t.Fatalf("other gate: %+v (admitted at %s)", s, admittedAt)
			}
		}
		if c, err := f.svc.Counters(ctx, f.coordinator, e.ID); err != nil || c.Admitted != 1 || len(c.Gates) != gates {
			t.Fatalf("counters: %v %+v", err, c)
		}
	})
}

// Many people register for the last places while registrations are cancelled at random. At every moment
// the confirmed places stay within capacity, and at the end the waiting list is in arrival
// order: everyone still waiting arrived after everyone holding a place.
func TestRegistrationRush(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		const capacity, people, rounds = 10, 40, 3
		e := f.create(t, f.festival(capacity))
		var tokens []string // every manage link handed out; cancellers pick among them
		for range capacity - 3 {
			tokens = append(tokens, f.guest(t, e, 0).ManageToken) // only the last three places are free
		}
		countConfirmedNow := func() int {
			var n int
			if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND status = ?`, e.ID, Confirmed).Scan(&n); err != nil {
				t.Error(err)
			}
			return n
		}

		var (
			mu       sync.Mutex
			promoted []Registration
			peak     int
			wg       sync.WaitGroup
			start    sync.WaitGroup
		)
		start.Add(1)
		errs := make(chan error, people*rounds)
		for p := range people {
			wg.Go(func() {
				start.Wait()
				for round := range rounds {
					r, err := f.svc.Register(ctx, nil, RegisterInput{EventID: e.ID, Name: fmt.Sprintf("Kişi %d", p),
						Email: fmt.Sprintf("kisi%d.%d@example.org", p, round)})
					if err != nil {
						errs <- fmt.Errorf("register: %w", err)
						return
					}
					mu.Lock()
					tokens = append(tokens, r.ManageToken)
					victim := tokens[rand.IntN(len(tokens))]
					mu.Unlock()
					if rand.IntN(2) == 0 {
						// Anyone's registration, held or waiting, possibly cancelled already.
						_, got, err := f.svc.CancelByToken(ctx, victim)
						if err != nil {
							errs <- fmt.Errorf("cancel: %w", err)
							return
						}
						mu.Lock()
						promoted = append(promoted, got...)
						mu.Unlock()
					}
					n := countConfirmedNow()
					mu.Lock()
					peak = max(peak, n)
					mu.Unlock()
				}
			})
		}
		start.Done()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if peak > capacity {
			t.Fatalf("%d confirmed at once for %d places", peak, capacity)
		}

		regs, err := f.svc.Registrations(ctx, f.coordinator, e.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		var lastConfirmed, firstWaiting int64 = 0, -1
		confirmed, waiting := 0, 0
		for _, r := range regs {
			switch r.Status {
			case Confirmed:
				confirmed++
				lastConfirmed = max(lastConfirmed, r.Seq)
			case Waiting:
				if waiting++; firstWaiting < 0 {
					firstWaiting = r.Seq
				}
			}
		}
		if confirmed > capacity || (waiting > 0 && confirmed != capacity) {
			t.Fatalf("%d confirmed, %d waiting for %d places", confirmed, waiting, capacity)
		}
		if waiting > 0 && firstWaiting < lastConfirmed {
			t.Fatalf("waiting list out of order: #%d still waits while #%d holds a place", firstWaiting, lastConfirmed)
		}
		// Whoever was promoted was promoted once, and had been waiting.
		seen := map[int64]bool{}
		for _, p := range promoted {
			if seen[p.ID] || p.Status != Confirmed {
				t.Fatalf("promotion %+v repeated or not confirmed", p)
			}
			seen[p.ID] = true
		}
		if len(promoted) == 0 {
			t.Error("no cancellation freed a held place: the test did not exercise promotion")
		}
		t.Logf("%d confirmed, %d waiting, %d promoted, peak %d", confirmed, waiting, len(promoted), peak)
	})
}
