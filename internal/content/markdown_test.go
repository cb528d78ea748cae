package content

import (
	"strings"
	"testing"
)

// Whatever an editor types, a reader gets no script, no event handler and no style.
func TestMarkdownIsSanitized(t *testing.T) {
	hostile := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		`<a href="#" onclick="alert(1)">tık</a>`,
		"[tık](javascript:alert(1))",
		"[tık](JaVaScRiPt:alert(1))",
		"![x](javascript:alert(1))",
		"<iframe src=https://evil.example></iframe>",
		`<p style="position:fixed">kaplama</p>`,
		"<svg onload=alert(1)>",
		"[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"<details open ontoggle=alert(1)>",
	}
	for _, src := range hostile {
		out, _, err := render("Metin\n\n"+src+"\n\nson", "tr", nil)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(out)
		for _, bad := range []string{"<script", "onerror", "onclick", "onload", "ontoggle", "javascript:", "<iframe", "style=", "<svg", "data:text"} {
			if strings.Contains(low, bad) {
				t.Errorf("%q rendered as %q (contains %q)", src, out, bad)
			}
		}
	}
}

func TestMarkdownLinksImagesAndHeadings(t *testing.T) {
	out, plain, err := render("# Başlık\n\n[dış](https://example.org) [iç](/tr/news)\n\n![uzak](https://tracker.example/p.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |", "tr", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<h2>Başlık</h2>", // the page's title is the only h1
		`<a href="https://example.org" rel="nofollow noopener" target="_blank">dış</a>`,
		`<a href="/tr/news">iç</a>`,
		"<table>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "tracker.example") {
		t.Errorf("a picture from another site would be loaded: %s", out)
	}
	if !strings.Contains(plain, "Başlık") || !strings.Contains(plain, "uzak") || strings.Contains(plain, "#") {
		t.Errorf("plain text: %q", plain)
	}
}

func TestMediaRefs(t *testing.T) {
	got := mediaRefs("![a](media:3) [b](media:4) ![c](media:3) [d](media:x) `![e](media:9)`")
	if len(got) != 2 || got[0] != 3 || got[1] != 4 {
		t.Fatalf("refs = %v", got)
	}
}

func TestParseTagsAndSlugs(t *testing.T) {
	tags := ParseTags(" İZAZDER , Gençlik,,gençlik, 40. yıl ")
	if len(tags) != 3 || tags[0].Slug != "izazder" || tags[1].Label != "Gençlik" || tags[2].Slug != "40-yil" {
		t.Fatalf("tags = %+v", tags)
	}
	for s, ok := range map[string]bool{"izmir-baku": true, "40-yil-programi": true, "İzmir": false, "a--b": false, "-a": false, "a/b": false, "../etc": false, "": false} {
		if ValidSlug(s) != ok {
			t.Errorf("ValidSlug(%q) = %v", s, !ok)
		}
	}
}

func TestTextFallback(t *testing.T) {
	x := Text{TR: "Merhaba", EN: "Hello"}
	if x.In("az") != "Merhaba" || x.Lang("az") != "tr" || x.In("en") != "Hello" || (Text{}).Lang("tr") != "" {
		t.Fatalf("fallback: %q %q %q", x.In("az"), x.Lang("az"), x.In("en"))
	}
}
