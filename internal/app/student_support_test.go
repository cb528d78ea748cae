package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
)

// supportSite is a platform with a student, another student, two coordinators (one will be
// the assignee) and an admin, each signed in with their own client, and an SMTP sink.
type supportSite struct {
	a                                                  *App
	smtp                                               *mailtest.Sink
	student, other, coordinator, assignee, admin, anon *client
	studentEmail, assigneeEmail                        string
}

const supportNote = "GİZLİ-İÇ-NOT: ev sahibiyle sorun var"

func newSupportSite(t *testing.T, d *db.DB) *supportSite {
	t.Helper()
	s := &supportSite{smtp: mailtest.Start(t), studentEmail: "ogrenci@example.org", assigneeEmail: "sorumlu@example.org"}
	cfg := config.Default()
	cfg.Data, cfg.Demo, cfg.SMTP = t.TempDir(), "off", s.smtp.URL
	_ = cfg.Validate()
	var err error
	if s.a, err = New(cfg, d, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	// The student reads the site in Azerbaijani: mails must come in Azerbaijani.
	if _, err := s.a.Identity.CreateUser(context.Background(), s.studentEmail, "Tələbə (demo)", pw, "az", nil); err != nil {
		t.Fatal(err)
	}
	user(t, s.a, "diger@example.org")
	user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	user(t, s.a, s.assigneeEmail, identity.RoleCoordinator)
	user(t, s.a, "yonetici@example.org", identity.RoleAdmin)
	login := func(email string) *client {
		c := newClient(t, s.a)
		if email != "" {
			c.login(email)
		}
		return c
	}
	s.student, s.other, s.coordinator = login(s.studentEmail), login("diger@example.org"), login("koordinator@example.org")
	s.assignee, s.admin, s.anon = login(s.assigneeEmail), login("yonetici@example.org"), login("")
	return s
}

// multipartPost submits a form with files the way a browser does.
func (c *client) multipartPost(path string, fields url.Values, files map[string][]byte) response {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, err := w.CreateFormFile("files", name)
		if err != nil {
			c.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	req := c.newRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func testPDF() []byte { return []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") }

// openRequest files a request as the student and returns its id.
func (s *supportSite) openRequest(t *testing.T, category, subject string, files map[string][]byte) int64 {
	t.Helper()
	r := s.student.multipartPost("/tr/support", url.Values{"category": {category}, "subject": {subject},
		"description": {"Eylülden beri kalacak yer arıyorum."}, "consent": {"yes"}}, files)
	r.must(t, http.StatusSeeOther)
	var id int64
	if _, err := fmt.Sscanf(r.Header.Get("Location"), "/tr/support/%d", &id); err != nil {
		t.Fatalf("location %q", r.Header.Get("Location"))
	}
	return id
}

func TestStudentSupportAccessMatrix(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSupportSite(t, d)
		id := s.openRequest(t, "accommodation", "Yurt bulamıyorum", map[string][]byte{"kira-sözleşmesi.pdf": testPDF()})
		var aid int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM student_attachments WHERE request_id = ?`, id).Scan(&aid); err != nil {
			t.Fatal(err)
		}
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/assign", id), url.Values{}).must(t, http.StatusSeeOther)
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {supportNote}, "internal": {"yes"}}).must(t, http.StatusSeeOther)
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {"Yurt müdürlüğüyle görüştük."}}).must(t, http.StatusSeeOther)

		roles := []struct {
			name string
			c    *client
		}{{"student", s.student}, {"other student", s.other}, {"coordinator", s.coordinator}, {"assignee", s.assignee}, {"admin", s.admin}, {"anonymous", s.anon}}
		const ok, see, nf, fb, ua = 200, 303, 404, 403, 401
		p := func(f string) string { return fmt.Sprintf(f, id) }
		file := fmt.Sprintf("/tr/support/%d/files/%d", id, aid)
		matrix := []struct {
			method, path, body string
			api                bool
			want               [6]int // student, other, coordinator, assignee, admin, anonymous
		}{
			{"GET", "/tr/support", "", false, [6]int{ok, ok, ok, ok, ok, ua}},
			{"GET", "/tr/support/new", "", false, [6]int{ok, ok, ok, ok, ok, ua}},
			{"GET", p("/tr/support/%d"), "", false, [6]int{ok, nf, fb, see, see, ua}},
			{"GET", file, "", false, [6]int{ok, nf, fb, ok, ok, ua}},
			{"GET", fmt.Sprintf("/tr/support/%d/files/%d", id, aid+1000), "", false, [6]int{nf, nf, fb, nf, nf, ua}},
			{"GET", "/tr/support/export.json", "", false, [6]int{ok, ok, ok, ok, ok, ua}},
			{"GET", "/tr/admin/support", "", false, [6]int{nf, nf, ok, ok, ok, ua}},
			{"GET", p("/tr/admin/support/%d"), "", false, [6]int{nf, nf, fb, ok, ok, ua}},
			{"GET", "/tr/admin/support/reports", "", false, [6]int{nf, nf, ok, ok, ok, ua}},
			{"GET", "/tr/admin/support/reports.csv", "", false, [6]int{nf, nf, ok, ok, ok, ua}},
			{"GET", "/tr/admin/support/audit", "", false, [6]int{nf, nf, fb, fb, ok, ua}},
			{"POST", p("/tr/support/%d/messages"), "body=merhaba", false, [6]int{see, nf, fb, see, see, ua}},
			{"POST", p("/tr/admin/support/%d/triage"), "priority=high&status=open", false, [6]int{nf, nf, fb, see, see, ua}},
			{"POST", p("/tr/admin/support/%d/close"), "outcome=", false, [6]int{nf, nf, fb, 422, 422, ua}},
			{"POST", p("/tr/admin/support/%d/delete"), "", false, [6]int{nf, nf, fb, 422, 422, ua}},
			{"GET", "/api/v1/support/requests", "", true, [6]int{ok, ok, ok, ok, ok, ua}},
			{"GET", "/api/v1/support/requests?scope=triage", "", true, [6]int{nf, nf, ok, ok, ok, ua}},
			{"GET", p("/api/v1/support/requests/%d"), "", true, [6]int{ok, nf, fb, ok, ok, ua}},
			{"PUT", p("/api/v1/support/requests/%d"), `{"priority":"urgent"}`, true, [6]int{nf, nf, fb, ok, ok, ua}},
			{"POST", p("/api/v1/support/requests/%d/messages"), `{"body":"not","internal":true}`, true, [6]int{nf, nf, fb, 201, 201, ua}},
			{"GET", "/api/v1/support/reports", "", true, [6]int{nf, nf, ok, ok, ok, ua}},
			{"POST", "/api/v1/support/requests", `{"category":"other","subject":"Soru","description":"Kulüpler"}`, true, [6]int{201, 201, 201, 201, 201, ua}},
			{"GET", "/tr/privacy/support", "", false, [6]int{ok, ok, ok, ok, ok, ok}},
			{"POST", p("/tr/admin/support/%d/messages"), "body=not&internal=yes", false, [6]int{nf, nf, fb, see, see, ua}},
			// Last: the student's deletion request changes the request's state.
			{"POST", p("/tr/support/%d/delete"), "", false, [6]int{see, nf, fb, fb, fb, ua}},
		}
		for _, m := range matrix {
			for i, role := range roles {
				var r response
				switch {
				case m.api:
					r = role.c.api(m.method, m.path, m.body, "")
				case m.method == "POST":
					form, _ := url.ParseQuery(m.body)
					r = role.c.post(m.path, form)
				default:
					r = role.c.get(m.path)
				}
				if r.Status != m.want[i] {
					t.Errorf("%s %s as %s: %d, want %d", m.method, m.path, role.name, r.Status, m.want[i])
				}
				if i <= 1 && strings.Contains(r.Body, "GİZLİ-İÇ-NOT") {
					t.Errorf("%s %s as %s shows the internal note", m.method, m.path, role.name)
				}
				if i == 1 && strings.Contains(r.Body, "Yurt bulamıyorum") {
					t.Errorf("%s %s shows the request to another student", m.method, m.path)
				}
			}
		}
		// Files sent by someone who may not write are refused before anything is stored.
		withFile := map[string][]byte{"x.pdf": testPDF()}
		s.anon.multipartPost(p("/tr/support/%d/messages"), url.Values{"body": {"x"}}, withFile).must(t, http.StatusUnauthorized)
		s.other.multipartPost(p("/tr/support/%d/messages"), url.Values{"body": {"x"}}, withFile).must(t, http.StatusNotFound)
		var files int
		_ = d.QueryRow(context.Background(), `SELECT COUNT(*) FROM student_attachments`).Scan(&files)
		if files != 1 {
			t.Fatalf("%d attachment rows", files)
		}
		// Through the API a coordinator takes an unassigned request; a second take is a conflict.
		second := s.openRequest(t, "other", "Kulüp önerisi", nil)
		userID := func(email string) int64 {
			var uid int64
			if err := d.QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, email).Scan(&uid); err != nil {
				t.Fatal(err)
			}
			return uid
		}
		take := func(c *client, email string) response {
			return c.api("PUT", fmt.Sprintf("/api/v1/support/requests/%d", second), fmt.Sprintf(`{"assignee_id":%d}`, userID(email)), "")
		}
		take(s.student, s.studentEmail).must(t, http.StatusNotFound)
		take(s.coordinator, "koordinator@example.org").must(t, http.StatusOK, `"status":"open"`, "Kulüp önerisi")
		take(s.assignee, s.assigneeEmail).must(t, http.StatusConflict)
		// The file is a download, never shown inline or sniffed.
		r := s.student.get(file)
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") || r.Body != string(testPDF()) {
			t.Fatalf("file headers %v", r.Header)
		}
		// Every read of the request and of the file is in the audit log.
		var reads, downloads int
		_ = d.QueryRow(context.Background(), `SELECT COUNT(*) FROM student_audit WHERE request_id = ? AND action = 'read'`, id).Scan(&reads)
		_ = d.QueryRow(context.Background(), `SELECT COUNT(*) FROM student_audit WHERE request_id = ? AND action = 'attachment_read'`, id).Scan(&downloads)
		if reads < 5 || downloads != 4 {
			t.Fatalf("%d read rows and %d download rows", reads, downloads)
		}
	})
}

func TestStudentSupportThreadMailAndReopen(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSupportSite(t, d)
		id := s.openRequest(t, "accommodation", "Yurt bulamıyorum", nil)
		deliverMail(t, s.a, s.smtp)
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/assign", id), url.Values{}).must(t, http.StatusSeeOther)
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {supportNote}, "internal": {"yes"}}).must(t, http.StatusSeeOther)
		if ms := deliverMail(t, s.a, s.smtp); len(ms) != 0 {
			t.Fatalf("an internal note sent mail: %+v", ms)
		}
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {"Yurt müdürlüğüyle görüştük."}}).must(t, http.StatusSeeOther)
		m := mailTo(t, deliverMail(t, s.a, s.smtp), s.studentEmail)
		if m.Lang != "az" || !strings.Contains(m.Subject, "cavab") || strings.Contains(m.Text, "müdürlüğüyle") || strings.Contains(m.Text, "Yurt") {
			t.Fatalf("mail to the student: %+v", m)
		}
		s.student.get(fmt.Sprintf("/az/support/%d", id)).must(t, http.StatusOK, "Yurt müdürlüğüyle görüştük.")
		// Closing mails the student; the student's reply reopens and tells the assignee.
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/close", id), url.Values{"outcome": {"resolved"}}).must(t, http.StatusSeeOther)
		mailTo(t, deliverMail(t, s.a, s.smtp), s.studentEmail)
		s.student.get(fmt.Sprintf("/tr/support/%d", id)).must(t, http.StatusOK, "yeniden açılır")
		s.student.post(fmt.Sprintf("/tr/support/%d/messages", id), url.Values{"body": {"Yurt iptal oldu."}}).must(t, http.StatusSeeOther)
		s.student.get(fmt.Sprintf("/tr/support/%d", id)).must(t, http.StatusOK, "İşlemde")
		if m := mailTo(t, deliverMail(t, s.a, s.smtp), s.assigneeEmail); !strings.Contains(m.Subject, "yeniden açıldı") {
			t.Fatalf("mail to the assignee: %+v", m)
		}
		// A follow-up date reminds the assignee once, however often the date is saved.
		for range 2 {
			s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/triage", id), url.Values{"priority": {"high"}, "status": {"open"}, "follow_up_on": {"2026-01-12"}}).must(t, http.StatusSeeOther)
		}
		ms := deliverMail(t, s.a, s.smtp)
		if len(ms) != 1 || ms[0].To != s.assigneeEmail || !strings.Contains(ms[0].Subject, "takip") {
			t.Fatalf("follow-up mails: %+v", ms)
		}
	})
}

func TestStudentSupportRefusesLyingFilesAndKeepsInput(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSupportSite(t, d)
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		r := s.student.multipartPost("/tr/support", url.Values{"category": {"academic"}, "subject": {"Transkript çevirisi"},
			"description": {"Noter onayı gerekiyor."}}, map[string][]byte{"transkript.pdf": png})
		r.must(t, http.StatusUnprocessableEntity, "Dosyanın içeriği adındaki türle uyuşmuyor", "Transkript çevirisi", "Noter onayı gerekiyor.")
		big := append(testPDF(), bytes.Repeat([]byte{' '}, 10<<20)...)
		s.student.multipartPost("/en/support", url.Values{"category": {"academic"}, "subject": {"Big"}, "description": {"x"}},
			map[string][]byte{"big.pdf": big}).must(t, http.StatusUnprocessableEntity, "larger than 10 MB")
		s.student.multipartPost("/tr/support", url.Values{"category": {"health"}, "subject": {"Doktor"}, "description": {"x"}}, nil).
			must(t, http.StatusUnprocessableEntity, "açık rızanız gerekir")
		var n int
		_ = d.QueryRow(context.Background(), `SELECT COUNT(*) FROM student_requests`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d requests written", n)
		}
		s.student.api("POST", "/api/v1/support/requests", `{"category":"nope","subject":"","description":"x"}`, "").
			must(t, http.StatusUnprocessableEntity, `"category"`, `"subject"`)
	})
}

func TestStudentSupportExportsHoldNoSensitiveFields(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSupportSite(t, d)
		id := s.openRequest(t, "financial", "Burs ödemesi gecikti", nil)
		s.admin.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {supportNote}, "internal": {"yes"}}).must(t, http.StatusSeeOther)
		s.admin.post(fmt.Sprintf("/tr/admin/support/%d/messages", id), url.Values{"body": {"Bursiyer ofisine yazdık."}}).must(t, http.StatusSeeOther)
		exp := s.student.get("/tr/support/export.json")
		exp.must(t, http.StatusOK, "Burs ödemesi gecikti", "Bursiyer ofisine yazdık.")
		if strings.Contains(exp.Body, "GİZLİ") {
			t.Fatal("the student's export holds an internal note")
		}
		if s.other.get("/tr/support/export.json"); strings.Contains(s.other.get("/tr/support/export.json").Body, "Burs") {
			t.Fatal("another student's export holds the request")
		}
		triage := s.coordinator.get("/tr/admin/support")
		triage.must(t, http.StatusOK, "Hassas")
		if strings.Contains(triage.Body, "Burs") {
			t.Fatal("the triage list shows a sensitive subject")
		}
		for _, path := range []string{"/tr/admin/support/reports.csv", "/tr/admin/support/reports"} {
			r := s.coordinator.get(path)
			r.must(t, http.StatusOK)
			for _, secret := range []string{"Burs", "Eylülden", "ogrenci@", "Tələbə", "GİZLİ"} {
				if strings.Contains(r.Body, secret) {
					t.Fatalf("%s holds %q", path, secret)
				}
			}
		}
		s.coordinator.get("/tr/admin/support/reports.csv").must(t, http.StatusOK, "category;financial;1")
	})
}

func TestStudentSupportAssignmentMailAndDeletion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newSupportSite(t, d)
		id := s.openRequest(t, "residence_legal", "İkamet izni randevusu", map[string][]byte{"pasaport.pdf": testPDF()})
		var assigneeID int64
		if err := d.QueryRow(context.Background(), `SELECT id FROM users WHERE email = ?`, s.assigneeEmail).Scan(&assigneeID); err != nil {
			t.Fatal(err)
		}
		deliverMail(t, s.a, s.smtp)
		// A coordinator cannot hand a request to someone else; an admin can, and the assignee hears of it.
		s.coordinator.post(fmt.Sprintf("/tr/admin/support/%d/assign", id), url.Values{"assignee_id": {fmt.Sprint(assigneeID)}}).must(t, http.StatusForbidden)
		s.admin.post(fmt.Sprintf("/tr/admin/support/%d/assign", id), url.Values{"assignee_id": {fmt.Sprint(assigneeID)}}).must(t, http.StatusSeeOther)
		if m := mailTo(t, deliverMail(t, s.a, s.smtp), s.assigneeEmail); !strings.Contains(m.Subject, "atandı") || strings.Contains(m.Text, "İkamet") {
			t.Fatalf("assignment mail %+v", m)
		}
		// The student asks for deletion; the assignee confirms; only the audit trail remains.
		s.student.post(fmt.Sprintf("/tr/support/%d/delete", id), url.Values{}).must(t, http.StatusSeeOther)
		s.student.get(fmt.Sprintf("/tr/support/%d", id)).must(t, http.StatusOK, "Silinmesi istendi")
		s.student.post(fmt.Sprintf("/tr/support/%d/messages", id), url.Values{"body": {"bir şey daha"}}).must(t, http.StatusUnprocessableEntity, "mesaj eklenemez")
		s.assignee.post(fmt.Sprintf("/tr/admin/support/%d/delete", id), url.Values{}).must(t, http.StatusSeeOther)
		s.student.get(fmt.Sprintf("/tr/support/%d", id)).must(t, http.StatusNotFound)
		for _, table := range []string{"student_requests", "student_messages", "student_attachments"} {
			var n int
			_ = d.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n)
			if n != 0 {
				t.Fatalf("%d rows left in %s", n, table)
			}
		}
		log := s.admin.get("/tr/admin/support/audit")
		log.must(t, http.StatusOK, "Talebi sildi", "Test sorumlu@example.org", fmt.Sprintf("#%d", id))
		if strings.Contains(log.Body, "İkamet izni randevusu") {
			t.Fatal("the audit log holds the request's subject")
		}
	})
}
