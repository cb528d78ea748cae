package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
	"github.com/kopru-platform/kopru/internal/project"
)

// wirePodcast builds the podcast module: shows, episodes, the feed and the audio files,
// kept in the same media storage as the library, with the listening statistics as the
// audio handler's counter (podcast_stats.go).
func (a *App) wirePodcast(files *media.Storage) {
	a.Podcast = podcast.NewService(a.DB, files, a.Config.BaseURL, a.Log)
	a.Podcast.UseJobs(a.Jobs)                  // scheduled publishing
	a.Podcast.UseHub(a.Config.PodcastHub, nil) // WebSub pings, when a hub is configured
	a.Podcast.UseIndex(a.Search)               // published episodes in the site search
	a.Podcast.OnChange(a.pageCache.Purge)
	a.Podcast.UseLanguageNames(func(in, lang string) string { return a.Catalog.T(in, "podcast.lang."+lang) })
	a.Podcast.UseLinker(podcastLinks{a.Events, a.Tracker}) // related events and projects
	a.podcastPages = podcast.NewHandlers(a.Podcast, a.Renderer, a.identityPages.Flash)
	a.podcastPages.Fail = a.failure // localized error pages under /podcast/ too (no session there)
	a.wirePodcastStats()            // listening statistics: the audio handler's counter (podcast_stats.go)
}

// seedDemoPodcast adds the demo show "İzmir–Bakü 40" with its trailer and first episode.
func (a *App) seedDemoPodcast(ctx context.Context, organiser *web.Viewer) error {
	return a.Podcast.Seed(ctx, organiser)
}

// podcastLinks gives episodes the events and projects they may point to (podcast.Linker):
// public events and tracker projects; anything a visitor could not open is left out.
type podcastLinks struct {
	events  *events.Service
	tracker *project.Tracker
}

func (l podcastLinks) Links(ctx context.Context, kind string, ids []int64) (map[int64]podcast.Link, error) {
	out := map[int64]podcast.Link{}
	for _, id := range ids {
		switch kind {
		case "event":
			e, err := l.events.Get(ctx, nil, id)
			if err != nil {
				if err = missing(err); err != nil {
					return nil, err
				}
				continue
			}
			out[id] = podcast.Link{Title: e.Title, Path: "/events/" + e.Slug}
		case "project":
			p, err := l.tracker.Project(ctx, id)
			if err != nil {
				if err = missing(err); err != nil {
					return nil, err
				}
				continue
			}
			out[id] = podcast.Link{Title: p.Title, Path: "/projects/" + p.Slug}
		}
	}
	return out, nil
}
