package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/search"
)

// searchSources lists every module's public documents for a full reindex. A module that
// registers documents adds its source here.
func (a *App) searchSources() []search.Source {
	sources := []search.Source{a.Partnership.SearchSource(), a.Events.SearchSource(), a.Tracker.SearchSource(),
		a.Projects.ProposalSearchSource(), a.Volunteer.SearchSource(), a.Podcast.SearchSource()}
	return append(sources, a.Content.SearchSources()...)
}

// Reindex rebuilds the site-wide search index from every module (`kopru reindex`).
func (a *App) Reindex(ctx context.Context, progress func(done, total int)) error {
	return a.Search.Reindex(ctx, a.searchSources(), progress)
}
