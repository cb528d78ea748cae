// Package podcast hosts the programme's podcast series: shows, episodes with their audio,
// transcripts and chapters, the RSS feed podcast apps read (written by the feed package),
// audio served with byte ranges, and the public and coordinator pages. Files are checked by
// the format package from their bytes; nothing a client says about a file is trusted.
package podcast

import (
	"io"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

// Show is one podcast: one feed.
type Show struct {
	ID          int64
	Slug        string
	GUID        string // podcast:guid, fixed at creation
	Title       string
	Description string
	Language    string // tr, az or en
	Category    feed.Category
	Explicit    bool
	Author      string
	OwnerName   string
	OwnerEmail  string
	Copyright   string
	Type        feed.ShowType
	ArtworkKey  string // media key of the square JPEG or PNG
	AppleURL    string // the show's page in Apple Podcasts, "" until it is listed there
	LinkedID    int64  // the same series in another language, 0 for none
	// FundingURL is where listeners can support the show (podcast:funding), "" for none;
	// FundingLabel is the link's text in the show's language, at most 128 characters.
	FundingURL   string
	FundingLabel string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ShowInput is what a coordinator fills in for a show. Artwork is the uploaded image:
// required when creating, nil to keep the current one when editing.
type ShowInput struct {
	Slug         string
	Title        string
	Description  string
	Language     string
	Category     string // "Name" or "Name > Sub", as feed.AppleCategories lists them
	Explicit     bool
	Author       string
	OwnerName    string
	OwnerEmail   string
	Copyright    string
	Type         string
	LinkedID     int64
	AppleURL     string
	FundingURL   string
	FundingLabel string
	Artwork      []byte
}

// Status of an episode: only published episodes are in the feed and on public pages.
const (
	Draft     = "draft"
	Scheduled = "scheduled"
	Published = "published"
)

// Person is a Podcasting 2.0 person of an episode: a host or a guest.
type Person struct {
	Name string `json:"name"`
	Role string `json:"role"` // host or guest
	Href string `json:"href,omitempty"`
	Img  string `json:"img,omitempty"`
}

// Episode is one episode of a show.
type Episode struct {
	ID       int64
	ShowID   int64
	GUID     string
	Language string
	Title    string
	Notes    i18n.Text // Markdown; the episode's language first, translations optional
	// NotesHTML is the notes in the episode's language as sanitized HTML, rendered when
	// saved, so that a feed of a thousand episodes renders no Markdown.
	NotesHTML      string
	Season         int
	Number         int
	Type           feed.EpisodeType
	Explicit       bool
	Status         string
	PublishAt      time.Time // zero for a draft
	AudioKey       string
	AudioType      string
	AudioSize      int64
	Duration       time.Duration
	ArtworkKey     string
	Persons        []Person
	Chapters       string // canonical JSON chapters, "" for none
	Transcript     string // WebVTT, "" for none
	TranscriptText string
	EventIDs       []int64
	ProjectIDs     []int64
	CreatedAt      time.Time
	UpdatedAt      time.Time

	hasTranscript, hasChapters bool
}

// HasTranscript and HasChapters report whether the episode has them; the feed's light
// query leaves the texts out and sets only these flags.
func (e *Episode) HasTranscript() bool { return e.Transcript != "" || e.hasTranscript }
func (e *Episode) HasChapters() bool   { return e.Chapters != "" || e.hasChapters }

// Ext is the audio file's extension, the one its URL ends with.
func (e *Episode) Ext() string {
	if e.AudioType == "audio/mp4" {
		return "m4a"
	}
	return "mp3"
}

// Live reports whether the public may see the episode.
func (e *Episode) Live() bool { return e.Status == Published }

// EpisodeInput is what a coordinator fills in for an episode. Byte fields hold uploads:
// nil keeps what the episode has (editing); an empty, non-nil Chapters or Transcript removes it.
type EpisodeInput struct {
	Title      string
	Language   string
	Notes      i18n.Text
	Season     int
	Number     int
	Type       string
	Explicit   bool
	Persons    []Person
	Chapters   []byte
	Transcript []byte
	Artwork    []byte
	EventIDs   []int64
	ProjectIDs []int64
}

// Audio is an uploaded audio file: read through R (a temporary file, never all in memory
// for probing), Size bytes long, with the content type the client claimed.
type Audio struct {
	R       io.ReaderAt
	Size    int64
	Claimed string
}
