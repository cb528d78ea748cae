package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// wireDelegations builds the trade delegations (internal/b2b/delegation*.go): the rules over
// identity's organisations and accounts, decision mails as jobs, and the pages.
func (a *App) wireDelegations() {
	a.Delegations = b2b.NewDelegations(a.DB, b2bDirectory{a.Identity}, b2bPeople{a.Identity})
	a.Delegations.UseJobs(a.Jobs)
	b2b.NewDelegationMail(a.Delegations, a.Outbox, a.Catalog, a.Config.BaseURL).HandleJobs(a.Jobs)
	a.dlgPages = b2b.NewDelegationHandlers(a.Delegations, a.Renderer, a.identityPages.Flash)
}

// b2bPeople finds accounts by address for coordinators adding delegation members
// (b2b.People). identity lists users only to admins, so this asks as an admin would: b2b has
// already checked that its caller is a coordinator, and takes the name and id only.
type b2bPeople struct{ ids *identity.Service }

func (p b2bPeople) UserByEmail(ctx context.Context, email string) (b2b.Person, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	users, _, err := p.ids.Users(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}}, email, 50, 0)
	if err != nil {
		return b2b.Person{}, err
	}
	for _, u := range users {
		if strings.EqualFold(u.Email, email) {
			return b2b.Person{UserID: u.ID, Name: u.Name}, nil
		}
	}
	return b2b.Person{}, fmt.Errorf("app: no account %q: %w", email, fail.NotFound)
}
