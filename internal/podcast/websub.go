package podcast

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// WebSub: when a hub is configured, the feed announces it (atom:link rel="hub") and every
// change to what the feed shows queues a ping, so apps subscribed at the hub fetch the new
// feed at once instead of at their next poll.

const hubJob = "podcast.websub"

type hubPayload struct {
	FeedURL string `json:"feed_url"`
}

// UseHub announces hubURL in the feeds and pings it after changes; it needs UseJobs first.
func (s *Service) UseHub(hubURL string, client *http.Client) {
	if hubURL == "" || s.jobs == nil {
		return
	}
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	s.hubURL, s.hubClient = hubURL, client
	s.jobs.Register(hubJob, s.runHubPing)
}

// pingHub queues a ping for the show's feed in the transaction q that changed it. Pings
// queued while one waits are one ping: the hub fetches the feed as it is then.
func (s *Service) pingHub(ctx context.Context, q db.Querier, showID int64) error {
	if s.hubURL == "" {
		return nil
	}
	sh, err := showWhere(ctx, q, `id = ?`, showID)
	if err != nil {
		return err
	}
	feedURL := s.FeedURL(sh.Slug)
	_, err = s.jobs.Enqueue(ctx, q, hubJob, hubPayload{FeedURL: feedURL}, jobs.DedupeKey(hubJob+":"+feedURL))
	return err
}

// runHubPing tells the hub the feed changed (WebSub "publish" notification).
func (s *Service) runHubPing(ctx context.Context, raw json.RawMessage) error {
	var p hubPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return jobs.Permanent(err)
	}
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {p.FeedURL}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.hubURL, strings.NewReader(form.Encode()))
	if err != nil {
		return jobs.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := s.hubClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("podcast: hub %s answered %s", s.hubURL, res.Status)
	}
	return nil
}
