package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/bench/internal/kopruapi"
)

// yearEvents is how many events the bench adds for the event list: the 40th year of the
// partnership is "a year of events", about one a week, half of them already past.
const yearEvents = 48

var eventKinds = []string{"festival", "business_forum", "youth_programme", "volunteer_day", "official_visit", "ceremony", "webinar"}

var eventCities = []struct{ city, zone, venue string }{
	{"İzmir", "Europe/Istanbul", "Ahmed Adnan Saygun Sanat Merkezi"},
	{"Bakü", "Asia/Baku", "Heydər Əliyev Mərkəzi"},
}

// seedEventYear fills the event list the way coordinators would: a coordinator and an API
// token, then yearEvents published public events over POST /api/v1/events, one a week from
// six months ago to six months ahead, every kind, in both cities, titled in three languages.
func seedEventYear(ctx context.Context, bin, dataDir, base string) error {
	token, err := kopruapi.CoordinatorToken(ctx, bin, dataDir, "", base)
	if err != nil {
		return err
	}
	c := &kopruapi.Client{Base: base, Token: token, HC: kopruapi.NewHTTPClient(4, 30*time.Second)}
	first := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, -6, 0).Add(15 * time.Hour)
	for i := range yearEvents {
		start := first.AddDate(0, 0, 7*i)
		place := eventCities[i%len(eventCities)]
		n := i + 1
		body := map[string]any{
			"kind":        eventKinds[i%len(eventKinds)],
			"slug":        fmt.Sprintf("yil-etkinligi-%02d", n),
			"title":       map[string]string{"tr": fmt.Sprintf("Kardeş Şehir Buluşması %d", n), "az": fmt.Sprintf("Qardaş Şəhər Görüşü %d", n), "en": fmt.Sprintf("Sister City Meeting %d", n)},
			"description": map[string]string{"tr": "Kırkıncı yılın etkinliklerinden biri.", "az": "Qırxıncı ilin tədbirlərindən biri.", "en": "One of the fortieth year's events."},
			"venue":       map[string]string{"name": place.venue, "city": place.city},
			"zone":        place.zone,
			"starts_at":   start,
			"ends_at":     start.Add(3 * time.Hour),
			"visibility":  "public",
			"status":      "published",
			"capacity":    200,
		}
		if _, err := c.Do(ctx, http.MethodPost, "/api/v1/events", body, nil); err != nil {
			return fmt.Errorf("event %d: %w", n, err)
		}
	}
	return nil
}
