package volunteer

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

// Fixtures of the certificate tests: a programme in Bakü with one role and shift, written
// with SQL, people as plain users, and hours approved or not.

var certT0 = time.Date(2026, 6, 20, 9, 30, 0, 0, time.UTC)

const certBaseURL = "https://kopru.example"

// certDirectory is identity read straight from its tables, as the app's adapter reads it
// through the identity service.
type certDirectory struct{ d *db.DB }

func (dir certDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := dir.d.Query(ctx, `SELECT id, name, email, locale FROM users WHERE disabled_at IS NULL AND id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.UserID, &c.Name, &c.Email, &c.Locale); err != nil {
			return nil, err
		}
		out[c.UserID] = c
	}
	return out, rows.Err()
}

func (dir certDirectory) OrganisationNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := dir.d.Query(ctx, `SELECT id, name FROM organisations WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

type certFixture struct {
	d           *db.DB
	svc         *Service
	cat         *i18n.Catalog
	programme   int64
	shift       int64
	coordinator *web.Viewer
	volunteer   *web.Viewer // Şəhla, with approved hours
	other       *web.Viewer // Doğan, with none
}

func newCertFixture(t testing.TB, d *db.DB) *certFixture {
	t.Helper()
	ctx := context.Background()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	f := &certFixture{d: d, cat: cat, svc: NewService(d, certDirectory{d})}
	f.svc.UseMail(nil, nil, cat, certBaseURL)
	f.svc.now = func() time.Time { return certT0 }
	var partnership int64
	if err := d.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b, protocol_date, summary, is_default, created_at, updated_at)
		VALUES ('izmir-baku', 'İzmir', 'TR', 'Europe/Istanbul', 'Bakü', 'AZ', 'Asia/Baku', '1986-01-01', '{}', 1, ?, ?) RETURNING id`, certT0, certT0).Scan(&partnership); err != nil {
		t.Fatal(err)
	}
	f.coordinator = f.user(t, "koordinator@example.org", "Gönüllü Koordinatörü", "coordinator")
	f.volunteer = f.user(t, "sehla@example.org", "Şəhla İsmayılova-Güneş")
	f.other = f.user(t, "dogan@example.org", "Doğan Işık")
	title := i18n.Text{TR: "Bakı–İzmir Kültür Festivali gönüllüleri", AZ: "Bakı–İzmir Mədəniyyət Festivalının könüllüləri", EN: "Bakı–İzmir Culture Festival volunteers"}
	f.programme = f.insertProgramme(t, partnership, "festival-gonulluleri", title, true)
	var role int64
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_roles (programme_id, position, name, description, languages) VALUES (?, 1, ?, ?, 'tr az') RETURNING id`,
		f.programme, i18n.Text{TR: "Tercüman", AZ: "Tərcüməçi", EN: "Interpreter"}, i18n.Text{}).Scan(&role); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRow(ctx, `INSERT INTO volunteer_shifts (programme_id, role_id, kind, starts_at, ends_at, places, created_at)
		VALUES (?, ?, 'ongoing', ?, ?, 10, ?) RETURNING id`, f.programme, role, certT0.AddDate(0, 0, -10), certT0, certT0).Scan(&f.shift); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *certFixture) user(t testing.TB, email, name string, roles ...string) *web.Viewer {
	t.Helper()
	ctx := context.Background()
	v := &web.Viewer{Email: email, Name: name, Roles: roles, Locale: "tr"}
	if err := f.d.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, locale, email_confirmed_at, created_at, updated_at)
		VALUES (?, ?, 'x', 'tr', ?, ?, ?) RETURNING id`, email, name, certT0, certT0, certT0).Scan(&v.ID); err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *certFixture) insertProgramme(t testing.TB, partnership int64, slug string, title i18n.Text, published bool) int64 {
	t.Helper()
	var id int64
	pub := 0
	if published {
		pub = 1
	}
	if err := f.d.WriteRow(context.Background(), `INSERT INTO volunteer_programmes (partnership_id, slug, title, description, requirements, city,
		starts_at, ends_at, published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'baku', ?, ?, ?, ?, ?) RETURNING id`,
		partnership, slug, title, i18n.Text{}, i18n.Text{}, certT0.AddDate(0, 0, -10), certT0, pub, certT0, certT0).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// hours records minutes worked by v on day with status, as the hours part will.
func (f *certFixture) hours(t testing.TB, v *web.Viewer, day string, minutes int, status HoursStatus) {
	t.Helper()
	if _, err := f.d.Exec(context.Background(), `INSERT INTO volunteer_hours (programme_id, shift_id, user_id, worked_on, minutes, status, logged_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.programme, f.shift, v.ID, day, minutes, string(status), v.ID, certT0); err != nil {
		t.Fatal(err)
	}
}

// issuer adds an organisation and names it among the programme's issuers.
func (f *certFixture) issuer(t testing.TB, slug, name string) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := f.d.WriteRow(ctx, `INSERT INTO organisations (slug, name, kind, created_at, updated_at) VALUES (?, ?, 'association', ?, ?) RETURNING id`,
		slug, name, certT0, certT0).Scan(&id); err != nil {
		t.Fatal(err)
	}
	var issuers string
	if err := f.d.QueryRow(ctx, `SELECT issuers FROM volunteer_programmes WHERE id = ?`, f.programme).Scan(&issuers); err != nil {
		t.Fatal(err)
	}
	if _, err := f.d.Exec(ctx, `UPDATE volunteer_programmes SET issuers = ? WHERE id = ?`, formatIDs(append(parseIDs(issuers), id)), f.programme); err != nil {
		t.Fatal(err)
	}
}

// certPDFText is the text of a PDF as poppler's pdftotext reads it, on one line. Without
// pdftotext the test is skipped with a message, unless CI or KOPRU_E2E asks for every check.
func certPDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("not a PDF: %.16q", pdf)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("KOPRU_E2E") != "" {
			t.Fatal("pdftotext (poppler-utils) is needed to read the certificate's text")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): the certificate's text is not checked")
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
