package search_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

var day = time.Date(2026, 1, 12, 13, 3, 0, 0, time.UTC)

func put(t *testing.T, ix *search.Index, d *db.DB, docs ...search.Document) {
	t.Helper()
	if err := d.InTx(context.Background(), func(tx *db.Tx) error {
		return ix.Put(context.Background(), tx, docs...)
	}); err != nil {
		t.Fatal(err)
	}
}

func find(t *testing.T, ix *search.Index, q search.Query) []search.Hit {
	t.Helper()
	hits, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return hits
}

func refs(hits []search.Hit) string {
	var s []string
	for _, h := range hits {
		s = append(s, h.Kind+"/"+h.Ref+"/"+h.Lang)
	}
	return strings.Join(s, " ")
}

func doc(kind, ref, lang, title, body string) search.Document {
	return search.Document{Kind: kind, Ref: ref, Lang: lang, Title: title, Body: body,
		URL: "/" + lang + "/" + kind + "/" + ref, Date: day}
}

// The Turkish and Azerbaijani letters a reader types or leaves out all find the same text.
func TestFoldedMatching(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix := search.New(d)
		put(t, ix, d,
			doc("news", "fuar", "tr", "İzmir Fuarı", "Kültür ve ticaret bir arada."),
			doc("news", "baku", "tr", "Bakü'de gençlik buluşması", "Gençler bir araya geldi."),
			doc("page", "dost", "az", "Azərbaycan və Türkiyə", "Qardaş şəhərlər."),
			doc("milestone", "baki", "az", "Bakı şəhəri", "Protokol 1986-cı ildə imzalandı."),
		)
		cases := []struct{ q, want string }{
			{"izmir", "news/fuar/tr"}, {"İZMİR", "news/fuar/tr"}, {"IZMIR", "news/fuar/tr"},
			{"İzmir", "news/fuar/tr"}, {"izm", "news/fuar/tr"}, {"ızmır", "news/fuar/tr"},
			{"fuari", "news/fuar/tr"}, {"FUARI", "news/fuar/tr"},
			{"baku", "news/baku/tr"}, {"BAKU", "news/baku/tr"}, {"Bakü", "news/baku/tr"},
			{"azerbaycan", "page/dost/az"}, {"AZƏRBAYCAN", "page/dost/az"},
			{"bakı", "milestone/baki/az"}, {"baki", "milestone/baki/az"},
			{"1986", "milestone/baki/az"}, {"gençler", "news/baku/tr"},
			{"seherler qardas", "page/dost/az"},
		}
		for _, c := range cases {
			if got := refs(find(t, ix, search.Query{Text: c.q, Lang: "tr"})); got != c.want {
				t.Errorf("%q found [%s], want [%s]", c.q, got, c.want)
			}
		}
		if got := find(t, ix, search.Query{Text: "izmir bakü"}); len(got) != 0 {
			t.Errorf("every word is required, got [%s]", refs(got))
		}

		// The last word is a prefix, so inflected forms are found; earlier words are whole
		// words. Gənclər (az) and gençler (tr) fold alike.
		put(t, ix, d,
			doc("news", "izmirde", "az", "Gənclər İzmirdə", ""),
			doc("news", "izmirli", "tr", "İzmirli gençler", ""),
		)
		for q, want := range map[string]int{"izm": 3, "İZMİR": 3, "izmirde": 1, "gençler izmir": 2, "izmir gençler": 0} {
			if got := find(t, ix, search.Query{Text: q}); len(got) != want {
				t.Errorf("%q found [%s], want %d hits", q, refs(got), want)
			}
		}
	})
}

func TestRanking(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix := search.New(d)
		same := "Gənclər festivalı İzmirdə keçiriləcək."
		put(t, ix, d,
			doc("news", "1", "tr", "Festival", same),
			doc("news", "1", "az", "Festival", same),
		)
		for _, lang := range []string{"az", "tr"} {
			hits := find(t, ix, search.Query{Text: "festival", Lang: lang})
			if len(hits) != 2 || hits[0].Lang != lang {
				t.Errorf("Lang %s: got [%s], want the %s version first", lang, refs(hits), lang)
			}
		}

		put(t, ix, d,
			doc("page", "body", "en", "Programme", "The trade forum brings companies together; the forum has B2B meetings at the forum."),
			doc("page", "title", "en", "Trade forum", "Companies from both cities meet in İzmir."),
		)
		if hits := find(t, ix, search.Query{Text: "forum", Lang: "en"}); refs(hits) != "page/title/en page/body/en" {
			t.Errorf("title match should outrank body matches, got [%s]", refs(hits))
		}

		older, newer := doc("news", "old", "en", "Delegation visit", "A delegation visits."), doc("news", "new", "en", "Delegation visit", "A delegation visits.")
		older.Date, newer.Date = day.AddDate(-1, 0, 0), day
		put(t, ix, d, older, newer)
		if hits := find(t, ix, search.Query{Text: "delegation", Lang: "en"}); refs(hits) != "news/new/en news/old/en" {
			t.Errorf("equal relevance should put the newer first, got [%s]", refs(hits))
		}
		if hits := find(t, ix, search.Query{Text: "festival", Lang: "tr", Kinds: []string{"page"}}); len(hits) != 0 {
			t.Errorf("kind filter: got [%s]", refs(hits))
		}
		if hits := find(t, ix, search.Query{Text: "forum", Kinds: []string{"page", "milestone"}}); len(hits) != 2 {
			t.Errorf("kind filter: got [%s]", refs(hits))
		}
		if hits := find(t, ix, search.Query{Text: "news"}); len(hits) != 0 {
			t.Errorf("the kind is not searchable text, got [%s]", refs(hits))
		}

		// Dates before 1970 and missing dates still sort, newest first.
		protocol, undated := doc("milestone", "1986", "tr", "Kardeşlik protokolü", ""), doc("page", "about", "tr", "Kardeşlik", "")
		protocol.Date, undated.Date = time.Date(1986, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}
		recent := doc("news", "40", "tr", "Kardeşlik", "")
		put(t, ix, d, undated, protocol, recent)
		if hits := find(t, ix, search.Query{Text: "kardeslik", Lang: "tr"}); refs(hits) != "news/40/tr page/about/tr milestone/1986/tr" &&
			refs(hits) != "news/40/tr milestone/1986/tr page/about/tr" {
			t.Errorf("old and undated documents: [%s]", refs(hits))
		} else if !hits[2].Date.Equal(protocol.Date) && !hits[1].Date.Equal(protocol.Date) {
			t.Errorf("1986 date read back wrong: %v", hits)
		}
	})
}

// More matches than the engines rank (a thousand): the page still comes back in order.
func TestLimitAndManyMatches(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix := search.New(d)
		var docs []search.Document
		for i := range 1050 {
			dc := doc("news", fmt.Sprint(i), "tr", "Kültür haftası", "Etkinlik")
			dc.Date = day.Add(time.Duration(i) * time.Minute)
			docs = append(docs, dc)
		}
		put(t, ix, d, docs...)
		for _, c := range []struct{ limit, want int }{{0, search.DefaultLimit}, {5, 5}, {1000, search.MaxLimit}} {
			hits := find(t, ix, search.Query{Text: "kültür", Limit: c.limit})
			if len(hits) != c.want {
				t.Fatalf("Limit %d: %d hits, want %d", c.limit, len(hits), c.want)
			}
			for i, h := range hits {
				if want := fmt.Sprint(1049 - i); h.Ref != want {
					t.Fatalf("Limit %d: hit %d is %s, want the newest first (%s)", c.limit, i, h.Ref, want)
				}
			}
		}
	})
}

func TestPutUpdatesAndDeleteRemoves(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ix := search.New(d)
		put(t, ix, d, doc("news", "7", "tr", "Ticaret heyeti", "Sumqayıt ziyareti"), doc("news", "7", "az", "Ticarət nümayəndə heyəti", "Sumqayıt səfəri"))
		changed := doc("news", "7", "tr", "Ticaret heyeti Gəncə'de", "Gəncə ziyareti")
		changed.URL = "/tr/news/yeni"
		put(t, ix, d, changed)

		if hits := find(t, ix, search.Query{Text: "heyeti"}); len(hits) != 2 {
			t.Errorf("after a second Put: [%s], want one hit per language", refs(hits))
		}
		hits := find(t, ix, search.Query{Text: "gence"})
		if len(hits) != 1 || hits[0].URL != "/tr/news/yeni" || hits[0].Title != "Ticaret heyeti Gəncə'de" || !hits[0].Date.Equal(day) {
			t.Errorf("updated document: %+v", hits)
		}
		if hits := find(t, ix, search.Query{Text: "ziyareti sumqayit"}); len(hits) != 0 {
			t.Errorf("old text still found: [%s]", refs(hits))
		}

		if err := ix.Delete(ctx, d, "news", "7"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"heyeti", "ticaret", "sumqayıt", "gence"} {
			if hits := find(t, ix, search.Query{Text: q}); len(hits) != 0 {
				t.Errorf("%q after Delete: [%s]", q, refs(hits))
			}
		}
		var n int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM search_documents").Scan(&n); err != nil || n != 0 {
			t.Errorf("rows left after Delete: %d (%v)", n, err)
		}
	})
}

func TestPutFollowsTheTransaction(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ix := search.New(d)
		boom := errors.New("content write failed")
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if err := ix.Put(ctx, tx, doc("news", "1", "tr", "Manisa ve Aydın", "Ege")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx: %v", err)
		}
		if hits := find(t, ix, search.Query{Text: "manisa"}); len(hits) != 0 {
			t.Errorf("rolled-back Put is searchable: [%s]", refs(hits))
		}
		put(t, ix, d, doc("news", "2", "tr", "Manisa", "Ege"))
		err = d.InTx(ctx, func(tx *db.Tx) error {
			if err := ix.Delete(ctx, tx, "news", "2"); err != nil {
				return err
			}
			return boom
		})
		if hits := find(t, ix, search.Query{Text: "manisa"}); !errors.Is(err, boom) || len(hits) != 1 {
			t.Errorf("rolled-back Delete: err %v, hits [%s]", err, refs(hits))
		}
	})
}

func TestPutRejectsUnkeyedDocuments(t *testing.T) {
	d := dbtest.SQLite(t)
	ix := search.New(d)
	for _, bad := range []search.Document{doc("", "1", "tr", "x", "y"), doc("news", "", "tr", "x", "y"), doc("news", "1", "de", "x", "y")} {
		if err := ix.Put(context.Background(), d, bad); err == nil {
			t.Errorf("Put(%+v) succeeded", bad)
		}
	}
}

// Nothing a reader types reaches the engines as syntax: every query either searches or is
// refused as empty or too long, which the API answers with 422.
func TestHostileQueries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ix := search.New(d)
		put(t, ix, d, doc("news", "1", "tr", "İzmir ile Bakü", "NEAR title x OR b AND a drop table"))
		queries := []string{`"`, `*`, `NEAR(a b)`, `title:x`, `-x`, `a OR b`, `'; DROP TABLE search_documents; --`,
			`izmir"`, `"izmir`, `izm*`, `(izmir`, `izmir)`, `^izmir`, `izmir:*`, `!izmir`, `izmir & | baku`, `x <-> y`,
			`izmir\`, `{title}: izmir`, `\x00`, "izmir\x00baku", "½ ² izmir", "\u200b", "ǅ izmir", "𝔦𝔷𝔪𝔦𝔯",
			"日本 izmir", "izmir " + strings.Repeat("a ", 60), strings.Repeat("ab", 99), "\xff\xfe izmir",
			"", "   ", `"*:-()`, "?!.,;", strings.Repeat("x", 10_000), strings.Repeat("İ", 201)}
		for _, q := range queries {
			_, err := ix.Search(ctx, search.Query{Text: q, Lang: "tr"})
			var fields fail.Fields
			if err != nil && !(errors.Is(err, search.ErrEmptyQuery) || errors.Is(err, search.ErrQueryTooLong)) {
				t.Errorf("Search(%.40q): %v", q, err)
			} else if err != nil && (!errors.As(err, &fields) || fields["q"] == "") {
				t.Errorf("Search(%.40q): %v does not carry a field error", q, err)
			}
			if _, err := ix.BareQuery(ctx, q, 10); err != nil && !errors.Is(err, search.ErrEmptyQuery) && !errors.Is(err, search.ErrQueryTooLong) {
				t.Errorf("BareQuery(%.40q): %v", q, err)
			}
		}
		for q, want := range map[string]error{"": search.ErrEmptyQuery, " \t": search.ErrEmptyQuery, `"*:-()`: search.ErrEmptyQuery,
			strings.Repeat("x", 10_000): search.ErrQueryTooLong, strings.Repeat("ə", 201): search.ErrQueryTooLong} {
			if _, err := ix.Search(ctx, search.Query{Text: q}); !errors.Is(err, want) {
				t.Errorf("Search(%.20q) = %v, want %v", q, err, want)
			}
		}
		if _, err := ix.Search(ctx, search.Query{Text: strings.Repeat("ə", 200)}); err != nil {
			t.Errorf("a 200-character query is allowed: %v", err)
		}
		// Operators are words like any other, and the table is still there.
		if hits := find(t, ix, search.Query{Text: "NEAR(title: x) OR -b"}); len(hits) != 1 {
			t.Errorf("operator words as plain words: [%s]", refs(hits))
		}
		if hits := find(t, ix, search.Query{Text: `"İzmir" -Bakü*`}); len(hits) != 1 {
			t.Errorf("quoted and starred words: [%s]", refs(hits))
		}
	})
}

func TestHighlighting(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix := search.New(d)
		put(t, ix, d, doc("news", "1", "tr", "İzmir Fuarı <b>2026</b>",
			"Fuarda <script>alert(1)</script> Azərbaycan pavyonu & İzmir'in limanları tanıtıldı."))
		hits := find(t, ix, search.Query{Text: "IZMIR", Lang: "tr"})
		if len(hits) != 1 {
			t.Fatalf("hits: %d", len(hits))
		}
		h := hits[0]
		if want := "<mark>İzmir</mark> Fuarı &lt;b&gt;2026&lt;/b&gt;"; h.TitleHTML != want {
			t.Errorf("TitleHTML = %q, want %q", h.TitleHTML, want)
		}
		if want := "Fuarda &lt;script&gt;alert(1)&lt;/script&gt; Azərbaycan pavyonu &amp; <mark>İzmir</mark>&#39;in limanları tanıtıldı."; h.Snippet != want {
			t.Errorf("Snippet = %q, want %q", h.Snippet, want)
		}
		if strings.Contains(h.Snippet, "<script") {
			t.Error("script reached the snippet")
		}
	})
}
