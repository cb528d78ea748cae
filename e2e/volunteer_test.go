package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// TestVolunteerSignsUpIsApprovedAndCertified walks issue 7's journey in the browser: a
// volunteer with an Azerbaijani account signs up for a gate shift from the programme page
// (giving her birth date on the way, which the sign-up needs), sees it under her shifts;
// the coordinator marks everyone on the shift attended and approves the hours; the
// volunteer downloads her certificate in Azerbaijani, whose text carries her name and the
// hours, and its verification page confirms it.
func TestVolunteerSignsUpIsApprovedAndCertified(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		ctx := context.Background()
		const (
			email    = "leyla.konullu@example.org"
			password = "qapıda görüşərik 2026"
			holder   = "Ləman Əliyeva-Yıldırım"
			coordPw  = "gönüllüler koordinasyonu 40"
		)
		if _, err := srv.App.Identity.CreateUser(ctx, email, holder, password, "az", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.App.Identity.CreateUser(ctx, "gonullu.koordinasyon@example.org", "Gönüllü Koordinasyonu", coordPw, "tr",
			[]string{identity.RoleCoordinator}); err != nil {
			t.Fatal(err)
		}
		slug, shift := seedGateShift(t, srv)

		// --- The volunteer signs up; the platform asks for her birth date first.
		vol := newBrowser(t, chrome, srv.URL)
		signIn(t, vol, "az", email, password)
		vol.open("/az/volunteer/" + slug)
		signup := fmt.Sprintf(`form[action="/az/volunteer/shifts/%d/signup"] button[type="submit"]`, shift)
		vol.click(signup)
		if !strings.HasPrefix(vol.path(), "/az/my/volunteer/profile") {
			t.Fatalf("a volunteer without a birth date was taken to %s, not the profile: %q", vol.path(), vol.text("main"))
		}
		vol.choose("#f-birth_date", "1999-03-21")
		vol.tick("#f-lang-tr")
		vol.click(`form[action="/az/my/volunteer/profile"] button[type="submit"]`)
		if vol.path() != "/az/volunteer/"+slug {
			t.Fatalf("saving the profile led to %s, not back to the programme", vol.path())
		}
		if resp := vol.click(signup); resp.Status != http.StatusOK {
			t.Fatalf("sign-up: status %d: %q", resp.Status, vol.text("main"))
		}
		vol.open("/az/my/volunteer")
		mine := vol.text("main")
		for _, want := range []string{"Mədəniyyət Festivalı könüllüləri", "Qapı nəzarətçisi", srv.App.Catalog.T("az", "volunteer.signups.status.confirmed")} {
			if !strings.Contains(mine, want) {
				t.Fatalf("my shifts do not say %q: %q", want, mine)
			}
		}

		// --- The coordinator marks everyone attended and approves the hours.
		coord := newBrowser(t, chrome, srv.URL)
		signIn(t, coord, "tr", "gonullu.koordinasyon@example.org", coordPw)
		if resp := coord.open(fmt.Sprintf("/tr/admin/volunteer/shifts/%d/attendance", shift)); resp.Status != http.StatusOK {
			t.Fatalf("attendance page: status %d", resp.Status)
		}
		if !strings.Contains(coord.text("main"), holder) {
			t.Fatalf("the attendance page does not list the volunteer: %q", coord.text("main"))
		}
		if resp := coord.click(`button[name="all"][value="1"]`); resp.Status != http.StatusOK {
			t.Fatalf("all attended: status %d: %q", resp.Status, coord.text("main"))
		}
		coord.open("/tr/admin/volunteer/hours")
		if !strings.Contains(coord.text("main"), holder) {
			t.Fatalf("the approval queue does not list the volunteer's hours: %q", coord.text("main"))
		}
		coord.tick(`input[name="ids"]`)
		if resp := coord.click(`form[action^="/tr/admin/volunteer/hours/approve"] p.actions button:not([name])`); resp.Status != http.StatusOK {
			t.Fatalf("approve: status %d", resp.Status)
		}
		var approved int
		if err := srv.App.DB.QueryRow(ctx, `SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE status = 'approved'`).Scan(&approved); err != nil || approved != 240 {
			t.Fatalf("approved minutes = %d (%v), want the shift's 240", approved, err)
		}

		// --- The volunteer downloads her certificate; its code verifies.
		vol.open("/az/my/volunteer/certificates")
		pdf := download(t, vol, `a[hreflang="az"][type="application/pdf"]`)
		var code string
		if err := srv.App.DB.QueryRow(ctx, `SELECT code FROM volunteer_certificates`).Scan(&code); err != nil {
			t.Fatalf("no certificate issued: %v", err)
		}
		if text := pdfToText(t, pdf); text != "" {
			for _, want := range []string{holder, "Mədəniyyət Festivalı könüllüləri", "4:00", volunteer.DisplayCode(code)} {
				if !strings.Contains(text, want) {
					t.Errorf("the certificate does not say %q:\n%s", want, text)
				}
			}
		}
		visitor := newBrowser(t, chrome, srv.URL)
		if resp := visitor.open("/tr/volunteer/certificates/" + code); resp.Status != http.StatusOK {
			t.Fatalf("verification page: status %d", resp.Status)
		}
		if got := visitor.text("main"); !strings.Contains(got, holder) || !strings.Contains(got, "4:00") {
			t.Fatalf("the verification page says %q", got)
		}
		visitor.expectStatus("/tr/volunteer/certificates/ABCDEFGHJK", http.StatusNotFound)
	})
}

// seedGateShift publishes a festival volunteer programme in İzmir with a four-hour gate
// shift starting in ten minutes (attendance opens fifteen minutes before a shift), and
// returns the programme's slug and the shift's id.
func seedGateShift(t *testing.T, srv *server) (string, int64) {
	t.Helper()
	ctx := context.Background()
	d := srv.App.DB
	now := time.Now().UTC()
	start := now.Add(10 * time.Minute).Truncate(time.Minute)
	var partnership, programme, role, shift int64
	if err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku-gonullu', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 0, ?, ?) RETURNING id`, now, now).Scan(&partnership); err != nil {
		t.Fatal(err)
	}
	title := i18n.Text{TR: "Kültür Festivali gönüllüleri", AZ: "Mədəniyyət Festivalı könüllüləri", EN: "Culture Festival volunteers"}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city, starts_at, ends_at,
		published, created_at, updated_at) VALUES (?, 'festival-gonulluleri', ?, ?, ?, 'izmir', ?, ?, 1, ?, ?) RETURNING id`,
		partnership, title, i18n.Text{TR: "Kordon'daki festivalin gönüllüleri."}, i18n.Text{}, now.Add(-time.Hour), now.AddDate(0, 0, 2), now, now).Scan(&programme); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description) VALUES (?, 1, ?, ?) RETURNING id`,
		programme, i18n.Text{TR: "Kapı görevlisi", AZ: "Qapı nəzarətçisi", EN: "Gate steward"}, i18n.Text{}).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, location, created_at)
		VALUES (?, ?, 'fixed', ?, ?, 3, 'Kültürpark, 1. kapı', ?) RETURNING id`, programme, role, start, start.Add(4*time.Hour), now).Scan(&shift); err != nil {
		t.Fatal(err)
	}
	return "festival-gonulluleri", shift
}
