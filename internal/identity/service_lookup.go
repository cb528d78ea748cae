package identity

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Lookups for other modules. They ask for no viewer: the calling module has already decided
// that its caller may see these people (a B2B participant's own team, the recipients of a
// mail the module sends), and nothing here is shown to anyone unchecked.

// Contact is what a module needs to write to a person: the address and the language the
// person reads the site in.
type Contact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// Contacts returns the enabled users among ids.
func (s *Service) Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error) {
	out := map[int64]Contact{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := db.InList(ids)
	rows, err := s.db.Query(ctx, `SELECT id, name, email, locale FROM users WHERE disabled_at IS NULL AND id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.UserID, &c.Name, &c.Email, &c.Locale); err != nil {
			return nil, err
		}
		out[c.UserID] = c
	}
	return out, rows.Err()
}

// Members lists the people of an organisation with their roles in it.
func (s *Service) Members(ctx context.Context, orgID int64) ([]Membership, error) {
	return memberships(ctx, s.db, orgID, 0)
}

// OrganisationsOf lists the organisations v is a member of, in the order of v's memberships.
func (s *Service) OrganisationsOf(ctx context.Context, v *web.Viewer) ([]Organisation, error) {
	ms, err := s.MyOrganisations(ctx, v)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.OrganisationID
	}
	orgs, err := organisationsByID(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Organisation, 0, len(ms))
	for _, m := range ms {
		if o, ok := orgs[m.OrganisationID]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}
