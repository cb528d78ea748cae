package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// Volunteering programmes' links to the rest of the platform (internal/volunteer
// programme*.go): the event a programme belongs to, the projects linking to it, the site
// search, and the programme shown on its event's page.

// volunteerEvents finds the event a programme is linked to. Coordinators may link a draft
// event; the programme's page names it only once visitors can open it.
type volunteerEvents struct{ events *events.Service }

func (ve volunteerEvents) VolunteerEvent(ctx context.Context, id int64) (*volunteer.EventRef, error) {
	e, err := ve.events.Get(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}}, id)
	if err != nil {
		return nil, missing(err)
	}
	return &volunteer.EventRef{ID: e.ID, Title: e.Title, Slug: e.Slug, Public: e.Status == events.Published}, nil
}

// volunteerProjects names the tracker's projects that link to a programme.
type volunteerProjects struct{ createdFromProject }

func (vp volunteerProjects) ProjectsOfProgramme(ctx context.Context, programmeID int64) ([]volunteer.ProjectRef, error) {
	list, err := vp.t.ProjectsLinkedFrom(ctx, "volunteer", programmeID)
	out := make([]volunteer.ProjectRef, len(list))
	for i, p := range list {
		out[i] = volunteer.ProjectRef{Title: p.Title, Slug: p.Slug}
	}
	return out, err
}

// volunteerCompanion leads an event's page to the programmes looking for its volunteers.
type volunteerCompanion struct{ v *volunteer.Service }

func (c volunteerCompanion) ForEvent(ctx context.Context, eventID int64, _ string) ([]events.Companion, error) {
	list, err := c.v.ProgrammesOfEvent(ctx, eventID)
	out := make([]events.Companion, 0, len(list))
	for _, p := range list {
		out = append(out, events.Companion{Path: "/volunteer/" + p.Slug, TitleKey: "volunteer.programmes.companion.title", TextKey: "volunteer.programmes.companion.text"})
	}
	return out, err
}

// volunteerChoices offers the programme editor events and organisations by name.
type volunteerChoices struct {
	events *events.Service
	ids    *identity.Service
}

var volunteerEditor = &web.Viewer{Roles: []string{identity.RoleAdmin}} // the editor's own check has passed

func (c volunteerChoices) EventChoices(ctx context.Context) ([]volunteer.Choice, error) {
	now := db.Now()
	list, err := c.events.List(ctx, volunteerEditor, events.Filter{From: &now, Limit: 200})
	out := make([]volunteer.Choice, len(list))
	for i, e := range list {
		out[i] = volunteer.Choice{ID: e.ID, Name: e.Title}
	}
	return out, err
}

func (c volunteerChoices) OrganisationChoices(ctx context.Context) ([]volunteer.Choice, error) {
	orgs, err := c.ids.Organisations(ctx, volunteerEditor)
	out := make([]volunteer.Choice, len(orgs))
	for i, o := range orgs {
		out[i] = volunteer.Choice{ID: o.ID, Name: i18n.Text{TR: o.Name, AZ: o.Name, EN: o.Name}}
	}
	return out, err
}

// wireVolunteerProgrammes links programmes to search, events and projects; it runs from
// wireVolunteer, after the tracker and the event pages exist.
func (a *App) wireVolunteerProgrammes() {
	a.Volunteer.UseSearch(a.Search)
	a.Volunteer.UseEvents(volunteerEvents{a.Events})
	a.Volunteer.UseProjects(volunteerProjects{createdFromProject{a.Tracker}})
	a.Volunteer.UseChoices(volunteerChoices{a.Events, a.Identity})
	a.Volunteer.OnChange(a.pageCache.Purge)
	a.eventPages.UseCompanions(companions{b2bCompanion{a.B2B}, projectCompanion{a.Tracker}, volunteerCompanion{a.Volunteer}})
}

// seedDemoVolunteer adds the festival's volunteers and the youth exchange and links the
// festival's volunteers to the youth festival project; it does nothing when they are there
// already. It runs after the tracker's demo.
func (a *App) seedDemoVolunteer(ctx context.Context) error {
	festival, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
	if err != nil {
		return err
	}
	orgs, err := a.Identity.Organisations(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	refs := volunteer.ProgrammeDemoRefs{FestivalEventID: festival.ID}
	for _, o := range orgs {
		switch o.Name {
		case demoOrganisations[0].Name, demoOrganisations[1].Name: // the municipality and the association
			refs.FestivalIssuers = append(refs.FestivalIssuers, o.ID)
			refs.ExchangeIssuers = append(refs.ExchangeIssuers, o.ID)
		case demoOrganisations[2].Name: // Bakı's executive authority co-hosts the exchange
			refs.ExchangeIssuers = append(refs.ExchangeIssuers, o.ID)
		}
	}
	if err := a.Volunteer.SeedDemoProgrammes(ctx, refs); err != nil {
		return err
	}
	// The anniversary's youth festival project counts the festival's volunteers among its parts.
	project, err := a.Tracker.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali")
	if err != nil {
		return err
	}
	programme, err := a.Volunteer.ProgrammeBySlug(ctx, nil, "festival-gonulluleri")
	if err != nil {
		return err
	}
	return a.Tracker.AddLink(ctx, &web.Viewer{Roles: []string{identity.RoleCoordinator}}, project.ID, "volunteer", programme.ID)
}
