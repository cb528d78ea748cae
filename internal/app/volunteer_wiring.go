package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// volunteerDirectory is identity as the volunteer module sees it.
type volunteerDirectory struct{ ids *identity.Service }

func (d volunteerDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]volunteer.Contact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]volunteer.Contact, len(cs))
	for id, c := range cs {
		out[id] = volunteer.Contact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

func (d volunteerDirectory) OrganisationNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	orgs, err := d.ids.OrganisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(orgs))
	for id, o := range orgs {
		out[id] = o.Name
	}
	return out, nil
}

// wireVolunteer builds the volunteering module: programmes, sign-ups, hours, certificates.
func (a *App) wireVolunteer() {
	a.Volunteer = volunteer.NewService(a.DB, volunteerDirectory{a.Identity})
	a.Volunteer.UseMail(a.Jobs, a.Outbox, a.Catalog, a.Config.BaseURL)
	a.volunteerPages = volunteer.NewHandlers(a.Volunteer, a.Renderer, a.identityPages.Flash)
	a.wireVolunteerSignups()    // volunteer_signups.go
	a.wireVolunteerProgrammes() // search, events, projects (volunteer_programmes.go)
}
