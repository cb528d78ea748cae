package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// agendaSite is the B2B site with a second forum under way right now, so attendance can be
// marked without a clock: its session began ten minutes ago, slot 0 is the current one and
// slot 29 lies hours ahead. Leyla's and Rəşad's firms meet in both; Ayşe's firm takes part
// but is in neither; Selin belongs to no participant.
type agendaSite struct {
	*b2bSite
	d               db.Querier
	live            int64  // the event
	slug            string // its address
	programme       int64
	pLeyla, pRashad int64 // profiles
	now, later      int64 // meetings in slot 0 and slot 29
	ayse, selin     *client
	sessionStartsAt time.Time
}

func newAgendaSite(t *testing.T, d *db.DB) *agendaSite {
	t.Helper()
	ctx := context.Background()
	s := &agendaSite{b2bSite: newB2BSite(t, d), d: d}
	coord := identity.Viewer(s.users["koordinator@example.org"])
	p, err := s.a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.sessionStartsAt = time.Now().UTC().Truncate(time.Minute).Add(-10 * time.Minute)
	ev, err := s.a.Events.Create(ctx, coord, events.Input{PartnershipID: p.ID, Kind: events.BusinessForum,
		Title: i18n.Text{TR: "Canlı İş Forumu", AZ: "Canlı Biznes Forumu"}, Venue: events.Venue{Name: "Bakı Ekspo Mərkəzi", City: "Bakı"},
		Zone: "Asia/Baku", StartsAt: s.sessionStartsAt.Add(-time.Hour), EndsAt: s.sessionStartsAt.Add(12 * time.Hour),
		Status: events.Published, Visibility: events.Public})
	if err != nil {
		t.Fatal(err)
	}
	s.live, s.slug = ev.ID, ev.Slug
	_, err = s.a.B2B.SaveProgramme(ctx, coord, s.live, b2b.ProgrammeInput{Mode: b2b.Batch,
		OpensAt: s.sessionStartsAt.Add(-72 * time.Hour), ClosesAt: s.sessionStartsAt.Add(-2 * time.Hour),
		Sessions: []b2b.Session{{StartsAt: s.sessionStartsAt, SlotMinutes: 20, Slots: 30}},
		Tables:   b2b.NumberedTables(4, []string{"Liman ve Lojistik Masası"})})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.QueryRow(ctx, `SELECT id FROM b2b_programmes WHERE event_id = ?`, s.live).Scan(&s.programme); err != nil {
		t.Fatal(err)
	}
	s.pLeyla = s.joinLive(t, s.izmirOrg, "leyla@example.org")
	s.pRashad = s.joinLive(t, s.bakuOrg, "rashad@example.org")
	ayse := user(t, s.a, "ayse@example.org")
	org, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: "Körfez Tekstil (demo)", Kind: "company", City: "İzmir", Country: "TR"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.Identity.AddMemberByID(ctx, org.ID, ayse.ID, "member"); err != nil {
		t.Fatal(err)
	}
	s.users["ayse@example.org"] = ayse
	s.joinLive(t, org.ID, "ayse@example.org")
	user(t, s.a, "selin@example.org")
	s.ayse, s.selin = newClient(t, s.a), newClient(t, s.a)
	s.ayse.login("ayse@example.org")
	s.selin.login("selin@example.org")
	s.now = s.meeting(t, s.pLeyla, s.pRashad, 0, 1)
	s.later = s.meeting(t, s.pRashad, s.pLeyla, 29, 2)
	return s
}

// joinLive makes and validates the organisation's profile in the live forum.
func (s *agendaSite) joinLive(t *testing.T, org int64, email string) int64 {
	t.Helper()
	ctx := context.Background()
	u := s.users[email]
	p, err := s.a.B2B.Join(ctx, identity.Viewer(u), s.live, b2b.ProfileInput{OrganisationID: org, Attendees: []int64{u.ID},
		Type: "seller", Sectors: []string{"10"}, City: "İzmir", Country: "TR", Languages: []string{"tr"},
		Description: i18n.Text{TR: "Kuru meyve ihracatı."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.B2B.Validate(ctx, identity.Viewer(s.users["koordinator@example.org"]), p.ID); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// meeting writes an accepted request and its meeting at slot and table.
func (s *agendaSite) meeting(t *testing.T, from, to int64, slot, table int) int64 {
	t.Helper()
	ctx, now := context.Background(), time.Now().UTC()
	var req, id int64
	if err := s.d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at, answered_at)
		VALUES (?, ?, ?, '', 1, 'accepted', '', ?, ?) RETURNING id`, s.programme, from, to, now, now).Scan(&req); err != nil {
		t.Fatal(err)
	}
	if err := s.d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, slot, table_no, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'planned', ?, ?) RETURNING id`, s.programme, req, slot, table, now, now).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (s *agendaSite) publish(t *testing.T) {
	t.Helper()
	if _, err := s.d.Exec(context.Background(), `UPDATE b2b_programmes SET published_at = ? WHERE id = ?`, time.Now().UTC(), s.programme); err != nil {
		t.Fatal(err)
	}
}

func (s *agendaSite) path(lang, rest string) string { return "/" + lang + "/b2b/" + s.slug + rest }

func TestB2BAgendaPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAgendaSite(t, d)
		// Before publishing, places are hidden and both meetings wait.
		s.leyla.get(s.path("tr", "/agenda")).must(t, http.StatusOK, "Organizatörler görüşme programını henüz yayımlamadı",
			"Yer bekleyen görüşmeler", "Xəzər Logistika (demo)")
		s.publish(t)
		r := s.leyla.get(s.path("az", "/agenda"))
		r.must(t, http.StatusOK, "Növbəti görüşüm", "İndi, saat", "Masa 1 · Liman ve Lojistik Masası", "Masa 2",
			"Xəzər Logistika (demo)", "Bakı", "İzmir", "Sessiya 1", `value="held"`, "PDF kimi yüklə")
		// Only the current meeting can be marked yet; the next-meeting card holds no buttons.
		if strings.Count(r.Body, `value="no_show"`) != 1 {
			t.Errorf("attendance buttons on %d meetings, want only the current one", strings.Count(r.Body, `value="no_show"`))
		}
		s.rashad.get(s.path("en", "/agenda")).must(t, http.StatusOK, "My next meeting", "Ege Gıda İhracat (demo)", "Table 1")

		// Files: only the participant's own people get them.
		pdf := s.leyla.get(s.path("tr", "/agenda.pdf"))
		if pdf.Status != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") {
			t.Fatalf("agenda.pdf: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
		}
		ics := s.rashad.get(s.path("tr", "/agenda.ics"))
		ics.must(t, http.StatusOK, "BEGIN:VTIMEZONE", "TZID:Asia/Baku", "SUMMARY:B2B görüşmesi: Ege Gıda İhracat (demo)",
			fmt.Sprintf("UID:b2b-meeting-%d@", s.now), "LOCATION:Masa 1 · Liman ve Lojistik Masası\\, Bakı")
		if !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") {
			t.Errorf("agenda.ics type %q", ics.Header.Get("Content-Type"))
		}
		izmir := fmt.Sprintf("?org=%d", s.izmirOrg)
		for _, file := range []string{"/agenda.pdf", "/agenda.ics"} {
			s.selin.get(s.path("tr", file)).must(t, http.StatusNotFound)
			s.selin.get(s.path("tr", file+izmir)).must(t, http.StatusNotFound)
			s.rashad.get(s.path("tr", file+izmir)).must(t, http.StatusNotFound)
			newClient(t, s.a).get(s.path("tr", file)).must(t, http.StatusUnauthorized)
		}
		s.rashad.get(s.path("tr", "/agenda"+izmir)).must(t, http.StatusNotFound)
		// "My" pages: the forums the person's organisations take part in.
		s.leyla.get("/tr/my/events").must(t, http.StatusOK, `href="/tr/my/b2b"`)
		s.leyla.get("/tr/my/b2b").must(t, http.StatusOK, "Canlı İş Forumu", "Ege Gıda İhracat (demo)", s.path("tr", "/agenda"+izmir))
		if r := s.selin.get("/tr/my/b2b"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Kuruluşlarınızın hiçbiri") || strings.Contains(r.Body, "Canlı İş Forumu") {
			t.Errorf("outsider's B2B page: %d", r.Status)
		}
		// A signed-in non-participant is sent to join.
		if r := s.selin.get(s.path("tr", "/agenda")); r.Status != http.StatusSeeOther || r.Header.Get("Location") != s.path("tr", "/join") {
			t.Errorf("outsider's agenda: %d %q", r.Status, r.Header.Get("Location"))
		}
	})
}

func TestB2BAttendanceFromAgendaAndSheets(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAgendaSite(t, d)
		s.publish(t)
		mark := func(id int64) string { return s.path("tr", fmt.Sprintf("/agenda/meetings/%d/attendance", id)) }
		held := url.Values{"status": {"held"}}

		// Too early: told so on the agenda, nothing written.
		r := s.rashad.post(mark(s.later), held)
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != s.path("tr", "/agenda") {
			t.Fatalf("early mark: %d %q", r.Status, r.Header.Get("Location"))
		}
		s.rashad.get(s.path("tr", "/agenda")).must(t, http.StatusOK, "başlamasından 15 dakika önceden itibaren")
		// Wrong people.
		s.ayse.post(mark(s.now), held).must(t, http.StatusNotFound)
		s.selin.post(mark(s.now), held).must(t, http.StatusNotFound)
		newClient(t, s.a).post(mark(s.now), held).must(t, http.StatusUnauthorized)

		s.leyla.post(mark(s.now), held).must(t, http.StatusSeeOther)
		s.leyla.get(s.path("tr", "/agenda")).must(t, http.StatusOK, "Görüşme yapıldı olarak işaretlendi.", `<span class="badge">Yapıldı</span>`)

		// Organisers: the sheets page, its files and marks; participants are refused.
		sheets := fmt.Sprintf("/tr/admin/events/%d/b2b/sheets", s.live)
		s.org.get(sheets).must(t, http.StatusOK, "Görüşme çizelgeleri", "Ege Gıda İhracat (demo) – Xəzər Logistika (demo)", "Yapıldı", "Masa 1 · Liman ve Lojistik Masası")
		s.leyla.get(sheets).must(t, http.StatusForbidden)
		for _, file := range []string{"/tables.pdf", "/grid.pdf"} {
			if r := s.org.get(sheets + file); r.Status != http.StatusOK || !strings.HasPrefix(r.Body, "%PDF-") {
				t.Errorf("%s: %d", file, r.Status)
			}
			s.rashad.get(sheets+file).must(t, http.StatusForbidden)
		}
		grid := s.org.get(sheets + "/grid.csv")
		grid.must(t, http.StatusOK, "Dilim;Başlangıç;Masa 1 · Liman ve Lojistik Masası;Masa 2", "Ege Gıda İhracat (demo) – Xəzər Logistika (demo)")
		if !strings.HasPrefix(grid.Body, "\uFEFF") || !strings.Contains(grid.Body, "\r\n") {
			t.Error("the grid CSV lacks the byte-order mark or CRLF")
		}
		s.org.get(sheets+"/meetings.csv").must(t, http.StatusOK, "Dilim;Tarih;Bakü;İzmir;Masa;Masa adı;İsteyen;Kabul eden;Durum",
			";1;Liman ve Lojistik Masası;Ege Gıda İhracat (demo);Xəzər Logistika (demo);Yapıldı")
		s.ayse.get(sheets+"/meetings.csv").must(t, http.StatusForbidden)

		orgMark := fmt.Sprintf("/tr/admin/events/%d/b2b/meetings/%d/attendance", s.live, s.now)
		s.leyla.post(orgMark, url.Values{"status": {"no_show"}}).must(t, http.StatusForbidden)
		if r := s.org.post(orgMark, url.Values{"status": {"no_show"}}); r.Status != http.StatusSeeOther || r.Header.Get("Location") != sheets {
			t.Fatalf("organiser's mark: %d %q", r.Status, r.Header.Get("Location"))
		}
		s.org.get(sheets).must(t, http.StatusOK, "Görüşme gelinmedi olarak işaretlendi.", "Gelinmedi")
	})
}

func TestB2BAgendaAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newAgendaSite(t, d)
		path := fmt.Sprintf("/api/v1/events/%d/b2b/agenda", s.live)
		r := s.leyla.api("GET", path, "", "")
		r.must(t, http.StatusOK)
		var a struct {
			Published bool `json:"published"`
			Meetings  []struct {
				ID int64 `json:"id"`
			} `json:"meetings"`
			Waiting []struct {
				ID   int64 `json:"id"`
				Slot *int  `json:"slot"`
				With struct {
					Organisation string `json:"organisation"`
				} `json:"with"`
			} `json:"waiting"`
		}
		if err := json.Unmarshal([]byte(r.Body), &a); err != nil {
			t.Fatal(err)
		}
		if a.Published || len(a.Meetings) != 0 || len(a.Waiting) != 2 || a.Waiting[0].Slot != nil || a.Waiting[0].With.Organisation != "Xəzər Logistika (demo)" {
			t.Fatalf("unpublished agenda: %s", r.Body)
		}
		s.publish(t)
		s.rashad.api("GET", path, "", "").must(t, http.StatusOK, `"published":true`, `"organisation":"Ege Gıda İhracat (demo)"`, `"slot":29`, `"name":"Liman ve Lojistik Masası"`)
		s.selin.api("GET", path, "", "").must(t, http.StatusNotFound)
		s.selin.api("GET", fmt.Sprintf("%s?org=%d", path, s.izmirOrg), "", "").must(t, http.StatusNotFound)
		newClient(t, s.a).api("GET", path, "", "").must(t, http.StatusUnauthorized)

		mark := func(id int64) string { return fmt.Sprintf("/api/v1/b2b/meetings/%d/attendance", id) }
		s.ayse.api("POST", mark(s.now), `{"status":"held"}`, "").must(t, http.StatusNotFound)
		s.selin.api("POST", mark(s.now), `{"status":"held"}`, "").must(t, http.StatusNotFound)
		newClient(t, s.a).api("POST", mark(s.now), `{"status":"held"}`, "").must(t, http.StatusUnauthorized)
		s.rashad.api("POST", mark(s.now), `{"status":"maybe"}`, "").must(t, http.StatusUnprocessableEntity)
		s.rashad.api("POST", mark(s.later), `{"status":"held"}`, "").must(t, http.StatusUnprocessableEntity, "15 dakika")
		s.rashad.api("POST", mark(s.now), `{"status":"no_show"}`, "").must(t, http.StatusOK, `"status":"no_show"`, `"slot":0`, `"table":1`)
		s.leyla.api("GET", path, "", "").must(t, http.StatusOK, `"status":"no_show"`)
	})
}
