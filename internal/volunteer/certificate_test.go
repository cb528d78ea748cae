package volunteer

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

func TestApprovedMinutesCountOnlyApprovedHours(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.hours(t, f.volunteer, "2026-06-14", 240, HoursApproved)
		f.hours(t, f.volunteer, "2026-06-12", 180, HoursApproved)
		f.hours(t, f.volunteer, "2026-06-13", 90, HoursApproved)
		f.hours(t, f.volunteer, "2026-06-15", 60, HoursPending)
		f.hours(t, f.volunteer, "2026-06-11", 30, HoursRejected)
		minutes, first, last, err := f.svc.ApprovedMinutes(ctx, f.programme, f.volunteer.ID)
		if err != nil {
			t.Fatal(err)
		}
		if minutes != 510 || certDayText(first) != "2026-06-12" || certDayText(last) != "2026-06-14" {
			t.Fatalf("approved = %d from %v to %v; want 510 from 2026-06-12 to 2026-06-14", minutes, first, last)
		}
		minutes, first, last, err = f.svc.ApprovedMinutes(ctx, f.programme, f.other.ID)
		if err != nil || minutes != 0 || !first.IsZero() || !last.IsZero() {
			t.Fatalf("someone without hours: %d %v %v %v", minutes, first, last, err)
		}
	})
}

// TestCertificateInThreeLanguages reads the PDF back with pdftotext: the holder's name with
// its ə, İ, ş and ü, the programme in each language, the hours, the fallback issuers, the
// code and the address its QR code opens.
func TestCertificateInThreeLanguages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.hours(t, f.volunteer, "2026-06-12", 300, HoursApproved)
		f.hours(t, f.volunteer, "2026-06-14", 210, HoursApproved)
		var code string
		for lang, want := range map[string][]string{
			"tr": {"Gönüllülük Belgesi", "Bakı–İzmir Kültür Festivali gönüllüleri", "8:30 saat", "(sekiz saat otuz dakika)",
				"12 Haziran 2026 – 14 Haziran 2026", "İzmir Büyükşehir Belediyesi", "İzmir Azerbaycan Derneği (İZAZDER)", "Bakü", "20 Haziran 2026"},
			"az": {"Könüllülük Sertifikatı", "Bakı–İzmir Mədəniyyət Festivalının könüllüləri", "8:30 saat", "(səkkiz saat otuz dəqiqə)",
				"12 iyun 2026 – 14 iyun 2026", "İzmir Böyükşəhər Bələdiyyəsi", "İzmir Azərbaycan Dərnəyi (İZAZDER)", "Bakı", "20 iyun 2026"},
			"en": {"Certificate of Volunteering", "Bakı–İzmir Culture Festival volunteers", "8:30 hours", "(eight hours thirty minutes)",
				"12 June 2026 – 14 June 2026", "İzmir Metropolitan Municipality", "Baku", "20 June 2026"},
		} {
			pdf, c, err := f.svc.Certificate(ctx, f.volunteer, f.programme, lang)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			if code == "" {
				code = c.Code
			}
			if c.Code != code || c.Minutes != 510 || c.HolderName != "Şəhla İsmayılova-Güneş" {
				t.Fatalf("%s: certificate %+v; want the one code %s for 510 minutes", lang, c, code)
			}
			text := certPDFText(t, pdf)
			want = append(want, "Şəhla İsmayılova-Güneş", DisplayCode(code), VerificationURL(certBaseURL, lang, code))
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: the certificate does not say %q:\n%s", lang, w, text)
				}
			}
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_certificates`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("three downloads of unchanged hours issued %d certificates (%v); want 1", n, err)
		}

		// More approved hours: a new certificate with a new code; the old one still verifies,
		// as of its issue date.
		f.hours(t, f.volunteer, "2026-06-16", 60, HoursApproved)
		_, c2, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "tr")
		if err != nil {
			t.Fatal(err)
		}
		if c2.Code == code || c2.Minutes != 570 || certDayText(c2.LastDay) != "2026-06-16" {
			t.Fatalf("after more hours: %+v (old code %s)", c2, code)
		}
		old, err := f.svc.VerifyCertificate(ctx, code, "tr")
		if err != nil || old.Minutes != 510 || !old.Changed {
			t.Fatalf("the first certificate after more hours: %+v, %v", old, err)
		}
		now, err := f.svc.VerifyCertificate(ctx, c2.Code, "tr")
		if err != nil || now.Minutes != 570 || now.Changed {
			t.Fatalf("the current certificate: %+v, %v", now, err)
		}
	})
}

func TestCertificateRefusals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.hours(t, f.volunteer, "2026-06-12", 120, HoursApproved)
		f.hours(t, f.other, "2026-06-12", 120, HoursPending)

		if _, _, err := f.svc.Certificate(ctx, f.other, f.programme, "tr"); !errors.Is(err, ErrNoApprovedHours) {
			t.Errorf("pending hours only: %v; want ErrNoApprovedHours", err)
		}
		if _, _, err := f.svc.Certificate(ctx, nil, f.programme, "tr"); !errors.Is(err, errCertSignIn) {
			t.Errorf("anonymous: %v; want errCertSignIn", err)
		}
		if _, _, err := f.svc.CertificateFor(ctx, f.other, f.programme, f.volunteer.ID, "tr"); !errors.Is(err, ErrForbidden) {
			t.Errorf("another volunteer's certificate: %v; want ErrForbidden", err)
		}
		if _, _, err := f.svc.Certificate(ctx, f.volunteer, f.programme+100, "tr"); !errors.Is(err, ErrNotFound) {
			t.Errorf("no such programme: %v; want ErrNotFound", err)
		}
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_certificates`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("refusals issued %d certificates (%v)", n, err)
		}

		// A coordinator downloads anyone's, and it is the volunteer's own certificate.
		_, byCoord, err := f.svc.CertificateFor(ctx, f.coordinator, f.programme, f.volunteer.ID, "az")
		if err != nil {
			t.Fatal(err)
		}
		_, own, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "tr")
		if err != nil || own.Code != byCoord.Code || own.HolderName != "Şəhla İsmayılova-Güneş" {
			t.Fatalf("coordinator's %+v, volunteer's %+v, %v", byCoord, own, err)
		}

		// A draft is not even admitted to exist for someone without hours in it.
		if _, err := d.Exec(ctx, `UPDATE volunteer_programmes SET published = 0 WHERE id = ?`, f.programme); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Certificate(ctx, f.other, f.programme, "tr"); !errors.Is(err, ErrNotFound) {
			t.Errorf("a draft without hours: %v; want ErrNotFound", err)
		}
		if _, _, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "tr"); err != nil {
			t.Errorf("hours worked in a programme since unpublished still earn the certificate: %v", err)
		}
	})
}

func TestVerifyCertificate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.issuer(t, "bakı-gənclər", "Bakı Gənclər Mərkəzi (demo)")
		f.issuer(t, "izazder", "İzmir Azerbaycan Derneği (İZAZDER)")
		f.hours(t, f.volunteer, "2026-06-12", 95, HoursApproved)
		_, c, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "en")
		if err != nil {
			t.Fatal(err)
		}
		typed := strings.ToLower(c.Code[:3]) + " " + c.Code[3:5] + "-" + c.Code[5:]
		v, err := f.svc.VerifyCertificate(ctx, typed, "en")
		if err != nil {
			t.Fatalf("typed %q: %v", typed, err)
		}
		if v.HolderName != "Şəhla İsmayılova-Güneş" || v.Minutes != 95 || v.Programme.Title.EN != "Bakı–İzmir Culture Festival volunteers" ||
			strings.Join(v.Issuers, "|") != "Bakı Gənclər Mərkəzi (demo)|İzmir Azerbaycan Derneği (İZAZDER)" || v.Changed ||
			!v.IssuedAt.Equal(certT0) || certDayText(v.FirstDay) != "2026-06-12" {
			t.Fatalf("verified %+v", v)
		}
		// Renaming the programme and naming other issuers later changes nothing the
		// certificate says, on the verification page or in a new download of it.
		if _, err := d.Exec(ctx, `UPDATE volunteer_programmes SET title = ?, issuers = '' WHERE id = ?`,
			i18n.Text{TR: "Yeni ad", AZ: "Yeni ad", EN: "Renamed"}, f.programme); err != nil {
			t.Fatal(err)
		}
		v, err = f.svc.VerifyCertificate(ctx, c.Code, "en")
		if err != nil || v.Programme.Title.EN != "Bakı–İzmir Culture Festival volunteers" || len(v.Issuers) != 2 || v.Issuers[0] != "Bakı Gənclər Mərkəzi (demo)" {
			t.Fatalf("after the programme changed: %+v, %v", v, err)
		}
		pdf, again, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "en")
		if err != nil || again.Code != c.Code {
			t.Fatalf("download after the change: %+v, %v", again, err)
		}
		if text := certPDFText(t, pdf); !strings.Contains(text, "Bakı–İzmir Culture Festival volunteers") || !strings.Contains(text, "Bakı Gənclər Mərkəzi (demo)") ||
			strings.Contains(text, "Renamed") {
			t.Errorf("the certificate changed with the programme:\n%s", text)
		}

		forged := []byte(c.Code)
		forged[0] = certCodeAlphabet[(strings.IndexByte(certCodeAlphabet, forged[0])+1)%len(certCodeAlphabet)]
		for _, code := range []string{string(forged), "", "ABC", c.Code + "2", "' OR 1=1 --", "İ" + c.Code[1:]} {
			if v, err := f.svc.VerifyCertificate(ctx, code, "en"); !errors.Is(err, ErrNotFound) || v != nil {
				t.Errorf("code %q: %+v, %v; want ErrNotFound and nothing", code, v, err)
			}
		}
	})
}

// TestCertificateIssuedOnceUnderConcurrency: volunteers press download repeatedly and at
// once; one certificate comes of it, and everyone gets its code.
func TestCertificateIssuedOnceUnderConcurrency(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.hours(t, f.volunteer, "2026-06-12", 120, HoursApproved)
		const n = 8
		codes := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				var c *Certificate
				if _, c, errs[i] = f.svc.Certificate(ctx, f.volunteer, f.programme, i18n.Supported[i%3]); c != nil {
					codes[i] = c.Code
				}
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || codes[i] != codes[0] {
				t.Fatalf("download %d: %q, %v; first %q", i, codes[i], errs[i], codes[0])
			}
		}
		var rows int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_certificates`).Scan(&rows); err != nil || rows != 1 {
			t.Fatalf("%d certificates (%v); want 1", rows, err)
		}
	})
}

func TestMyCertificates(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newCertFixture(t, d)
		ctx := context.Background()
		f.hours(t, f.volunteer, "2026-06-12", 120, HoursApproved)
		f.hours(t, f.volunteer, "2026-06-13", 45, HoursPending)
		f.hours(t, f.other, "2026-06-13", 45, HoursPending)
		if _, _, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "tr"); err != nil {
			t.Fatal(err)
		}
		mine, err := f.svc.MyCertificates(ctx, f.volunteer)
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) != 1 || mine[0].Programme.ID != f.programme || mine[0].Minutes != 120 || mine[0].PendingMinutes != 45 || len(mine[0].Issued) != 1 {
			t.Fatalf("mine = %+v", mine)
		}
		theirs, err := f.svc.MyCertificates(ctx, f.other)
		if err != nil || len(theirs) != 1 || theirs[0].Minutes != 0 || theirs[0].PendingMinutes != 45 || len(theirs[0].Issued) != 0 {
			t.Fatalf("the other volunteer's: %+v, %v", theirs, err)
		}
		if _, err := f.svc.MyCertificates(ctx, nil); !errors.Is(err, errCertSignIn) {
			t.Fatalf("anonymous: %v", err)
		}
	})
}

func TestCertificateCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c, err := newCertificateCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != certCodeLength || NormalizeCode(c) != c || seen[c] {
			t.Fatalf("code %q: wrong length, alphabet or repeated", c)
		}
		seen[c] = true
	}
	for typed, want := range map[string]string{
		"k7qpm-x3rta": "K7QPMX3RTA", " K7QPM X3RTA ": "K7QPMX3RTA", "K7QPMX3RTA": "K7QPMX3RTA",
		"K7QPMX3RT0": "", "K7QPMX3RT": "", "K7QPMX3RTAA": "", "K7QPMX3RTı": "", "": "",
	} {
		if got := NormalizeCode(typed); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", typed, got, want)
		}
	}
	if got := DisplayCode("K7QPMX3RTA"); got != "K7QPM-X3RTA" {
		t.Errorf("DisplayCode = %q", got)
	}
}

// TestVerificationURL is what the QR code encodes: the certificate's page in its language.
func TestVerificationURL(t *testing.T) {
	for _, c := range []struct{ base, lang, want string }{
		{"https://kopru.example", "az", "https://kopru.example/az/volunteer/certificates/K7QPMX3RTA"},
		{"https://kopru.example/", "en", "https://kopru.example/en/volunteer/certificates/K7QPMX3RTA"},
		{"http://127.0.0.1:8080", "de", "http://127.0.0.1:8080/tr/volunteer/certificates/K7QPMX3RTA"},
	} {
		if got := VerificationURL(c.base, c.lang, "K7QPMX3RTA"); got != c.want {
			t.Errorf("VerificationURL(%q, %q) = %q, want %q", c.base, c.lang, got, c.want)
		}
	}
}

func TestHoursInWords(t *testing.T) {
	for _, c := range []struct {
		lang    string
		minutes int
		want    string
	}{
		{"tr", 750, "on iki saat otuz dakika"},
		{"tr", 60, "bir saat"},
		{"tr", 45, "kırk beş dakika"},
		{"tr", 100 * 60, "yüz saat"},
		{"tr", 1234 * 60, "bin iki yüz otuz dört saat"},
		{"az", 750, "on iki saat otuz dəqiqə"},
		{"az", 2981 * 60, "iki min doqquz yüz səksən bir saat"},
		{"en", 750, "twelve hours thirty minutes"},
		{"en", 61, "one hour one minute"},
		{"en", 115 * 60, "one hundred and fifteen hours"},
		{"en", 1005 * 60, "one thousand and five hours"},
		{"en", 21 * 60, "twenty-one hours"},
	} {
		if got := HoursInWords(c.lang, c.minutes); got != c.want {
			t.Errorf("HoursInWords(%s, %d) = %q, want %q", c.lang, c.minutes, got, c.want)
		}
	}
	if got := HoursMinutes(750); got != "12:30" {
		t.Errorf("HoursMinutes(750) = %q", got)
	}
	if got := HoursMinutes(5); got != "0:05" {
		t.Errorf("HoursMinutes(5) = %q", got)
	}
}

// BenchmarkCertificatePDF draws one certificate in Azerbaijani (font subsetting included).
func BenchmarkCertificatePDF(b *testing.B) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		b.Fatal(err)
	}
	sheet := certificateSheet{Lang: "az", Holder: "Şəhla İsmayılova-Güneş", Programme: "Bakı–İzmir Mədəniyyət Festivalının könüllüləri",
		City: "baku", Minutes: 750, FirstDay: time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 6, 14, 0, 0, 0, 0, time.UTC),
		IssuedAt: certT0, Zone: time.UTC, Issuers: []string{"İzmir Böyükşəhər Bələdiyyəsi", "İzmir Azərbaycan Dərnəyi (İZAZDER)"},
		Code: "K7QPMX3RTA", URL: VerificationURL(certBaseURL, "az", "K7QPMX3RTA")}
	t := func(key string, args ...any) string { return cat.T("az", key, args...) }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := certificatePDF(sheet, t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCertificateDownload is a volunteer's repeated download on SQLite: the approved
// hours summed, the issued certificate found again, and the page drawn.
func BenchmarkCertificateDownload(b *testing.B) {
	f := newCertFixture(b, dbtest.SQLite(b))
	f.hours(b, f.volunteer, "2026-06-12", 750, HoursApproved)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := f.svc.Certificate(ctx, f.volunteer, f.programme, "az"); err != nil {
			b.Fatal(err)
		}
	}
}
