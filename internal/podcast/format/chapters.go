package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
)

// TypeChapters is the type the Podcasting 2.0 <podcast:chapters> element gives JSON
// chapters; ChaptersVersion is the version of that format JSON writes.
const (
	TypeChapters    = "application/json+chapters"
	ChaptersVersion = "1.2.0"
)

// Chapter is one entry of a chapters file.
type Chapter struct {
	Start  time.Duration
	End    time.Duration // 0 when the file does not say
	Title  string
	Img    string // chapter artwork, an absolute http(s) URL, or ""
	URL    string // a page about the chapter, an absolute http(s) URL, or ""
	Hidden bool   // "toc": false, a silent marker players keep out of the chapter list
}

// Chapters is a parsed chapters file, in order of start time.
type Chapters struct {
	Items []Chapter
}

// Reasons of a ChaptersError (ReasonOrder is shared with transcripts).
const (
	ReasonJSON           = "json"            // not a JSON object, or a chapter that is not one
	ReasonVersion        = "version"         // no "version", or not a 1.x version
	ReasonNoChapters     = "no_chapters"     // no "chapters" array, or an empty one
	ReasonTitle          = "title"           // a chapter without a title
	ReasonStartTime      = "start_time"      // a missing, non-numeric or negative startTime
	ReasonEndTime        = "end_time"        // an endTime that is not a number after startTime
	ReasonBeyondDuration = "beyond_duration" // a chapter starting (or ending) after the audio
	ReasonURL            = "url"             // a url that is not an absolute http(s) URL
	ReasonImg            = "img"             // an img that is not an absolute http(s) URL
	ReasonTOC            = "toc"             // a toc that is not true or false
)

var chaptersReasons = map[string]string{
	ReasonJSON:           "malformed JSON",
	ReasonVersion:        `missing or unsupported "version"`,
	ReasonNoChapters:     `missing or empty "chapters"`,
	ReasonTitle:          "the chapter has no title",
	ReasonStartTime:      "startTime must be a number of seconds, zero or more",
	ReasonEndTime:        "endTime must be a number of seconds after startTime",
	ReasonOrder:          "startTime must be later than the previous chapter's",
	ReasonBeyondDuration: "the chapter lies beyond the end of the audio",
	ReasonURL:            "url must be an http or https address",
	ReasonImg:            "img must be an http or https address",
	ReasonTOC:            "toc must be true or false",
}

// ChaptersError says what is wrong with a chapters file and in which chapter.
type ChaptersError struct {
	Index  int    // 0-based position in "chapters"; -1 when the document itself is at fault
	Reason string // one of the Reason… codes
}

func (e *ChaptersError) Error() string {
	if e.Index < 0 {
		return "chapters: " + chaptersReasons[e.Reason]
	}
	return fmt.Sprintf("chapters[%d]: %s", e.Index, chaptersReasons[e.Reason])
}

// maxChapterSeconds bounds times to what a float64 carries to the nanosecond and back
// (about 11 days, far beyond any episode).
const maxChapterSeconds = 1e6

// endTolerance lets an endTime run a little past the probed duration, which is exact
// only to a few hundredths of a second.
const endTolerance = time.Second

// ParseChapters reads Podcasting 2.0 JSON chapters. When duration > 0 (the probed length
// of the episode's audio), every chapter must start before it. Start times must rise
// strictly. Fields other than version and the chapters' startTime, endTime, title, img,
// url and toc are dropped. Errors are *ChaptersError.
func ParseChapters(data []byte, duration time.Duration) (Chapters, error) {
	var doc map[string]json.RawMessage
	if json.Unmarshal(data, &doc) != nil || doc == nil {
		return Chapters{}, &ChaptersError{Index: -1, Reason: ReasonJSON}
	}
	var version string
	if json.Unmarshal(doc["version"], &version) != nil || !strings.HasPrefix(version, "1.") {
		return Chapters{}, &ChaptersError{Index: -1, Reason: ReasonVersion}
	}
	var list []json.RawMessage
	if json.Unmarshal(doc["chapters"], &list) != nil || len(list) == 0 {
		return Chapters{}, &ChaptersError{Index: -1, Reason: ReasonNoChapters}
	}
	items := make([]Chapter, 0, len(list))
	for i, raw := range list {
		c, reason := parseChapter(raw)
		switch {
		case reason != "":
		case i > 0 && c.Start <= items[i-1].Start:
			reason = ReasonOrder
		case duration > 0 && (c.Start >= duration || c.End > duration+endTolerance):
			reason = ReasonBeyondDuration
		}
		if reason != "" {
			return Chapters{}, &ChaptersError{Index: i, Reason: reason}
		}
		items = append(items, c)
	}
	return Chapters{Items: items}, nil
}

// parseChapter reads one chapter object; reason is empty when it is valid on its own.
func parseChapter(raw json.RawMessage) (c Chapter, reason string) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return c, ReasonJSON
	}
	var ok bool
	if c.Start, ok = seconds(obj["startTime"]); !ok {
		return c, ReasonStartTime
	}
	if end, present := obj["endTime"]; present {
		if c.End, ok = seconds(end); !ok || c.End <= c.Start {
			return c, ReasonEndTime
		}
	}
	if json.Unmarshal(obj["title"], &c.Title) != nil || strings.TrimSpace(c.Title) == "" {
		return c, ReasonTitle
	}
	c.Title = strings.TrimSpace(c.Title)
	if c.Img, ok = webURL(obj["img"]); !ok {
		return c, ReasonImg
	}
	if c.URL, ok = webURL(obj["url"]); !ok {
		return c, ReasonURL
	}
	if toc, present := obj["toc"]; present {
		var shown bool
		if json.Unmarshal(toc, &shown) != nil || bytes.Equal(bytes.TrimSpace(toc), []byte("null")) {
			return c, ReasonTOC
		}
		c.Hidden = !shown
	}
	return c, ""
}

// seconds reads a JSON number of seconds (zero or more) as a duration.
func seconds(raw json.RawMessage) (time.Duration, bool) {
	var f float64
	if raw == nil || json.Unmarshal(raw, &f) != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return 0, false
	}
	if f < 0 || f > maxChapterSeconds {
		return 0, false
	}
	return time.Duration(math.Round(f * float64(time.Second))), true
}

// webURL reads an optional absolute http(s) URL; absent or null is "" and fine.
func webURL(raw json.RawMessage) (string, bool) {
	if raw == nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return s, true
}

type chapterJSON struct {
	StartTime float64  `json:"startTime"`
	EndTime   *float64 `json:"endTime,omitempty"`
	Title     string   `json:"title"`
	Img       string   `json:"img,omitempty"`
	URL       string   `json:"url,omitempty"`
	TOC       *bool    `json:"toc,omitempty"`
}

// JSON renders the chapters as canonical JSON chapters (version ChaptersVersion, times in
// seconds, empty fields left out), to be served with Content-Type TypeChapters.
func (c Chapters) JSON() []byte {
	doc := struct {
		Version  string        `json:"version"`
		Chapters []chapterJSON `json:"chapters"`
	}{Version: ChaptersVersion, Chapters: make([]chapterJSON, 0, len(c.Items))}
	for _, ch := range c.Items {
		j := chapterJSON{StartTime: ch.Start.Seconds(), Title: ch.Title, Img: ch.Img, URL: ch.URL}
		if ch.End > 0 {
			end := ch.End.Seconds()
			j.EndTime = &end
		}
		if ch.Hidden {
			j.TOC = new(bool)
		}
		doc.Chapters = append(doc.Chapters, j)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // only plain strings and finite numbers: cannot fail
	}
	return b.Bytes()
}

// ChaptersReasons lists every Reason a ChaptersError may carry, so that a module can check
// that its message catalogs cover them all.
func ChaptersReasons() []string { return slices.Sorted(maps.Keys(chaptersReasons)) }
