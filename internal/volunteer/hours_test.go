package volunteer

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"github.com/kopru-platform/kopru/ui"
)

// ongoingFixture is a programme in İzmir with an ongoing role through June, Ayşe confirmed
// on it and on a fixed shift.
type ongoingFixture struct {
	*hoursFixture
	programme, ongoing, fixed int64
}

func newOngoingFixture(t *testing.T, d *db.DB) *ongoingFixture {
	f := &ongoingFixture{hoursFixture: newHoursFixture(t, d)}
	f.programme = f.hoursFixture.programme(t, "ceviri", "izmir", hoursText("Çeviri Desteği", "Tərcümə Dəstəyi", "Translation Support"))
	r := f.role(t, f.programme, hoursText("Tercüman tr–az", "Tərcüməçi tr–az", "Interpreter tr–az"))
	f.ongoing = f.shift(t, f.programme, r, Ongoing, time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 18, 0, 0, 0, time.UTC), 0, 10)
	f.fixed = f.shift(t, f.programme, r, Fixed, time.Date(2026, 6, 9, 6, 0, 0, 0, time.UTC), time.Date(2026, 6, 9, 9, 0, 0, 0, time.UTC), 0, 10)
	f.signup(t, f.ongoing, f.ayse, Confirmed)
	f.signup(t, f.fixed, f.ayse, Confirmed)
	return f
}

// Hours are logged for an ongoing shift one is confirmed on, for a past day of its period,
// between a minute and a day; everything else is a field error that writes nothing.
func TestLogHoursRefusesWhatWasNotWorked(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		f.signup(t, f.ongoing, f.gul, Waiting)
		h, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: 150, Note: "Belgeler çevrildi"})
		if err != nil || h.Status != HoursPending || h.SignupID != 0 || h.Minutes != 150 || h.ProgrammeID != f.programme {
			t.Fatalf("log: %+v, %v", h, err)
		}
		cases := []struct {
			name       string
			who        string
			in         HoursInput
			field, key string
		}{
			{"a shift not signed up for", "gul", HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: 60}, "shift_id", "volunteer.hours.log.not_worked"},
			{"a fixed shift", "ayse", HoursInput{ShiftID: f.fixed, Day: "2026-06-09", Minutes: 60}, "shift_id", "volunteer.hours.log.not_worked"},
			{"no such shift", "ayse", HoursInput{ShiftID: 999999, Day: "2026-06-09", Minutes: 60}, "shift_id", "volunteer.hours.log.not_worked"},
			{"a day in the future", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-11", Minutes: 60}, "day", "volunteer.hours.log.day_future"},
			{"a day before the period", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-05-31", Minutes: 60}, "day", "volunteer.hours.log.day_outside"},
			{"not a date", "ayse", HoursInput{ShiftID: f.ongoing, Day: "09.06.2026", Minutes: 60}, "day", "volunteer.hours.log.day_invalid"},
			{"no time", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: 0}, "minutes", "volunteer.hours.log.minutes_positive"},
			{"negative time", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: -30}, "minutes", "volunteer.hours.log.minutes_positive"},
			{"over 24 hours", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-08", Minutes: 24*60 + 1}, "minutes", "volunteer.hours.log.minutes_max"},
			{"a day already nearly full", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: 23 * 60}, "minutes", "volunteer.hours.log.day_full"},
			{"a long note", "ayse", HoursInput{ShiftID: f.ongoing, Day: "2026-06-09", Minutes: 60, Note: strings.Repeat("ş", MaxHoursNote+1)}, "note", "form.too_long"},
		}
		for _, c := range cases {
			v := f.ayse
			if c.who == "gul" {
				v = f.gul
			}
			_, err := f.svc.LogHours(ctx, v, c.in)
			t.Run(c.name, func(t *testing.T) { wantHoursField(t, err, c.field, c.key) })
		}
		if n := f.count(t, `SELECT COUNT(*) FROM volunteer_hours`); n != 1 {
			t.Fatalf("%d hours rows, want only the valid one", n)
		}
		// A full day exactly is fine.
		if _, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-08", Minutes: 24 * 60}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.LogHours(ctx, nil, HoursInput{ShiftID: f.ongoing, Day: "2026-06-08", Minutes: 60}); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: %v", err)
		}
		shifts, err := f.svc.LoggableShifts(ctx, f.ayse)
		if err != nil || len(shifts) != 1 || shifts[0].ID != f.ongoing || shifts[0].Label("tr") != "Çeviri Desteği — Tercüman tr–az (01.06.2026 – 30.06.2026)" {
			t.Fatalf("loggable: %+v, %v", shifts, err)
		}
	})
}

// Nobody decides on their own hours: a bulk approval skips them and approves the rest; a
// second coordinator may. Decisions record who and when, and are taken once.
func TestOwnHoursCannotBeApproved(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		f.signup(t, f.ongoing, f.coord, Confirmed)
		mine, err := f.svc.LogHours(ctx, f.coord, HoursInput{ShiftID: f.ongoing, Day: "2026-06-05", Minutes: 120})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-05", Minutes: 90})
		if err != nil {
			t.Fatal(err)
		}
		approved, skipped, err := f.svc.ApproveHours(ctx, f.coord, []int64{mine.ID, theirs.ID})
		if err != nil || len(approved) != 1 || approved[0] != theirs.ID || len(skipped) != 1 || skipped[0].ID != mine.ID || !errors.Is(skipped[0].Err, ErrOwnHours) {
			t.Fatalf("bulk: approved %v skipped %v err %v", approved, skipped, err)
		}
		if err := f.svc.RejectHours(ctx, f.coord, mine.ID, "Kendi saatim"); !errors.Is(err, ErrOwnHours) {
			t.Fatalf("rejecting one's own: %v", err)
		}
		if err := f.svc.ApproveOne(ctx, f.coord, mine.ID); !errors.Is(err, ErrOwnHours) || !errors.Is(err, fail.Forbidden) {
			t.Fatalf("approving one's own: %v", err)
		}
		got, _ := f.svc.HoursByID(ctx, f.coord, mine.ID)
		if got.Status != HoursPending {
			t.Fatalf("own hours became %s", got.Status)
		}
		if err := f.svc.ApproveOne(ctx, f.coord2, mine.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = f.svc.HoursByID(ctx, f.coord, mine.ID)
		if got.Status != HoursApproved || got.DecidedBy != f.coord2.ID || !got.DecidedAt.Equal(hoursNow) {
			t.Fatalf("decision not recorded: %+v", got)
		}
		if err := f.svc.ApproveOne(ctx, f.coord2, theirs.ID); !errors.Is(err, ErrHoursDecided) {
			t.Fatalf("deciding twice: %v", err)
		}
		if err := f.svc.RejectHours(ctx, f.coord2, theirs.ID, "Geç kaldı"); !errors.Is(err, ErrHoursDecided) {
			t.Fatalf("rejecting approved hours: %v", err)
		}
		if _, _, err := f.svc.ApproveHours(ctx, f.coord, nil); err == nil {
			t.Fatal("an empty bulk approval passed")
		}
	})
}

// A volunteer can neither decide on hours nor read anyone else's, whatever id they try.
func TestVolunteerCannotDecideOrSeeOthersHours(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		f.signup(t, f.ongoing, f.elvin, Confirmed)
		hers, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-03", Minutes: 60})
		if err != nil {
			t.Fatal(err)
		}
		his, err := f.svc.LogHours(ctx, f.elvin, HoursInput{ShiftID: f.ongoing, Day: "2026-06-03", Minutes: 45})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.ApproveHours(ctx, f.ayse, []int64{his.ID}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer approved: %v", err)
		}
		if err := f.svc.RejectHours(ctx, f.ayse, his.ID, "Hayır"); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer rejected: %v", err)
		}
		if _, err := f.svc.HoursByID(ctx, f.ayse, his.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("a volunteer read another's hours: %v", err)
		}
		list, err := f.svc.ListHours(ctx, f.ayse, HoursFilter{UserID: f.elvin.ID})
		if err != nil || len(list) != 1 || list[0].ID != hers.ID {
			t.Fatalf("a volunteer's list: %+v, %v", list, err)
		}
		if _, err := f.svc.HoursQueue(ctx, f.ayse, 0); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer read the queue: %v", err)
		}
		if _, err := f.svc.HoursReport(ctx, f.ayse, ReportFilter{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a volunteer read the report: %v", err)
		}
		all, err := f.svc.ListHours(ctx, f.coord, HoursFilter{ProgrammeID: f.programme, Status: HoursPending})
		if err != nil || len(all) != 2 || all[0].Person == "" {
			t.Fatalf("a coordinator's list: %+v, %v", all, err)
		}
		if got, _ := f.svc.HoursByID(ctx, f.coord, his.ID); got.Status != HoursPending {
			t.Fatalf("his hours became %s", got.Status)
		}
	})
}

// A rejection needs a reason, and the volunteer gets it by mail, over real SMTP, in their
// own language.
func TestRejectedHoursAreMailedWithTheReason(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		sink := mailtest.Start(t)
		sender, err := mail.NewSMTPSender(sink.URL, "Köprü <noreply@localhost>")
		if err != nil {
			t.Fatal(err)
		}
		cat, err := i18n.Load(ui.FS, "locales")
		if err != nil {
			t.Fatal(err)
		}
		out := mail.NewOutbox(d, sender, slog.New(slog.DiscardHandler))
		f.svc.UseMail(nil, out, cat, "https://kopru.example.org/")
		f.signup(t, f.ongoing, f.elvin, Confirmed)
		h, err := f.svc.LogHours(ctx, f.elvin, HoursInput{ShiftID: f.ongoing, Day: "2026-06-04", Minutes: 150})
		if err != nil {
			t.Fatal(err)
		}
		wantHoursField(t, f.svc.RejectHours(ctx, f.coord, h.ID, "   "), "reason", "volunteer.hours.reject.reason_required")
		if err := f.svc.RejectHours(ctx, f.coord, h.ID, "Həmin gün tədbir keçirilməyib; tarixi yoxlayın."); err != nil {
			t.Fatal(err)
		}
		if _, err := out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := sink.To(f.elvin.Email)
		if len(got) != 1 {
			t.Fatalf("%d mails, want 1", len(got))
		}
		m := got[0]
		if m.Lang != "az" || m.Subject != "Könüllülük saatlarınız rədd edildi: Tərcümə Dəstəyi" ||
			!strings.Contains(m.Text, "Həmin gün tədbir keçirilməyib; tarixi yoxlayın.") ||
			!strings.Contains(m.Text, "04.06.2026") || !strings.Contains(m.Text, "2:30") ||
			!strings.Contains(m.Text, "https://kopru.example.org/az/my/volunteer/hours") {
			t.Fatalf("mail %+v", m)
		}
		mine, err := f.svc.MyHours(ctx, f.elvin)
		if err != nil || len(mine) != 1 || mine[0].Status != HoursRejected || mine[0].Reason != "Həmin gün tədbir keçirilməyib; tarixi yoxlayın." {
			t.Fatalf("his list: %+v, %v", mine, err)
		}
		if len(sink.To(f.ayse.Email)) != 0 {
			t.Fatal("someone else was mailed")
		}
	})
}

// Two coordinators deciding on the same entry at once: one decision holds, the other is told
// it has already been taken.
func TestConcurrentDecisionsTakeOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		h, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-02", Minutes: 60})
		if err != nil {
			t.Fatal(err)
		}
		results := make(chan error, 2)
		go func() { results <- f.svc.ApproveOne(ctx, f.coord, h.ID) }()
		go func() { results <- f.svc.RejectHours(ctx, f.coord2, h.ID, "Aynı gün iki kez girilmiş") }()
		a, b := <-results, <-results
		if (a == nil) == (b == nil) {
			t.Fatalf("both or neither decided: %v, %v", a, b)
		}
		if lost := cmp.Or(a, b); !errors.Is(lost, ErrHoursDecided) {
			t.Fatalf("the second decision: %v", lost)
		}
		got, _ := f.svc.HoursByID(ctx, f.coord, h.ID)
		if got.Status == HoursPending || got.DecidedBy == 0 {
			t.Fatalf("entry %+v", got)
		}
	})
}

// A volunteer withdraws an entry they logged by mistake while it is pending; never someone
// else's, never hours from attendance, never once decided.
func TestWithdrawHours(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newOngoingFixture(t, d)
		f.signup(t, f.ongoing, f.elvin, Confirmed)
		mistake, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-02", Minutes: 600})
		if err != nil {
			t.Fatal(err)
		}
		kept, err := f.svc.LogHours(ctx, f.ayse, HoursInput{ShiftID: f.ongoing, Day: "2026-06-03", Minutes: 60})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.WithdrawHours(ctx, f.elvin, mistake.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("someone else withdrew it: %v", err)
		}
		if err := f.svc.WithdrawHours(ctx, f.ayse, mistake.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.HoursByID(ctx, f.ayse, mistake.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("withdrawn entry still there: %v", err)
		}
		if err := f.svc.ApproveOne(ctx, f.coord, kept.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.WithdrawHours(ctx, f.ayse, kept.ID); !errors.Is(err, ErrHoursDecided) {
			t.Fatalf("withdrew approved hours: %v", err)
		}
		// Hours from attendance are the coordinator's record.
		fixedSignup := f.count(t, `SELECT id FROM volunteer_signups WHERE shift_id = ? AND user_id = ?`, f.fixed, f.ayse.ID)
		if _, err := f.svc.RecordAttendance(ctx, f.coord, f.fixed, AttendanceInput{AllAttended: true}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.WithdrawHours(ctx, f.ayse, f.hoursOf(t, int64(fixedSignup)).ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("withdrew attendance hours: %v", err)
		}
	})
}
