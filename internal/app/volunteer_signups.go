package app

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/partnership"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// Volunteer sign-ups (internal/volunteer signup*, my_*, profile*, consent*, roster*): the
// accounts guests get and coordinators assign by address, and the sign-up mails' jobs.

// volunteerAccounts is identity as sign-up sees it.
type volunteerAccounts struct{ ids *identity.Service }

func (a volunteerAccounts) UserIDByEmail(ctx context.Context, email string) (int64, bool, error) {
	return a.ids.AccountIDByEmail(ctx, email)
}

// CreateAccount makes a confirmed account: the guest proved the address by following the
// mailed link. An address taken meanwhile is told as "sign in instead".
func (a volunteerAccounts) CreateAccount(ctx context.Context, name, email, password, locale string) (int64, error) {
	u, err := a.ids.CreateUser(ctx, email, name, password, locale, nil)
	if errors.Is(err, identity.ErrEmailTaken) {
		return 0, fail.Fields{"email": "volunteer.signups.error.has_account"}
	}
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// wireVolunteerSignups registers the sign-up mails (confirmation, promotion, assignment,
// move, the day-before reminder); called from wireVolunteer.
func (a *App) wireVolunteerSignups() {
	a.Volunteer.HandleSignupJobs(a.Jobs)
}

// volunteerSignupPages are the sign-up pages and API, for the route table.
func (a *App) volunteerSignupPages() *volunteer.SignupPages {
	return volunteer.NewSignupPages(a.volunteerPages, volunteerAccounts{a.Identity}, partnership.AccountNoticeVersion)
}
