package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

const podcastAppUA = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; tr_tr)"

// tinyEpisode publishes an episode whose audio fits in the server's write buffer, so its
// response is finished (and counted) before the client has read its last byte.
func tinyEpisode(t *testing.T, a *App, sh *podcast.Show) *podcast.Episode {
	t.Helper()
	ctx := context.Background()
	admin := &web.Viewer{ID: 1, Roles: []string{"coordinator"}}
	mp3 := podcast.SilentMP3(150 * time.Millisecond)
	if len(mp3) > 3000 {
		t.Fatalf("audio of %d bytes would not stay in the write buffer", len(mp3))
	}
	e, err := a.Podcast.CreateEpisode(ctx, admin, sh.ID, podcast.EpisodeInput{Title: "Kısa selam", Language: "tr", Type: "bonus"},
		&podcast.Audio{R: bytes.NewReader(mp3), Size: int64(len(mp3)), Claimed: "audio/mpeg"})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = a.Podcast.Publish(ctx, admin, e.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestPodcastStatsOverHTTP(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		sh, _ := podcastDemo(t, a)
		e := tinyEpisode(t, a, sh)
		user(t, a, "koordinator@example.org", "coordinator")
		user(t, a, "uye@example.org", "member")
		audio := "/podcast/izmir-baku-40/" + e.GUID + ".mp3"
		listener := newClient(t, a)

		listener.get(audio, "User-Agent", podcastAppUA).must(t, http.StatusOK)
		listener.get(audio, "User-Agent", podcastAppUA).must(t, http.StatusOK)
		listener.get(audio, "User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)").must(t, http.StatusOK)
		listener.get(audio, "User-Agent", "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Range", "bytes=0-0").must(t, http.StatusPartialContent)
		head := listener.newRequest(http.MethodHead, audio, nil)
		head.Header.Set("User-Agent", "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)")
		listener.do(head).must(t, http.StatusOK)
		if n := countRows(t, a, "podcast_stats_events"); n != 1 {
			t.Fatalf("%d counted, want 1 (a repeat, a bot, a probe and a HEAD do not count)", n)
		}

		// The player's beacon, sent by podcast_listen.js from the episode page and the embed:
		// same-origin counts once a day, cross-site is refused.
		listener.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d", e.ID)).must(t, http.StatusOK, "podcast_listen")
		listener.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d/embed", e.ID)).must(t, http.StatusOK, "podcast_listen")
		listen := fmt.Sprintf("/tr/podcast/izmir-baku-40/%d/listen", e.ID)
		beacon := func(site string) response {
			req := listener.newRequest(http.MethodPost, listen, nil)
			req.Header.Set("Sec-Fetch-Site", site)
			req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
			return listener.do(req)
		}
		beacon("same-origin").must(t, http.StatusNoContent)
		beacon("same-origin").must(t, http.StatusNoContent)
		if beacon("cross-site").Status != http.StatusForbidden {
			t.Fatal("a cross-site beacon was taken")
		}
		listener.post("/tr/podcast/izmir-baku-40/999999/listen", nil).must(t, http.StatusNotFound)

		statsPath := fmt.Sprintf("/tr/admin/podcast/shows/%d/stats", sh.ID)
		member := newClient(t, a)
		member.login("uye@example.org")
		member.get(statsPath).must(t, http.StatusForbidden)
		member.get(statsPath+".csv").must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/api/v1/podcast/shows/%d/stats", sh.ID)).must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/api/v1/podcast/shows/%d/stats?from=bad", sh.ID)).must(t, http.StatusForbidden)
		listener.get(fmt.Sprintf("/api/v1/podcast/shows/%d/stats", sh.ID)).must(t, http.StatusUnauthorized)

		coord := newClient(t, a)
		coord.login("koordinator@example.org")
		coord.get(statsPath).must(t, http.StatusOK, "<svg", "<title id=\"chart-svg-title\">", "Kısa selam",
			"Apple Podcasts", "Telefon", "Web sayfasında dinlenme", ".csv?from=")
		coord.get(fmt.Sprintf("/tr/admin/podcast/shows/%d", sh.ID)).must(t, http.StatusOK, statsPath)
		csv := coord.get(statsPath + ".csv")
		csv.must(t, http.StatusOK, "day;episode_id;episode;downloads;web_listens")
		if !strings.Contains(csv.Body, fmt.Sprintf(";%d;Kısa selam;1;1", e.ID)) {
			t.Fatalf("CSV rows:\n%s", csv.Body)
		}
		var api struct {
			Downloads int `json:"downloads"`
			Listens   int `json:"web_listens"`
			Days      []struct {
				Downloads int `json:"downloads"`
			} `json:"days"`
		}
		r := coord.get(fmt.Sprintf("/api/v1/podcast/shows/%d/stats", sh.ID))
		r.must(t, http.StatusOK)
		if err := json.Unmarshal([]byte(r.Body), &api); err != nil || api.Downloads != 1 || api.Listens != 1 || len(api.Days) != 30 {
			t.Fatalf("API: %v %+v", err, api)
		}

		// A bad range keeps what was typed and says what is wrong; the API says it in problem+json.
		coord.get(statsPath+"?from=2026-02-31&to=2026-03-01").must(t, http.StatusUnprocessableEntity, "YYYY-AA-GG", `value="2026-02-31"`)
		coord.get(fmt.Sprintf("/api/v1/podcast/shows/%d/stats?from=2026-05-01&to=2026-04-01", sh.ID)).must(t, http.StatusUnprocessableEntity, `"from"`)
		coord.get("/tr/admin/podcast/shows/999999/stats").must(t, http.StatusNotFound)
	})
}
