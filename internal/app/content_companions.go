package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/project"
)

// contentCompanions leads a news article's page to the projects on the tracker that link
// it (content.Companions), so links appear on both sides. The tracker purges the page
// cache on every change (Tracker.OnChange), a new link included.
type contentCompanions struct{ t *project.Tracker }

func (c contentCompanions) ForEntry(ctx context.Context, kind content.Kind, id int64) ([]content.Companion, error) {
	if kind != content.News {
		return nil, nil
	}
	list, err := c.t.ProjectsLinkedFrom(ctx, "news", id)
	out := make([]content.Companion, 0, len(list))
	for _, p := range list {
		out = append(out, content.Companion{LabelKey: "project.tracker.news_companion", Title: p.Title, Path: "/projects/" + p.Slug})
	}
	return out, err
}
