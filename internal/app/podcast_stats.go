package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// wirePodcastStats counts podcast downloads and web listens (internal/podcast/stats*.go):
// the stats become the audio handler's Counter, and the pages, CSV and API read them.
// Countries come from the local --geoip table when one is configured; a table that cannot
// be read is logged and leaves countries unknown rather than keeping the site down.
func (a *App) wirePodcastStats() {
	var geo *podcast.GeoDB
	if a.Config.GeoIP != "" {
		g, err := podcast.LoadGeoDB(a.Config.GeoIP)
		if err != nil {
			a.Log.Error("podcast stats: --geoip not loaded; countries stay unknown", "file", a.Config.GeoIP, "err", err)
		} else {
			geo = g
			a.Log.Info("podcast stats: country ranges loaded", "ranges", g.Len())
		}
	}
	stats := podcast.NewStats(a.DB, a.Podcast, geo, a.Log)
	a.podcastPages.Counter = stats
	a.podcastStats = podcast.NewStatsHandlers(stats, a.Renderer)
}

// seedDemoPodcastStats gives the demo show made-up statistics, after seedDemoPodcast.
func (a *App) seedDemoPodcastStats(ctx context.Context, organiser *web.Viewer) error {
	return a.podcastStats.Stats().SeedDemo(ctx, organiser, "izmir-baku-40")
}
