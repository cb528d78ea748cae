package partnership

import (
	"context"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func TestTimelineIsSearchable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ix := search.New(d)
		svc := NewService(d)
		svc.UseIndex(ix)
		if err := svc.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(ctx, search.Query{Text: "İZAZDER", Lang: "az"})
		if err != nil || len(hits) == 0 {
			t.Fatalf("demo timeline not indexed: %v %v", hits, err)
		}
		if hits[0].Kind != "milestone" || hits[0].Lang != "az" || !strings.HasPrefix(hits[0].URL, "/az/timeline#m-") {
			t.Fatalf("first hit: %+v", hits[0])
		}

		coordinator := &web.Viewer{ID: 1, Roles: []string{"coordinator"}}
		p, _ := svc.Default(ctx)
		m := &Milestone{PartnershipID: p.ID, Date: ymd(2026, 5, 28), Precision: PrecisionDay, Kind: KindEvent,
			Title: Text{TR: "Gəncə heyəti İzmir'de", AZ: "Gəncə nümayəndə heyəti İzmirdə", EN: "Ganja delegation in İzmir"}}
		if err := svc.CreateMilestone(ctx, coordinator, m); err != nil {
			t.Fatal(err)
		}
		if hits, _ := ix.Search(ctx, search.Query{Text: "gence heyeti", Lang: "tr"}); len(hits) == 0 {
			t.Fatal("new milestone not found")
		}
		if err := svc.DeleteMilestone(ctx, coordinator, m.ID); err != nil {
			t.Fatal(err)
		}
		if hits, _ := ix.Search(ctx, search.Query{Text: "gence heyeti", Lang: "tr"}); len(hits) != 0 {
			t.Fatalf("deleted milestone still found: %+v", hits)
		}
		n := 0
		if err := svc.SearchSource().Each(ctx, func(search.Document) error { n++; return nil }); err != nil || n == 0 {
			t.Fatalf("source: %d docs, %v", n, err)
		}
	})
}
