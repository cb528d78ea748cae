package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	ext "github.com/mmcdole/gofeed/extensions"
)

func TestChannelAsAnIndependentParserReadsIt(t *testing.T) {
	show := testShow()
	show.NewFeedURL = "https://kopru.example/podcast/izmir-baku/new.xml"
	f := parse(t, render(t, show, testEpisodes()))

	if f.FeedType != "rss" || f.FeedVersion != "2.0" {
		t.Errorf("feed type %s %s, want rss 2.0", f.FeedType, f.FeedVersion)
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("title", f.Title, show.Title)
	check("link", f.Link, show.Link)
	check("description", f.Description, show.Description)
	check("language", f.Language, "tr")
	check("copyright", f.Copyright, show.Copyright)
	check("generator", f.Generator, "Köprü")
	check("feed link", f.FeedLink, show.FeedURL)
	if f.Image == nil || f.Image.URL != show.ImageURL {
		t.Errorf("RSS image = %+v, want %s", f.Image, show.ImageURL)
	}
	// lastBuildDate is the latest change in the data: the show's own update here.
	if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(show.UpdatedAt) {
		t.Errorf("lastBuildDate = %v, want %v", f.UpdatedParsed, show.UpdatedAt)
	}

	it := f.ITunesExt
	if it == nil {
		t.Fatal("no iTunes extension parsed")
	}
	check("itunes:author", it.Author, show.Author)
	check("itunes:summary", it.Summary, show.Description)
	check("itunes:image", it.Image, show.ImageURL)
	check("itunes:explicit", it.Explicit, "false")
	check("itunes:type", it.Type, "episodic")
	check("itunes:new-feed-url", it.NewFeedURL, show.NewFeedURL)
	if it.Owner == nil || it.Owner.Name != show.OwnerName || it.Owner.Email != show.OwnerEmail {
		t.Errorf("itunes:owner = %+v", it.Owner)
	}
	if len(it.Categories) != 2 {
		t.Fatalf("itunes:category: %d, want 2", len(it.Categories))
	}
	c := it.Categories[0]
	if c.Text != "Society & Culture" || c.Subcategory == nil || c.Subcategory.Text != "Places & Travel" {
		t.Errorf("first category = %+v (sub %+v)", c, c.Subcategory)
	}
	if it.Categories[1].Text != "Government" || it.Categories[1].Subcategory != nil {
		t.Errorf("second category = %+v", it.Categories[1])
	}

	links := f.Extensions["atom"]["link"]
	if rel := attrsBy(links, "rel"); rel["self"]["href"] != show.FeedURL || rel["hub"]["href"] != show.HubURL {
		t.Errorf("atom links = %+v", links)
	}

	pc := f.Extensions["podcast"]
	check("podcast:guid", one(t, pc, "guid").Value, PodcastGUID(show.FeedURL))
	locked := one(t, pc, "locked")
	check("podcast:locked", locked.Value, "yes")
	check("podcast:locked owner", locked.Attrs["owner"], show.OwnerEmail)
	funding := one(t, pc, "funding")
	check("podcast:funding", funding.Value, "Derneğe destek olun")
	check("podcast:funding url", funding.Attrs["url"], "https://kopru.example/tr/destek")
	host := one(t, pc, "person")
	check("podcast:person", host.Value, "İZAZDER Gençlik Kolu")
	check("podcast:person role", host.Attrs["role"], "host")
	check("podcast:person href", host.Attrs["href"], "https://izazder.example/genclik")
	remote := one(t, pc, "podroll").Children["remoteItem"]
	if len(remote) != 1 || remote[0].Attrs["feedGuid"] != show.Related[0].GUID ||
		remote[0].Attrs["feedUrl"] != show.Related[0].FeedURL || remote[0].Attrs["title"] != show.Related[0].Title {
		t.Errorf("podcast:podroll = %+v", remote)
	}
}

func TestItemsAsAnIndependentParserReadsThem(t *testing.T) {
	show, eps := testShow(), testEpisodes()
	f := parse(t, render(t, show, eps))
	if len(f.Items) != 3 {
		t.Fatalf("%d items, want 3", len(f.Items))
	}
	// Newest first: the trailer (20 Feb), episode 2 (1 Feb), episode 1 (12 Jan).
	trailer, ep2, ep1 := f.Items[0], f.Items[1], f.Items[2]
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("guid", ep1.GUID, "kopru-podcast-ep-1")
	check("title", ep1.Title, eps[0].Title)
	check("link", ep1.Link, eps[0].Link)
	check("description", ep1.Description, eps[0].NotesHTML)
	check("content:encoded", ep1.Content, eps[0].NotesHTML)
	if ep1.PublishedParsed == nil || !ep1.PublishedParsed.Equal(eps[0].PublishedAt) {
		t.Errorf("pubDate = %v, want %v", ep1.PublishedParsed, eps[0].PublishedAt)
	}
	// The episode published at 19:00 in Bakü is written in UTC.
	check("pubDate of a time given in Bakü", ep2.Published, "Sun, 01 Feb 2026 15:00:00 +0000")
	if len(ep1.Enclosures) != 1 {
		t.Fatalf("enclosures: %+v", ep1.Enclosures)
	}
	enc := ep1.Enclosures[0]
	check("enclosure url", enc.URL, eps[0].Audio.URL)
	check("enclosure length", enc.Length, "28901234")
	check("enclosure type", enc.Type, "audio/mpeg")

	it := ep1.ITunesExt
	check("itunes:duration", it.Duration, "1805")
	check("itunes:season", it.Season, "1")
	check("itunes:episode", it.Episode, "1")
	check("itunes:episodeType", it.EpisodeType, "full")
	check("itunes:explicit", it.Explicit, "false")
	check("itunes:image", it.Image, "")
	check("episode 2 itunes:image", ep2.ITunesExt.Image, eps[1].ImageURL)
	check("episode 2 itunes:explicit", ep2.ITunesExt.Explicit, "true")
	check("episode 2 itunes:duration (rounded)", ep2.ITunesExt.Duration, "2460")
	check("trailer itunes:episodeType", trailer.ITunesExt.EpisodeType, "trailer")
	check("trailer description", trailer.Description, "")

	// An episode in the show's language is not marked; one in another language is.
	if ep1.DublinCoreExt != nil && len(ep1.DublinCoreExt.Language) > 0 {
		t.Errorf("episode 1 carries dc:language %v", ep1.DublinCoreExt.Language)
	}
	if ep2.DublinCoreExt == nil || len(ep2.DublinCoreExt.Language) != 1 || ep2.DublinCoreExt.Language[0] != "az" {
		t.Errorf("episode 2 dc:language = %+v, want az", ep2.DublinCoreExt)
	}

	pc := ep1.Extensions["podcast"]
	ts := pc["transcript"]
	if len(ts) != 2 {
		t.Fatalf("podcast:transcript: %+v", ts)
	}
	check("transcript url", ts[0].Attrs["url"], eps[0].Transcripts[0].URL)
	check("transcript type", ts[0].Attrs["type"], "text/vtt")
	check("transcript language (the show's)", ts[0].Attrs["language"], "tr")
	check("srt type", ts[1].Attrs["type"], "application/x-subrip")
	check("episode 2 transcript language (the episode's)",
		one(t, ep2.Extensions["podcast"], "transcript").Attrs["language"], "az")
	ch := one(t, pc, "chapters")
	check("chapters url", ch.Attrs["url"], eps[0].ChaptersURL)
	check("chapters type", ch.Attrs["type"], "application/json+chapters")
	persons := pc["person"]
	if len(persons) != 2 {
		t.Fatalf("podcast:person: %+v", persons)
	}
	check("host", persons[0].Value, "İZAZDER Gençlik Kolu")
	check("host role", persons[0].Attrs["role"], "host")
	check("guest", persons[1].Value, "İzmir Büyükşehir Belediyesi Dış İlişkiler Birimi")
	check("guest role", persons[1].Attrs["role"], "guest")
	check("guest href", persons[1].Attrs["href"], "https://izmir.example/dis-iliskiler")
	check("guest img", persons[1].Attrs["img"], "https://kopru.example/media/ibb.png")
	if _, ok := trailer.Extensions["podcast"]["person"]; ok {
		t.Error("the trailer has persons of its own; the show's must not be repeated")
	}
}

func TestSerialShowAndExplicitChannel(t *testing.T) {
	show := testShow()
	show.Type, show.Explicit, show.Locked, show.HubURL = Serial, true, false, ""
	show.GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810" // brought along from an earlier host
	f := parse(t, render(t, show, testEpisodes()))
	if f.ITunesExt.Type != "serial" || f.ITunesExt.Explicit != "true" {
		t.Errorf("itunes:type %q explicit %q, want serial true", f.ITunesExt.Type, f.ITunesExt.Explicit)
	}
	if got := f.Extensions["podcast"]["guid"][0].Value; got != show.GUID {
		t.Errorf("podcast:guid = %s, want the one given, %s", got, show.GUID)
	}
	if got := f.Extensions["podcast"]["locked"][0].Value; got != "no" {
		t.Errorf("podcast:locked = %s, want no", got)
	}
	if rel := attrsBy(f.Extensions["atom"]["link"], "rel"); rel["hub"] != nil {
		t.Error("a hub link without a hub")
	}
}

func TestTextThatNeedsEscapingSurvivesParsing(t *testing.T) {
	show := testShow()
	show.Title = `Köprü & Körpü: <İzmir> "Bakı" — ŞşĞğÇçÖöÜüƏəIıİi`
	show.Description = "Satır 1\nSatır 2\r\n\tGirintili & <etiketli>"
	eps := testEpisodes()[:1]
	eps[0].Title = "Çay & Şiir <canlı> ]]> \"tırnak\""
	eps[0].NotesHTML = "<p>CDATA biter mi? ]]> Hayır: ]]]]> ve ]]>]]> de kalır. Ə ə İ ı</p>"
	eps[0].Persons[1].Name = "Dernek & Belediye <ortak>"
	eps[0].Audio.URL = "https://kopru.example/audio/1.mp3?a=1&b=2"

	data := render(t, show, eps)
	wellFormed(t, data)
	f := parse(t, data)
	if f.Title != show.Title {
		t.Errorf("title = %q, want %q", f.Title, show.Title)
	}
	if f.Description != strings.TrimSpace(show.Description) {
		t.Errorf("description = %q, want %q", f.Description, show.Description)
	}
	item := f.Items[0]
	if item.Title != eps[0].Title {
		t.Errorf("item title = %q, want %q", item.Title, eps[0].Title)
	}
	if item.Description != eps[0].NotesHTML || item.Content != eps[0].NotesHTML {
		t.Errorf("notes = %q / %q, want %q", item.Description, item.Content, eps[0].NotesHTML)
	}
	if got := item.Extensions["podcast"]["person"][1].Value; got != eps[0].Persons[1].Name {
		t.Errorf("person = %q", got)
	}
	if got := item.Enclosures[0].URL; got != eps[0].Audio.URL {
		t.Errorf("enclosure url = %q", got)
	}
}

func TestCharactersXMLCannotCarryAreReplaced(t *testing.T) {
	show := testShow()
	show.Title = "Bakü\x00\x1b\uFFFE" + string([]byte{0xff}) + "İzmir"
	eps := testEpisodes()[:1]
	eps[0].NotesHTML = "<p>zil\x07 ses</p>" + string([]byte{0xc3})
	data := render(t, show, eps)
	wellFormed(t, data)
	f := parse(t, data)
	if want := "Bakü\uFFFD\uFFFD\uFFFD\uFFFDİzmir"; f.Title != want {
		t.Errorf("title = %q, want %q", f.Title, want)
	}
	if want := "<p>zil\uFFFD ses</p>\uFFFD"; f.Items[0].Description != want {
		t.Errorf("notes = %q, want %q", f.Items[0].Description, want)
	}
}

func TestEpisodesAreListedNewestFirst(t *testing.T) {
	eps := manyEpisodes(30)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(eps), func(i, j int) { eps[i], eps[j] = eps[j], eps[i] })
	// Two episodes published at the same instant are ordered by GUID.
	eps[0].PublishedAt = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	eps[1].PublishedAt = eps[0].PublishedAt
	first, second := min(eps[0].GUID, eps[1].GUID), max(eps[0].GUID, eps[1].GUID)

	f := parse(t, render(t, testShow(), eps))
	if len(f.Items) != 30 {
		t.Fatalf("%d items", len(f.Items))
	}
	if f.Items[0].GUID != first || f.Items[1].GUID != second {
		t.Errorf("same instant: %s, %s; want %s, %s", f.Items[0].GUID, f.Items[1].GUID, first, second)
	}
	for i := 1; i < len(f.Items); i++ {
		if f.Items[i].PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
			t.Errorf("item %d (%s) is newer than item %d (%s)", i, f.Items[i].Published, i-1, f.Items[i-1].Published)
		}
	}
	if !f.PublishedParsed.Equal(eps[0].PublishedAt) {
		t.Errorf("channel pubDate = %v, want the newest episode's %v", f.PublishedParsed, eps[0].PublishedAt)
	}
}

func TestSameInputGivesIdenticalBytes(t *testing.T) {
	show, eps := testShow(), manyEpisodes(50)
	a := render(t, show, eps)
	b := render(t, show, eps)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same input differ")
	}
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(eps), func(i, j int) { eps[i], eps[j] = eps[j], eps[i] })
	if c := render(t, show, eps); !bytes.Equal(a, c) {
		t.Fatal("the order the episodes are given in changes the feed")
	}
}

func TestLargeFeedStreamsInPieces(t *testing.T) {
	w := &countingWriter{}
	if err := Write(w, testShow(), manyEpisodes(1000)); err != nil {
		t.Fatal(err)
	}
	if w.writes < 2 || w.largest > 2*flushAt {
		t.Errorf("%d writes, largest %d bytes: the feed should stream in pieces of about %d bytes", w.writes, w.largest, flushAt)
	}
}

func TestWriterErrorIsReturned(t *testing.T) {
	broken := errors.New("connection reset")
	err := Write(failingWriter{broken}, testShow(), manyEpisodes(200))
	if !errors.Is(err, broken) {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

func TestEmptyShowIsAValidFeed(t *testing.T) {
	f := parse(t, render(t, testShow(), nil))
	if len(f.Items) != 0 || f.Title == "" || f.PublishedParsed != nil {
		t.Errorf("items %d, title %q, pubDate %v", len(f.Items), f.Title, f.PublishedParsed)
	}
}

// wellFormed reads every token with encoding/xml, which rejects malformed XML.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
	}
}

// one returns the single extension element name, failing when there is not exactly one.
func one(t *testing.T, m map[string][]ext.Extension, name string) ext.Extension {
	t.Helper()
	if len(m[name]) != 1 {
		t.Fatalf("%d %s elements, want 1: %+v", len(m[name]), name, m[name])
	}
	return m[name][0]
}

// attrsBy indexes elements by the value of one attribute.
func attrsBy(es []ext.Extension, key string) map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, e := range es {
		m[e.Attrs[key]] = e.Attrs
	}
	return m
}

type countingWriter struct{ writes, largest int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	w.largest = max(w.largest, len(p))
	return len(p), nil
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
