package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// wirePodcast builds the podcast module: shows, episodes, the feed and the audio files,
// kept in the same media storage as the library. Statistics (a podcast.Counter) are not
// wired yet: the audio handler counts nothing until one is set.
func (a *App) wirePodcast(files *media.Storage) {
	a.Podcast = podcast.NewService(a.DB, files, a.Config.BaseURL, a.Log)
	a.Podcast.UseJobs(a.Jobs)    // scheduled publishing
	a.Podcast.UseIndex(a.Search) // published episodes in the site search
	a.Podcast.OnChange(a.pageCache.Purge)
	a.podcastPages = podcast.NewHandlers(a.Podcast, a.Renderer, a.identityPages.Flash)
}

// seedDemoPodcast adds the demo show "İzmir–Bakü 40" with its trailer and first episode.
func (a *App) seedDemoPodcast(ctx context.Context, organiser *web.Viewer) error {
	return a.Podcast.Seed(ctx, organiser)
}
