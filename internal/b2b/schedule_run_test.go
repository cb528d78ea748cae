package b2b

import (
	"errors"
	"slices"
	"testing"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Six companies, four slots, two tables: eleven meetings cannot all fit (Ege meets five
// others, Xəzər is away in the first two slots), one is locked by hand.
func TestScheduleAllPlacesValidlyKeepsLocksAndIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(4, 2, 0))
		var ps []int64
		for _, n := range []string{"Ege Zeytin", "Xəzər Logistika", "Körfez Tekstil", "Abşeron Enerji", "Gəncə Şərab", "Bornova Makine"} {
			ps = append(ps, f.company(t, n))
		}
		f.unavailable(t, ps[1], 0, 1)
		pairs := [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 2}, {1, 3}, {2, 3}, {2, 4}, {3, 5}, {4, 5}}
		var ids []int64
		for i, pr := range pairs {
			ids = append(ids, f.meet(t, ps[pr[0]], ps[pr[1]], Priority(1+i%3)))
		}
		locked, err := f.svc.MoveMeeting(ctx, f.coordinator, ids[10], 3, 2)
		if err != nil || !locked.Locked {
			t.Fatalf("move: %+v %v", locked, err)
		}

		run, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		f.checkValid(t)
		if m := f.meeting(t, ids[10]); m.Slot != 3 || m.Table != 2 || !m.Locked {
			t.Fatalf("the locked meeting moved: %+v", m)
		}
		placed := 0
		for _, m := range f.all(t) {
			if m.Scheduled() {
				placed++
			} else if _, ok := m.Reason(); !ok {
				t.Fatalf("unplaced meeting %d has no reason: %q", m.ID, m.Unplaced)
			}
		}
		// Ege meets in at most four slots, so at most 4 + ... ; two tables in four slots hold 8.
		if run.Meetings != 11 || run.Placed != placed || run.Locked != 1 || placed > 8 || run.UpperBound < placed || placed < 7 {
			t.Fatalf("run %+v, %d placed", run, placed)
		}

		// A second run over the same problem changes nothing.
		before := f.all(t)
		again, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		if again.Changed != 0 || again.Placed != run.Placed {
			t.Fatalf("second run %+v after %+v", again, run)
		}
		after := f.all(t)
		for i := range before {
			if before[i].Slot != after[i].Slot || before[i].Table != after[i].Table {
				t.Fatalf("meeting %d moved from %d/%d to %d/%d", before[i].ID, before[i].Slot, before[i].Table, after[i].Slot, after[i].Table)
			}
		}
		runs, err := f.svc.Runs(ctx, f.coordinator, f.forum)
		if err != nil || len(runs) != 2 || runs[0].ID != again.ID || runs[1].UpperBound != run.UpperBound {
			t.Fatalf("runs %+v %v", runs, err)
		}
	})
}

func TestScheduleAllRefusesWhenTheProblemChanged(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 2, 0))
		a, b, c := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil")
		m1 := f.meet(t, a, b, PriorityNormal)
		f.meet(t, b, c, PriorityNormal)
		p := f.programme(t)
		pl, err := f.svc.solve(ctx, p, f.coordinator.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Meanwhile an organiser moves a meeting by hand: the solved run no longer applies.
		if _, err := f.svc.MoveMeeting(ctx, f.coordinator, m1, 2, 1); err != nil {
			t.Fatal(err)
		}
		fieldErr(t, f.svc.commit(ctx, f.forum, pl), "schedule", "b2b.schedule.error.changed")
		if m := f.meeting(t, m1); m.Slot != 2 || m.Table != 1 || !m.Locked {
			t.Fatalf("the refused run touched the moved meeting: %+v", m)
		}
		if runs, _ := f.svc.Runs(ctx, f.coordinator, f.forum); len(runs) != 0 {
			t.Fatalf("a refused run was recorded: %+v", runs)
		}
		// A request accepted meanwhile refuses it too.
		if pl, err = f.svc.solve(ctx, p, f.coordinator.ID); err != nil {
			t.Fatal(err)
		}
		f.meet(t, a, c, PriorityHigh)
		fieldErr(t, f.svc.commit(ctx, f.forum, pl), "schedule", "b2b.schedule.error.changed")
		// Run again, it goes through.
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
	})
}

func TestUnplacedReasons(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		// Two slots, one table, a cap of one meeting per session.
		f := newSched(t, d, smallSetup(2, 1, 1))
		ege, xezer, korfez, abseron := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil"), f.company(t, "Abşeron Enerji")
		gence := f.company(t, "Gəncə Şərab")
		f.unavailable(t, gence, 0, 1)
		away := f.meet(t, gence, korfez, PriorityMust)
		first := f.meet(t, ege, xezer, PriorityMust)
		second := f.meet(t, ege, korfez, PriorityNormal)
		third := f.meet(t, abseron, korfez, PriorityNormal)
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
		f.checkValid(t)
		reason := func(id int64) Unplaced {
			t.Helper()
			u, ok := f.meeting(t, id).Reason()
			if !ok {
				t.Fatalf("meeting %d: no reason (%+v)", id, f.meeting(t, id))
			}
			return u
		}
		if u := reason(away); u.Code != schedule.NoCommonSlot || !slices.Equal(u.Profiles, []int64{gence}) {
			t.Fatalf("away: %+v", u)
		}
		// Ege (must) and Abşeron–Körfez fill both slots; Ege–Körfez is left: Ege and Körfez
		// are at the session's cap.
		if !f.meeting(t, first).Scheduled() || !f.meeting(t, third).Scheduled() {
			t.Fatalf("placed: %+v %+v", f.meeting(t, first), f.meeting(t, third))
		}
		if u := reason(second); u.Code != schedule.AtCap || !slices.Contains(u.Profiles, ege) {
			t.Fatalf("second: %+v", u)
		}
	})
}

func TestFullSlotReasonAndRunsOnlyForOrganisers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 1, 0))
		a, b, c, e := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil"), f.company(t, "Abşeron Enerji")
		f.unavailable(t, a, 0, 1)
		f.unavailable(t, b, 0, 1)
		f.unavailable(t, c, 0, 1)
		f.unavailable(t, e, 0, 1)
		m1 := f.meet(t, a, b, PriorityMust)
		m2 := f.meet(t, c, e, PriorityNormal)
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
		if m := f.meeting(t, m1); m.Slot != 2 || m.Table != 1 {
			t.Fatalf("must meeting: %+v", m)
		}
		if u, _ := f.meeting(t, m2).Reason(); u.Code != schedule.Full || !slices.Equal(u.Slots, []int{2}) || len(u.Profiles) != 0 {
			t.Fatalf("full: %+v", u)
		}

		member := f.people[a]
		if _, err := f.svc.ScheduleAll(ctx, member, f.forum); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("participant ran the scheduler: %v", err)
		}
		if _, err := f.svc.ScheduleAll(ctx, nil, f.forum); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: %v", err)
		}
		if _, err := f.svc.Runs(ctx, member, f.forum); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("participant read runs: %v", err)
		}
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.festival); !errors.Is(err, fail.NotFound) {
			t.Fatalf("event without programme: %v", err)
		}
	})
}
