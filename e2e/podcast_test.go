package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// TestPodcastUploadPlayAndSeekByChapter: a coordinator uploads an episode with chapters and
// a transcript through the form and publishes it; on the public episode page the player
// loads the audio, and clicking a chapter moves the player there and marks that chapter.
func TestPodcastUploadPlayAndSeekByChapter(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		ctx := context.Background()
		const (
			email    = "podcast.koordinator@example.org"
			password = "körfezden xəzərə 1986"
		)
		u, err := srv.App.Identity.CreateUser(ctx, email, "Podcast Koordinatörü", password, "tr", []string{identity.RoleCoordinator})
		if err != nil {
			t.Fatalf("create the coordinator: %v", err)
		}
		show, err := srv.App.Podcast.CreateShow(ctx, &web.Viewer{ID: u.ID, Roles: []string{identity.RoleCoordinator}}, podcast.ShowInput{
			Slug: "izmir-baku-40", Title: "İzmir–Bakü 40", Description: "Kardeş şehirlerin podcast serisi.", Language: "tr",
			Category: "Society & Culture > Places & Travel", OwnerEmail: "podcast@example.org", Artwork: podcast.Artwork(1400)})
		if err != nil {
			t.Fatalf("create the show: %v", err)
		}
		dir := t.TempDir()
		files := map[string][]byte{
			"bolum1.mp3":           podcast.SilentMP3(40 * time.Second),
			"bolum1.chapters.json": []byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"Giriş"},{"startTime":20,"title":"Limanlar"}]}`),
			"bolum1.srt":           []byte("1\n00:00:00,000 --> 00:00:20,000\nHoş geldiniz.\n\n2\n00:00:20,000 --> 00:00:40,000\nİzmir limanından Bakü'ye.\n"),
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		b := newBrowser(t, chrome, srv.URL)
		signIn(t, b, "tr", email, password)

		// Upload the episode with its chapters and transcript, then publish it.
		if resp := b.open(fmt.Sprintf("/tr/admin/podcast/shows/%d/episodes/new", show.ID)); resp.Status != http.StatusOK {
			t.Fatalf("upload form: status %d; page says %q", resp.Status, b.text("main"))
		}
		b.screenshot("podcast-upload-form")
		b.upload("#f-audio", filepath.Join(dir, "bolum1.mp3"))
		b.typeInto("#f-title", "Limanlar ve ticaret")
		b.typeInto("#f-number", "1")
		b.upload("#f-chapters", filepath.Join(dir, "bolum1.chapters.json"))
		b.upload("#f-transcript", filepath.Join(dir, "bolum1.srt"))
		if resp := b.click(fmt.Sprintf(`form[action="/tr/admin/podcast/shows/%d/episodes"] button[type="submit"]`, show.ID)); resp.Status != http.StatusOK {
			t.Fatalf("uploading: status %d; page says %q", resp.Status, b.text("main"))
		}
		if !strings.HasPrefix(b.path(), "/tr/admin/podcast/episodes/") {
			t.Fatalf("uploading led to %s; page says %q", b.path(), b.text("main"))
		}
		id := strings.TrimPrefix(b.path(), "/tr/admin/podcast/episodes/")
		if resp := b.click(`button[name="action"][value="publish"]`); resp.Status != http.StatusOK {
			t.Fatalf("publishing: status %d; page says %q", resp.Status, b.text("main"))
		}

		// The public page: the player, the chapters and the transcript.
		if resp := b.open("/tr/podcast/izmir-baku-40/" + id); resp.Status != http.StatusOK {
			t.Fatalf("episode page: status %d", resp.Status)
		}
		if n := b.count(".podcast-chapters a[data-seek]"); n != 2 {
			t.Fatalf("%d chapter links, want 2", n)
		}
		if got := b.text(".podcast-transcript"); !strings.Contains(got, "İzmir limanından Bakü'ye.") {
			t.Fatalf("transcript shows %q", got)
		}
		const audio = `document.querySelector("audio[data-podcast-player]")`
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](audio+".readyState >= 1 && "+audio+".duration > 39",
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
		b.must(err, "wait for the player to read the audio")

		b.must(chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(`.podcast-chapters a[data-seek="20"]`), chromedp.NodeVisible)), "click the second chapter")
		if b.path() != "/tr/podcast/izmir-baku-40/"+id {
			t.Fatalf("the chapter link left the page: %s", b.path())
		}
		at, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](audio+".currentTime"))
		b.must(err, "read the player's position")
		if at < 20 || at > 25 {
			t.Fatalf("after clicking the chapter the player is at %.1f s, want 20", at)
		}
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector('.podcast-chapters a[data-seek="20"]').getAttribute("aria-current") === "true"`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
		b.must(err, "the second chapter is marked as the one playing")
		// The click also started playback: the position moves on from the chapter's start.
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](`!`+audio+`.paused && `+audio+`.currentTime > 20.2`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
		b.must(err, "the player plays from the chapter")
		b.screenshot("podcast-episode")
		if resp := b.open("/tr/podcast/izmir-baku-40"); resp.Status != http.StatusOK {
			t.Fatalf("show page: status %d", resp.Status)
		}
		if n := b.count(".podcast-episodes li"); n != 1 {
			t.Fatalf("show page lists %d episodes, want 1", n)
		}
		b.screenshot("podcast-show")
	})
}
