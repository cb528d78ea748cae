package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/project"
)

// PartnerOrganisations is identity's organisation list as the proposal form offers it
// (project.PartnerDirectory). Identity's list is for admins; names and cities are public,
// so it is asked on the platform's behalf, sorted in the reader's language.
func (d projectDirectory) PartnerOrganisations(ctx context.Context, lang string) ([]project.Organisation, error) {
	v := *platformLookup
	v.Locale = lang
	orgs, err := d.ids.Organisations(ctx, &v)
	out := make([]project.Organisation, len(orgs))
	for i, o := range orgs {
		out[i] = projectOrgOf(o)
	}
	return out, err
}

var _ project.PartnerDirectory = projectDirectory{}
