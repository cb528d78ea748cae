package podcast

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	coordinator = &web.Viewer{ID: 1, Name: "Koordinatör", Roles: []string{"coordinator"}}
	member      = &web.Viewer{ID: 2, Name: "Üye", Roles: []string{"member"}}
)

var artworkOnce sync.Once
var artwork1400 []byte

// cover is a valid 1400 px PNG, made once for all tests.
func cover() []byte {
	artworkOnce.Do(func() { artwork1400 = Artwork(1400) })
	return artwork1400
}

func jpegOf(w, h int) []byte {
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil)
	return buf.Bytes()
}

// fixture is a service on d with in-memory files, search and a fixed clock.
type fixture struct {
	svc   *Service
	db    *db.DB
	files *media.Storage
	index *search.Index
	now   time.Time
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	files, err := media.OpenStorage(context.Background(), "mem://")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: d, files: files, index: search.New(d), now: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	f.svc = NewService(d, files, "https://kopru.example", nil)
	f.svc.UseIndex(f.index)
	f.svc.SetClock(func() time.Time { return f.now })
	return f
}

func showInput() ShowInput {
	return ShowInput{Slug: "izmir-baku-40", Title: "İzmir–Bakü 40", Description: "Kardeş şehirler.", Language: "tr",
		Category: "Society & Culture > Places & Travel", OwnerName: "Dernek", OwnerEmail: "podcast@example.org",
		Type: "episodic", Artwork: cover()}
}

func (f *fixture) show(t *testing.T) *Show {
	t.Helper()
	sh, err := f.svc.CreateShow(context.Background(), coordinator, showInput())
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

func mp3Audio(d time.Duration) *Audio {
	data := SilentMP3(d)
	return &Audio{R: bytes.NewReader(data), Size: int64(len(data)), Claimed: "audio/mpeg"}
}

func bytesAudio(data []byte, claimed string) *Audio {
	return &Audio{R: bytes.NewReader(data), Size: int64(len(data)), Claimed: claimed}
}

func episodeInput(number int) EpisodeInput {
	return EpisodeInput{Title: "Bölüm", Language: "tr", Type: "full", Season: 1, Number: number}
}

func (f *fixture) episode(t *testing.T, showID int64, in EpisodeInput) *Episode {
	t.Helper()
	e, err := f.svc.CreateEpisode(context.Background(), coordinator, showID, in, mp3Audio(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// count returns the number of rows of table.
func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
