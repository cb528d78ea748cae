package app

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// surveySite is validatedB2BSite with one meeting between the two companies in slot 0,
// marked held, and a third participant (Zeynep's firm) that was not in it.
type surveySite struct {
	*b2bSite
	meeting int64
	zeynep  *client
}

func newSurveySite(t *testing.T, d *db.DB) *surveySite {
	t.Helper()
	ctx := context.Background()
	s := &surveySite{b2bSite: validatedB2BSite(t, d)}
	coord := identity.Viewer(s.users["koordinator@example.org"])
	ps, err := s.a.B2B.Participants(ctx, coord, s.forum, b2b.Filter{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("participants %v, %v", ps, err)
	}
	var req int64
	err = d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at)
		VALUES (?, ?, ?, 'Görüşelim', 1, 'accepted', '', ?) RETURNING id`, ps[0].ProgrammeID, ps[0].ID, ps[1].ID, time.Now()).Scan(&req)
	if err != nil {
		t.Fatal(err)
	}
	err = d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, slot, table_no, status, created_at, updated_at)
		VALUES (?, ?, 0, 4, 'held', ?, ?) RETURNING id`, ps[0].ProgrammeID, req, time.Now(), time.Now()).Scan(&s.meeting)
	if err != nil {
		t.Fatal(err)
	}
	zeynep := user(t, s.a, "zeynep@example.org")
	org, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: "Körfez Tekstil (demo)", Kind: "company", City: "İzmir", Country: "TR"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.Identity.AddMemberByID(ctx, org.ID, zeynep.ID, "member"); err != nil {
		t.Fatal(err)
	}
	s.users["zeynep@example.org"] = zeynep
	s.zeynep = newClient(t, s.a)
	s.zeynep.login("zeynep@example.org")
	s.zeynep.post(fmt.Sprintf(forumB2B, "tr")+"/join", s.joinForm(org.ID, "zeynep@example.org")).must(t, http.StatusSeeOther)
	pending, err := s.a.B2B.Participants(ctx, coord, s.forum, b2b.Filter{Status: b2b.Pending})
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %v, %v", pending, err)
	}
	if err := s.a.B2B.Validate(ctx, coord, pending[0].ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// forumJustEnded moves the forum and its meeting session back so that the forum ended
// yesterday: round 1 of the survey is open whenever the test runs.
func (s *surveySite) forumJustEnded(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	ev, err := s.a.Events.Get(ctx, nil, s.forum)
	if err != nil {
		t.Fatal(err)
	}
	shift := time.Now().Add(-24 * time.Hour).Sub(ev.EndsAt).Round(time.Minute)
	if _, err := s.a.DB.Exec(ctx, `UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?`, ev.StartsAt.Add(shift), ev.EndsAt.Add(shift), s.forum); err != nil {
		t.Fatal(err)
	}
	_, p, err := s.a.B2B.Programme(ctx, nil, s.forum)
	if err != nil {
		t.Fatal(err)
	}
	for _, ses := range p.Sessions {
		if _, err := s.a.DB.Exec(ctx, `UPDATE b2b_sessions SET starts_at = ? WHERE id = ?`, ses.StartsAt.Add(shift), ses.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func TestB2BSurveyPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSurveySite(t, d)
		page := fmt.Sprintf(forumB2B, "tr") + fmt.Sprintf("/meetings/%d/survey", s.meeting)
		list := fmt.Sprintf(forumB2B, "tr") + "/surveys"
		answer := url.Values{"round": {"1"}, "rating": {"4"}, "outcome": {"offer"}, "value_eur": {"12,5"}, "comment": {"Fiyat teklifi gönderdik."}}

		// Before the meeting's slot: the page says when it opens, a post is refused.
		s.leyla.get(page).must(t, http.StatusOK, "Anket, görüşmenin saati başladığında açılır.")
		s.leyla.post(page, answer).must(t, http.StatusUnprocessableEntity, "Anket, görüşmenin saati başladığında açılır.")

		s.forumJustEnded(t)
		s.leyla.get(list).must(t, http.StatusOK, "Xəzər Logistika (demo)", "Yanıt bekliyor", "Masa 4")
		// A value that is not whole euros: a localized error, every answer kept.
		r := s.leyla.post(page, answer)
		r.must(t, http.StatusUnprocessableEntity, "avro cinsinden", "Fiyat teklifi gönderdik.", `value="12,5"`,
			`value="4" checked`, `value="offer" checked`)
		answer.Set("value_eur", "25.000")
		r = s.leyla.post(page, answer)
		r.must(t, http.StatusSeeOther)
		if r.Header.Get("Location") != list {
			t.Fatalf("after answering: %q", r.Header.Get("Location"))
		}
		s.leyla.get(list).must(t, http.StatusOK, "Yanıtlandı", "Yanıtı değiştir")
		s.leyla.get(page).must(t, http.StatusOK, `value="25000"`, "Fiyat teklifi gönderdik.")
		// The other side, in Azerbaijani.
		s.rashad.get(fmt.Sprintf(forumB2B, "az")+fmt.Sprintf("/meetings/%d/survey", s.meeting)).must(t, http.StatusOK, "Görüş necə keçdi?", "Ege Gıda İhracat (demo)")

		// Once round 1 has closed the answer is shown, no longer offered for change.
		if _, err := s.a.DB.Exec(context.Background(), `UPDATE events SET ends_at = ? WHERE id = ?`, time.Now().AddDate(0, -7, 0), s.forum); err != nil {
			t.Fatal(err)
		}
		s.leyla.get(page+"?round=1").must(t, http.StatusOK, "Anketin bu turu kapandı.", "Teklif verildi", "25.000 €", "Fiyat teklifi gönderdik.")
		s.leyla.post(page, answer).must(t, http.StatusUnprocessableEntity, "Anketin bu turu kapandı.")
		// Wrong users: another participant, an organiser, a stranger, nobody.
		s.zeynep.get(page).must(t, http.StatusNotFound)
		s.zeynep.post(page, answer).must(t, http.StatusNotFound)
		s.org.get(page).must(t, http.StatusNotFound)
		stranger := newClient(t, s.a)
		user(t, s.a, "yabanci@example.org")
		stranger.login("yabanci@example.org")
		stranger.get(page).must(t, http.StatusNotFound)
		if r := stranger.get(list); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/join") {
			t.Fatalf("stranger's list: %d %q", r.Status, r.Header.Get("Location"))
		}
		newClient(t, s.a).get(page).must(t, http.StatusUnauthorized)
		// Through another forum's address.
		s.leyla.get(fmt.Sprintf("/tr/b2b/izmir-baku-kultur-festivali/meetings/%d/survey", s.meeting)).must(t, http.StatusNotFound)
	})
}

func TestB2BStatsPageAndExports(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSurveySite(t, d)
		s.forumJustEnded(t)
		page := fmt.Sprintf(forumB2B, "tr") + fmt.Sprintf("/meetings/%d/survey", s.meeting)
		s.leyla.post(page, url.Values{"round": {"1"}, "rating": {"5"}, "outcome": {"agreement"}, "value_eur": {"40000"}}).must(t, http.StatusSeeOther)

		stats := fmt.Sprintf("/tr/admin/events/%d/b2b/stats", s.forum)
		s.org.get(fmt.Sprintf("/tr/admin/events/%d/b2b", s.forum)).must(t, http.StatusOK, stats)
		// Round 1 has one answer rated 5; round 2 none, so no average (not a 0,00 rating).
		s.org.get(stats).must(t, http.StatusOK, "B2B istatistikleri", "C — İmalat", "Anlaşma imzalandı", "40.000",
			"Ortalama puan (1–5)</dt><dd>5,00</dd>", "Ortalama puan (1–5)</dt><dd>—</dd>")
		s.org.get(fmt.Sprintf("/en/admin/events/%d/b2b/stats", s.forum)).must(t, http.StatusOK, "C — Manufacturing")
		for _, path := range []string{stats, stats + ".csv", stats + ".xlsx"} {
			s.leyla.get(path).must(t, http.StatusForbidden)
			newClient(t, s.a).get(path).must(t, http.StatusUnauthorized)
		}

		r := s.org.get(stats + ".csv")
		r.must(t, http.StatusOK)
		lines := strings.Split(strings.TrimPrefix(r.Body, "\uFEFF"), "\r\n")
		if !strings.HasPrefix(r.Body, "\uFEFF") || !strings.HasPrefix(lines[0], "Kırılım;Grup;Katılımcılar (onaylı);Gönderilen talepler") {
			t.Fatalf("csv head %q", lines[0])
		}
		// Total: 3 validated participants, 1 request, 1 meeting held, 1 answer of 5 worth 40000.
		if !strings.HasPrefix(lines[1], "Toplam;Tüm forum;3;1;0;1;0;0;0;1;1;0;1;0;0;1;5,00;0;0;0;1;40000;0;0,00") {
			t.Fatalf("csv total %q", lines[1])
		}
		if !strings.Contains(r.Body, "Sektör;C — İmalat;3;") || !strings.Contains(r.Body, "Ülke;AZ;1;1;") {
			t.Fatalf("csv breakdowns:\n%s", r.Body)
		}

		r = s.org.get(stats + ".xlsx")
		r.must(t, http.StatusOK)
		book, err := excelize.OpenReader(bytes.NewReader([]byte(r.Body)))
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		group, _ := book.GetCellValue("B2B istatistikleri", "B4")
		held, _ := book.GetCellValue("B2B istatistikleri", "M2")
		value, _ := book.GetCellValue("B2B istatistikleri", "V2")
		if group != "TR" || held != "1" || value != "40000" {
			t.Fatalf("xlsx B4 %q, M2 %q, V2 %q", group, held, value)
		}
	})
}

func TestB2BSurveyAndStatsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSurveySite(t, d)
		answer := fmt.Sprintf("/api/v1/b2b/meetings/%d/survey", s.meeting)
		body := `{"round":1,"rating":4,"outcome":"follow_up","value_eur":15000,"comment":"Kataloq göndərdik."}`
		s.rashad.api("POST", answer, body, "").must(t, http.StatusUnprocessableEntity, `"survey"`)

		s.forumJustEnded(t)
		newClient(t, s.a).api("POST", answer, body, "").must(t, http.StatusUnauthorized)
		s.zeynep.api("POST", answer, body, "").must(t, http.StatusNotFound)
		s.org.api("POST", answer, body, "").must(t, http.StatusNotFound)
		s.rashad.api("POST", fmt.Sprintf("/api/v1/b2b/meetings/%d/survey", s.meeting+100), body, "").must(t, http.StatusNotFound)
		s.rashad.api("POST", answer, strings.Replace(body, "15000", "1.5", 1), "").must(t, http.StatusUnprocessableEntity, `"value_eur"`)
		s.rashad.api("POST", answer, strings.Replace(body, `"follow_up"`, `"maybe"`, 1), "").must(t, http.StatusUnprocessableEntity, `"outcome"`)
		s.rashad.api("POST", answer, body, "").must(t, http.StatusOK, `"outcome":"follow_up"`, `"value_eur":15000`)

		surveys := fmt.Sprintf("/api/v1/events/%d/b2b/surveys", s.forum)
		s.rashad.api("GET", surveys, "", "").must(t, http.StatusOK, `"state":"answered"`, `"name":"Ege Gıda İhracat (demo)"`)
		s.leyla.api("GET", surveys, "", "").must(t, http.StatusOK, `"state":"to_answer"`)
		s.zeynep.api("GET", surveys, "", "").must(t, http.StatusOK, `"meetings":[]`)
		s.org.api("GET", surveys, "", "").must(t, http.StatusForbidden)
		newClient(t, s.a).api("GET", surveys, "", "").must(t, http.StatusUnauthorized)

		stats := fmt.Sprintf("/api/v1/events/%d/b2b/stats", s.forum)
		s.org.api("GET", stats, "", "").must(t, http.StatusOK, `"participants":3`, `"follow_up":1`, `"code":"AZ"`, `"en":"Manufacturing"`)
		s.leyla.api("GET", stats, "", "").must(t, http.StatusForbidden)
		newClient(t, s.a).api("GET", stats, "", "").must(t, http.StatusUnauthorized)
	})
}
