package identity

import (
	"context"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

func TestUsersWithRolesListsEnabledHoldersByName(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f, ctx := newFixture(t, d), context.Background()
		mk := func(email, name string, roles ...string) *User {
			u, err := f.svc.CreateUser(ctx, email, name, "uzun-bir-sifre-2026", "tr", roles)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		coord := mk("coord@example.org", "Öğrenci Koordinatörü", RoleCoordinator)
		admin := mk("admin@example.org", "Dernek Yöneticisi", RoleAdmin, RoleCoordinator)
		mk("member@example.org", "Üye", RoleMember)
		mk("rev@example.org", "Değerlendirici", RoleReviewer)
		gone := mk("gone@example.org", "Ayrılan Koordinatör", RoleCoordinator)
		if _, err := d.Exec(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, time.Now().UTC(), gone.ID); err != nil {
			t.Fatal(err)
		}

		got, err := f.svc.UsersWithRoles(ctx, RoleCoordinator, RoleAdmin)
		if err != nil {
			t.Fatal(err)
		}
		// Each person once even with both roles; the disabled coordinator, the member and
		// the reviewer are left out; ordered by name.
		if len(got) != 2 || got[0].UserID != admin.ID || got[1].UserID != coord.ID {
			t.Fatalf("coordinators and admins = %+v, want the admin then the coordinator", got)
		}
		if got[1].Email != "coord@example.org" || got[1].Name != "Öğrenci Koordinatörü" || got[1].Locale != "tr" {
			t.Fatalf("contact fields lost: %+v", got[1])
		}
		if only, err := f.svc.UsersWithRoles(ctx, RoleAdmin); err != nil || len(only) != 1 || only[0].UserID != admin.ID {
			t.Fatalf("admins only = %+v, %v", only, err)
		}
		if none, err := f.svc.UsersWithRoles(ctx); err != nil || len(none) != 0 {
			t.Fatalf("no roles asked = %+v, %v", none, err)
		}
	})
}
