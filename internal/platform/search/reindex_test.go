package search_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// fakeSource lists n news documents, each in the three languages in turn.
type fakeSource struct{ n int }

func (s fakeSource) Kind() string                       { return "news" }
func (s fakeSource) Count(context.Context) (int, error) { return s.n, nil }
func (s fakeSource) Each(ctx context.Context, fn func(search.Document) error) error {
	langs := []string{"tr", "az", "en"}
	for i := range s.n {
		d := doc("news", fmt.Sprint(i/3), langs[i%3], fmt.Sprintf("Haber %d Sumqayıt", i), "Gəncə və İzmir")
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func TestReindex(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ix := search.New(d)
		// Stale: a document no source lists any more, and an outdated version of a listed one.
		put(t, ix, d, doc("page", "gone", "tr", "Eski sayfa Sumqayıt", ""), doc("news", "0", "tr", "Eski başlık", "Manisa"))

		var calls [][2]int
		if err := ix.Reindex(ctx, []search.Source{fakeSource{1000}}, func(done, total int) {
			calls = append(calls, [2]int{done, total})
		}); err != nil {
			t.Fatal(err)
		}
		if len(calls) < 2 || calls[len(calls)-1] != [2]int{1000, 1000} {
			t.Fatalf("progress calls %v, want several ending with 1000/1000", calls)
		}
		for i := 1; i < len(calls); i++ {
			if calls[i][0] <= calls[i-1][0] {
				t.Fatalf("progress goes backwards: %v", calls)
			}
		}

		var n, distinct int
		if err := d.QueryRow(ctx, "SELECT COUNT(*), COUNT(DISTINCT kind || '/' || ref || '/' || lang) FROM search_documents").Scan(&n, &distinct); err != nil {
			t.Fatal(err)
		}
		if n != 1000 || distinct != 1000 {
			t.Errorf("after Reindex: %d rows (%d distinct), want 1000", n, distinct)
		}
		if hits := find(t, ix, search.Query{Text: "sumqayit", Limit: 100}); len(hits) != 100 || hits[0].Kind != "news" {
			t.Errorf("sumqayit: %d hits", len(hits))
		}
		for _, q := range []string{"eski", "manisa"} {
			if hits := find(t, ix, search.Query{Text: q}); len(hits) != 0 {
				t.Errorf("stale text %q still found: [%s]", q, refs(hits))
			}
		}
		if hits := find(t, ix, search.Query{Text: "haber 999"}); len(hits) != 1 || hits[0].Ref != "333" || hits[0].Lang != "tr" {
			t.Errorf("haber 999: [%s]", refs(hits))
		}
		if bare, err := ix.BareQuery(ctx, "İZMİR", 50); err != nil || bare != 50 {
			t.Errorf("BareQuery: %d, %v", bare, err)
		}

		// An empty run empties the index.
		if err := ix.Reindex(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		if hits := find(t, ix, search.Query{Text: "izmir"}); len(hits) != 0 {
			t.Errorf("after an empty reindex: %d hits", len(hits))
		}
	})
}
