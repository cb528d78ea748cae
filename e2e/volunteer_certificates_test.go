package e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// TestVolunteerCertificateDownloadAndVerify: a volunteer whose hours a coordinator approved
// downloads her certificate in Azerbaijani from her certificates page, follows its code to
// the verification page, and a visitor types the code (loosely) into the public form; a
// forged code is refused without a word about anyone. The sign-up, attendance and approval
// steps before this belong to the other volunteer pages; here the approved hours are
// written as the hours part writes them.
func TestVolunteerCertificateDownloadAndVerify(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		ctx := context.Background()
		const (
			email    = "sehla.konullu@example.org"
			password = "iki şehir bir köprü 1986"
			holder   = "Şəhla İsmayılova-Güneş"
		)
		u, err := srv.App.Identity.CreateUser(ctx, email, holder, password, "az", nil)
		if err != nil {
			t.Fatal(err)
		}
		programme := seedApprovedHours(t, srv, u.ID)

		b := newBrowser(t, chrome, srv.URL)
		signIn(t, b, "az", email, password)
		if resp := b.open("/az/my/volunteer/certificates"); resp.Status != http.StatusOK {
			t.Fatalf("my certificates: status %d", resp.Status)
		}
		if got := b.text("main"); !strings.Contains(got, "Mədəniyyət Festivalının könüllüləri") || !strings.Contains(got, "6:30 saat") {
			t.Fatalf("my certificates page says %q", got)
		}

		// Download the Azerbaijani certificate with its button, as a file.
		pdf := download(t, b, `a[hreflang="az"][type="application/pdf"]`)
		var code string
		if err := srv.App.DB.QueryRow(ctx, `SELECT code FROM volunteer_certificates WHERE user_id = ? AND programme_id = ?`, u.ID, programme).Scan(&code); err != nil {
			t.Fatalf("no certificate issued: %v", err)
		}
		if text := pdfToText(t, pdf); text != "" {
			for _, want := range []string{holder, "Könüllülük Sertifikatı", "Mədəniyyət Festivalının könüllüləri", "6:30 saat",
				volunteer.DisplayCode(code), srv.URL + "/az/volunteer/certificates/" + code} {
				if !strings.Contains(text, want) {
					t.Errorf("the downloaded certificate does not say %q:\n%s", want, text)
				}
			}
		}

		// The page lists the issued code; it leads to the verification page.
		b.open("/az/my/volunteer/certificates")
		if resp := b.click(`a[href="/az/volunteer/certificates/` + code + `"]`); resp.Status != http.StatusOK {
			t.Fatalf("verification page: status %d", resp.Status)
		}
		if got := b.text("main"); !strings.Contains(got, "Həqiqi sertifikat") || !strings.Contains(got, holder) {
			t.Fatalf("verification page says %q", got)
		}

		// A visitor types the code as read from paper: lower case, with a space.
		v := newBrowser(t, chrome, srv.URL)
		v.open("/en/volunteer/certificates")
		typed := strings.ToLower(code[:5]) + " " + code[5:]
		v.typeInto("#f-code", typed)
		if resp := v.click(`form[action="/en/volunteer/certificates"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("typed code: status %d", resp.Status)
		}
		if got := v.text("main"); !strings.Contains(got, "Genuine certificate") || !strings.Contains(got, holder) || !strings.Contains(got, "6:30 hours") {
			t.Fatalf("the typed code's page says %q", got)
		}

		// A forged code: 404, a clear sentence, nobody's name.
		forged := "ABCDEFGHJK"
		if forged == code {
			forged = "KJHGFEDCBA"
		}
		v.open("/en/volunteer/certificates")
		v.typeInto("#f-code", forged)
		v.expectStatus("/en/volunteer/certificates?code="+forged, http.StatusNotFound)
		if resp := v.click(`form[action="/en/volunteer/certificates"] button[type="submit"]`); resp.Status != http.StatusNotFound {
			t.Fatalf("forged code: status %d", resp.Status)
		}
		if got := v.text("main"); !strings.Contains(got, "There is no certificate with this code.") || strings.Contains(got, holder) {
			t.Fatalf("the forged code's page says %q", got)
		}
	})
}

// seedApprovedHours publishes a programme in Bakü and records 6:30 approved hours of user in
// it over two days; it returns the programme's id.
func seedApprovedHours(t *testing.T, srv *server, user int64) int64 {
	t.Helper()
	ctx := context.Background()
	d := srv.App.DB
	now := time.Now().UTC()
	var partnership, programme, role, shift int64
	if err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku-e2e', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 0, ?, ?) RETURNING id`, now, now).Scan(&partnership); err != nil {
		t.Fatal(err)
	}
	title := i18n.Text{TR: "Kültür Festivali gönüllüleri", AZ: "Mədəniyyət Festivalının könüllüləri", EN: "Culture Festival volunteers"}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
		published, created_at, updated_at) VALUES (?, 'festival-konulluleri', ?, ?, ?, 'baku', ?, ?, 1, ?, ?) RETURNING id`,
		partnership, title, i18n.Text{}, i18n.Text{}, now.AddDate(0, 0, -7), now, now, now).Scan(&programme); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, ?) RETURNING id`,
		programme, i18n.Text{TR: "Karşılama görevlisi", AZ: "Qarşılama könüllüsü", EN: "Welcome desk"}, i18n.Text{}).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, created_at)
		VALUES (?, ?, 'ongoing', ?, ?, 5, ?) RETURNING id`, programme, role, now.AddDate(0, 0, -7), now, now).Scan(&shift); err != nil {
		t.Fatal(err)
	}
	for day, minutes := range map[string]int{"2026-06-12": 240, "2026-06-13": 150} {
		if _, err := d.Exec(ctx, `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, created_at)
			VALUES (?, ?, ?, ?, ?, 'approved', ?)`, programme, shift, user, day, minutes, now); err != nil {
			t.Fatal(err)
		}
	}
	return programme
}

// download clicks the link matching css and returns the file the browser saved, waiting for
// the browser to report the download complete.
func download(t *testing.T, b *browser, css string) []byte {
	t.Helper()
	dir := t.TempDir()
	done := make(chan string, 1)
	b.must(chromedp.ListenBrowser(b.ctx, func(ev any) {
		if e, ok := ev.(*cdpbrowser.EventDownloadProgress); ok && e.State == cdpbrowser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	}), "listen for downloads")
	events := true
	_, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events})
	b.must(err, "allow downloads")
	b.must(chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible)), "click %s", css)
	select {
	case guid := <-done:
		body, err := os.ReadFile(filepath.Join(dir, guid))
		b.must(err, "read the download")
		return body
	case <-b.ctx.Done():
		t.Fatalf("the download of %s did not complete: %v", css, b.ctx.Err())
		return nil
	}
}

// pdfToText is the PDF's text as poppler's pdftotext reads it, on one line; "" (logged)
// when pdftotext is missing, unless KOPRU_E2E=1 asks for every check.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("not a PDF: %.40q", pdf)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv(envE2E) == "1" || os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is needed to read the certificate")
		}
		t.Log("pdftotext not installed (poppler-utils): the certificate's text is not checked")
		return ""
	}
	name := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(name, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", name, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
