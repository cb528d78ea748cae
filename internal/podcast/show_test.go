package podcast

import (
	"context"
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) {
		t.Fatalf("got %v, want field errors", err)
	}
	return fields[field]
}

func TestCreateShowKeepsGUIDAndArtwork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		if sh.GUID != feed.PodcastGUID("https://kopru.example/podcast/izmir-baku-40/feed.xml") {
			t.Fatalf("guid %q", sh.GUID)
		}
		in := showInput()
		in.Slug, in.Artwork, in.Title = "izmir-baku-40-yeni", nil, "Yeni ad"
		up, err := f.svc.UpdateShow(ctx, coordinator, sh.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if up.GUID != sh.GUID || up.ArtworkKey != sh.ArtworkKey || up.Title != "Yeni ad" {
			t.Fatalf("update changed identity or artwork: %+v", up)
		}
		rc, info, err := f.files.Open(ctx, up.ArtworkKey)
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
		if info.Size != int64(len(cover())) {
			t.Fatalf("artwork stored with %d bytes", info.Size)
		}
	})
}

func TestShowBadInput(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		cases := []struct {
			name, field, key string
			edit             func(*ShowInput)
		}{
			{"small artwork", "artwork", "podcast.error.artwork_size", func(in *ShowInput) { in.Artwork = jpegOf(1000, 1000) }},
			{"large artwork", "artwork", "podcast.error.artwork_size", func(in *ShowInput) { in.Artwork = jpegOf(3001, 3001) }},
			{"not square", "artwork", "podcast.error.artwork_size", func(in *ShowInput) { in.Artwork = jpegOf(1400, 1500) }},
			{"not an image", "artwork", "podcast.error.artwork_format", func(in *ShowInput) { in.Artwork = []byte("GIF89a or text") }},
			{"no artwork", "artwork", "podcast.error.artwork_missing", func(in *ShowInput) { in.Artwork = nil }},
			{"category", "category", "podcast.error.category", func(in *ShowInput) { in.Category = "Cooking > Pasta" }},
			{"language", "language", "podcast.error.language", func(in *ShowInput) { in.Language = "ru" }},
			{"email", "owner_email", "podcast.error.email", func(in *ShowInput) { in.OwnerEmail = "nobody" }},
			{"type", "type", "podcast.error.show_type", func(in *ShowInput) { in.Type = "weekly" }},
			{"title", "title", "podcast.error.required", func(in *ShowInput) { in.Title = " " }},
			{"apple url", "apple_url", "podcast.error.url", func(in *ShowInput) { in.AppleURL = "javascript:alert(1)" }},
		}
		for _, c := range cases {
			in := showInput()
			c.edit(&in)
			_, err := f.svc.CreateShow(ctx, coordinator, in)
			if got := fieldKey(t, err, c.field); got != c.key {
				t.Errorf("%s: %s = %q, want %q", c.name, c.field, got, c.key)
			}
		}
		if n := count(t, d, "podcast_shows"); n != 0 {
			t.Fatalf("%d shows written by bad input", n)
		}
		if _, err := f.svc.CreateShow(ctx, member, showInput()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member: got %v, want forbidden", err)
		}
		if _, err := f.svc.CreateShow(ctx, nil, showInput()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: got %v, want unauthorized", err)
		}
		f.show(t)
		_, err := f.svc.CreateShow(ctx, coordinator, showInput())
		if got := fieldKey(t, err, "slug"); got != "podcast.error.slug_taken" {
			t.Fatalf("duplicate slug: %q", got)
		}
	})
}

func TestLinkedShowsPointBothWays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		tr := f.show(t)
		in := showInput()
		in.Slug, in.Language, in.LinkedID = "izmir-baki-40", "az", tr.ID
		az, err := f.svc.CreateShow(ctx, coordinator, in)
		if err != nil {
			t.Fatal(err)
		}
		back, err := f.svc.Show(ctx, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if back.LinkedID != az.ID {
			t.Fatalf("the Turkish show links to %d, want %d", back.LinkedID, az.ID)
		}
		in.LinkedID = 9999
		in.Slug = "other"
		_, err = f.svc.CreateShow(ctx, coordinator, in)
		if got := fieldKey(t, err, "linked_show"); got != "podcast.error.linked_show" {
			t.Fatalf("unknown linked show: %q", got)
		}
	})
}
