package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// VolunteerByEmail finds an account by address for coordinators adding a walk-in to a shift
// (volunteer.People). identity lists users only to admins, so this asks as an admin would:
// the volunteer module has already checked that its caller coordinates, and takes the
// account's id, name, address and language only.
func (d volunteerDirectory) VolunteerByEmail(ctx context.Context, email string) (volunteer.Contact, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	users, _, err := d.ids.Users(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}}, email, 50, 0)
	if err != nil {
		return volunteer.Contact{}, err
	}
	for _, u := range users {
		if strings.EqualFold(u.Email, email) {
			return volunteer.Contact{UserID: u.ID, Name: u.Name, Email: u.Email, Locale: u.Locale}, nil
		}
	}
	return volunteer.Contact{}, fmt.Errorf("app: no account %q: %w", email, fail.NotFound)
}
