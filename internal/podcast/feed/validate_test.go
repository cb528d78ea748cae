package feed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestInvalidInputIsRejectedWithItsTypedError(t *testing.T) {
	cases := []struct {
		name    string
		change  func(s *Show, eps []Episode)
		episode int // -1: the show
		field   string
		reason  error
	}{
		// Channel fields Apple requires.
		{"no title", func(s *Show, _ []Episode) { s.Title = "  " }, -1, "Title", ErrMissing},
		{"no description", func(s *Show, _ []Episode) { s.Description = "" }, -1, "Description", ErrMissing},
		{"no artwork", func(s *Show, _ []Episode) { s.ImageURL = "" }, -1, "ImageURL", ErrMissing},
		{"no language", func(s *Show, _ []Episode) { s.Language = "" }, -1, "Language", ErrMissing},
		{"no category", func(s *Show, _ []Episode) { s.Categories = nil }, -1, "Categories", ErrMissing},
		{"no owner e-mail", func(s *Show, _ []Episode) { s.OwnerEmail = "" }, -1, "OwnerEmail", ErrMissing},
		{"no link", func(s *Show, _ []Episode) { s.Link = "" }, -1, "Link", ErrMissing},
		{"no feed URL", func(s *Show, _ []Episode) { s.FeedURL = "" }, -1, "FeedURL", ErrMissing},
		// Channel values that are malformed or unknown.
		{"language not spoken here", func(s *Show, _ []Episode) { s.Language = "de" }, -1, "Language", ErrInvalid},
		{"owner e-mail malformed", func(s *Show, _ []Episode) { s.OwnerEmail = "podcast at izazder" }, -1, "OwnerEmail", ErrInvalid},
		{"owner e-mail with a name", func(s *Show, _ []Episode) { s.OwnerEmail = "İZAZDER <podcast@izazder.example>" }, -1, "OwnerEmail", ErrInvalid},
		{"artwork not absolute", func(s *Show, _ []Episode) { s.ImageURL = "/media/cover.jpg" }, -1, "ImageURL", ErrInvalid},
		{"feed URL not http", func(s *Show, _ []Episode) { s.FeedURL = "ftp://kopru.example/feed.xml" }, -1, "FeedURL", ErrInvalid},
		{"hub URL with a space", func(s *Show, _ []Episode) { s.HubURL = "https://hub.example/a b" }, -1, "HubURL", ErrInvalid},
		{"unknown category", func(s *Show, _ []Episode) { s.Categories = []Category{{"Podcasting", ""}} }, -1, "Categories[0]", ErrUnknownCategory},
		{"subcategory of another category", func(s *Show, _ []Episode) {
			s.Categories = []Category{{"Arts", "Places & Travel"}}
		}, -1, "Categories[0]", ErrUnknownCategory},
		{"second category unknown", func(s *Show, _ []Episode) {
			s.Categories = append(s.Categories, Category{"Society & Culture", "History"})
		}, -1, "Categories[2]", ErrUnknownCategory},
		{"unknown show type", func(s *Show, _ []Episode) { s.Type = "daily" }, -1, "Type", ErrInvalid},
		{"GUID not a UUID", func(s *Show, _ []Episode) { s.GUID = "izmir-baku" }, -1, "GUID", ErrInvalid},
		{"funding without text", func(s *Show, _ []Episode) { s.Funding[0].Text = "" }, -1, "Funding[0].Text", ErrMissing},
		{"host without a name", func(s *Show, _ []Episode) { s.Persons[0].Name = "" }, -1, "Persons[0].Name", ErrMissing},
		{"person with an unknown role", func(s *Show, _ []Episode) { s.Persons[0].Role = "producer" }, -1, "Persons[0].Role", ErrInvalid},
		{"related show without GUID", func(s *Show, _ []Episode) { s.Related[0].GUID = "" }, -1, "Related[0].GUID", ErrMissing},
		// Episodes.
		{"enclosure without length", func(_ *Show, e []Episode) { e[1].Audio.Length = 0 }, 1, "Audio.Length", ErrMissing},
		{"enclosure with negative length", func(_ *Show, e []Episode) { e[1].Audio.Length = -5 }, 1, "Audio.Length", ErrInvalid},
		{"enclosure without type", func(_ *Show, e []Episode) { e[0].Audio.Type = "" }, 0, "Audio.Type", ErrMissing},
		{"enclosure of another type", func(_ *Show, e []Episode) { e[0].Audio.Type = "audio/ogg" }, 0, "Audio.Type", ErrUnsupportedType},
		{"enclosure without URL", func(_ *Show, e []Episode) { e[2].Audio.URL = "" }, 2, "Audio.URL", ErrMissing},
		{"duplicate GUID", func(_ *Show, e []Episode) { e[2].GUID = e[0].GUID }, 2, "GUID", ErrDuplicateGUID},
		{"duplicate number in a season", func(_ *Show, e []Episode) { e[1].Number = 1 }, 1, "Number", ErrDuplicateNumber},
		{"duplicate number without seasons", func(_ *Show, e []Episode) {
			e[0].Season, e[1].Season, e[1].Number = 0, 0, 1
		}, 1, "Number", ErrDuplicateNumber},
		{"episode without GUID", func(_ *Show, e []Episode) { e[0].GUID = "" }, 0, "GUID", ErrMissing},
		{"episode without title", func(_ *Show, e []Episode) { e[1].Title = "" }, 1, "Title", ErrMissing},
		{"episode never published", func(_ *Show, e []Episode) { e[1].PublishedAt = time.Time{} }, 1, "PublishedAt", ErrMissing},
		{"negative duration", func(_ *Show, e []Episode) { e[0].Duration = -time.Second }, 0, "Duration", ErrInvalid},
		{"negative season", func(_ *Show, e []Episode) { e[0].Season = -1 }, 0, "Season", ErrInvalid},
		{"unknown episode type", func(_ *Show, e []Episode) { e[0].Type = "teaser" }, 0, "Type", ErrInvalid},
		{"episode language not spoken here", func(_ *Show, e []Episode) { e[0].Language = "ru" }, 0, "Language", ErrInvalid},
		{"transcript of another type", func(_ *Show, e []Episode) { e[0].Transcripts[1].Type = "text/plain" }, 0, "Transcripts[1].Type", ErrUnsupportedType},
		{"transcript without URL", func(_ *Show, e []Episode) { e[1].Transcripts[0].URL = "" }, 1, "Transcripts[0].URL", ErrMissing},
		{"chapters URL relative", func(_ *Show, e []Episode) { e[0].ChaptersURL = "chapters.json" }, 0, "ChaptersURL", ErrInvalid},
		{"guest picture relative", func(_ *Show, e []Episode) { e[0].Persons[1].Img = "ibb.png" }, 0, "Persons[1].Img", ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			show, eps := testShow(), testEpisodes()
			tc.change(&show, eps)
			var buf bytes.Buffer
			err := Write(&buf, show, eps)
			if !errors.Is(err, tc.reason) {
				t.Fatalf("err = %v, want %v", err, tc.reason)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written for invalid input", buf.Len())
			}
			var first *Error
			if !errors.As(err, &first) {
				t.Fatalf("err %T is no *Error", err)
			}
			if first.Episode != tc.episode || first.Field != tc.field || first.Err != tc.reason {
				t.Errorf("got episode %d field %s reason %v; want episode %d field %s reason %v",
					first.Episode, first.Field, first.Err, tc.episode, tc.field, tc.reason)
			}
			if tc.episode >= 0 && first.GUID != eps[tc.episode].GUID {
				t.Errorf("error names GUID %q, want %q", first.GUID, eps[tc.episode].GUID)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	show, eps := testShow(), testEpisodes()
	show.Title, show.ImageURL = "", ""
	eps[0].Audio.Length = 0
	eps[2].GUID = eps[1].GUID
	err := Validate(show, eps)
	var all Invalid
	if !errors.As(err, &all) {
		t.Fatalf("err %T is no Invalid", err)
	}
	var got []string
	for _, e := range all {
		got = append(got, e.Field)
	}
	want := "Title ImageURL Audio.Length GUID"
	if strings.Join(got, " ") != want {
		t.Errorf("fields %v, want %s", got, want)
	}
	msg := err.Error()
	for _, part := range []string{"show Title: missing", `episode 0 ("kopru-podcast-ep-1") Audio.Length: missing`, "GUID already used"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestValidInputPasses(t *testing.T) {
	if err := Validate(testShow(), testEpisodes()); err != nil {
		t.Fatal(err)
	}
	// Bonus and trailer episodes may repeat the number of the episode they belong to.
	eps := testEpisodes()
	eps[2].Type = Bonus
	eps[2].Number = 2
	if err := Validate(testShow(), eps); err != nil {
		t.Errorf("a bonus numbered like its episode: %v", err)
	}
	// A show with only the fields Apple requires.
	bare := Show{
		FeedURL: "http://kopru.example/feed.xml", Title: "Köprü", Link: "http://kopru.example/",
		Description: "Söyleşiler.", Language: "az", OwnerEmail: "podcast@kopru.example",
		ImageURL: "http://kopru.example/cover.png", Categories: []Category{{Name: "History"}},
	}
	if err := Validate(bare, nil); err != nil {
		t.Errorf("bare show: %v", err)
	}
}
