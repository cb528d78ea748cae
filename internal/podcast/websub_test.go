package podcast

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

func TestPublishingPingsTheHub(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		var mu sync.Mutex
		var pings []url.Values
		hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			mu.Lock()
			pings = append(pings, r.PostForm)
			mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}))
		defer hub.Close()
		f := newFixture(t, d)
		ctx := context.Background()
		q := jobs.New(d, slog.New(slog.DiscardHandler))
		f.svc.UseJobs(q)
		f.svc.UseHub(hub.URL, hub.Client())
		sh := f.show(t)
		e := f.episode(t, sh.ID, episodeInput(1))
		if _, err := f.svc.Publish(ctx, coordinator, e.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		for {
			ran, err := q.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if len(pings) != 1 || pings[0].Get("hub.mode") != "publish" || pings[0].Get("hub.url") != f.svc.FeedURL(sh.Slug) {
			t.Fatalf("pings: %v", pings)
		}
		show, _, err := f.svc.FeedData(ctx, sh.Slug)
		if err != nil || show.HubURL != hub.URL {
			t.Fatalf("feed announces hub %q (%v)", show.HubURL, err)
		}
	})
}
