package app

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// certSite is the platform with a published programme in Bakü in which Şəhla has approved
// hours and Doğan only pending ones.
type certSite struct {
	a                     *App
	programme             int64
	sehla, dogan          *identity.User
	volunteer, other      *client
	coordinator, stranger *client
}

func newCertSite(t *testing.T, d *db.DB) *certSite {
	t.Helper()
	ctx := context.Background()
	s := &certSite{a: newTestAppOn(t, d)}
	var err error
	if s.sehla, err = s.a.Identity.CreateUser(ctx, "sehla@example.org", "Şəhla İsmayılova-Güneş", pw, "az", nil); err != nil {
		t.Fatal(err)
	}
	if s.dogan, err = s.a.Identity.CreateUser(ctx, "dogan@example.org", "Doğan Işık", pw, "tr", nil); err != nil {
		t.Fatal(err)
	}
	user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	now := time.Now().UTC()
	var partnership, role, shift int64
	if err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku-sinama', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 0, ?, ?) RETURNING id`, now, now).Scan(&partnership); err != nil {
		t.Fatal(err)
	}
	title := i18n.Text{TR: "Kültür Festivali gönüllüleri", AZ: "Mədəniyyət Festivalının könüllüləri", EN: "Culture Festival volunteers"}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
		published, created_at, updated_at) VALUES (?, 'festival-gonulluleri', ?, ?, ?, 'baku', ?, ?, 1, ?, ?) RETURNING id`,
		partnership, title, i18n.Text{}, i18n.Text{}, now.AddDate(0, 0, -7), now, now, now).Scan(&s.programme); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, ?) RETURNING id`,
		s.programme, i18n.Text{TR: "Karşılama görevlisi", AZ: "Qarşılama könüllüsü", EN: "Welcome desk"}, i18n.Text{}).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, created_at)
		VALUES (?, ?, 'ongoing', ?, ?, 5, ?) RETURNING id`, s.programme, role, now.AddDate(0, 0, -7), now, now).Scan(&shift); err != nil {
		t.Fatal(err)
	}
	for _, h := range []struct {
		who     int64
		day     string
		minutes int
		status  volunteer.HoursStatus
	}{{s.sehla.ID, "2026-06-12", 240, volunteer.HoursApproved}, {s.sehla.ID, "2026-06-13", 150, volunteer.HoursApproved},
		{s.dogan.ID, "2026-06-13", 120, volunteer.HoursPending}} {
		if _, err := d.Exec(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, s.programme, shift, h.who, h.day, h.minutes, string(h.status), now); err != nil {
			t.Fatal(err)
		}
	}
	login := func(email string) *client {
		c := newClient(t, s.a)
		if email != "" {
			c.login(email)
		}
		return c
	}
	s.volunteer, s.other, s.coordinator, s.stranger = login("sehla@example.org"), login("dogan@example.org"), login("koordinator@example.org"), login("")
	return s
}

func (s *certSite) pdfPath(lang, certLang string) string {
	return "/" + lang + "/my/volunteer/programmes/" + strconv.FormatInt(s.programme, 10) + "/certificate.pdf?lang=" + certLang
}

// certificateText reads a downloaded PDF with pdftotext; "" (after a log line) without it,
// unless CI or KOPRU_E2E asks for every check.
func certificateText(t *testing.T, body string) string {
	t.Helper()
	if !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("not a PDF: %.40q", body)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("KOPRU_E2E") != "" {
			t.Fatal("pdftotext (poppler-utils) is needed")
		}
		t.Log("pdftotext not installed (poppler-utils): the certificate's text is not checked")
		return ""
	}
	name := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(name, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", name, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestVolunteerCertificateJourney: the volunteer finds her certificate, downloads it in
// Azerbaijani, and the code on it is confirmed by the public page and the API.
func TestVolunteerCertificateJourney(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newCertSite(t, d)
		pdfLink := "/az/my/volunteer/programmes/" + strconv.FormatInt(s.programme, 10) + "/certificate.pdf?lang=en"
		s.volunteer.get("/az/my/volunteer/certificates").must(t, http.StatusOK, "Könüllülük sertifikatlarım",
			"Mədəniyyət Festivalının könüllüləri", "6:30 saat", `href="`+strings.ReplaceAll(pdfLink, "&", "&amp;")+`"`)

		r := s.volunteer.get(s.pdfPath("tr", "az"))
		r.must(t, http.StatusOK)
		if ct, cd := r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"); ct != "application/pdf" ||
			cd != `attachment; filename="konulluluk-sertifikati-festival-gonulluleri-az.pdf"` {
			t.Fatalf("download headers: %q, %q", ct, cd)
		}
		var code string
		if err := d.QueryRow(context.Background(), `SELECT code FROM volunteer_certificates WHERE user_id = ?`, s.sehla.ID).Scan(&code); err != nil {
			t.Fatal(err)
		}
		if text := certificateText(t, r.Body); text != "" {
			for _, want := range []string{"Şəhla İsmayılova-Güneş", "Könüllülük Sertifikatı", "Mədəniyyət Festivalının könüllüləri",
				"6:30 saat", "(altı saat otuz dəqiqə)", volunteer.DisplayCode(code), "/az/volunteer/certificates/" + code} {
				if !strings.Contains(text, want) {
					t.Errorf("the certificate does not say %q:\n%s", want, text)
				}
			}
		}

		// The list now shows the code; anyone may verify it, typed loosely.
		s.volunteer.get("/tr/my/volunteer/certificates").must(t, http.StatusOK, volunteer.DisplayCode(code))
		s.stranger.get("/en/volunteer/certificates/"+code).must(t, http.StatusOK, "Genuine certificate", "Şəhla İsmayılova-Güneş",
			`<a href="/en/volunteer/festival-gonulluleri">Culture Festival volunteers</a>`,
			"Culture Festival volunteers", "6:30 hours", "six hours thirty minutes", "İzmir Metropolitan Municipality", "12 June 2026 – 13 June 2026")
		typed := url.QueryEscape(strings.ToLower(volunteer.DisplayCode(code)) + " ")
		s.stranger.get("/tr/volunteer/certificates?code="+typed).must(t, http.StatusOK, "Geçerli belge", "Şəhla İsmayılova-Güneş")
		s.stranger.get("/az/volunteer/certificates").must(t, http.StatusOK, `name="code"`, "Yoxlama kodu")
		if r := s.stranger.get("/az/volunteer/certificates?code=+"); r.Status != http.StatusOK || strings.Contains(r.Body, "Bu kodla verilmiş sertifikat yoxdur") {
			t.Fatalf("an empty code is no search: %d", r.Status)
		}

		r = s.stranger.api(http.MethodGet, "/api/v1/volunteer/certificates/"+code, "", "")
		r.must(t, http.StatusOK)
		var got struct {
			HolderName      string `json:"holder_name"`
			Minutes         int    `json:"minutes"`
			FirstDay        string `json:"first_day"`
			VerificationURL string `json:"verification_url"`
		}
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil || got.HolderName != "Şəhla İsmayılova-Güneş" || got.Minutes != 390 ||
			got.FirstDay != "2026-06-12" || !strings.HasSuffix(got.VerificationURL, "/tr/volunteer/certificates/"+code) {
			t.Fatalf("API: %+v, %v\n%s", got, err, r.Body)
		}
	})
}

// TestVolunteerCertificateRefusals: a forged code reveals nothing, nobody downloads
// someone else's certificate, and no approved hours means a clear refusal.
func TestVolunteerCertificateRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newCertSite(t, d)
		s.volunteer.get(s.pdfPath("tr", "tr")).must(t, http.StatusOK)
		var code string
		if err := d.QueryRow(context.Background(), `SELECT code FROM volunteer_certificates`).Scan(&code); err != nil {
			t.Fatal(err)
		}
		forged := "ABCDEFGHJK"
		if forged == code {
			forged = "KJHGFEDCBA"
		}
		for _, path := range []string{"/tr/volunteer/certificates/" + forged, "/en/volunteer/certificates?code=" + forged, "/tr/volunteer/certificates?code=%3Cb%3E"} {
			r := s.stranger.get(path)
			r.must(t, http.StatusNotFound)
			for _, leak := range []string{"Şəhla", "Festival", "6:30", code} {
				if strings.Contains(r.Body, leak) {
					t.Errorf("%s: the refusal shows %q", path, leak)
				}
			}
			if !strings.Contains(r.Body, "Bu kodla düzenlenmiş bir belge yok.") && !strings.Contains(r.Body, "There is no certificate with this code.") {
				t.Errorf("%s: no clear refusal:\n%.1500s", path, r.Body)
			}
		}
		r := s.stranger.api(http.MethodGet, "/api/v1/volunteer/certificates/"+forged, "", "")
		r.must(t, http.StatusNotFound, `"status":404`)
		if strings.Contains(r.Body, "Şəhla") || r.Header.Get("Content-Type") != "application/problem+json; charset=utf-8" {
			t.Fatalf("API refusal: %s %s", r.Header.Get("Content-Type"), r.Body)
		}

		// Doğan has only pending hours: a clear refusal, and nothing issued.
		s.other.get(s.pdfPath("tr", "tr")).must(t, http.StatusConflict, "henüz onaylanmış saatiniz olmadığı için belge düzenlenemedi")
		// Doğan asks for Şəhla's certificate through the coordinators' address: refused.
		their := "/tr/admin/volunteer/programmes/" + strconv.FormatInt(s.programme, 10) + "/volunteers/" + strconv.FormatInt(s.sehla.ID, 10) + "/certificate.pdf"
		if r := s.other.get(their); r.Status != http.StatusForbidden || strings.HasPrefix(r.Body, "%PDF") {
			t.Fatalf("another volunteer's certificate: %d", r.Status)
		}
		// Anonymous visitors are asked to sign in.
		s.stranger.get("/tr/my/volunteer/certificates").must(t, http.StatusUnauthorized)
		s.stranger.get(s.pdfPath("tr", "tr")).must(t, http.StatusUnauthorized)
		// The coordinator may download it: the same certificate, not a new one.
		r = s.coordinator.get(their + "?lang=en")
		r.must(t, http.StatusOK)
		if text := certificateText(t, r.Body); text != "" && !strings.Contains(text, volunteer.DisplayCode(code)) {
			t.Errorf("the coordinator's copy carries another code:\n%s", text)
		}
		// For Doğan, with nothing approved, the coordinator is sent back to the programme.
		r = s.coordinator.get("/tr/admin/volunteer/programmes/" + strconv.FormatInt(s.programme, 10) + "/volunteers/" + strconv.FormatInt(s.dogan.ID, 10) + "/certificate.pdf")
		if want := "/tr/admin/volunteer/" + strconv.FormatInt(s.programme, 10); r.Status != http.StatusSeeOther || r.Header.Get("Location") != want {
			t.Fatalf("no approved hours, for the coordinator: %d to %q; want 303 to %q", r.Status, r.Header.Get("Location"), want)
		}
		var n int
		if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM volunteer_certificates`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d certificates (%v); want 1", n, err)
		}
	})
}
