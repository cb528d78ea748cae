package student

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// testDirectory reads the users table as identity would answer.
type testDirectory struct{ d *db.DB }

func (t testDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	for _, id := range ids {
		var c Contact
		err := t.d.QueryRow(ctx, `SELECT id, name, email, locale FROM users WHERE id = ?`, id).Scan(&c.UserID, &c.Name, &c.Email, &c.Locale)
		if err == nil {
			out[id] = c
		}
	}
	return out, nil
}

func (t testDirectory) Staff(ctx context.Context) ([]Contact, error) {
	return db.Collect(ctx, t.d, func(s db.Scanner) (Contact, error) {
		var c Contact
		return c, s.Scan(&c.UserID, &c.Name, &c.Email, &c.Locale)
	}, `SELECT DISTINCT u.id, u.name, u.email, u.locale FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role IN ('coordinator', 'admin') ORDER BY u.id`)
}

// people are the roles of the access rules, as viewers.
type people struct {
	student, other, coordinator, assignee, admin *web.Viewer
}

func addUser(t *testing.T, d *db.DB, email, name string, roles ...string) *web.Viewer {
	t.Helper()
	ctx := context.Background()
	var id int64
	now := db.Now()
	if err := d.WriteRow(ctx, `INSERT INTO users (email, name, password_hash, locale, created_at, updated_at)
		VALUES (?, ?, '', 'tr', ?, ?) RETURNING id`, email, name, now, now).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if _, err := d.Exec(ctx, `INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, ?)`, id, r, now); err != nil {
			t.Fatal(err)
		}
	}
	return &web.Viewer{ID: id, Name: name, Email: email, Roles: roles, Locale: "tr"}
}

// newFixture returns the service on d with files kept in dir, and the five people.
func newFixture(t *testing.T, d *db.DB) (svc *Service, p people, dir string) {
	t.Helper()
	dir = t.TempDir()
	files, err := media.OpenStorage(context.Background(), "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { files.Close() })
	p = people{
		student:     addUser(t, d, "ogrenci@example.org", "Öğrenci Bir"),
		other:       addUser(t, d, "diger@example.org", "Öğrenci İki"),
		coordinator: addUser(t, d, "koordinator@example.org", "Koordinatör Başka", "coordinator"),
		assignee:    addUser(t, d, "sorumlu@example.org", "Koordinatör Sorumlu", "coordinator"),
		admin:       addUser(t, d, "yonetici@example.org", "Yönetici", "admin"),
	}
	return NewService(d, testDirectory{d}, files), p, dir
}

// countFiles counts the files stored under dir.
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pdfBytes() []byte { return []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") }
