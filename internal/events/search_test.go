package events

import (
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

func TestEventDocsOnlyForPublishedPublicEvents(t *testing.T) {
	start := time.Date(2026, 12, 12, 15, 0, 0, 0, time.UTC)
	e := &Event{ID: 7, Input: Input{Slug: "bahar-senligi", Status: Published, Visibility: Public, StartsAt: start,
		Title: i18n.Text{TR: "Bahar Şenliği", EN: "Spring Festival"}, Description: i18n.Text{TR: "Kültürpark'ta."}}}
	docs := eventDocs(e)
	if len(docs) != 2 || docs[0].Lang != "tr" || docs[1].Lang != "en" {
		t.Fatalf("docs: %+v", docs)
	}
	if d := docs[0]; d.Kind != "event" || d.Ref != "7" || d.URL != "/tr/events/bahar-senligi" || d.Body != "Kültürpark'ta." || !d.Date.Equal(start) {
		t.Fatalf("tr doc: %+v", d)
	}
	if docs[1].URL != "/en/events/bahar-senligi" || docs[1].Body != "" {
		t.Fatalf("en doc: %+v", docs[1])
	}
	for _, change := range []func(*Event){
		func(e *Event) { e.Status = Draft },
		func(e *Event) { e.Status = Cancelled },
		func(e *Event) { e.Visibility = Unlisted },
		func(e *Event) { e.Visibility = Invitation },
	} {
		c := *e
		change(&c)
		if docs := eventDocs(&c); len(docs) != 0 {
			t.Fatalf("%s/%s indexed: %+v", c.Status, c.Visibility, docs)
		}
	}
}

func TestSafeFilename(t *testing.T) {
	for in, want := range map[string]string{
		"ticket-kucuk-konser": "ticket-kucuk-konser",
		`a"b\r\n;../x`:        "a-b-r-n----x",
		"":                    "document",
		"---":                 "document",
		"ticket-İzmir–Bakü":   "ticket--zmir-Bak",
	} {
		if got := safeFilename(in); got != want {
			t.Errorf("safeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}
