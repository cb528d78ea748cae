package volunteer

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// The report sums approved hours only, by programme, role, month and city, and counts each
// volunteer once however many entries they have.
func TestReportSumsApprovedHoursAndCountsDistinctVolunteers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newHoursFixture(t, d)
		izmir := f.programme(t, "kordon", "izmir", hoursText("Kordon Festivali", "Kordon Festivalı", "Kordon Festival"))
		baku := f.programme(t, "baki", "baku", hoursText("Bakü Gençlik Buluşması", "Bakı Gənclər Görüşü", "Baku Youth Meeting"))
		gate := f.role(t, izmir, hoursText("Kapı görevlisi", "Qapı görevlisi", "Gate steward"))
		stage := f.role(t, izmir, hoursText("Sahne asistanı", "Səhnə assistenti", "Stage assistant"))
		guide := f.role(t, baku, hoursText("Rehber", "Bələdçi", "Guide"))
		start, end := time.Date(2026, 5, 1, 6, 0, 0, 0, time.UTC), time.Date(2026, 7, 30, 6, 0, 0, 0, time.UTC)
		gateShift := f.shift(t, izmir, gate, Ongoing, start, end, 0, 9)
		stageShift := f.shift(t, izmir, stage, Ongoing, start, end, 0, 9)
		guideShift := f.shift(t, baku, guide, Ongoing, start, end, 0, 9)
		add := func(programme, shift int64, who int64, day string, minutes int, status HoursStatus) {
			t.Helper()
			_, err := d.Exec(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, programme, shift, who, day, minutes, status, hoursNow)
			if err != nil {
				t.Fatal(err)
			}
		}
		add(izmir, gateShift, f.ayse.ID, "2026-05-20", 120, HoursApproved)
		add(izmir, gateShift, f.ayse.ID, "2026-06-02", 60, HoursApproved)
		add(izmir, stageShift, f.ayse.ID, "2026-06-03", 30, HoursApproved)
		add(izmir, stageShift, f.elvin.ID, "2026-06-03", 45, HoursApproved)
		add(baku, guideShift, f.elvin.ID, "2026-06-20", 240, HoursApproved)
		add(baku, guideShift, f.gul.ID, "2026-07-01", 15, HoursApproved)
		add(baku, guideShift, f.gul.ID, "2026-06-21", 600, HoursPending)  // not counted
		add(izmir, gateShift, f.gul.ID, "2026-06-21", 500, HoursRejected) // not counted

		rep, err := f.svc.HoursReport(ctx, f.coord, ReportFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Minutes != 510 || rep.Volunteers != 3 || rep.Entries != 6 {
			t.Fatalf("totals: %d minutes, %d volunteers, %d entries", rep.Minutes, rep.Volunteers, rep.Entries)
		}
		type sum struct{ minutes, volunteers int }
		check := func(what string, lines []ReportLine, want map[string]sum) {
			t.Helper()
			if len(lines) != len(want) {
				t.Fatalf("%s: %+v", what, lines)
			}
			for _, l := range lines {
				if w := want[l.Key]; l.Minutes != w.minutes || l.Volunteers != w.volunteers {
					t.Errorf("%s %s: %d minutes, %d volunteers; want %+v", what, l.Key, l.Minutes, l.Volunteers, w)
				}
			}
		}
		key := func(id int64) string { return itoaReport(id) }
		check("programme", rep.ByProgramme, map[string]sum{key(izmir): {255, 2}, key(baku): {255, 2}})
		check("role", rep.ByRole, map[string]sum{key(gate): {180, 1}, key(stage): {75, 2}, key(guide): {255, 2}})
		check("month", rep.ByMonth, map[string]sum{"2026-05": {120, 1}, "2026-06": {375, 2}, "2026-07": {15, 1}})
		check("city", rep.ByCity, map[string]sum{"izmir": {255, 2}, "baku": {255, 2}})
		if rep.ByMonth[0].Key != "2026-05" || rep.ByMonth[2].Key != "2026-07" {
			t.Fatalf("months out of order: %+v", rep.ByMonth)
		}

		// A date range (inclusive) and a programme narrow it.
		june := ReportFilter{From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)}
		rep, err = f.svc.HoursReport(ctx, f.coord, june)
		if err != nil || rep.Minutes != 375 || rep.Volunteers != 2 {
			t.Fatalf("June 1–20: %+v, %v", rep, err)
		}
		june.ProgrammeID = izmir
		rep, err = f.svc.HoursReport(ctx, f.coord, june)
		if err != nil || rep.Minutes != 135 || rep.Volunteers != 2 || len(rep.ByCity) != 1 {
			t.Fatalf("İzmir in June: %+v, %v", rep, err)
		}
		_, err = f.svc.HoursReport(ctx, f.coord, ReportFilter{From: june.To, To: june.From})
		wantHoursField(t, err, "to", "volunteer.hours.report.range")

		if HoursHM(510) != "8:30" || HoursDecimal("tr", 510) != "8,50" || HoursDecimal("en", 75) != "1.25" {
			t.Fatalf("formats: %s %s %s", HoursHM(510), HoursDecimal("tr", 510), HoursDecimal("en", 75))
		}
	})
}

func itoaReport(id int64) string { return strconv.FormatInt(id, 10) }
