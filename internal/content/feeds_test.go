package content

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestAbsoluteURLs(t *testing.T) {
	in := `<p>a &amp; b <a href="/tr/news/x">x</a> <a href="//elsewhere.example/">y</a> <a href="https://example.org/" rel="nofollow">z</a></p>` +
		`<figure><img src="/media/a.png" srcset="/media/a-t.png 320w, /media/a-l.png 1024w" alt="İ &#34;q&#34; &lt;b&gt;"></figure>`
	got := absoluteURLs(in, "https://kopru.example")
	for _, want := range []string{
		`a &amp; b <a href="https://kopru.example/tr/news/x">`,
		`<a href="//elsewhere.example/">`, // another host: left alone
		`<a href="https://example.org/" rel="nofollow">`,
		`src="https://kopru.example/media/a.png"`,
		`srcset="https://kopru.example/media/a-t.png 320w, https://kopru.example/media/a-l.png 1024w"`,
		`alt="İ &#34;q&#34; &lt;b&gt;"`, // still escaped after the round trip
	} {
		if !strings.Contains(got, want) {
			t.Fatalf("missing %s in\n%s", want, got)
		}
	}
	if plain := "<p>no links</p>"; absoluteURLs(plain, "https://kopru.example") != plain {
		t.Fatal("a body without site links changed")
	}
}

// The body travels in CDATA; a "]]>" in it must not end the section early.
func TestRSSBodyCannotEscapeCDATA(t *testing.T) {
	ch := &feedChannel{Title: "T", Site: "https://k.example/tr/news", Self: "https://k.example/tr/news/feed.rss", Lang: "tr", Updated: time.Now(),
		Items: []feedItem{{ID: "tag:k.example,2026-01-12:news/1/tr", URL: "https://k.example/tr/news/a", Title: "A", Summary: "s",
			HTML: `<p>x]]><script>alert(1)</script></p>`, Published: time.Now(), Updated: time.Now()}}}
	var buf bytes.Buffer
	if err := xml.NewEncoder(&buf).Encode(ch.rss()); err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 || f.Items[0].Content != ch.Items[0].HTML {
		t.Fatalf("content came back as %q", f.Items[0].Content)
	}
}
