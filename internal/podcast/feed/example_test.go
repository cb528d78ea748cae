package feed_test

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

func ExamplePodcastGUID() {
	fmt.Println(feed.PodcastGUID("https://podnews.net/rss"))
	// Output: 9b024349-ccf0-5f69-a609-6b82873eab3c
}

// A module maps each problem to the form field or the problem+json field it came from.
func ExampleWrite_invalid() {
	show := feed.Show{
		FeedURL: "https://kopru.example/podcast/izmir-baku/feed.xml", Title: "Köprü Sohbetleri",
		Link: "https://kopru.example/tr/podcast/izmir-baku", Description: "Söyleşiler.",
		Language: "tr", OwnerEmail: "podcast@izazder.example",
		Categories: []feed.Category{{Name: "Technology", Sub: "Podcasting"}},
	}
	episodes := []feed.Episode{{
		GUID: "ep-1", Title: "Bölüm 1", PublishedAt: time.Date(2026, 1, 12, 16, 0, 0, 0, time.UTC),
		Audio: feed.Enclosure{URL: "https://kopru.example/audio/1.mp3", Type: "audio/mpeg"},
	}}
	err := feed.Write(io.Discard, show, episodes)
	var problems feed.Invalid
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p.Episode, p.Field, p.Err)
		}
	}
	fmt.Println(errors.Is(err, feed.ErrUnknownCategory))
	// Output:
	// -1 ImageURL missing
	// -1 Categories[0] not an Apple Podcasts category
	// 0 Audio.Length missing
	// true
}
