package app

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// deliverMail runs the queued jobs, delivers the outbox over SMTP to sink and returns what
// arrived since the last call.
func deliverMail(t *testing.T, a *App, sink *mailtest.Sink) []mailtest.Message {
	t.Helper()
	runQueuedJobs(t, a)
	sender, err := mail.NewSMTPSender(sink.URL, "kopru@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.NewOutbox(a.DB, sender, a.Log).DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	return sink.Take()
}

func mailTo(t *testing.T, ms []mailtest.Message, to string) mailtest.Message {
	t.Helper()
	for _, m := range ms {
		if m.To == to {
			return m
		}
	}
	t.Fatalf("no mail to %s among %d", to, len(ms))
	return mailtest.Message{}
}

// schedSite is the b2b site with both companies validated and one accepted meeting
// between them (written as the requests concern leaves it); Rəşad reads Azerbaijani.
func schedSite(t *testing.T, d *db.DB) (*b2bSite, int64) {
	t.Helper()
	ctx := context.Background()
	s := newB2BSite(t, d)
	coord := identity.Viewer(s.users["koordinator@example.org"])
	_, p, err := s.a.B2B.Programme(ctx, coord, s.forum)
	if err != nil {
		t.Fatal(err)
	}
	var profiles []int64
	for _, c := range []struct {
		org  int64
		user string
	}{{s.izmirOrg, "leyla@example.org"}, {s.bakuOrg, "rashad@example.org"}} {
		u := s.users[c.user]
		pr, err := s.a.B2B.Join(ctx, identity.Viewer(u), s.forum, b2b.ProfileInput{OrganisationID: c.org, Attendees: []int64{u.ID},
			Type: "seller", Sectors: []string{"10"}, City: "İzmir", Country: "TR", Languages: []string{"tr"},
			Description: i18n.Text{TR: "Kuru meyve ihracatı ve Hazar lojistiği."}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.a.B2B.Validate(ctx, coord, pr.ID); err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, pr.ID)
	}
	if _, err := d.Exec(ctx, `UPDATE users SET locale = 'az' WHERE email = 'rashad@example.org'`); err != nil {
		t.Fatal(err)
	}
	var req, meeting int64
	if err := d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at)
		VALUES (?, ?, ?, 'Görüşelim', 2, 'accepted', '', ?) RETURNING id`, p.ID, profiles[0], profiles[1], time.Now()).Scan(&req); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, status, created_at, updated_at)
		VALUES (?, ?, 'planned', ?, ?) RETURNING id`, p.ID, req, time.Now(), time.Now()).Scan(&meeting); err != nil {
		t.Fatal(err)
	}
	return s, meeting
}

func TestB2BSchedulePageRunPublishAndMails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, meeting := schedSite(t, d)
		mailer := mailtest.Start(t)
		page := fmt.Sprintf("/%%s/admin/events/%d/b2b/schedule", s.forum)
		tr := fmt.Sprintf(page, "tr")

		s.org.get(fmt.Sprintf("/tr/admin/events/%d/b2b", s.forum)).must(t, http.StatusOK, tr, "Görüşme takvimi")
		s.org.get(tr).must(t, http.StatusOK, "Tümünü planla", "Ege Gıda İhracat (demo) – Xəzər Logistika (demo)", "Henüz planlanmadı.", "yerleşmedi")
		// Participants may neither see nor run it.
		s.leyla.get(tr).must(t, http.StatusForbidden)
		s.leyla.post(tr+"/run", url.Values{}).must(t, http.StatusForbidden)
		s.rashad.post(tr+"/publish", url.Values{"confirm": {"1"}}).must(t, http.StatusForbidden)

		s.org.post(tr+"/run", url.Values{}).must(t, http.StatusSeeOther)
		s.org.get(tr).must(t, http.StatusOK, "1 görüşmeden 1 tanesi yerleşti", "Masa 1", "Ön takvim")
		s.org.get(fmt.Sprintf(page, "az")).must(t, http.StatusOK, "Görüşlərin cədvəli", "Hamısını planlaşdır", "Dərc et")
		s.org.get(fmt.Sprintf(page, "en")).must(t, http.StatusOK, "Meeting schedule", "Schedule all", ">Lock<")

		// Publishing asks for confirmation and then mails both sides their agenda.
		s.org.post(tr+"/publish", url.Values{}).must(t, http.StatusSeeOther)
		s.org.get(tr).must(t, http.StatusOK, "kutuyu işaretleyin")
		if got := deliverMail(t, s.a, mailer); len(got) != 0 {
			t.Fatalf("mailed before publishing: %+v", got)
		}
		s.org.post(tr+"/publish", url.Values{"confirm": {"1"}}).must(t, http.StatusSeeOther)
		s.org.get(tr).must(t, http.StatusOK, "Takvim yayımlandı")
		got := deliverMail(t, s.a, mailer)
		leyla, rashad := mailTo(t, got, "leyla@example.org"), mailTo(t, got, "rashad@example.org")
		if leyla.Lang != "tr" || !strings.HasPrefix(leyla.Subject, "Görüşme ajandanız: ") ||
			!strings.Contains(leyla.Text, "/tr/b2b/baku-izmir-is-forumu/agenda") || !strings.Contains(leyla.Text, "Xəzər Logistika (demo) ile") ||
			!strings.Contains(leyla.Text, "03.12.2026 13:30 ") || !strings.Contains(leyla.Text, "Masa 1") {
			t.Fatalf("Leyla's agenda mail: %+v", leyla)
		}
		if rashad.Lang != "az" || !strings.HasPrefix(rashad.Subject, "Görüş gündəliyiniz: ") ||
			!strings.Contains(rashad.Text, "/az/b2b/baku-izmir-is-forumu/agenda") || !strings.Contains(rashad.Text, "Ege Gıda İhracat (demo) ilə") {
			t.Fatalf("Rəşad's agenda mail: %+v", rashad)
		}

		// A move after publication is a last-minute change, mailed with the old and new place.
		api := fmt.Sprintf("/api/v1/b2b/meetings/%d", meeting)
		s.leyla.api(http.MethodPatch, api, `{"slot": 4, "table": 3}`, "").must(t, http.StatusForbidden)
		s.org.api(http.MethodPatch, api, `{"slot": 4, "table": 3}`, "").must(t, http.StatusOK, `"locked":true`, `"slot":4`, `"table":3`)
		got = deliverMail(t, s.a, mailer)
		leyla, rashad = mailTo(t, got, "leyla@example.org"), mailTo(t, got, "rashad@example.org")
		if !strings.Contains(leyla.Subject, "Xəzər Logistika (demo) ile görüşmeniz değişti") ||
			!strings.Contains(leyla.Text, "Önce: 03.12.2026 13:30") || !strings.Contains(leyla.Text, "Şimdi: 03.12.2026 14:50") || !strings.Contains(leyla.Text, "Masa 3") {
			t.Fatalf("Leyla's change mail: %+v", leyla)
		}
		if !strings.Contains(rashad.Text, "Əvvəl: 03.12.2026 13:30") || !strings.Contains(rashad.Text, "İndi: 03.12.2026 14:50") {
			t.Fatalf("Rəşad's change mail: %+v", rashad)
		}
		// Moving it nowhere new mails nothing.
		s.org.api(http.MethodPatch, api, `{"locked": false}`, "").must(t, http.StatusOK, `"locked":false`)
		if got := deliverMail(t, s.a, mailer); len(got) != 0 {
			t.Fatalf("an unlock mailed %+v", got)
		}
	})
}

func TestB2BScheduleAPIAndWrongUsers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, meeting := schedSite(t, d)
		runs := fmt.Sprintf("/api/v1/events/%d/b2b/schedule-runs", s.forum)
		list := fmt.Sprintf("/api/v1/events/%d/b2b/meetings", s.forum)
		one := fmt.Sprintf("/api/v1/b2b/meetings/%d", meeting)
		user(t, s.a, "yabanci@example.org")
		stranger := newClient(t, s.a)
		stranger.login("yabanci@example.org")

		s.leyla.api(http.MethodPost, runs, "", "").must(t, http.StatusForbidden)
		s.leyla.api(http.MethodGet, runs, "", "").must(t, http.StatusForbidden)
		newClient(t, s.a).api(http.MethodPost, runs, "", "").must(t, http.StatusUnauthorized)
		r := s.org.api(http.MethodPost, runs, "", "")
		r.must(t, http.StatusCreated, `"placed":1`, `"meetings":1`, `"upper_bound":1`)
		s.org.api(http.MethodGet, runs, "", "").must(t, http.StatusOK, `"runs":[{`)

		// Before publication Leyla sees her meeting without its place; a stranger sees none.
		var body struct {
			Meetings []struct {
				ID   int64 `json:"id"`
				Slot *int  `json:"slot"`
			} `json:"meetings"`
		}
		r = s.leyla.api(http.MethodGet, list, "", "")
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil || len(body.Meetings) != 1 || body.Meetings[0].Slot != nil {
			t.Fatalf("Leyla's meetings before publication: %s", r.Body)
		}
		stranger.api(http.MethodGet, list, "", "").must(t, http.StatusOK, `"meetings":[]`)
		stranger.api(http.MethodGet, one, "", "").must(t, http.StatusNotFound)
		s.rashad.api(http.MethodGet, one, "", "").must(t, http.StatusOK, `"slot":null`)

		// Bad moves are refused in the caller's language and change nothing.
		s.org.api(http.MethodPatch, one, `{"slot": 0, "table": 99}`, "").must(t, http.StatusUnprocessableEntity, "Bu numarada masa yok.")
		s.org.api(http.MethodPatch, one, `{"slot": 0}`, "").must(t, http.StatusUnprocessableEntity)
		s.org.api(http.MethodPatch, one, `{"unschedule": true, "slot": 1}`, "").must(t, http.StatusUnprocessableEntity)
		s.org.api(http.MethodGet, one, "", "").must(t, http.StatusOK, `"slot":0`, `"locked":false`)
		s.org.api(http.MethodPatch, one, `{"unschedule": true}`, "").must(t, http.StatusOK, `"slot":null`, `"unplaced":{"code":"open"`)
		s.org.get(fmt.Sprintf("/en/admin/events/%d/b2b/schedule", s.forum)).must(t, http.StatusOK, "Meetings not placed, and why",
			"Ege Gıda İhracat (demo) – Xəzər Logistika (demo)</strong></a>: It fits in slot 1 (13:30), 2 (13:50)")

		s.leyla.api(http.MethodPost, fmt.Sprintf("/api/v1/events/%d/b2b/publish", s.forum), "", "").must(t, http.StatusForbidden)
		s.org.api(http.MethodPost, fmt.Sprintf("/api/v1/events/%d/b2b/publish", s.forum), "", "").must(t, http.StatusOK, `"published_at"`)
		s.org.api(http.MethodPost, runs, "", "").must(t, http.StatusCreated, `"changed":1`)
		// The run placed the meeting again after publication: both sides hear of it.
		var planned int
		if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload LIKE ?`, b2b.MailJob, `%meeting_changed%`).Scan(&planned); err != nil || planned != 2 {
			t.Fatalf("%d change mails planned by the run (%v), want 2", planned, err)
		}
		s.leyla.api(http.MethodGet, list, "", "").must(t, http.StatusOK, `"slot":0`, `"table":1`)

		// A meeting cannot be adjusted through another event's page.
		_, festival := b2bForum(t, s.a)
		s.org.post(fmt.Sprintf("/tr/admin/events/%d/b2b/schedule/meetings/%d", festival, meeting), url.Values{"action": {"lock"}}).must(t, http.StatusNotFound)
	})
}

// TestB2BRefusedMoveKeepsTheChoice: a move the grid refuses comes back with the error and
// with the slot and table the organiser chose still selected, not reset to the old place.
func TestB2BRefusedMoveKeepsTheChoice(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, meeting := schedSite(t, d)
		tr := fmt.Sprintf("/tr/admin/events/%d/b2b/schedule", s.forum)
		s.org.post(tr+"/run", url.Values{}).must(t, http.StatusSeeOther)
		r := s.org.post(fmt.Sprintf("%s/meetings/%d", tr, meeting), url.Values{"action": {"move"}, "slot": {"3"}, "table": {"99"}})
		back := r.Header.Get("Location")
		if r.Status != http.StatusSeeOther || !strings.Contains(back, fmt.Sprintf("?m=%d&slot=3&table=99", meeting)) {
			t.Fatalf("refused move: %d → %q", r.Status, back)
		}
		page := s.org.get(back)
		page.must(t, http.StatusOK, "Bu numarada masa yok.")
		if !regexp.MustCompile(fmt.Sprintf(`id="slot-%d" name="slot">.*?<option value="3" selected>`, meeting)).MatchString(page.Body) {
			t.Fatalf("the tried slot is not selected:\n%.3000s", page.Body)
		}
	})
}
