package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/project"
)

// projectDirectory is identity as the project module sees it.
type projectDirectory struct{ ids *identity.Service }

func (d projectDirectory) MemberOf(ctx context.Context, v *web.Viewer) ([]project.Organisation, error) {
	orgs, err := d.ids.OrganisationsOf(ctx, v)
	out := make([]project.Organisation, len(orgs))
	for i, o := range orgs {
		out[i] = projectOrgOf(o)
	}
	return out, err
}

func (d projectDirectory) Organisations(ctx context.Context, ids []int64) (map[int64]project.Organisation, error) {
	orgs, err := d.ids.OrganisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]project.Organisation, len(orgs))
	for id, o := range orgs {
		out[id] = projectOrgOf(o)
	}
	return out, nil
}

func (d projectDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]project.Contact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]project.Contact, len(cs))
	for id, c := range cs {
		out[id] = project.Contact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

func projectOrgOf(o identity.Organisation) project.Organisation {
	return project.Organisation{ID: o.ID, Name: o.Name, Kind: o.Kind, City: o.City, Country: o.Country}
}
