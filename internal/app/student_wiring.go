package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/student"
)

// studentDirectory is identity as the student module sees it.
type studentDirectory struct {
	ids *identity.Service
	db  *db.DB
}

func (d studentDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]student.Contact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]student.Contact, len(cs))
	for id, c := range cs {
		out[id] = student.Contact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

// Staff lists enabled coordinators and admins. identity has no lookup by role yet, so the
// roles table is read here, in the wiring, rather than in the student module.
func (d studentDirectory) Staff(ctx context.Context) ([]student.Contact, error) {
	return db.Collect(ctx, d.db, func(s db.Scanner) (student.Contact, error) {
		var c student.Contact
		return c, s.Scan(&c.UserID, &c.Name, &c.Email, &c.Locale)
	}, `SELECT u.id, u.name, u.email, u.locale FROM users u
		WHERE u.disabled_at IS NULL AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('coordinator', 'admin'))
		ORDER BY u.name, u.id`)
}

// wireStudents builds the student module's support requests (internal/student). Their
// files share the media storage under unguessable keys and are served only by the module.
func (a *App) wireStudents(files *media.Storage) {
	a.Students = student.NewService(a.DB, studentDirectory{a.Identity, a.DB}, files)
	a.Students.UseMail(a.Jobs, a.Outbox, a.Catalog, a.Config.BaseURL)
	a.studentPages = student.NewHandlers(a.Students, a.Renderer, a.identityPages.Flash)
}
