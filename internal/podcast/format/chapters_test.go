package format

import (
	"errors"
	"testing"
	"time"
)

func TestParseChaptersAndRender(t *testing.T) {
	src := `{
	  "version": "1.2.0",
	  "author": "İZAZDER",
	  "chapters": [
	    {"startTime": 0, "title": "Açılış: İzmir–Bakü 40. yıl"},
	    {"startTime": 94.5, "endTime": 300, "title": "  Gənclər proqramı ", "img": "https://example.org/ch2.jpg", "url": "http://example.org/genclik?a=1&b=2"},
	    {"startTime": 300.25, "title": "Sponsor", "toc": false, "id": "ch3"}
	  ]
	}`
	c, err := ParseChapters([]byte(src), 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	want := []Chapter{
		{Title: "Açılış: İzmir–Bakü 40. yıl"},
		{Start: 94500 * time.Millisecond, End: 300 * time.Second, Title: "Gənclər proqramı", Img: "https://example.org/ch2.jpg", URL: "http://example.org/genclik?a=1&b=2"},
		{Start: 300250 * time.Millisecond, Title: "Sponsor", Hidden: true},
	}
	if len(c.Items) != len(want) {
		t.Fatalf("got %+v", c.Items)
	}
	for i := range want {
		if c.Items[i] != want[i] {
			t.Errorf("chapter %d: got %+v, want %+v", i, c.Items[i], want[i])
		}
	}
	wantJSON := `{
  "version": "1.2.0",
  "chapters": [
    {
      "startTime": 0,
      "title": "Açılış: İzmir–Bakü 40. yıl"
    },
    {
      "startTime": 94.5,
      "endTime": 300,
      "title": "Gənclər proqramı",
      "img": "https://example.org/ch2.jpg",
      "url": "http://example.org/genclik?a=1&b=2"
    },
    {
      "startTime": 300.25,
      "title": "Sponsor",
      "toc": false
    }
  ]
}
`
	if got := string(c.JSON()); got != wantJSON {
		t.Fatalf("JSON:\n%s\nwant:\n%s", got, wantJSON)
	}
	again, err := ParseChapters(c.JSON(), 10*time.Minute)
	if err != nil || len(again.Items) != 3 || again.Items[1] != want[1] {
		t.Fatalf("round trip: %+v, %v", again, err)
	}
}

func TestParseChaptersErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		duration time.Duration
		index    int
		reason   string
	}{
		{"malformed JSON", `{"version": "1.2.0", "chapters": [`, 0, -1, ReasonJSON},
		{"not an object", `["version"]`, 0, -1, ReasonJSON},
		{"null", `null`, 0, -1, ReasonJSON},
		{"missing version", `{"chapters": [{"startTime": 0, "title": "A"}]}`, 0, -1, ReasonVersion},
		{"version 2", `{"version": "2.0.0", "chapters": [{"startTime": 0, "title": "A"}]}`, 0, -1, ReasonVersion},
		{"missing chapters", `{"version": "1.2.0"}`, 0, -1, ReasonNoChapters},
		{"chapters not a list", `{"version": "1.2.0", "chapters": {"startTime": 0}}`, 0, -1, ReasonNoChapters},
		{"empty chapters", `{"version": "1.2.0", "chapters": []}`, 0, -1, ReasonNoChapters},
		{"chapter not an object", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"}, 5]}`, 0, 1, ReasonJSON},
		{"missing title", `{"version": "1.2.0", "chapters": [{"startTime": 0}]}`, 0, 0, ReasonTitle},
		{"blank title", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": " "}]}`, 0, 0, ReasonTitle},
		{"title not a string", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": 7}]}`, 0, 0, ReasonTitle},
		{"missing startTime", `{"version": "1.2.0", "chapters": [{"title": "A"}]}`, 0, 0, ReasonStartTime},
		{"startTime as text", `{"version": "1.2.0", "chapters": [{"startTime": "12", "title": "A"}]}`, 0, 0, ReasonStartTime},
		{"startTime null", `{"version": "1.2.0", "chapters": [{"startTime": null, "title": "A"}]}`, 0, 0, ReasonStartTime},
		{"negative startTime", `{"version": "1.2.0", "chapters": [{"startTime": -1, "title": "A"}]}`, 0, 0, ReasonStartTime},
		{"out of order", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"}, {"startTime": 60, "title": "B"}, {"startTime": 30, "title": "C"}]}`, 0, 2, ReasonOrder},
		{"same startTime twice", `{"version": "1.2.0", "chapters": [{"startTime": 10, "title": "A"}, {"startTime": 10, "title": "B"}]}`, 0, 1, ReasonOrder},
		{"beyond the audio", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"}, {"startTime": 125, "title": "B"}]}`, 2 * time.Minute, 1, ReasonBeyondDuration},
		{"ends beyond the audio", `{"version": "1.2.0", "chapters": [{"startTime": 0, "endTime": 200, "title": "A"}]}`, 2 * time.Minute, 0, ReasonBeyondDuration},
		{"endTime before startTime", `{"version": "1.2.0", "chapters": [{"startTime": 50, "endTime": 40, "title": "A"}]}`, 0, 0, ReasonEndTime},
		{"javascript url", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "url": "javascript:alert(1)"}]}`, 0, 0, ReasonURL},
		{"relative url", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "url": "/etkinlik"}]}`, 0, 0, ReasonURL},
		{"ftp img", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "img": "ftp://example.org/a.jpg"}]}`, 0, 0, ReasonImg},
		{"toc as text", `{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "toc": "no"}]}`, 0, 0, ReasonTOC},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseChapters([]byte(tt.src), tt.duration)
			var ce *ChaptersError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *ChaptersError", err)
			}
			if ce.Index != tt.index || ce.Reason != tt.reason {
				t.Fatalf("got index %d %q (%v), want index %d %q", ce.Index, ce.Reason, err, tt.index, tt.reason)
			}
		})
	}
}

func TestReasonListsAreComplete(t *testing.T) {
	if got := len(TranscriptReasons()); got != 9 {
		t.Errorf("TranscriptReasons has %d codes, want 9: %v", got, TranscriptReasons())
	}
	if got := ChaptersReasons(); len(got) != 11 || got[0] != ReasonBeyondDuration {
		t.Errorf("ChaptersReasons = %v, want 11 codes sorted", got)
	}
}
