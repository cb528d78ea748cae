package feed

import "time"

// Show is everything the channel of a feed says about a podcast. Required fields are
// marked; Validate names any that are missing.
type Show struct {
	// FeedURL is the absolute URL the feed is served at (required). It is written as
	// atom:link rel="self" and seeds podcast:guid when GUID is empty.
	FeedURL string
	// GUID is the show's podcast:guid. Leave it empty to derive it from FeedURL (see
	// PodcastGUID); set it to keep the GUID a show brought along from another host, or
	// the one it was given under an earlier feed URL, since a show keeps its GUID for life.
	GUID string
	// HubURL, when set, is a WebSub hub announced with atom:link rel="hub"; the module
	// pings it after publishing.
	HubURL string
	// NewFeedURL, when set, tells apps the feed has moved (itunes:new-feed-url).
	NewFeedURL string

	Title       string // required
	Link        string // the show's web page, absolute (required)
	Description string // plain text (required); also written as itunes:summary
	Language    string // "tr", "az" or "en" (required)
	Copyright   string // optional, e.g. "© 2026 İzmir Büyükşehir Belediyesi"
	Author      string // itunes:author, the organisation behind the show
	OwnerName   string // itunes:owner name
	OwnerEmail  string // itunes:owner email (required); also podcast:locked owner
	ImageURL    string // the artwork, absolute (required); its size is the module's check

	// Categories from Apple's list (at least one); Apple shows the first.
	Categories []Category
	Explicit   bool
	Type       ShowType // empty means episodic
	// Locked asks other hosting platforms to refuse importing the feed (podcast:locked).
	Locked bool

	Funding []Funding // podcast:funding links, optional
	Persons []Person  // the regular hosts (podcast:person in the channel)
	// Related lists the same series in other languages (or other shows to recommend),
	// written as podcast:podroll; see the package comment on bilingual series.
	Related []RelatedShow

	// UpdatedAt is when any field of the show last changed; it feeds lastBuildDate.
	UpdatedAt time.Time
}

// ShowType is itunes:type: how apps order and present the episodes.
type ShowType string

const (
	Episodic ShowType = "episodic" // newest first; the default
	Serial   ShowType = "serial"   // oldest first, numbered; apps start at episode 1
)

// Category is one Apple Podcasts category, with an optional subcategory of it. Names
// are Apple's English identifiers (e.g. {"Society & Culture", "Places & Travel"}); a
// page translates them for display.
type Category struct {
	Name string
	Sub  string
}

// Funding is a podcast:funding link: where listeners can support the show.
type Funding struct {
	URL  string
	Text string // what the app shows beside the link, at most 128 characters
}

// Person is a podcast:person: a host or a guest.
type Person struct {
	Name string // full name or alias (required)
	Role Role   // empty means host
	Href string // a page about the person, optional
	Img  string // a picture of the person, optional
}

// Role is a podcast:person role (from the Podcast Taxonomy Project).
type Role string

const (
	Host  Role = "host"
	Guest Role = "guest"
)

// RelatedShow points to another show by its podcast:guid (podcast:remoteItem).
type RelatedShow struct {
	GUID    string // its podcast:guid (required)
	FeedURL string // optional, helps apps that cannot look the GUID up
	Title   string // optional, for people reading the feed
}

// Episode is one item of the feed. Only published episodes belong in a feed: which
// those are is the caller's business.
type Episode struct {
	// GUID identifies the episode for good (required, unique in the feed). It must never
	// change, not even when the audio is replaced, or apps download the episode again.
	GUID        string
	Title       string    // required
	Link        string    // the episode's web page, optional
	NotesHTML   string    // show notes as (sanitized) HTML; description and content:encoded
	Language    string    // "tr", "az" or "en"; empty means the show's language
	PublishedAt time.Time // required; the feed lists newest first
	UpdatedAt   time.Time // when any field last changed; see ETag
	Audio       Enclosure // required

	Duration time.Duration // written in whole seconds; zero leaves itunes:duration out
	Season   int           // 0: none
	Number   int           // itunes:episode, 0: none; unique within a season
	Type     EpisodeType   // empty means full
	ImageURL string        // episode artwork, optional
	Explicit bool

	Transcripts []Transcript
	ChaptersURL string   // a JSON chapters file (application/json+chapters), optional
	Persons     []Person // when set, replaces the show's persons for this episode
}

// Enclosure is the audio file: absolute URL, exact size in bytes and MIME type.
type Enclosure struct {
	URL    string
	Length int64
	Type   string // one of AudioTypes
}

// EpisodeType is itunes:episodeType.
type EpisodeType string

const (
	Full    EpisodeType = "full"
	Trailer EpisodeType = "trailer"
	Bonus   EpisodeType = "bonus"
)

// Transcript is a podcast:transcript file.
type Transcript struct {
	URL      string
	Type     string // TypeVTT or TypeSRT
	Language string // "tr", "az" or "en"; empty means the episode's language
}

// Transcript file types the feed accepts.
const (
	TypeVTT = "text/vtt"
	TypeSRT = "application/x-subrip"
)

// ChaptersType is the MIME type written for podcast:chapters.
const ChaptersType = "application/json+chapters"

// AudioTypes are the enclosure MIME types the feed accepts: MP3 and M4A (AAC in an
// MPEG-4 container), the audio formats the module takes and Apple Podcasts plays.
var AudioTypes = []string{"audio/mpeg", "audio/x-m4a", "audio/mp4"}

// Languages are the show and episode languages the platform speaks.
var Languages = []string{"tr", "az", "en"}
