package volunteer

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// A coordinator cutting a shift's places while volunteers take them never leaves more
// people confirmed than places: both hold the shift's row lock.
func TestProgrammePlacesCutDuringSignups(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newProgFixture(t, d)
		p := f.programme(t, progFestival())
		role := f.role(t, p, "Giriş görevlisi")
		sh := f.shift(t, p, role, progIzmirAt(12, 17, 0), progIzmirAt(12, 21, 0), 10)

		// take stands in for the sign-up part's rule: a place is taken under the lock
		// while one is free.
		take := func() error {
			return d.InTx(ctx, func(tx *db.Tx) error {
				cur, err := lockShift(ctx, tx, sh.ID)
				if err != nil || cur.Free() == 0 {
					return err
				}
				_, err = tx.Exec(ctx, `UPDATE volunteer_shifts SET confirmed = confirmed + 1 WHERE id = ?`, sh.ID)
				return err
			})
		}
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for range 12 {
			wg.Add(1)
			go func() { defer wg.Done(); errs <- take() }()
		}
		cuts := make(chan error, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := ShiftInput{RoleID: role, Kind: Fixed, StartsAt: sh.StartsAt, EndsAt: sh.EndsAt, Places: 6}
			_, err := f.svc.UpdateShift(ctx, f.coordinator, sh.ID, in)
			cuts <- err
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		cut := <-cuts
		var fields fail.Fields
		if cut != nil && !errors.As(cut, &fields) {
			t.Fatalf("cutting places: %v", cut)
		}
		got, err := shiftByID(ctx, d, sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Confirmed > got.Places {
			t.Fatalf("%d confirmed on %d places", got.Confirmed, got.Places)
		}
		// The cut either won (6 places, at most 6 taken) or came too late and was refused.
		if cut == nil && got.Places != 6 || cut != nil && (got.Places != 10 || fields["shift_places"] != "volunteer.programmes.error.below_confirmed") {
			t.Fatalf("cut %v left %d places, %d confirmed", cut, got.Places, got.Confirmed)
		}
	})
}
