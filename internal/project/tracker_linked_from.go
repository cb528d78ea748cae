package project

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// ProjectsLinkedFrom lists the projects that link an object of kind (one of LinkKinds)
// with id, for that object's page to link back ("Part of project: …"). Every project on
// the tracker is public, so the answer is the same for every visitor.
func (t *Tracker) ProjectsLinkedFrom(ctx context.Context, kind string, id int64) ([]Project, error) {
	rows, err := db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects
		WHERE id IN (SELECT project_id FROM project_links WHERE kind = ? AND ref_id = ?) ORDER BY id`, kind, id)
	out := make([]Project, len(rows))
	for i, p := range rows {
		out[i] = *p
	}
	return out, err
}
