package b2b

import (
	"errors"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Two sessions of two slots (slots 0–1 and 2–3), a cap of one meeting per session, three
// tables; Bornova keeps table 3 as its stand.
func TestMovesAreCheckedAgainstTheGrid(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		in := smallSetup(2, 3, 1)
		second := in.Sessions[0]
		second.StartsAt = second.StartsAt.Add(2 * 3600e9)
		in.Sessions = append(in.Sessions, second)
		f := newSched(t, d, in)
		ege, xezer, korfez, abseron := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil"), f.company(t, "Abşeron Enerji")
		bornova := f.company(t, "Bornova Makine")
		if err := f.svc.SetFixedTable(ctx, f.coordinator, bornova, 3); err != nil {
			t.Fatal(err)
		}
		f.unavailable(t, korfez, 1)
		m1 := f.meet(t, ege, xezer, PriorityNormal)
		m2 := f.meet(t, ege, korfez, PriorityNormal)
		m3 := f.meet(t, abseron, korfez, PriorityNormal)
		m4 := f.meet(t, abseron, bornova, PriorityNormal)

		if _, err := f.svc.MoveMeeting(ctx, f.coordinator, m1, 0, 1); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name        string
			id          int64
			slot, table int
			field, key  string
		}{
			{"a side already meets then", m2, 0, 2, "slot", "b2b.schedule.error.slot_busy"},
			{"a side is unavailable", m3, 1, 1, "slot", "b2b.schedule.error.slot_unavailable"},
			{"the table does not exist", m3, 0, 4, "table", "b2b.schedule.error.table_unknown"},
			{"no table zero", m3, 0, 0, "table", "b2b.schedule.error.table_unknown"},
			{"the slot does not exist", m3, 4, 1, "slot", "b2b.schedule.error.slot_unknown"},
			{"the table is taken", m3, 0, 1, "table", "b2b.schedule.error.table_taken"},
			{"the session cap", m2, 1, 1, "slot", "b2b.schedule.error.session_cap"},
			{"another's fixed table", m3, 0, 3, "table", "b2b.schedule.error.table_reserved"},
			{"an exhibitor stays at its table", m4, 0, 2, "table", "b2b.schedule.error.table_fixed"},
		} {
			_, err := f.svc.MoveMeeting(ctx, f.coordinator, c.id, c.slot, c.table)
			if err == nil {
				t.Fatalf("%s: move accepted", c.name)
			}
			fieldErr(t, err, c.field, c.key)
			if m := f.meeting(t, c.id); m.Scheduled() || m.Locked {
				t.Fatalf("%s: a refused move left %+v", c.name, m)
			}
		}
		// Ege's cap in the first session does not hold in the second.
		if m, err := f.svc.MoveMeeting(ctx, f.coordinator, m2, 2, 2); err != nil || m.Slot != 2 || !m.Locked {
			t.Fatalf("move to the second session: %+v %v", m, err)
		}
		if m, err := f.svc.MoveMeeting(ctx, f.coordinator, m4, 3, 3); err != nil || m.Table != 3 {
			t.Fatalf("exhibitor at its table: %+v %v", m, err)
		}
		f.checkValid(t)

		// Unlock, lock, unschedule; an unscheduled meeting cannot be locked.
		if m, err := f.svc.SetLocked(ctx, f.coordinator, m1, false); err != nil || m.Locked || m.Slot != 0 {
			t.Fatalf("unlock: %+v %v", m, err)
		}
		if m := f.meeting(t, m1); m.Locked || m.Slot != 0 {
			t.Fatalf("stored after unlock: %+v", m)
		}
		if _, err := f.svc.SetLocked(ctx, f.coordinator, m1, true); err != nil || !f.meeting(t, m1).Locked {
			t.Fatalf("lock: %v", err)
		}
		if m, err := f.svc.Unschedule(ctx, f.coordinator, m1); err != nil || m.Scheduled() || m.Locked {
			t.Fatalf("unschedule: %+v %v", m, err)
		}
		if m := f.meeting(t, m1); m.Scheduled() || m.Locked {
			t.Fatalf("stored after unschedule: %+v", m)
		} else if u, ok := m.Reason(); !ok || u.Code != "open" {
			t.Fatalf("an unscheduled meeting that fits is explained as open: %+v %q", u, m.Unplaced)
		}
		_, err := f.svc.SetLocked(ctx, f.coordinator, m1, true)
		fieldErr(t, err, "locked", "b2b.schedule.error.lock_unscheduled")

		// A meeting called off cannot be moved.
		if _, err := d.Exec(ctx, `UPDATE b2b_meetings SET status = ? WHERE id = ?`, MeetingCancelled, m3); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.MoveMeeting(ctx, f.coordinator, m3, 3, 1)
		fieldErr(t, err, "meeting", "b2b.schedule.error.not_planned")
	})
}

func TestOnlyOrganisersMoveMeetings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 2, 0))
		a, b := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika")
		m := f.meet(t, a, b, PriorityNormal)
		for _, v := range []struct {
			name string
			err  error
			call func() error
		}{
			{"participant moves", fail.Forbidden, func() error { _, err := f.svc.MoveMeeting(ctx, f.people[a], m, 0, 1); return err }},
			{"participant locks", fail.Forbidden, func() error { _, err := f.svc.SetLocked(ctx, f.people[b], m, true); return err }},
			{"participant unschedules", fail.Forbidden, func() error { _, err := f.svc.Unschedule(ctx, f.people[a], m); return err }},
			{"anonymous moves", fail.Unauthorized, func() error { _, err := f.svc.MoveMeeting(ctx, nil, m, 0, 1); return err }},
			{"participant publishes", fail.Forbidden, func() error { _, err := f.svc.Publish(ctx, f.people[a], f.forum); return err }},
			{"unknown meeting", fail.NotFound, func() error { _, err := f.svc.MoveMeeting(ctx, f.coordinator, m+100, 0, 1); return err }},
		} {
			if err := v.call(); !errors.Is(err, v.err) {
				t.Fatalf("%s: %v, want %v", v.name, err, v.err)
			}
		}
		if got := f.meeting(t, m); got.Scheduled() {
			t.Fatalf("a refused caller placed the meeting: %+v", got)
		}
	})
}

// Two organisers move two meetings with no one in common into the same table and slot at
// the same moment: the programme's lock lets one in, the other is told the table is taken.
func TestConcurrentMovesNeverDoubleBook(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 2, 0))
		a, b, c, e := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil"), f.company(t, "Abşeron Enerji")
		ids := []int64{f.meet(t, a, b, PriorityNormal), f.meet(t, c, e, PriorityNormal)}
		for round := range 5 {
			for _, id := range ids {
				if _, err := f.svc.Unschedule(ctx, f.coordinator, id); err != nil {
					t.Fatal(err)
				}
			}
			errs := make([]error, len(ids))
			var wg sync.WaitGroup
			for i, id := range ids {
				wg.Go(func() { _, errs[i] = f.svc.MoveMeeting(ctx, f.coordinator, id, 1, 2) })
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				if err == nil {
					won++
				} else {
					fieldErr(t, err, "table", "b2b.schedule.error.table_taken")
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d moves won (%v)", round, won, errs)
			}
			f.checkValid(t)
		}
	})
}
