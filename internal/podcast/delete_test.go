package podcast

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

func (f *fixture) published(t *testing.T, showID int64, number int) *Episode {
	t.Helper()
	in := episodeInput(number)
	in.Artwork = cover()
	e := f.episode(t, showID, in)
	e, err := f.svc.Publish(context.Background(), coordinator, e.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (f *fixture) stored(t *testing.T, key string) bool {
	t.Helper()
	rc, _, err := f.files.Open(context.Background(), key)
	if errors.Is(err, fail.NotFound) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	return true
}

func (f *fixture) episodeHits(t *testing.T) int {
	t.Helper()
	hits, err := f.index.Search(context.Background(), search.Query{Text: "bölüm", Lang: "tr", Kinds: []string{"episode"}})
	if err != nil {
		t.Fatal(err)
	}
	return len(hits)
}

func TestDeleteEpisodeRemovesFilesFeedItemAndSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		e := f.published(t, sh.ID, 1)
		draft := f.episode(t, sh.ID, episodeInput(2))
		if f.episodeHits(t) != 1 || !f.stored(t, e.AudioKey) || !f.stored(t, e.ArtworkKey) {
			t.Fatal("setup: the published episode is not searchable or its files are missing")
		}

		if err := f.svc.DeleteEpisode(ctx, member, e.ID, true); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member deleting: %v, want forbidden", err)
		}
		if err := f.svc.DeleteEpisode(ctx, nil, e.ID, true); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("a visitor deleting: %v, want unauthorized", err)
		}
		if got := fieldKey(t, f.svc.DeleteEpisode(ctx, coordinator, e.ID, false), "confirm"); got != "podcast.error.delete_confirm" {
			t.Fatalf("unconfirmed deletion of a published episode: %q", got)
		}
		if count(t, d, "podcast_episodes") != 2 || !f.stored(t, e.AudioKey) {
			t.Fatal("a refused deletion removed something")
		}

		if err := f.svc.DeleteEpisode(ctx, coordinator, e.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Episode(ctx, coordinator, e.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("deleted episode still found: %v", err)
		}
		if f.stored(t, e.AudioKey) || f.stored(t, e.ArtworkKey) {
			t.Fatal("the deleted episode's files are still stored")
		}
		if n := f.episodeHits(t); n != 0 {
			t.Fatalf("the deleted episode is still in search (%d hits)", n)
		}
		if _, items, err := f.svc.FeedData(ctx, sh.Slug); err != nil || len(items) != 0 {
			t.Fatalf("feed after deletion: %d items, %v", len(items), err)
		}
		// A draft goes without confirmation; a second deletion finds nothing.
		if err := f.svc.DeleteEpisode(ctx, coordinator, draft.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteEpisode(ctx, coordinator, draft.ID, true); !errors.Is(err, fail.NotFound) {
			t.Fatalf("deleting twice: %v, want not found", err)
		}
	})
}

func TestDeleteShow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		e := f.published(t, sh.ID, 1)
		in := showInput()
		in.Slug, in.Title, in.Language, in.LinkedID = "izmir-baku-40-az", "İzmir–Bakı 40", "az", sh.ID
		other, err := f.svc.CreateShow(ctx, coordinator, in)
		if err != nil {
			t.Fatal(err)
		}

		if err := f.svc.DeleteShow(ctx, member, sh.ID, true); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a member deleting a show: %v, want forbidden", err)
		}
		if got := fieldKey(t, f.svc.DeleteShow(ctx, coordinator, sh.ID, false), "confirm"); got != "podcast.error.delete_show_confirm" {
			t.Fatalf("unconfirmed deletion of a show with published episodes: %q", got)
		}
		if count(t, d, "podcast_shows") != 2 || count(t, d, "podcast_episodes") != 1 {
			t.Fatal("a refused deletion removed something")
		}

		if err := f.svc.DeleteShow(ctx, coordinator, sh.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Show(ctx, sh.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("deleted show still found: %v", err)
		}
		if count(t, d, "podcast_episodes") != 0 || f.stored(t, e.AudioKey) || f.stored(t, sh.ArtworkKey) {
			t.Fatal("the show's episodes or files survived it")
		}
		if f.episodeHits(t) != 0 {
			t.Fatal("the show's episodes are still in search")
		}
		if got, err := f.svc.Show(ctx, other.ID); err != nil || got.LinkedID != 0 {
			t.Fatalf("the linked show: %+v %v, want its link cleared", got, err)
		}
		// A show without published episodes goes without confirmation.
		if err := f.svc.DeleteShow(ctx, coordinator, other.ID, false); err != nil {
			t.Fatal(err)
		}
		if count(t, d, "podcast_shows") != 0 {
			t.Fatal("the show without episodes was not deleted")
		}
	})
}

// Deleting a published episode changes its feed, and deleting a show changes the feed of
// the show linked to it: the hub hears of both.
func TestDeletingPingsTheHub(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		var mu sync.Mutex
		var pinged []string
		hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			mu.Lock()
			pinged = append(pinged, r.PostForm.Get("hub.url"))
			mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}))
		defer hub.Close()
		f := newFixture(t, d)
		ctx := context.Background()
		q := jobs.New(d, slog.New(slog.DiscardHandler))
		f.svc.UseJobs(q)
		sh := f.show(t)
		e := f.published(t, sh.ID, 1)
		in := showInput()
		in.Slug, in.Language, in.LinkedID = "izmir-baku-40-az", "az", sh.ID
		other, err := f.svc.CreateShow(ctx, coordinator, in)
		if err != nil {
			t.Fatal(err)
		}
		f.svc.UseHub(hub.URL, hub.Client()) // from here on: only the deletions' pings
		runAll := func() {
			t.Helper()
			for {
				ran, err := q.RunOnce(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if !ran {
					return
				}
			}
		}
		runAll()
		mu.Lock()
		pinged = nil
		mu.Unlock()

		if err := f.svc.DeleteEpisode(ctx, coordinator, e.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteShow(ctx, coordinator, sh.ID, false); err != nil {
			t.Fatal(err)
		}
		runAll()
		mu.Lock()
		defer mu.Unlock()
		want := []string{f.svc.FeedURL(sh.Slug), f.svc.FeedURL(other.Slug)}
		slices.Sort(pinged)
		slices.Sort(want)
		if !slices.Equal(pinged, want) {
			t.Fatalf("pings %v, want %v", pinged, want)
		}
	})
}
