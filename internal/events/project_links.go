package events

import (
	"context"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// ProjectLinks lets a coordinator create an event from a project's page on the tracker
// and have it linked back, so each names the other (the app wires the project tracker).
type ProjectLinks interface {
	// ProjectTitle is project id's title; an error wrapping fail.NotFound when there is none.
	ProjectTitle(ctx context.Context, id int64) (i18n.Text, error)
	// LinkEvent links event to project on v's behalf.
	LinkEvent(ctx context.Context, v *web.Viewer, projectID, eventID int64) error
}

// UseProjectLinks turns on creating events from a project's page (?project= on the new
// event form).
func (h *Handlers) UseProjectLinks(pl ProjectLinks) { h.projects = pl }

// forProject is the project a new event's form was opened from: its id (0: none) and its
// title in the page's language. A project that does not exist is an error.
func (h *Handlers) forProject(r *http.Request, f *web.Form) (int64, string, error) {
	id, _ := strconv.ParseInt(f.Get("project"), 10, 64)
	if id <= 0 || h.projects == nil {
		return 0, "", nil
	}
	t, err := h.projects.ProjectTitle(r.Context(), id)
	if err != nil {
		return 0, "", err
	}
	return id, t.In(lang(r)), nil
}
