package podcast

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// demoAgents are the user agents the demo's counted downloads appear to come from, in
// rough proportion to what podcast hosts report for a small Turkish-language show.
var demoAgents = []string{
	"AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; tr_tr)",
	"Spotify/8.9.10 Android/34 (SM-S911B)",
	"Spotify/8.9.10 iOS/17.4 (iPhone15,3)",
	"AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; az_az)",
	"Podcast Addict - Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
	"CastBox/10.2.1 (fm.castbox.audiobook.radio.podcast; Android 13)",
	"AppleCoreMedia/1.0.0.21E236 (iPad; U; CPU OS 17_4 like Mac OS X; tr_tr)",
	"Alexa Media Player/2.2 (Linux;Android 5.1.1) ExoPlayerLib/1.5.9",
	"Overcast/3.0 (+http://overcast.fm/; iOS podcast app)",
}

var demoCountries = []string{"TR", "TR", "AZ", "TR", "AZ", "DE", "TR", CountryUnknown, "AZ", "TR"}

// SeedDemo gives the demo show four weeks of plainly made-up statistics, so that its
// dashboard has something to show: each published episode is downloaded most on its first
// days and less after. It does nothing when the show already has statistics.
func (s *Stats) SeedDemo(ctx context.Context, v *web.Viewer, slug string) error {
	sh, err := s.svc.ShowBySlug(ctx, slug)
	if err != nil {
		return err
	}
	eps, err := s.svc.Episodes(ctx, v, sh.ID)
	if err != nil {
		return err
	}
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM podcast_stats_events WHERE show_id = ?`, sh.ID).Scan(&n); err != nil || n > 0 {
		return err
	}
	now := s.svc.now().UTC()
	today := now.Truncate(24 * time.Hour)
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		k := 0
		for ei, e := range eps {
			if !e.Live() {
				continue
			}
			for day := 27; day >= 0; day-- {
				// Strongest on the days after release, then a steady tail.
				count := 2 + (27-day)/4 + (ei*3+day)%4
				if day < 7 {
					count += 3
				}
				kind := KindDownload
				for i := 0; i < count+count/3; i++ {
					if i >= count {
						kind = KindListen
					}
					ua := demoAgents[k%len(demoAgents)]
					at := today.AddDate(0, 0, -day).Add(time.Duration(8+k%14) * time.Hour)
					if at.After(now) {
						at = now
					}
					if err := insertEvent(ctx, tx, Hit{Kind: kind, ShowID: sh.ID, EpisodeID: e.ID, At: at},
						AppOf(ua), DeviceOf(ua), demoCountries[k%len(demoCountries)]); err != nil {
						return err
					}
					k++
				}
			}
		}
		return nil
	})
}
