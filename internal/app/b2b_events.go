package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// b2bEvents gives b2b the events it attaches programmes to (b2b.Events).
type b2bEvents struct {
	svc *events.Service
	cat *i18n.Catalog
}

func (e b2bEvents) Event(ctx context.Context, v *web.Viewer, id int64) (b2b.EventInfo, error) {
	return b2bEvent(e.svc.Get(ctx, v, id))
}

func (e b2bEvents) EventBySlug(ctx context.Context, v *web.Viewer, slug string) (b2b.EventInfo, error) {
	return b2bEvent(e.svc.BySlug(ctx, v, slug))
}

func b2bEvent(ev *events.Event, err error) (b2b.EventInfo, error) {
	if err != nil {
		return b2b.EventInfo{}, err
	}
	return b2b.EventInfo{ID: ev.ID, Slug: ev.Slug, Kind: string(ev.Kind), Title: ev.Title, Zone: ev.Zone,
		City: ev.Venue.City, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt}, nil
}

// Zones names the venue's zone and the partner city's as event pages do.
func (e b2bEvents) Zones(lang string, ev b2b.EventInfo) (first, second i18n.Zone) {
	return events.Zones(e.cat, lang, &events.Event{Input: events.Input{Zone: ev.Zone, Venue: events.Venue{City: ev.City}}})
}

// b2bDirectory gives b2b the organisations and memberships identity keeps (b2b.Directory).
type b2bDirectory struct{ ids *identity.Service }

func (d b2bDirectory) MemberOf(ctx context.Context, v *web.Viewer) ([]b2b.Organisation, error) {
	orgs, err := d.ids.OrganisationsOf(ctx, v)
	out := make([]b2b.Organisation, len(orgs))
	for i, o := range orgs {
		out[i] = b2bOrgOf(o)
	}
	return out, err
}

// Members reads the organisation's people: b2b has already checked that its caller
// belongs to the organisation (b2b.Service.Members) and shows names only.
func (d b2bDirectory) Members(ctx context.Context, orgID int64) ([]b2b.Person, error) {
	ms, err := d.ids.Members(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]b2b.Person, len(ms))
	for i, m := range ms {
		out[i] = b2b.Person{UserID: m.UserID, Name: m.UserName}
	}
	return out, nil
}

func (d b2bDirectory) Organisations(ctx context.Context, ids []int64) (map[int64]b2b.Organisation, error) {
	orgs, err := d.ids.OrganisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]b2b.Organisation, len(orgs))
	for id, o := range orgs {
		out[id] = b2bOrgOf(o)
	}
	return out, nil
}

func (d b2bDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]b2b.Contact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]b2b.Contact, len(cs))
	for id, c := range cs {
		out[id] = b2b.Contact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

// b2bCompanion leads a business forum's page to its B2B programme.
type b2bCompanion struct{ svc *b2b.Service }

func (c b2bCompanion) ForEvent(ctx context.Context, eventID int64, slug string) ([]events.Companion, error) {
	has, err := c.svc.HasProgramme(ctx, eventID)
	if err != nil || !has {
		return nil, err
	}
	return []events.Companion{{Path: "/b2b/" + slug + "/join", TitleKey: "b2b.companion.title", TextKey: "b2b.companion.text"}}, nil
}

func b2bOrgOf(o identity.Organisation) b2b.Organisation {
	return b2b.Organisation{ID: o.ID, Name: o.Name, City: o.City, Country: o.Country}
}
