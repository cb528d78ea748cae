package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func mustParse(t *testing.T, q string) terms {
	t.Helper()
	p, err := parse(q)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHighlight(t *testing.T) {
	cases := []struct{ q, in, want string }{
		{"izmir", "İZMİR ve İzmirli gençler", "<mark>İZMİR</mark> ve <mark>İzmirli</mark> gençler"},
		{"baku", "Baku\u0308 & Bakı", "<mark>Baku\u0308</mark> &amp; Bakı"},
		{"azerbaycan", "Azər\u00adbaycan\n\n  günləri", "<mark>Azər\u00adbaycan</mark> günləri"},
		{"ab", "ab abc", "<mark>ab</mark> abc"}, // two letters match whole words only
		{"x", `<img src=x onerror="x">`, `&lt;img src=<mark>x</mark> onerror=&#34;<mark>x</mark>&#34;&gt;`},
	}
	for _, c := range cases {
		if got := highlight(c.in, mustParse(t, c.q)); got != c.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", c.q, c.in, got, c.want)
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	filler := strings.Repeat("Ege kıyısında liman ve fabrika. ", 30)
	body := filler + "Gəncə heyəti İzmir limanını gezdi. " + filler + "Sonra Gəncə ve İzmir arasında yeni ticaret hattı açıldı. " + filler
	got := snippet(body, mustParse(t, "gence izmir"))
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") {
		t.Errorf("a window in the middle is marked as cut at both ends: %q", got)
	}
	if !strings.Contains(got, "<mark>Gəncə</mark> heyəti <mark>İzmir</mark> limanını") {
		t.Errorf("the earliest window with both terms is shown: %q", got)
	}
	plain := strings.NewReplacer("<mark>", "", "</mark>", "", "… ", "", " …", "").Replace(got)
	if n := utf8.RuneCountInString(plain); n > SnippetLen || n < SnippetLen-20 {
		t.Errorf("snippet has %d characters, want about %d: %q", n, SnippetLen, plain)
	}
	if strings.HasPrefix(plain, " ") || !strings.Contains(body, plain) {
		t.Errorf("snippet does not start at a whole word of the body: %q", plain)
	}

	// Only a title match: the body's beginning, unmarked.
	if got := snippet("Kısa bir metin.", mustParse(t, "izmir")); got != "Kısa bir metin." {
		t.Errorf("no body match: %q", got)
	}
	// A huge body is read only up to maxScan.
	huge := strings.Repeat("söz ", maxScan) + "izmir"
	if got := snippet(huge, mustParse(t, "izmir")); strings.Contains(got, "<mark>") || !strings.HasSuffix(got, " …") {
		t.Errorf("huge body: %q", got)
	}
	if got := snippet("", mustParse(t, "izmir")); got != "" {
		t.Errorf("empty body: %q", got)
	}
}
