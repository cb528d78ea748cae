package app

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/project"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// projectLinks gives the tracker the objects projects link to (project.Linker): public
// events, business forums (events with a B2B programme) and published news. Anything a
// visitor could not open is left out, so it can be neither linked nor shown.
type projectLinks struct {
	events  *events.Service
	b2b     *b2b.Service
	content *content.Service
	// volunteer is looked up when needed: the volunteering module is built after the tracker.
	volunteer func() *volunteer.Service
}

func (l projectLinks) LinkTargets(ctx context.Context, kind string, ids []int64) (map[int64]project.LinkTarget, error) {
	out := map[int64]project.LinkTarget{}
	for _, id := range ids {
		t, ok, err := l.target(ctx, kind, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = t
		}
	}
	return out, nil
}

func (l projectLinks) target(ctx context.Context, kind string, id int64) (project.LinkTarget, bool, error) {
	switch kind {
	case "event", "b2b":
		e, err := l.events.Get(ctx, nil, id)
		if err != nil {
			return project.LinkTarget{}, false, missing(err)
		}
		if kind == "b2b" {
			has, err := l.b2b.HasProgramme(ctx, id)
			if err != nil || !has {
				return project.LinkTarget{}, false, err
			}
			return project.LinkTarget{Title: e.Title, Path: "/b2b/" + e.Slug + "/join"}, true, nil
		}
		return project.LinkTarget{Title: e.Title, Path: "/events/" + e.Slug}, true, nil
	case "news":
		n, err := l.content.Get(ctx, nil, content.News, id)
		if err != nil {
			return project.LinkTarget{}, false, missing(err)
		}
		return project.LinkTarget{Title: n.Title, Path: "/news/" + n.Slug}, true, nil
	case "volunteer":
		p, err := l.volunteer().PublishedProgramme(ctx, id)
		if err != nil {
			return project.LinkTarget{}, false, missing(err)
		}
		return project.LinkTarget{Title: p.Title, Path: "/volunteer/" + p.Slug}, true, nil
	}
	return project.LinkTarget{}, false, nil
}

// missing turns "not found" into "not there" and passes real failures on.
func missing(err error) error {
	if errors.Is(err, fail.NotFound) || errors.Is(err, fail.Forbidden) {
		return nil
	}
	return err
}

// projectPictures gives progress updates the media library's images (project.Pictures).
type projectPictures struct{ content *content.Service }

func (p projectPictures) Pictures(ctx context.Context, ids []int64) (map[int64]project.Picture, error) {
	found, err := p.content.ImagesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]project.Picture, len(found))
	for id, m := range found {
		out[id] = project.Picture{URL: m.URL(), Alt: m.Alt}
	}
	return out, nil
}

// projectOrgList offers every organisation as a project's lead.
type projectOrgList struct{ ids *identity.Service }

func (l projectOrgList) AllOrganisations(ctx context.Context) ([]project.Organisation, error) {
	orgs, err := l.ids.Organisations(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}})
	out := make([]project.Organisation, len(orgs))
	for i, o := range orgs {
		out[i] = projectOrgOf(o)
	}
	return out, err
}

// projectCompanion leads an event's page to the project it belongs to.
type projectCompanion struct{ t *project.Tracker }

func (c projectCompanion) ForEvent(ctx context.Context, eventID int64, _ string) ([]events.Companion, error) {
	list, err := c.t.ProjectsOfEvent(ctx, eventID)
	out := make([]events.Companion, 0, len(list))
	for _, p := range list {
		out = append(out, events.Companion{Path: "/projects/" + p.Slug, TitleKey: "project.tracker.companion.title", TextKey: "project.tracker.companion.text"})
	}
	return out, err
}

// companions shows every module's companion pages on an event's page, in order.
type companions []events.Companions

func (cs companions) ForEvent(ctx context.Context, eventID int64, slug string) ([]events.Companion, error) {
	var out []events.Companion
	for _, c := range cs {
		got, err := c.ForEvent(ctx, eventID, slug)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// wireTracker adds the public accountability tracker to the project module.
func (a *App) wireTracker() {
	a.Tracker = project.NewTracker(a.Projects, projectLinks{a.Events, a.B2B, a.Content, func() *volunteer.Service { return a.Volunteer }}, projectPictures{a.Content})
	a.Tracker.OnChange(a.pageCache.Purge)
	a.Tracker.UseOrganisations(projectOrgList{a.Identity})
	a.trackerPages = project.NewTrackerHandlers(a.Tracker, a.Renderer, a.identityPages.Flash)
	a.eventPages.UseCompanions(companions{b2bCompanion{a.B2B}, projectCompanion{a.Tracker}})
	a.contentPages.UseCompanions(contentCompanions{a.Tracker})  // content_companions.go
	a.eventPages.UseProjectLinks(createdFromProject{a.Tracker}) // project_create_from.go
}

// seedDemoTracker puts the demo projects on the tracker, linked to the demo festival and
// forum; it does nothing when they are there already.
func (a *App) seedDemoTracker(ctx context.Context) error {
	festival, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
	if err != nil {
		return err
	}
	forum, err := a.Events.BySlug(ctx, nil, "baku-izmir-is-forumu")
	if err != nil {
		return err
	}
	refs := project.DemoRefs{Festival: festival.ID, Forum: forum.ID}
	orgs, err := a.Identity.Organisations(ctx, &web.Viewer{Roles: []string{identity.RoleAdmin}})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		switch o.Name {
		case demoOrganisations[1].Name:
			refs.Association = o.ID
		case demoOrganisations[2].Name:
			refs.Municipality = o.ID
		}
	}
	return a.Tracker.SeedDemo(ctx, refs)
}
