// Package content is the public site's editorial side: news articles and pages written in
// three languages side by side, their revisions and scheduled publishing, the media library,
// and the navigation menu the coordinators order.
package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

var (
	ErrNotFound  = fmt.Errorf("content: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("content: %w", fail.Forbidden)
	ErrInUse     = fmt.Errorf("content: file still shown by an entry: %w", fail.Conflict)
)

// Kind tells news articles from pages. Both use the same editor, revisions and states;
// pages simply leave out what only news has (lead, cover, author, category, tags).
type Kind string

const (
	News Kind = "news"
	Page Kind = "page"
)

// Status is where an entry stands in its life.
type Status string

const (
	Draft       Status = "draft"
	Scheduled   Status = "scheduled"
	Published   Status = "published"
	Unpublished Status = "unpublished"
)

// Action is what a save does to the state besides storing the fields.
type Action string

const (
	ActionSave      Action = "save"      // keep the state
	ActionPublish   Action = "publish"   // public now
	ActionSchedule  Action = "schedule"  // public at a set time (a job publishes it)
	ActionUnpublish Action = "unpublish" // hidden again; a scheduled entry goes back to draft
)

// Author kinds: a news site credits a person (with a short bio) or an organisation.
const (
	AuthorPerson       = "person"
	AuthorOrganisation = "organisation"
)

// Limits, in characters.
const (
	maxTitle  = 200
	maxLead   = 600
	maxBody   = 100_000
	maxBio    = 400
	maxName   = 120
	maxTags   = 10
	maxTagLen = 40
	maxSlug   = 80
	maxURL    = 500
)

// Author credits an entry.
type Author struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	Bio  Text   `json:"bio"`
}

// Tag is a free keyword; Slug is what filters and URLs use.
type Tag struct {
	Slug  string `json:"slug"`
	Label string `json:"label"`
}

// Category groups news; its name is translated, its slug is not.
type Category struct {
	ID        int64
	Slug      string
	Name      Text
	UpdatedAt time.Time
}

// Input is everything an editor writes. It is also what a revision's snapshot keeps.
type Input struct {
	Slug       string `json:"slug"`
	Title      Text   `json:"title"`
	Lead       Text   `json:"lead"`
	Body       Text   `json:"body"`
	CoverID    int64  `json:"cover_id,omitempty"`
	Author     Author `json:"author"`
	CategoryID int64  `json:"category_id,omitempty"`
	Tags       []Tag  `json:"tags"`
}

// Entry is a news article or a page as stored.
type Entry struct {
	ID   int64
	Kind Kind
	Input
	Status      Status
	BodyHTML    Text // sanitized HTML, rendered when saved
	BodyText    Text // plain text of the body
	Category    *Category
	Cover       *Media
	PublishedAt *time.Time // scheduled entries: when they will go public
	RevisedAt   *time.Time // the text's last change while public
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Public reports whether readers may see the entry.
func (e *Entry) Public() bool { return e.Status == Published }

// Path is the entry's address without the language prefix.
func (e *Entry) Path() string {
	if e.Kind == Page {
		return "/pages/" + e.Slug
	}
	return "/news/" + e.Slug
}

// Revision is one save: who, when, what it did and which fields changed.
type Revision struct {
	ID        int64
	EntryID   int64
	UserID    int64
	UserName  string
	Action    string // create, update, publish, schedule, unpublish
	Fields    []string
	Snapshot  Input
	CreatedAt time.Time
}

// Media is a file in the library: an image (with its variants) or a PDF.
type Media struct {
	ID          int64
	Kind        string // image, document
	Key         string
	Name        string
	ContentType string
	Size        int64
	Width       int
	Height      int
	Variants    []Variant
	Alt         Text
	Caption     Text
	Uses        int // filled by list queries
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Variant is a resized copy of an image, made once at upload.
type Variant struct {
	Name        string `json:"name"` // thumb, large
	Key         string `json:"key"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	ContentType string `json:"content_type"`
}

// URL is where the original file is served.
func (m *Media) URL() string { return "/media/" + m.Key }

// VariantURL returns the URL of the named variant, or of the original when there is none
// (small images are not enlarged).
func (m *Media) VariantURL(name string) string {
	for _, v := range m.Variants {
		if v.Name == name {
			return "/media/" + v.Key
		}
	}
	return m.URL()
}

// Srcset lists the picture's sizes for an img element's srcset.
func (m *Media) Srcset() string { return srcset(m) }

// IsImage reports whether the file is a picture.
func (m *Media) IsImage() bool { return m.Kind == "image" }

// MenuItem is one link of the navigation menu: a page, or a URL.
type MenuItem struct {
	ID        int64
	Label     Text
	EntryID   int64  // a page; 0 when URL is used
	EntrySlug string // filled when EntryID is set
	EntryLive bool   // the page is published
	URL       string
	Position  int
}

// MenuLink is a menu item resolved for one reader.
type MenuLink struct {
	Label string
	Lang  string // set when Label falls back to another language
	Href  string
}

// SlugTakenError says a slug is used by another entry of the same kind, and offers a free
// one. It unwraps to a field error, so generic handlers answer 422.
type SlugTakenError struct{ Suggestion string }

func (e *SlugTakenError) Error() string { return "slug taken; try " + e.Suggestion }
func (e *SlugTakenError) Unwrap() error { return fail.Fields{"slug": "content.slug_taken"} }

// ValidSlug reports whether s is already in slug form: lower-case letters, digits and
// single hyphens, as text.Slug makes them.
func ValidSlug(s string) bool {
	return s != "" && len(s) <= maxSlug && text.Slug(s) == s
}

var tagSplit = regexp.MustCompile(`\s*,\s*`)

// ParseTags reads a comma-separated list into tags, dropping empties and duplicates.
func ParseTags(s string) []Tag {
	var out []Tag
	for _, label := range tagSplit.Split(strings.TrimSpace(s), -1) {
		label = strings.Join(strings.Fields(label), " ")
		slug := text.Slug(label)
		if slug == "" || slices.ContainsFunc(out, func(t Tag) bool { return t.Slug == slug }) {
			continue
		}
		out = append(out, Tag{Slug: slug, Label: label})
	}
	return out
}

// JoinTags is the inverse of ParseTags, for the form.
func JoinTags(tags []Tag) string {
	labels := make([]string, len(tags))
	for i, t := range tags {
		labels[i] = t.Label
	}
	return strings.Join(labels, ", ")
}

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// validate cleans in and reports every problem. Field names are those of the form
// ("title_tr"), so the page marks the right box; the API shows them as they are.
func (in *Input) validate(kind Kind) fail.Fields {
	errs := fail.Fields{}
	in.Slug = strings.TrimSpace(in.Slug)
	in.Title, in.Lead, in.Author.Bio = in.Title.Trimmed(), in.Lead.Trimmed(), in.Author.Bio.Trimmed()
	in.Body = in.Body.Map(func(_, s string) string { return strings.TrimRight(s, " \t\r\n") })
	in.Author.Name = strings.TrimSpace(in.Author.Name)
	if in.Title.Empty() {
		errs["title_tr"] = "content.title_required"
	}
	for _, l := range Langs {
		for field, lim := range map[string]struct {
			t Text
			n int
		}{"title": {in.Title, maxTitle}, "lead": {in.Lead, maxLead}, "body": {in.Body, maxBody}, "bio": {in.Author.Bio, maxBio}} {
			if tooLong(lim.t.Get(l), lim.n) {
				errs[field+"_"+l] = "form.too_long"
			}
		}
		if strings.ContainsAny(in.Title.Get(l), "\r\n") {
			errs["title_"+l] = "content.one_line"
		}
	}
	if in.Slug != "" && !ValidSlug(in.Slug) {
		errs["slug"] = "content.slug_invalid"
	}
	if kind == Page {
		// Pages carry none of the news fields; dropping them keeps stale values from
		// surfacing if an entry is ever shown as news.
		in.Lead, in.CoverID, in.CategoryID, in.Tags = Text{}, 0, 0, nil
		in.Author = Author{Kind: AuthorOrganisation}
		return errs
	}
	if in.Author.Kind == "" {
		in.Author.Kind = AuthorOrganisation
	}
	if in.Author.Kind != AuthorPerson && in.Author.Kind != AuthorOrganisation {
		errs["author_kind"] = "form.choice"
	}
	if tooLong(in.Author.Name, maxName) {
		errs["author_name"] = "form.too_long"
	}
	if len(in.Tags) > maxTags {
		errs["tags"] = "content.too_many_tags"
	}
	for i, t := range in.Tags {
		t.Label = strings.TrimSpace(t.Label)
		if t.Slug = text.Slug(t.Label); t.Slug == "" || tooLong(t.Label, maxTagLen) {
			errs["tags"] = "content.tag_invalid"
		}
		in.Tags[i] = t
	}
	return errs
}

// validMenuURL accepts a site path ("/news") or an absolute http(s) address.
func validMenuURL(s string) bool {
	if len(s) > maxURL {
		return false
	}
	if strings.HasPrefix(s, "/") {
		return !strings.HasPrefix(s, "//") && !strings.HasPrefix(s, "/\\") && !strings.ContainsAny(s, " \t\r\n")
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
