package volunteer

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func TestSignUpFullShiftGoesToWaitingList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 2)
		a, b, c := f.adult(t, "tr"), f.adult(t, "az"), f.adult(t, "en")
		for _, v := range []*web.Viewer{a, b} {
			su, err := f.svc.SignUp(sctx, v, sh.ID)
			must(t, err)
			if su.Status != Confirmed {
				t.Fatalf("%s: %s, want confirmed", v.Name, su.Status)
			}
		}
		su, err := f.svc.SignUp(sctx, c, sh.ID)
		must(t, err)
		if su.Status != Waiting {
			t.Fatalf("third on a shift of two: %s, want waiting", su.Status)
		}
		mine, err := f.svc.MySignups(sctx, c)
		must(t, err)
		if len(mine) != 1 || mine[0].Position != 1 || mine[0].Status != Waiting {
			t.Fatalf("my shifts of the waiting one: %+v", mine)
		}
		if counter, confirmed, waiting := f.counts(t, sh.ID); counter != 2 || confirmed != 2 || waiting != 1 {
			t.Fatalf("counter %d, confirmed %d, waiting %d; want 2, 2, 1", counter, confirmed, waiting)
		}
	})
}

func TestSignUpRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		morning := f.shift(t, 20, 10, 4, 5)
		overlapping := f.shift(t, 20, 12, 4, 5)
		later := f.shift(t, 21, 10, 4, 5)
		v := f.adult(t, "tr")
		_, err := f.svc.SignUp(sctx, v, morning.ID)
		must(t, err)

		_, err = f.svc.SignUp(sctx, v, morning.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.already")
		_, err = f.svc.SignUp(sctx, v, overlapping.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.overlap")

		noProfile := f.person(t, "Profilsiz", "", "tr")
		_, err = f.svc.SignUp(sctx, noProfile, later.ID)
		refusedWith(t, err, "profile", "volunteer.signups.error.profile_needed")
		if !NeedsProfile(err) {
			t.Fatal("NeedsProfile does not see the missing birth date")
		}

		// 17 on the shift's day: a minor, above the programme's minimum of 16.
		minor := f.person(t, "Genç Gönüllü", "2008-06-01", "az")
		_, err = f.svc.SignUp(sctx, minor, later.ID)
		refusedWith(t, err, "consent", "volunteer.signups.error.consent_needed")
		_, err = f.svc.RecordConsent(sctx, minor, f.prog.ID, minor.ID, ConsentInput{GuardianName: "Veli", GuardianContact: "+994 12 000 00 00"})
		refusedWith(t, err, "agree", "volunteer.signups.error.consent_box")
		_, err = f.svc.RecordConsent(sctx, v, f.prog.ID, minor.ID, ConsentInput{GuardianName: "Veli", GuardianContact: "x", Agreed: true})
		if !errors.Is(err, fail.Forbidden) {
			t.Fatalf("someone else recording a consent: %v, want forbidden", err)
		}
		c, err := f.svc.RecordConsent(sctx, minor, f.prog.ID, minor.ID, ConsentInput{GuardianName: "Veli", GuardianContact: "+994 12 000 00 00", Agreed: true})
		must(t, err)
		if c.RecordedBy != minor.ID || !c.ConsentedAt.Equal(st0) {
			t.Fatalf("consent recorded by %d at %v", c.RecordedBy, c.ConsentedAt)
		}
		if su, err := f.svc.SignUp(sctx, minor, later.ID); err != nil || su.Status != Confirmed {
			t.Fatalf("minor with consent: %v, %v", su, err)
		}

		tooYoung := f.person(t, "Çocuk", "2011-01-01", "tr")
		_, err = f.svc.SignUp(sctx, tooYoung, later.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.too_young")

		// Two hours before the start sign-ups close.
		f.clock = later.StartsAt.Add(-2 * time.Hour)
		_, err = f.svc.SignUp(sctx, f.adult(t, "en"), later.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.closed")

		_, err = f.svc.SignUp(sctx, nil, later.ID)
		if !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous sign-up: %v", err)
		}
		if counter, confirmed, _ := f.counts(t, later.ID); counter != 1 || confirmed != 1 {
			t.Fatalf("refusals wrote places: counter %d, confirmed %d", counter, confirmed)
		}
	})
}

func TestSignUpForDraftIsNotFound(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 5)
		_, err := d.Exec(sctx, `UPDATE volunteer_programmes SET published = 0 WHERE id = ?`, f.prog.ID)
		must(t, err)
		if _, err := f.svc.SignUp(sctx, f.adult(t, "tr"), sh.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("sign-up for a draft: %v, want not found", err)
		}
	})
}

func TestCancelPromotesTheWaitingListInOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 1)
		a, b, c := f.adult(t, "tr"), f.adult(t, "tr"), f.adult(t, "tr")
		sa, _ := f.svc.SignUp(sctx, a, sh.ID)
		sb, _ := f.svc.SignUp(sctx, b, sh.ID)
		f.clock = f.clock.Add(time.Minute)
		sc, err := f.svc.SignUp(sctx, c, sh.ID)
		must(t, err)

		if err := f.svc.Cancel(sctx, c, sa.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("cancelling someone else's sign-up: %v, want not found", err)
		}
		must(t, f.svc.Cancel(sctx, a, sa.ID))
		got, _ := signupByID(sctx, d, sb.ID)
		if got.Status != Confirmed {
			t.Fatalf("first waiting after a cancellation: %s, want confirmed", got.Status)
		}
		mine, _ := f.svc.MySignups(sctx, c)
		if len(mine) != 1 || mine[0].Position != 1 {
			t.Fatalf("second waiting should now be first: %+v", mine)
		}
		if counter, confirmed, waiting := f.counts(t, sh.ID); counter != 1 || confirmed != 1 || waiting != 1 {
			t.Fatalf("counter %d, confirmed %d, waiting %d", counter, confirmed, waiting)
		}

		// Signing up again after cancelling reuses the row, at the end of the queue.
		f.clock = f.clock.Add(time.Minute)
		again, err := f.svc.SignUp(sctx, a, sh.ID)
		must(t, err)
		if again.ID != sa.ID || again.Status != Waiting {
			t.Fatalf("re-sign-up: %+v, want row %d waiting", again, sa.ID)
		}
		if pos, _ := waitingPosition(sctx, d, again); pos != 2 {
			t.Fatalf("re-sign-up position %d, want 2 (behind %d)", pos, sc.ID)
		}

		// A day before the start volunteers can no longer cancel; a coordinator can.
		f.clock = sh.StartsAt.Add(-24 * time.Hour)
		refusedWith(t, f.svc.Cancel(sctx, b, sb.ID), "signup", "volunteer.signups.error.cancel_closed")
		must(t, f.svc.Cancel(sctx, f.coord, sb.ID))
		got, _ = signupByID(sctx, d, sc.ID)
		if got.Status != Confirmed {
			t.Fatalf("coordinator's cancellation did not promote the next: %s", got.Status)
		}
	})
}

func TestSwapMovesTheConfirmedPlace(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		first := f.shift(t, 20, 10, 4, 1)
		second := f.shift(t, 21, 10, 4, 1)
		full := f.shift(t, 22, 10, 4, 1)
		a, b, c := f.adult(t, "tr"), f.adult(t, "tr"), f.adult(t, "tr")
		sa, _ := f.svc.SignUp(sctx, a, first.ID)
		sb, _ := f.svc.SignUp(sctx, b, first.ID) // waiting
		_, err := f.svc.SignUp(sctx, c, full.ID)
		must(t, err)

		_, err = f.svc.Swap(sctx, a, sa.ID, full.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.full")
		if _, err := f.svc.Swap(sctx, b, sa.ID, second.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("swapping someone else's place: %v", err)
		}
		moved, err := f.svc.Swap(sctx, a, sa.ID, second.ID)
		must(t, err)
		if moved.ShiftID != second.ID || moved.Status != Confirmed {
			t.Fatalf("swap: %+v", moved)
		}
		if got, _ := signupByID(sctx, d, sb.ID); got.Status != Confirmed {
			t.Fatalf("the place left was not given to the waiting list: %s", got.Status)
		}
		for _, sh := range []*Shift{first, second, full} {
			if counter, confirmed, _ := f.counts(t, sh.ID); counter != 1 || confirmed != 1 {
				t.Fatalf("shift %d: counter %d, confirmed %d", sh.ID, counter, confirmed)
			}
		}
	})
}

func TestCoordinatorAssignsAndMovesWithConflictChecks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		one := f.shift(t, 20, 10, 4, 1)
		overlapping := f.shift(t, 20, 12, 4, 3)
		free := f.shift(t, 23, 10, 4, 3)
		a, b := f.adult(t, "tr"), f.adult(t, "az")
		if _, err := f.svc.Assign(sctx, a, one.ID, b.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer assigning: %v", err)
		}
		sa, err := f.svc.Assign(sctx, f.coord, one.ID, a.ID)
		must(t, err)
		if sa.Status != Confirmed || sa.AssignedBy != f.coord.ID {
			t.Fatalf("assign: %+v", sa)
		}
		sb, err := f.svc.Assign(sctx, f.coord, one.ID, b.ID)
		must(t, err)
		if sb.Status != Waiting {
			t.Fatalf("assign to a full shift: %s, want waiting", sb.Status)
		}
		// b is also on overlapping's time once moved there; a cannot join it then.
		_, err = f.svc.Assign(sctx, f.coord, overlapping.ID, a.ID)
		refusedWith(t, err, "signup", "volunteer.signups.error.overlap")
		moved, err := f.svc.Move(sctx, f.coord, sa.ID, free.ID)
		must(t, err)
		if moved.ShiftID != free.ID || moved.Status != Confirmed {
			t.Fatalf("move: %+v", moved)
		}
		if got, _ := signupByID(sctx, d, sb.ID); got.Status != Confirmed {
			t.Fatalf("the waiting one did not get the place moved away: %s", got.Status)
		}
		r, err := f.svc.Roster(sctx, f.coord, one.ID)
		must(t, err)
		if len(r.Confirmed) != 1 || r.Confirmed[0].UserID != b.ID || len(r.Cancelled) != 1 {
			t.Fatalf("roster: %+v", r)
		}
		if _, err := f.svc.Roster(sctx, a, one.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer reading a roster: %v", err)
		}
	})
}

// Forty volunteers take the last five places of a shift at once: exactly five get them,
// the counter equals the rows, and the thirty-five others wait in the order their
// transactions wrote them.
func TestConcurrentSignUpsNeverOverfill(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 10)
		for range 5 {
			_, err := f.svc.SignUp(sctx, f.adult(t, "tr"), sh.ID)
			must(t, err)
		}
		// A running clock: the queue order is the order of the writes.
		base := db.Now()
		f.svc.now = func() time.Time { return st0.Add(db.Now().Sub(base)) }
		var people []*web.Viewer
		for range 40 {
			people = append(people, f.adult(t, "tr"))
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(people))
		for _, v := range people {
			wg.Go(func() {
				if _, err := f.svc.SignUp(sctx, v, sh.ID); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		counter, confirmed, waiting := f.counts(t, sh.ID)
		if counter != 10 || confirmed != 10 || waiting != 35 {
			t.Fatalf("counter %d, confirmed %d, waiting %d; want 10, 10, 35", counter, confirmed, waiting)
		}
		// Queue order (queued_at, id) is the order of the rows' writes (id), which the
		// shift's lock makes the order of the commits.
		ids, err := db.Int64s(sctx, d, `SELECT id FROM volunteer_signups WHERE shift_id = ? AND status = 'waiting' ORDER BY queued_at, id`, sh.ID)
		must(t, err)
		for i := 1; i < len(ids); i++ {
			if ids[i] < ids[i-1] {
				t.Fatalf("waiting list out of write order at %d: %v", i, ids)
			}
		}
		r, err := f.svc.Roster(sctx, f.coord, sh.ID)
		must(t, err)
		for i, e := range r.Waiting {
			if e.ID != ids[i] || e.Position != i+1 {
				t.Fatalf("roster waiting %d: %d at %d", i, e.ID, e.Position)
			}
		}
	})
}

func TestRaisedPlacesGoToTheWaitingListInOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 1)
		var ids []int64
		for range 4 {
			f.clock = f.clock.Add(time.Second)
			su, err := f.svc.SignUp(sctx, f.adult(t, "tr"), sh.ID)
			must(t, err)
			ids = append(ids, su.ID)
		}
		_, err := d.Exec(sctx, `UPDATE volunteer_shifts SET places = 3 WHERE id = ?`, sh.ID)
		must(t, err)
		must(t, f.svc.FillFreePlaces(sctx, sh.ID))
		for i, id := range ids {
			su, _ := signupByID(sctx, d, id)
			if want := map[bool]SignupStatus{true: Confirmed, false: Waiting}[i < 3]; su.Status != want {
				t.Fatalf("sign-up %d: %s, want %s", i, su.Status, want)
			}
		}
		if counter, confirmed, _ := f.counts(t, sh.ID); counter != 3 || confirmed != 3 {
			t.Fatalf("counter %d, confirmed %d", counter, confirmed)
		}
	})
}

func TestCoordinatorRecordsAGuardiansConsent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 20, 10, 4, 2)
		minor := f.person(t, "Genç", "2009-09-09", "tr")
		_, err := f.svc.RecordConsent(sctx, f.coord, f.prog.ID, minor.ID, ConsentInput{GuardianName: "Veli", GuardianContact: "veli@example.org", Agreed: true})
		must(t, err)
		c, err := f.svc.ConsentOf(sctx, minor, f.prog.ID, minor.ID)
		must(t, err)
		if c.RecordedBy != f.coord.ID || c.GuardianContact != "veli@example.org" {
			t.Fatalf("consent: %+v", c)
		}
		if _, err := f.svc.ConsentOf(sctx, f.adult(t, "tr"), f.prog.ID, minor.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("someone else reading a minor's consent: %v", err)
		}
		if su, err := f.svc.SignUp(sctx, minor, sh.ID); err != nil || su.Status != Confirmed {
			t.Fatalf("minor after the coordinator's record: %v %v", su, err)
		}
	})
}

// Swaps in opposite directions at once lock both shifts in the same order, so none
// deadlocks, and the counters stay equal to the rows.
func TestOppositeSwapsAtOnceKeepCountsExact(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		one, two := f.shift(t, 20, 10, 4, 20), f.shift(t, 21, 10, 4, 20)
		type move struct {
			v    *web.Viewer
			su   int64
			to   int64
			from int64
		}
		var moves []move
		for i := range 16 {
			v := f.adult(t, "tr")
			from, to := one, two
			if i%2 == 1 {
				from, to = two, one
			}
			su, err := f.svc.SignUp(sctx, v, from.ID)
			must(t, err)
			moves = append(moves, move{v, su.ID, to.ID, from.ID})
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(moves))
		for _, m := range moves {
			wg.Go(func() {
				if _, err := f.svc.Swap(sctx, m.v, m.su, m.to); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for _, sh := range []*Shift{one, two} {
			if counter, confirmed, _ := f.counts(t, sh.ID); counter != 8 || confirmed != 8 {
				t.Fatalf("shift %d after the swaps: counter %d, confirmed %d; want 8, 8", sh.ID, counter, confirmed)
			}
		}
	})
}

func TestOngoingNeedOverlapsNothingAndTakesSignUpsUntilItEnds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		fixed := f.shift(t, 20, 10, 4, 5)
		var id int64
		must(t, d.WriteRow(sctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, created_at)
			VALUES (?, ?, 'ongoing', ?, ?, 10, ?) RETURNING id`, f.prog.ID, f.role, st0.AddDate(0, 0, -1), st0.AddDate(0, 0, 30), st0).Scan(&id))
		v := f.adult(t, "az")
		_, err := f.svc.SignUp(sctx, v, fixed.ID)
		must(t, err)
		if su, err := f.svc.SignUp(sctx, v, id); err != nil || su.Status != Confirmed {
			t.Fatalf("ongoing need beside a fixed shift: %v %v", su, err)
		}
		f.clock = st0.AddDate(0, 0, 30)
		_, err = f.svc.SignUp(sctx, f.adult(t, "tr"), id)
		refusedWith(t, err, "signup", "volunteer.signups.error.closed")
	})
}

// Raising a full shift's places gives the new places to the waiting list, first come first
// served, in the same transaction as the change.
func TestMorePlacesPromoteTheWaitingList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sh := f.shift(t, 25, 9, 4, 1)
		var people []*web.Viewer
		for range 4 {
			v := f.adult(t, "az")
			people = append(people, v)
			_, err := f.svc.SignUp(sctx, v, sh.ID)
			must(t, err)
		}
		in := ShiftInput{RoleID: f.role, Kind: Fixed, StartsAt: sh.StartsAt, EndsAt: sh.EndsAt, Places: 3, Location: sh.Location}
		_, err := f.svc.UpdateShift(sctx, f.coord, sh.ID, in)
		must(t, err)
		if counter, confirmed, waiting := f.counts(t, sh.ID); counter != 3 || confirmed != 3 || waiting != 1 {
			t.Fatalf("after raising to 3 places: counter %d, %d confirmed, %d waiting; want 3, 3, 1", counter, confirmed, waiting)
		}
		var last string
		must(t, d.QueryRow(sctx, `SELECT status FROM volunteer_signups WHERE shift_id = ? AND user_id = ?`, sh.ID, people[3].ID).Scan(&last))
		if last != string(Waiting) {
			t.Fatalf("the last to sign up is %s, want still waiting", last)
		}
	})
}
