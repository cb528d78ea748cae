package feed

import (
	"strconv"
	"testing"

	"github.com/mmcdole/gofeed"
)

// appleChecklist checks a parsed feed against Apple Podcasts' feed requirements (the
// required tags, and the recommended ones this package always writes); it returns
// what fails.
func appleChecklist(f *gofeed.Feed) []string {
	var fails []string
	need := func(ok bool, what string) {
		if !ok {
			fails = append(fails, what)
		}
	}
	it := f.ITunesExt
	need(f.FeedType == "rss" && f.FeedVersion == "2.0", "RSS 2.0")
	need(f.Title != "", "channel title")
	need(f.Description != "", "channel description")
	need(f.Language != "", "channel language")
	need(f.Link != "", "channel link")
	need(it != nil, "iTunes namespace")
	if it == nil {
		return fails
	}
	need(it.Image != "", "itunes:image artwork")
	need(len(it.Categories) > 0, "itunes:category")
	for _, c := range it.Categories {
		cat := Category{Name: c.Text}
		if c.Subcategory != nil {
			cat.Sub = c.Subcategory.Text
		}
		need(ValidCategory(cat), "category "+cat.Name+"/"+cat.Sub+" on Apple's list")
	}
	need(it.Explicit == "true" || it.Explicit == "false", "itunes:explicit true or false")
	need(it.Owner != nil && it.Owner.Email != "", "itunes:owner e-mail")
	need(it.Author != "", "itunes:author")
	for i, item := range f.Items {
		n := "item " + strconv.Itoa(i) + " "
		need(item.Title != "", n+"title")
		need(item.Description != "", n+"description")
		need(item.GUID != "", n+"guid")
		need(item.PublishedParsed != nil, n+"pubDate")
		need(len(item.Enclosures) == 1, n+"one enclosure")
		for _, e := range item.Enclosures {
			length, err := strconv.ParseInt(e.Length, 10, 64)
			need(e.URL != "", n+"enclosure url")
			need(err == nil && length > 0, n+"enclosure length in bytes")
			need(e.Type != "", n+"enclosure type")
		}
		need(item.ITunesExt != nil && item.ITunesExt.Duration != "", n+"itunes:duration")
		need(item.ITunesExt != nil && (item.ITunesExt.Explicit == "true" || item.ITunesExt.Explicit == "false"), n+"itunes:explicit")
	}
	return fails
}

func TestFeedMeetsApplesRequirements(t *testing.T) {
	eps := testEpisodes()[:2] // the trailer has no notes, which Apple only recommends
	for name, f := range map[string]*gofeed.Feed{
		"fixture":       parse(t, render(t, testShow(), eps)),
		"1000 episodes": parse(t, render(t, testShow(), manyEpisodes(1000))),
	} {
		for _, fail := range appleChecklist(f) {
			t.Errorf("%s: %s", name, fail)
		}
	}
}

// The checklist itself must catch a feed that lacks what Apple requires.
func TestAppleChecklistCatchesGaps(t *testing.T) {
	f := parse(t, render(t, testShow(), testEpisodes()[:1]))
	f.ITunesExt.Image = ""
	f.ITunesExt.Owner = nil
	f.Items[0].Enclosures[0].Length = "0"
	if got := len(appleChecklist(f)); got != 3 {
		t.Errorf("%d failures found, want 3: %v", got, appleChecklist(f))
	}
}
