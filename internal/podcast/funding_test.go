package podcast

import (
	"context"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

func TestShowFundingIsValidatedAndReachesTheFeed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		if fs, _, err := f.svc.FeedData(ctx, sh.Slug); err != nil || len(fs.Funding) != 0 {
			t.Fatalf("a show without funding has funding in its feed: %+v %v", fs.Funding, err)
		}
		bad := []struct {
			url, label, field, key string
		}{
			{"javascript:alert(1)", "Destek olun", "funding_url", "podcast.error.url"},
			{"ftp://example.org/bagis", "Destek olun", "funding_url", "podcast.error.url"},
			{"https://example.org/destek", "", "funding_label", "podcast.error.funding_label"},
			{"", "Destek olun", "funding_url", "podcast.error.funding_url"},
			{"https://example.org/destek", string(make([]rune, 129)), "funding_label", "podcast.error.too_long"},
		}
		for _, b := range bad {
			in := showInput()
			in.Artwork, in.FundingURL, in.FundingLabel = nil, b.url, b.label
			_, err := f.svc.UpdateShow(ctx, coordinator, sh.ID, in)
			if got := fieldKey(t, err, b.field); got != b.key {
				t.Errorf("%q %q: %s = %q, want %q", b.url, b.label, b.field, got, b.key)
			}
		}
		in := showInput()
		in.Artwork, in.FundingURL, in.FundingLabel = nil, " https://example.org/destek ", "Programa destek olun"
		up, err := f.svc.UpdateShow(ctx, coordinator, sh.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		again, err := f.svc.Show(ctx, sh.ID)
		if err != nil || again.FundingURL != "https://example.org/destek" || again.FundingLabel != "Programa destek olun" {
			t.Fatalf("stored funding %+v %v (update returned %+v)", again, err, up)
		}
		fs, _, err := f.svc.FeedData(ctx, sh.Slug)
		if err != nil || len(fs.Funding) != 1 || fs.Funding[0].URL != "https://example.org/destek" || fs.Funding[0].Text != "Programa destek olun" {
			t.Fatalf("feed funding %+v %v", fs.Funding, err)
		}
		// Clearing both removes it again.
		in.FundingURL, in.FundingLabel = "", ""
		if _, err := f.svc.UpdateShow(ctx, coordinator, sh.ID, in); err != nil {
			t.Fatal(err)
		}
		if fs, _, _ := f.svc.FeedData(ctx, sh.Slug); len(fs.Funding) != 0 {
			t.Fatalf("cleared funding still in the feed: %+v", fs.Funding)
		}
	})
}
