package volunteer

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// A coordinator marks everyone attended with one exception; the attended get pending hours
// worth the shift on its local day, the absent none. Switching someone to absent withdraws
// pending hours but never approved ones.
func TestAttendanceAllAttendedThenExceptions(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		p := f.programme(t, "festival", "izmir", hoursText("Kordon Festivali", "Kordon Festivalı", "Kordon Festival"))
		r := f.role(t, p, hoursText("Kapı görevlisi", "Qapı görevlisi", "Gate steward"))
		// 09:00–13:00 in İzmir on 10 June: four hours.
		sh := f.shift(t, p, r, Fixed, time.Date(2026, 6, 10, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC), 0, 3)
		s1, s2, s3 := f.signup(t, sh, f.ayse, Confirmed), f.signup(t, sh, f.elvin, Confirmed), f.signup(t, sh, f.gul, Confirmed)

		n, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{AllAttended: true, Marks: map[int64]string{s3: Absent}})
		if err != nil || n != 3 {
			t.Fatalf("record: %d, %v", n, err)
		}
		sheet, err := f.svc.Attendance(ctx, f.coord, sh)
		if err != nil || len(sheet.Rows) != 3 {
			t.Fatalf("sheet: %+v, %v", sheet, err)
		}
		want := map[int64]string{s1: Attended, s2: Attended, s3: Absent}
		for _, row := range sheet.Rows {
			if row.Signup.Attendance != want[row.Signup.ID] {
				t.Errorf("%s: %q, want %q", row.Name, row.Signup.Attendance, want[row.Signup.ID])
			}
		}
		for _, id := range []int64{s1, s2} {
			h := f.hoursOf(t, id)
			if h == nil || h.Minutes != 240 || h.Status != HoursPending || h.WorkedOn.Format(time.DateOnly) != "2026-06-10" || h.LoggedBy != f.coord.ID {
				t.Fatalf("hours of sign-up %d: %+v", id, h)
			}
		}
		if f.hoursOf(t, s3) != nil {
			t.Fatal("the absent got hours")
		}

		// Saving again changes nothing twice: one row per sign-up.
		if _, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{AllAttended: true, Marks: map[int64]string{s3: Absent}}); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM volunteer_hours WHERE shift_id = ?`, sh); n != 2 {
			t.Fatalf("%d hours rows after saving twice", n)
		}

		// s1's hours are approved; marking s1 and s2 absent withdraws only s2's pending ones.
		if _, skipped, err := f.svc.ApproveHours(ctx, f.coord, []int64{f.hoursOf(t, s1).ID}); err != nil || len(skipped) > 0 {
			t.Fatalf("approve: %v %v", skipped, err)
		}
		if _, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{Marks: map[int64]string{s1: Absent, s2: Absent}}); err != nil {
			t.Fatal(err)
		}
		if h := f.hoursOf(t, s1); h == nil || h.Status != HoursApproved {
			t.Fatalf("approved hours changed by attendance: %+v", h)
		}
		if f.hoursOf(t, s2) != nil {
			t.Fatal("pending hours of someone marked absent are still there")
		}
		if n := f.count(t, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, sh); n != 3 {
			t.Fatalf("confirmed count %d, want 3", n)
		}
	})
}

// A window shift is worth its minutes, on the day it starts in its own city (Bakı here,
// where 21:00 UTC is already the next day).
func TestAttendanceOfAWindowShiftUsesItsMinutesAndLocalDay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		p := f.programme(t, "baki-gencler", "baku", hoursText("Bakü Gençlik Buluşması", "Bakı Gənclər Görüşü", "Baku Youth Meeting"))
		r := f.role(t, p, hoursText("Tercüman tr–az", "Tərcüməçi tr–az", "Interpreter tr–az"))
		sh := f.shift(t, p, r, Window, time.Date(2026, 6, 8, 21, 0, 0, 0, time.UTC), time.Date(2026, 6, 9, 5, 0, 0, 0, time.UTC), 90, 2)
		su := f.signup(t, sh, f.elvin, Confirmed)
		if _, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{AllAttended: true}); err != nil {
			t.Fatal(err)
		}
		if h := f.hoursOf(t, su); h == nil || h.Minutes != 90 || h.WorkedOn.Format(time.DateOnly) != "2026-06-09" {
			t.Fatalf("hours %+v", h)
		}
	})
}

// Attendance opens 15 minutes before the start; a mark for someone not on the shift spoils
// the whole save, and a volunteer cannot record attendance at all.
func TestAttendanceRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		p := f.programme(t, "festival", "izmir", hoursText("Festival", "Festival", "Festival"))
		r := f.role(t, p, hoursText("Sahne asistanı", "Səhnə assistenti", "Stage assistant"))
		later := f.shift(t, p, r, Fixed, hoursNow.Add(16*time.Minute), hoursNow.Add(2*time.Hour), 0, 5)
		soon := f.shift(t, p, r, Fixed, hoursNow.Add(15*time.Minute), hoursNow.Add(2*time.Hour), 0, 5)
		f.signup(t, later, f.ayse, Confirmed)
		s := f.signup(t, soon, f.ayse, Confirmed)
		other := f.signup(t, later, f.elvin, Confirmed)

		_, err := f.svc.RecordAttendance(ctx, f.coord, later, AttendanceInput{AllAttended: true})
		wantHoursField(t, err, "attendance", "volunteer.hours.attendance.too_early")
		_, err = f.svc.AddWalkIn(ctx, f.coord, later, f.gul.Email)
		wantHoursField(t, err, "attendance", "volunteer.hours.attendance.too_early")

		_, err = f.svc.RecordAttendance(ctx, f.coord, soon, AttendanceInput{AllAttended: true, Marks: map[int64]string{other: Absent}})
		wantHoursField(t, err, "attendance", "volunteer.hours.attendance.not_on_shift")
		if n := f.count(t, `SELECT COUNT(*) FROM volunteer_signups WHERE attendance <> ''`); n != 0 {
			t.Fatalf("%d marks written by a refused save", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM volunteer_hours`); n != 0 {
			t.Fatalf("%d hours written by a refused save", n)
		}
		_, err = f.svc.RecordAttendance(ctx, f.coord, soon, AttendanceInput{Marks: map[int64]string{s: "maybe"}})
		wantHoursField(t, err, "attendance", "form.choice")

		if _, err := f.svc.RecordAttendance(ctx, f.ayse, soon, AttendanceInput{AllAttended: true}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer recorded attendance: %v", err)
		}
		if _, err := f.svc.Attendance(ctx, f.ayse, soon); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer read the attendance sheet: %v", err)
		}
		if _, err := f.svc.Attendance(ctx, nil, soon); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: %v", err)
		}
		if _, err := f.svc.RecordAttendance(ctx, f.coord, soon, AttendanceInput{AllAttended: true}); err != nil {
			t.Fatalf("15 minutes before: %v", err)
		}
	})
}

// A walk-in comes onto a full shift as confirmed and attended, with pending hours; the
// confirmed count follows the rows. A waiting person who turns up is moved, not doubled;
// an unknown address is a field error.
func TestWalkIn(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		p := f.programme(t, "festival", "izmir", hoursText("Festival", "Festival", "Festival"))
		r := f.role(t, p, hoursText("Fotoğrafçı", "Fotoqraf", "Photographer"))
		sh := f.shift(t, p, r, Fixed, hoursNow.Add(-time.Hour), hoursNow.Add(time.Hour), 0, 1)
		f.signup(t, sh, f.ayse, Confirmed)
		f.signup(t, sh, f.gul, Waiting)

		su, err := f.svc.AddWalkIn(ctx, f.coord, sh, "KONULLU2@example.org")
		if err != nil || !su.WalkIn || su.Status != Confirmed || su.Attendance != Attended || su.UserID != f.elvin.ID {
			t.Fatalf("walk-in: %+v, %v", su, err)
		}
		if h := f.hoursOf(t, su.ID); h == nil || h.Minutes != 120 || h.Status != HoursPending {
			t.Fatalf("walk-in hours: %+v", h)
		}
		if _, err := f.svc.AddWalkIn(ctx, f.coord, sh, f.gul.Email); err != nil {
			t.Fatal(err)
		}
		// Adding the same person again counts them once.
		if _, err := f.svc.AddWalkIn(ctx, f.coord, sh, f.elvin.Email); err != nil {
			t.Fatal(err)
		}
		rows := f.count(t, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = ?`, sh, Confirmed)
		counter := f.count(t, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, sh)
		if rows != 3 || counter != 3 {
			t.Fatalf("confirmed rows %d, counter %d; want 3 and 3 (beyond the 1 place)", rows, counter)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM volunteer_hours WHERE shift_id = ?`, sh); n != 2 {
			t.Fatalf("%d hours rows, want 2 (the walk-ins)", n)
		}

		_, err = f.svc.AddWalkIn(ctx, f.coord, sh, "nobody@example.org")
		wantHoursField(t, err, "email", "volunteer.hours.walkin.no_account")
		_, err = f.svc.AddWalkIn(ctx, f.coord, sh, "not an address")
		wantHoursField(t, err, "email", "form.email")
		if _, err := f.svc.AddWalkIn(ctx, f.ayse, sh, f.gul.Email); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer added a walk-in: %v", err)
		}
	})
}

// Walk-ins added at once by several coordinators' devices, the same people more than once,
// leave one confirmed row per person and a counter equal to the rows; the same goes for one
// save that adds walk-ins and marks together, which is refused whole when an address is unknown.
func TestConcurrentWalkInsCountEachPersonOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		p := f.programme(t, "festival", "izmir", hoursText("Festival", "Festival", "Festival"))
		r := f.role(t, p, hoursText("Kapı görevlisi", "Qapı görevlisi", "Gate steward"))
		sh := f.shift(t, p, r, Fixed, hoursNow.Add(-time.Hour), hoursNow.Add(time.Hour), 0, 1)
		first := f.signup(t, sh, f.ayse, Confirmed)
		people := []string{f.elvin.Email, f.gul.Email, f.coord2.Email}
		errs := make(chan error, 3*len(people))
		var wg sync.WaitGroup
		for range 3 {
			for _, email := range people {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := f.svc.AddWalkIn(ctx, f.coord, sh, email)
					errs <- err
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rows := f.count(t, `SELECT COUNT(*) FROM volunteer_signups WHERE shift_id = ? AND status = ?`, sh, Confirmed)
		counter := f.count(t, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, sh)
		hours := f.count(t, `SELECT COUNT(*) FROM volunteer_hours WHERE shift_id = ?`, sh)
		if rows != 4 || counter != 4 || hours != 3 {
			t.Fatalf("rows %d, counter %d, hours %d; want 4, 4, 3", rows, counter, hours)
		}

		_, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{Marks: map[int64]string{first: Attended}, WalkIns: []string{"nobody@example.org"}})
		wantHoursField(t, err, "walk_ins", "volunteer.hours.walkin.no_account")
		if f.hoursOf(t, first) != nil {
			t.Fatal("a refused save marked someone")
		}
		n, err := f.svc.RecordAttendance(ctx, f.coord, sh, AttendanceInput{Marks: map[int64]string{first: Attended}, WalkIns: []string{f.coord.Email}})
		if err != nil || n != 2 || f.count(t, `SELECT confirmed FROM volunteer_shifts WHERE id = ?`, sh) != 5 {
			t.Fatalf("marks with a walk-in: %d, %v", n, err)
		}
	})
}
