package volunteer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Reports: approved hours summed by programme, role, month and city, with the number of
// distinct volunteers behind each sum, for coordinators. The rows are few (approved hours
// of one partnership), so they are read once and summed here: one portable query instead of
// four dialect-sensitive GROUP BYs over dates.

// ReportFilter narrows a report; zero values leave a side open.
type ReportFilter struct {
	ProgrammeID int64
	From, To    time.Time // days, inclusive
}

// ReportLine is one sum: its key (programme or role id, "2026-05", city code), what it is
// called where it has a translatable name, the minutes and the distinct volunteers.
type ReportLine struct {
	Key        string
	Name       i18n.Text
	Programme  i18n.Text // for roles: whose role it is
	Minutes    int
	Volunteers int
}

// Report is the whole summary.
type Report struct {
	Filter      ReportFilter
	Minutes     int
	Volunteers  int
	Entries     int
	ByProgramme []ReportLine
	ByRole      []ReportLine
	ByMonth     []ReportLine
	ByCity      []ReportLine
}

// reportRow is one approved entry as the report reads it.
type reportRow struct {
	programmeID int64
	programme   i18n.Text
	city        string
	roleID      int64
	role        i18n.Text
	userID      int64
	day         string
	minutes     int
}

// HoursReport sums the approved hours that f selects.
func (s *Service) HoursReport(ctx context.Context, v *web.Viewer, f ReportFilter) (*Report, error) {
	if err := requireHoursCoordinator(v); err != nil {
		return nil, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, fail.Fields{"to": "volunteer.hours.report.range"}
	}
	rows, err := reportRows(ctx, s.db, f)
	if err != nil {
		return nil, err
	}
	rep := &Report{Filter: f, Entries: len(rows)}
	rep.Minutes, rep.Volunteers = sumReport(rows)
	rep.ByProgramme = groupReport(rows, func(r reportRow) ReportLine {
		return ReportLine{Key: fmt.Sprint(r.programmeID), Name: r.programme}
	})
	rep.ByRole = groupReport(rows, func(r reportRow) ReportLine {
		return ReportLine{Key: fmt.Sprint(r.roleID), Name: r.role, Programme: r.programme}
	})
	rep.ByMonth = groupReport(rows, func(r reportRow) ReportLine { return ReportLine{Key: r.day[:7]} })
	rep.ByCity = groupReport(rows, func(r reportRow) ReportLine { return ReportLine{Key: r.city} })
	byMinutes := func(a, b ReportLine) int { return cmp.Or(b.Minutes-a.Minutes, cmp.Compare(a.Key, b.Key)) }
	slices.SortFunc(rep.ByProgramme, byMinutes)
	slices.SortFunc(rep.ByRole, byMinutes)
	slices.SortFunc(rep.ByCity, byMinutes)
	slices.SortFunc(rep.ByMonth, func(a, b ReportLine) int { return cmp.Compare(a.Key, b.Key) })
	return rep, nil
}

func sumReport(rows []reportRow) (minutes, volunteers int) {
	people := map[int64]bool{}
	for _, r := range rows {
		minutes += r.minutes
		people[r.userID] = true
	}
	return minutes, len(people)
}

// group sums rows by the line each one falls in, counting each volunteer once per line.
func groupReport(rows []reportRow, lineOf func(reportRow) ReportLine) []ReportLine {
	var out []ReportLine
	at := map[string]int{}
	people := map[string]map[int64]bool{}
	for _, r := range rows {
		l := lineOf(r)
		i, ok := at[l.Key]
		if !ok {
			i, at[l.Key], people[l.Key] = len(out), len(out), map[int64]bool{}
			out = append(out, l)
		}
		out[i].Minutes += r.minutes
		if !people[l.Key][r.userID] {
			people[l.Key][r.userID] = true
			out[i].Volunteers++
		}
	}
	return out
}

func reportRows(ctx context.Context, q db.Querier, f ReportFilter) ([]reportRow, error) {
	where, args := ` WHERE h.status = ?`, []any{HoursApproved}
	if f.ProgrammeID != 0 {
		where, args = where+` AND h.programme_id = ?`, append(args, f.ProgrammeID)
	}
	if !f.From.IsZero() {
		where, args = where+` AND h.worked_on >= ?`, append(args, f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		where, args = where+` AND h.worked_on <= ?`, append(args, f.To.Format(time.DateOnly))
	}
	return db.Collect(ctx, q, func(s db.Scanner) (reportRow, error) {
		var r reportRow
		err := s.Scan(&r.programmeID, &r.programme, &r.city, &r.roleID, &r.role, &r.userID, &r.day, &r.minutes)
		return r, err
	}, `SELECT h.programme_id, p.title, p.city, sh.role_id, r.name, h.user_id, h.worked_on, h.minutes
		FROM volunteer_hours h
		JOIN volunteer_shifts sh ON sh.id = h.shift_id
		JOIN volunteer_roles r ON r.id = sh.role_id
		JOIN volunteer_programmes p ON p.id = h.programme_id`+where+`
		ORDER BY h.worked_on, h.id`, args...)
}

// ReportProgramme is a programme offered in a filter.
type ReportProgramme struct {
	ID    int64
	Title i18n.Text
}

// HoursProgrammes lists every programme, newest first, for the coordinators' filters.
func (s *Service) HoursProgrammes(ctx context.Context, v *web.Viewer) ([]ReportProgramme, error) {
	if err := requireHoursCoordinator(v); err != nil {
		return nil, err
	}
	return db.Collect(ctx, s.db, func(sc db.Scanner) (ReportProgramme, error) {
		var c ReportProgramme
		err := sc.Scan(&c.ID, &c.Title)
		return c, err
	}, `SELECT id, title FROM volunteer_programmes ORDER BY starts_at DESC, id DESC`)
}

// HoursHM writes minutes as hours and minutes: 90 → "1:30".
func HoursHM(minutes int) string {
	return fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
}

// HoursDecimal writes minutes as decimal hours in lang: 90 → "1,50" (tr, az) or "1.50".
func HoursDecimal(lang string, minutes int) string {
	return i18n.FormatNumber(lang, float64(minutes)/60, 2)
}
