package project

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// ProjectsLinkingTo lists the projects that link to another module's object (kind as in
// LinkKinds), for that object's page to name the projects it is part of.
func (t *Tracker) ProjectsLinkingTo(ctx context.Context, kind string, refID int64) ([]Project, error) {
	rows, err := db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects
		WHERE id IN (SELECT project_id FROM project_links WHERE kind = ? AND ref_id = ?) ORDER BY id`, kind, refID)
	out := make([]Project, len(rows))
	for i, p := range rows {
		out[i] = *p
	}
	return out, err
}
