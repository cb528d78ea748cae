package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/student"
)

// studentDirectory is identity as the student module sees it.
type studentDirectory struct{ ids *identity.Service }

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

// Staff lists the enabled coordinators and admins, the people a request may be assigned to.
func (d studentDirectory) Staff(ctx context.Context) ([]student.Contact, error) {
	cs, err := d.ids.UsersWithRoles(ctx, identity.RoleCoordinator, identity.RoleAdmin)
	if err != nil {
		return nil, err
	}
	out := make([]student.Contact, len(cs))
	for i, c := range cs {
		out[i] = student.Contact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

// wireStudents builds the student module's support requests (internal/student). Their
// files share the media storage under unguessable keys and are served only by the module.
func (a *App) wireStudents(files *media.Storage) {
	a.Students = student.NewService(a.DB, studentDirectory{a.Identity}, files)
	a.Students.UseMail(a.Jobs, a.Outbox, a.Catalog, a.Config.BaseURL)
	a.Students.UseMentoring(a.Mentoring) // wired first (app.go): pairings in reports and exports
	a.studentPages = student.NewHandlers(a.Students, a.Renderer, a.identityPages.Flash)
}
