package media_test

import (
	"bytes"
	"image"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/media"
)

func inspect(t *testing.T, data []byte) *media.Upload {
	t.Helper()
	u, err := media.Inspect(bytes.NewReader(data), "x", 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func variants(t *testing.T, u *media.Upload) map[string]media.Variant {
	t.Helper()
	vs, err := media.Variants(u)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]media.Variant{}
	for _, v := range vs {
		img, format, err := image.Decode(bytes.NewReader(v.Data))
		if err != nil {
			t.Fatalf("%s does not decode: %v", v.Name, err)
		}
		if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height || "image/"+format != v.ContentType {
			t.Errorf("%s says %d×%d %s, is %v %s", v.Name, v.Width, v.Height, v.ContentType, b, format)
		}
		byName[v.Name] = v
	}
	if len(vs) != 2 || byName["thumb"].Name == "" || byName["large"].Name == "" {
		t.Fatalf("variants %v, want thumb and large", byName)
	}
	return byName
}

func TestVariantSizes(t *testing.T) {
	tests := []struct {
		name             string
		data             []byte
		thumbW, thumbH   int
		largeW, largeH   int
		contentType, ext string
	}{
		{"wide jpeg", encodeJPEG(t, 2000, 1000), 320, 160, 1280, 640, "image/jpeg", "jpg"},
		{"small jpeg is not upscaled", encodeJPEG(t, 200, 100), 200, 100, 200, 100, "image/jpeg", "jpg"},
		{"between the widths", encodeJPEG(t, 640, 960), 320, 480, 640, 960, "image/jpeg", "jpg"},
		{"opaque png becomes jpeg", encodePNG(t, 1500, 1000, 255), 320, 213, 1280, 853, "image/jpeg", "jpg"},
		{"transparent png stays png", encodePNG(t, 1500, 1000, 128), 320, 213, 1280, 853, "image/png", "png"},
		{"webp becomes jpeg", tinyWebP, 1, 1, 1, 1, "image/jpeg", "jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := variants(t, inspect(t, tt.data))
			thumb, large := vs["thumb"], vs["large"]
			if thumb.Width != tt.thumbW || thumb.Height != tt.thumbH || large.Width != tt.largeW || large.Height != tt.largeH {
				t.Errorf("thumb %d×%d large %d×%d, want %d×%d and %d×%d", thumb.Width, thumb.Height, large.Width, large.Height, tt.thumbW, tt.thumbH, tt.largeW, tt.largeH)
			}
			if thumb.ContentType != tt.contentType || thumb.Ext != tt.ext || large.ContentType != tt.contentType || large.Ext != tt.ext {
				t.Errorf("got %s .%s, want %s .%s", thumb.ContentType, thumb.Ext, tt.contentType, tt.ext)
			}
		})
	}
}

// A phone photo stored sideways with EXIF orientation 6 must come out upright: the red
// quadrant, stored top-left, belongs top-right once turned a quarter clockwise.
func TestVariantsHonourOrientation(t *testing.T) {
	u := inspect(t, withOrientation(encodeJPEG(t, 400, 200), 6))
	if u.Width != 200 || u.Height != 400 {
		t.Fatalf("upload is %d×%d, want 200×400 as displayed", u.Width, u.Height)
	}
	large := variants(t, u)["large"]
	if large.Width != 200 || large.Height != 400 {
		t.Fatalf("large is %d×%d, want 200×400", large.Width, large.Height)
	}
	img, _, _ := image.Decode(bytes.NewReader(large.Data))
	isRed := func(x, y int) bool {
		r, _, b, _ := img.At(x, y).RGBA()
		return r > 2*b
	}
	if !isRed(150, 50) || isRed(50, 50) || isRed(150, 350) {
		t.Error("red quadrant not top-right after a quarter turn")
	}
}

func TestVariantsOfDocumentAndStoredData(t *testing.T) {
	if vs, err := media.Variants(inspect(t, tinyPDF)); vs != nil || err != nil {
		t.Errorf("document variants %v, %v", vs, err)
	}
	// Regenerating from a stored file: no Inspect, just what the database kept.
	u := &media.Upload{Kind: media.KindImage, ContentType: "image/jpeg", Data: encodeJPEG(t, 1000, 500)}
	if vs := variants(t, u); vs["thumb"].Width != 320 || vs["thumb"].Height != 160 {
		t.Errorf("thumb %d×%d", vs["thumb"].Width, vs["thumb"].Height)
	}
}
