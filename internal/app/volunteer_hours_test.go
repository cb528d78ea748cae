package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/xuri/excelize/v2"
)

// hoursSite is an app with one volunteering programme in İzmir: a fixed shift that started
// an hour ago and an ongoing one around today, both with a volunteer confirmed.
type hoursSite struct {
	a                *App
	programme        int64
	fixed, ongoing   int64
	coord, vol, walk string // addresses
}

func newHoursSite(t *testing.T, d *db.DB) *hoursSite {
	t.Helper()
	ctx := context.Background()
	s := &hoursSite{a: newTestAppOn(t, d), coord: "koordinator@example.org", vol: "gonullu@example.org", walk: "konullu@example.org"}
	if err := s.a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := s.a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	user(t, s.a, s.coord, "coordinator")
	vol := user(t, s.a, s.vol)
	user(t, s.a, s.walk)
	now := time.Now().UTC()
	title := i18n.Text{TR: "Kordon Gönüllüleri — Şenlik", AZ: "Kordon Könüllüləri — Şənlik", EN: "Kordon Volunteers — Festival"}
	row := func(query string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := d.WriteRow(ctx, query+` RETURNING id`, args...).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	s.programme = row(`INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
		published, created_at, updated_at) VALUES (?, 'kordon', ?, ?, ?, 'izmir', ?, ?, 1, ?, ?)`,
		p.ID, title, i18n.Text{}, i18n.Text{}, now.AddDate(0, 0, -10), now.AddDate(0, 0, 10), now, now)
	role := row(`INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 0, ?, ?)`,
		s.programme, i18n.Text{TR: "Tercüman tr–az", AZ: "Tərcüməçi tr–az", EN: "Interpreter tr–az"}, i18n.Text{})
	shift := func(kind string, start, end time.Time) int64 {
		return row(`INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, confirmed, created_at)
			VALUES (?, ?, ?, ?, ?, 1, 1, ?)`, s.programme, role, kind, start, end, now)
	}
	s.fixed = shift("fixed", now.Add(-time.Hour), now.Add(time.Hour))
	s.ongoing = shift("ongoing", now.AddDate(0, 0, -10), now.AddDate(0, 0, 10))
	for _, sh := range []int64{s.fixed, s.ongoing} {
		row(`INSERT INTO volunteer_signups (shift_id, user_id, status, queued_at, created_at, updated_at) VALUES (?, ?, 'confirmed', ?, ?, ?)`,
			sh, vol.ID, now, now, now)
	}
	return s
}

// Over HTTP: the coordinator records attendance and a walk-in, the volunteer logs hours
// (a typo is sent back with what was typed), the coordinator approves and rejects, and the
// volunteer can do none of the coordinator's part.
func TestVolunteerHoursOverHTTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newHoursSite(t, d)
		coord, vol := newClient(t, s.a), newClient(t, s.a)
		coord.login(s.coord)
		vol.login(s.vol)
		sheet := fmt.Sprintf("/tr/admin/volunteer/shifts/%d/attendance", s.fixed)

		coord.get(sheet).must(t, http.StatusOK, "Test gonullu@example.org", "Hepsi katıldı", "İzmir")
		coord.post(sheet, url.Values{"all": {"1"}}).must(t, http.StatusSeeOther)
		coord.get(sheet).must(t, http.StatusOK, "1 kişinin katılımı kaydedildi.", "Onay bekliyor")
		coord.post(sheet, url.Values{"action": {"walkin"}, "email": {"kimse@example.org"}}).
			must(t, http.StatusUnprocessableEntity, "Bu adresle bir hesap yok", `value="kimse@example.org"`)
		coord.post(sheet, url.Values{"action": {"walkin"}, "email": {s.walk}}).must(t, http.StatusSeeOther)
		coord.get(sheet).must(t, http.StatusOK, "Test konullu@example.org", "Kayıtsız geldi")
		vol.get(sheet).must(t, http.StatusForbidden)

		// The volunteer logs hours for the ongoing role: a typo keeps what was typed.
		vol.get("/tr/my/volunteer/hours").must(t, http.StatusOK, "Kordon Gönüllüleri — Şenlik — Tercüman tr–az", "Onay bekliyor")
		yesterday := time.Now().In(i18n.MustLocation("Europe/Istanbul")).AddDate(0, 0, -1).Format(time.DateOnly)
		vol.post("/tr/my/volunteer/hours", url.Values{"shift_id": {fmt.Sprint(s.ongoing)}, "day": {yesterday}, "hours": {"iki"}, "minutes": {"30"}, "note": {"Çeviri yaptım"}}).
			must(t, http.StatusUnprocessableEntity, "Bir tam sayı girin", `value="iki"`, "Çeviri yaptım", `value="`+yesterday+`"`)
		vol.post("/tr/my/volunteer/hours", url.Values{"shift_id": {fmt.Sprint(s.ongoing)}, "day": {yesterday}, "hours": {"25"}}).
			must(t, http.StatusUnprocessableEntity, "en fazla 24 saat")
		vol.post("/tr/my/volunteer/hours", url.Values{"shift_id": {fmt.Sprint(s.fixed)}, "day": {yesterday}, "hours": {"2"}}).
			must(t, http.StatusUnprocessableEntity, "Bu vardiyada çalışmadınız")
		vol.post("/tr/my/volunteer/hours", url.Values{"shift_id": {fmt.Sprint(s.ongoing)}, "day": {yesterday}, "hours": {"2"}, "minutes": {"30"}}).
			must(t, http.StatusSeeOther)
		vol.get("/tr/my/volunteer/hours").must(t, http.StatusOK, "Saatleriniz kaydedildi", "2:30")
		// A mistaken entry logged through the API is withdrawn; the page form does the same.
		logged := vol.api("POST", "/api/v1/volunteer/hours", fmt.Sprintf(`{"shift_id":%d,"worked_on":%q,"minutes":1500}`, s.ongoing, yesterday), "")
		logged.must(t, http.StatusUnprocessableEntity, `"minutes":"Bir günde en fazla 24 saat girilebilir."`)
		logged = vol.api("POST", "/api/v1/volunteer/hours", fmt.Sprintf(`{"shift_id":%d,"worked_on":%q,"minutes":45,"note":"Yanlışlıkla"}`, s.ongoing, yesterday), "")
		logged.must(t, http.StatusCreated, `"status":"pending"`, `"note":"Yanlışlıkla"`)
		var entry struct{ ID int64 }
		_ = json.Unmarshal([]byte(logged.Body), &entry)
		coord.api("DELETE", fmt.Sprintf("/api/v1/volunteer/hours/%d", entry.ID), "", "").must(t, http.StatusNotFound)
		vol.post(fmt.Sprintf("/tr/my/volunteer/hours/%d/withdraw", entry.ID), nil).must(t, http.StatusSeeOther)
		vol.get("/tr/my/volunteer/hours").must(t, http.StatusOK, "Kayıt geri çekildi.")
		vol.api("DELETE", fmt.Sprintf("/api/v1/volunteer/hours/%d", entry.ID), "", "").must(t, http.StatusNotFound)

		// The volunteer sees only their own hours in the API and decides nothing.
		var mine []struct {
			ID      int64  `json:"id"`
			UserID  int64  `json:"user_id"`
			Minutes int    `json:"minutes"`
			Status  string `json:"status"`
		}
		r := vol.api("GET", "/api/v1/volunteer/hours", "", "")
		r.must(t, http.StatusOK)
		if err := json.Unmarshal([]byte(r.Body), &mine); err != nil || len(mine) != 2 {
			t.Fatalf("volunteer's hours: %v %s", err, r.Body)
		}
		vol.api("POST", fmt.Sprintf("/api/v1/volunteer/hours/%d/approve", mine[0].ID), "", "").must(t, http.StatusForbidden, `"status":403`)
		vol.post("/tr/admin/volunteer/hours/approve", url.Values{"ids": {fmt.Sprint(mine[0].ID)}}).must(t, http.StatusForbidden)
		vol.get("/tr/admin/volunteer/hours").must(t, http.StatusForbidden)
		vol.get("/tr/admin/volunteer/reports").must(t, http.StatusForbidden)
		vol.get("/tr/admin/volunteer/reports.csv").must(t, http.StatusForbidden)

		// The coordinator sees three pending entries; rejecting needs a reason.
		coord.get("/tr/admin/volunteer/hours").must(t, http.StatusOK, "Test gonullu@example.org", "Test konullu@example.org", "katılımdan", "gönüllü girdi")
		coord.post("/tr/admin/volunteer/hours/reject", url.Values{"id": {fmt.Sprint(mine[0].ID)}, "reason": {" "}}).
			must(t, http.StatusUnprocessableEntity, "Reddetmek için bir gerekçe yazın.")
		all := coord.api("GET", fmt.Sprintf("/api/v1/volunteer/hours?programme=%d&status=pending", s.programme), "", "")
		var pending []struct {
			ID     int64  `json:"id"`
			Person string `json:"person"`
		}
		if err := json.Unmarshal([]byte(all.Body), &pending); err != nil || len(pending) != 3 {
			t.Fatalf("pending: %v %s", err, all.Body)
		}
		coord.api("POST", fmt.Sprintf("/api/v1/volunteer/hours/%d/reject", pending[0].ID), `{"reason":"Tarih yanlış"}`, "").
			must(t, http.StatusOK, `"status":"rejected"`, `"reason":"Tarih yanlış"`)
		coord.post("/tr/admin/volunteer/hours/approve", url.Values{"ids": {fmt.Sprint(pending[0].ID), fmt.Sprint(pending[1].ID), fmt.Sprint(pending[2].ID)}}).
			must(t, http.StatusSeeOther)
		coord.get("/tr/admin/volunteer/hours").must(t, http.StatusOK, "2 kayıt onaylandı.", fmt.Sprintf("#%d atlandı: bu saatlere zaten karar verilmiş.", pending[0].ID), "Onay bekleyen saat yok.")
		coord.api("POST", fmt.Sprintf("/api/v1/volunteer/hours/%d/approve", pending[1].ID), "", "").must(t, http.StatusConflict)

		// "Approve all listed" passes over the coordinator's own hours and says so.
		var coordID, volID int64
		_ = d.QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, s.coord).Scan(&coordID)
		_ = d.QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, s.vol).Scan(&volID)
		pendingFor := func(who int64) int64 {
			t.Helper()
			var id int64
			if err := d.WriteRow(context.Background(), `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, created_at)
				VALUES (?, ?, ?, ?, 60, 'pending', ?) RETURNING id`, s.programme, s.ongoing, who, yesterday, time.Now().UTC()).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		own := pendingFor(coordID)
		pendingFor(volID)
		coord.get("/tr/admin/volunteer/hours").must(t, http.StatusOK, "sizin")
		coord.post("/tr/admin/volunteer/hours/approve", url.Values{"all": {"1"}}).must(t, http.StatusSeeOther)
		coord.get("/tr/admin/volunteer/hours").must(t, http.StatusOK, "1 kayıt onaylandı.", fmt.Sprintf("#%d atlandı: kendi saatlerinize karar veremezsiniz.", own))

		// Attendance through the API: marking the walk-in absent leaves approved hours alone.
		put := coord.newRequest("PUT", fmt.Sprintf("/api/v1/volunteer/shifts/%d/attendance", s.fixed), strings.NewReader(`{"all_attended":true}`))
		put.Header.Set("Content-Type", "application/json")
		coord.do(put).must(t, http.StatusOK, `"attendance":"attended"`, `"walk_in":true`)
		vol.api("PUT", fmt.Sprintf("/api/v1/volunteer/shifts/%d/attendance", s.fixed), `{"all_attended":true}`, "").must(t, http.StatusForbidden)
	})
}

// The report and its exports keep Turkish and Azerbaijani letters intact: CSV as UTF-8 with
// a byte-order mark and semicolons, XLSX with numbers as numbers.
func TestVolunteerHoursReportExports(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newHoursSite(t, d)
		ctx := context.Background()
		var volID int64
		if err := d.QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, s.vol).Scan(&volID); err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"2026-06-02", "2026-06-03"} {
			if _, err := d.Exec(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, created_at)
				VALUES (?, ?, ?, ?, 90, 'approved', ?)`, s.programme, s.ongoing, volID, day, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
		}
		c := newClient(t, s.a)
		c.login(s.coord)
		c.get("/tr/admin/volunteer/reports").must(t, http.StatusOK, "Kordon Gönüllüleri — Şenlik", "3:00", "3,00", "Haziran 2026", "İzmir")
		c.get("/az/admin/volunteer/reports?from=2026-06-03").must(t, http.StatusOK, "Kordon Könüllüləri — Şənlik", "1:30", "İyun 2026")
		c.get("/tr/admin/volunteer/reports?from=bugün").must(t, http.StatusUnprocessableEntity, "Geçerli bir tarih girin.", `value="bugün"`)

		r := c.get("/az/admin/volunteer/reports.csv")
		r.must(t, http.StatusOK, "Kordon Könüllüləri — Şənlik", "Tərcüməçi tr–az", "İzmir", ";3:00;3,00;1")
		if !strings.HasPrefix(r.Body, "\uFEFF") || !strings.Contains(r.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV without a byte-order mark: %q %q", r.Header.Get("Content-Type"), r.Body[:min(len(r.Body), 20)])
		}

		x := c.get("/tr/admin/volunteer/reports.xlsx")
		x.must(t, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader([]byte(x.Body)))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		rows, err := book.GetRows("Gönüllülük saatleri")
		if err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprint(rows)
		for _, want := range []string{"Kordon Gönüllüleri — Şenlik", "Tercüman tr–az", "İzmir", "Haziran 2026", "Farklı gönüllü"} {
			if !strings.Contains(text, want) {
				t.Fatalf("XLSX lacks %q: %v", want, rows)
			}
		}
		if v, _ := book.GetCellValue("Gönüllülük saatleri", "D2"); v != "3" {
			t.Fatalf("total decimal hours cell %q, want 3", v)
		}
	})
}
