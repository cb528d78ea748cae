package feed

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// The fixtures are a show of the 40th-year programme, run by organisations (no private
// persons, as in all demo content).

func testShow() Show {
	return Show{
		FeedURL:     "https://kopru.example/podcast/izmir-baku/feed.xml",
		HubURL:      "https://hub.kopru.example/",
		Title:       "İzmir–Bakü: Köprü Sohbetleri",
		Link:        "https://kopru.example/tr/podcast/izmir-baku",
		Description: "Kardeş şehirliğin 40. yılında İzmir ile Bakü arasında kültür, ticaret ve gençlik üzerine söyleşiler.",
		Language:    "tr",
		Copyright:   "© 2026 İzmir Azerbaycan Derneği",
		Author:      "İzmir Azerbaycan Derneği (İZAZDER)",
		OwnerName:   "İZAZDER Yayın Kurulu",
		OwnerEmail:  "podcast@izazder.example",
		ImageURL:    "https://kopru.example/media/podcast/izmir-baku-3000.jpg",
		Categories:  []Category{{"Society & Culture", "Places & Travel"}, {"Government", ""}},
		Type:        Episodic,
		Locked:      true,
		Funding:     []Funding{{URL: "https://kopru.example/tr/destek", Text: "Derneğe destek olun"}},
		Persons:     []Person{{Name: "İZAZDER Gençlik Kolu", Role: Host, Href: "https://izazder.example/genclik"}},
		Related: []RelatedShow{{
			GUID:    PodcastGUID("https://kopru.example/podcast/izmir-baki-az/feed.xml"),
			FeedURL: "https://kopru.example/podcast/izmir-baki-az/feed.xml",
			Title:   "İzmir–Bakı: Körpü Söhbətləri",
		}},
		UpdatedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
	}
}

// testEpisodes are given oldest first on purpose: the feed must list them newest first.
func testEpisodes() []Episode {
	baku := time.FixedZone("Asia/Baku", 4*3600)
	return []Episode{
		{
			GUID:        "kopru-podcast-ep-1",
			Title:       "1986'dan bugüne: kardeş şehir protokolü",
			Link:        "https://kopru.example/tr/podcast/izmir-baku/1",
			NotesHTML:   "<p>Protokolün hikâyesi; <a href=\"https://kopru.example/tr/zaman-cizelgesi\">zaman çizelgesi</a>.</p>",
			PublishedAt: time.Date(2026, 1, 12, 16, 0, 0, 0, time.UTC),
			UpdatedAt:   time.Date(2026, 1, 13, 8, 0, 0, 0, time.UTC),
			Audio:       Enclosure{URL: "https://kopru.example/podcast/audio/1.mp3", Length: 28_901_234, Type: "audio/mpeg"},
			Duration:    30*time.Minute + 5*time.Second,
			Season:      1,
			Number:      1,
			Type:        Full,
			Transcripts: []Transcript{
				{URL: "https://kopru.example/podcast/1/transcript.vtt", Type: TypeVTT},
				{URL: "https://kopru.example/podcast/1/transcript.srt", Type: TypeSRT, Language: "tr"},
			},
			ChaptersURL: "https://kopru.example/podcast/1/chapters.json",
			Persons: []Person{
				{Name: "İZAZDER Gençlik Kolu", Role: Host},
				{Name: "İzmir Büyükşehir Belediyesi Dış İlişkiler Birimi", Role: Guest,
					Href: "https://izmir.example/dis-iliskiler", Img: "https://kopru.example/media/ibb.png"},
			},
		},
		{
			GUID:        "kopru-podcast-ep-2",
			Title:       "Bakı limanı və İzmir: ticarət körpüsü",
			Link:        "https://kopru.example/az/podcast/izmir-baku/2",
			NotesHTML:   "<p>Azərbaycan iş adamları üçün İzmirin limanları.</p>",
			Language:    "az",
			PublishedAt: time.Date(2026, 2, 1, 19, 0, 0, 0, baku),
			UpdatedAt:   time.Date(2026, 2, 1, 15, 0, 0, 0, time.UTC),
			Audio:       Enclosure{URL: "https://kopru.example/podcast/audio/2.m4a", Length: 31_000_000, Type: "audio/x-m4a"},
			Duration:    41*time.Minute + 400*time.Millisecond,
			Season:      1,
			Number:      2,
			ImageURL:    "https://kopru.example/media/podcast/ep2-1400.jpg",
			Explicit:    true,
			Transcripts: []Transcript{{URL: "https://kopru.example/podcast/2/transcript.vtt", Type: TypeVTT}},
		},
		{
			GUID:        "kopru-podcast-trailer",
			Title:       "Fragman: 40. yıl podcast dizisi",
			PublishedAt: time.Date(2026, 2, 20, 10, 0, 0, 0, time.UTC),
			Audio:       Enclosure{URL: "https://kopru.example/podcast/audio/trailer.mp3", Length: 1_200_000, Type: "audio/mpeg"},
			Duration:    95 * time.Second,
			Season:      1,
			Number:      1, // a trailer may carry the number of the episode it belongs to
			Type:        Trailer,
		},
	}
}

// manyEpisodes returns n valid episodes with show notes of a realistic length.
func manyEpisodes(n int) []Episode {
	base := time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC)
	notes := "<p>İzmir ile Bakü arasında kültür, ticaret ve gençlik: bu bölümde konuklarımızla " +
		"kardeş şehirliğin 40. yılını konuşuyoruz. Şarkılar, çay & sohbet.</p>" +
		"<ul><li>Liman ve sanayi bölgeleri</li><li>Öğrenci değişimi</li><li>Festival takvimi</li></ul>"
	eps := make([]Episode, n)
	for i := range eps {
		eps[i] = Episode{
			GUID:        fmt.Sprintf("kopru-podcast-%05d", i),
			Title:       fmt.Sprintf("Bölüm %d: Köprü & Körpü <canlı>", i+1),
			Link:        fmt.Sprintf("https://kopru.example/tr/podcast/izmir-baku/%d", i+1),
			NotesHTML:   notes,
			PublishedAt: base.Add(time.Duration(i) * 24 * time.Hour),
			UpdatedAt:   base.Add(time.Duration(i)*24*time.Hour + time.Hour),
			Audio:       Enclosure{URL: fmt.Sprintf("https://kopru.example/podcast/audio/%d.mp3", i+1), Length: 30_000_000 + int64(i), Type: "audio/mpeg"},
			Duration:    35 * time.Minute,
			Season:      i/100 + 1,
			Number:      i%100 + 1,
			Transcripts: []Transcript{{URL: fmt.Sprintf("https://kopru.example/podcast/%d/transcript.vtt", i+1), Type: TypeVTT}},
			ChaptersURL: fmt.Sprintf("https://kopru.example/podcast/%d/chapters.json", i+1),
			Persons:     []Person{{Name: "İZAZDER Gençlik Kolu"}, {Name: "Bakü Gençlik Merkezi", Role: Guest}},
		}
	}
	return eps
}

// render writes the feed and fails the test on an error.
func render(t *testing.T, show Show, episodes []Episode) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, show, episodes); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// parse reads a feed with gofeed, the independent parser.
func parse(t *testing.T, data []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, data)
	}
	return f
}
