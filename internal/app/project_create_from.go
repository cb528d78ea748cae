package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/project"
)

// createdFromProject lets a coordinator create an event or a volunteer programme from a
// project's page on the tracker (events.ProjectLinks, part of volunteer.Projects): the new
// object is linked to the project, which then lists it, and it names the project.
type createdFromProject struct{ t *project.Tracker }

func (c createdFromProject) ProjectTitle(ctx context.Context, id int64) (i18n.Text, error) {
	p, err := c.t.Project(ctx, id)
	if err != nil {
		return i18n.Text{}, err
	}
	return p.Title, nil
}

func (c createdFromProject) LinkEvent(ctx context.Context, v *web.Viewer, projectID, eventID int64) error {
	return c.t.LinkCreated(ctx, v, projectID, "event", eventID)
}

func (c createdFromProject) LinkProgramme(ctx context.Context, v *web.Viewer, projectID, programmeID int64) error {
	return c.t.LinkCreated(ctx, v, projectID, "volunteer", programmeID)
}
