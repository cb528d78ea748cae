package feed

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
)

// The reasons an Error gives; test them with errors.Is.
var (
	// ErrMissing: a field the feed needs (or Apple requires) is empty.
	ErrMissing = errors.New("missing")
	// ErrInvalid: a value is malformed: not an absolute http(s) URL, not an e-mail
	// address, not a UUID, a negative number, or an unknown language, type or role.
	ErrInvalid = errors.New("invalid")
	// ErrUnknownCategory: the category is not on Apple's list (see AppleCategories).
	ErrUnknownCategory = errors.New("not an Apple Podcasts category")
	// ErrUnsupportedType: an enclosure or transcript MIME type the feed does not accept.
	ErrUnsupportedType = errors.New("unsupported media type")
	// ErrDuplicateGUID: two episodes share a GUID.
	ErrDuplicateGUID = errors.New("GUID already used by another episode")
	// ErrDuplicateNumber: two full episodes share a season and episode number.
	ErrDuplicateNumber = errors.New("episode number already used in this season")
)

// Error is one problem with the input of Write: which field of the show or of which
// episode, and why (one of the Err values above).
type Error struct {
	Episode int    // index of the episode in the slice given to Write; -1 for the show
	GUID    string // that episode's GUID, to name it in messages
	Field   string // the Go field path, e.g. "OwnerEmail", "Audio.Length", "Transcripts[1].Type"
	Err     error
}

func (e *Error) Error() string {
	if e.Episode < 0 {
		return fmt.Sprintf("podcast feed: show %s: %v", e.Field, e.Err)
	}
	return fmt.Sprintf("podcast feed: episode %d (%q) %s: %v", e.Episode, e.GUID, e.Field, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Invalid is every problem Validate found: the show's first, then the episodes' in the
// order given. errors.As(err, &feed.Invalid{}) gets them all, errors.As with an *Error
// the first, and errors.Is asks whether any has a given reason.
type Invalid []*Error

func (v Invalid) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

func (v Invalid) Unwrap() []error {
	errs := make([]error, len(v))
	for i, e := range v {
		errs[i] = e
	}
	return errs
}

// Validate checks a show and its episodes against what the feed needs and what Apple
// Podcasts requires. It returns nil or an Invalid; Write calls it first.
func Validate(show Show, episodes []Episode) error {
	c := checker{episode: -1}
	c.show(show)
	guids := make(map[string]struct{}, len(episodes))
	numbers := make(map[[2]int]struct{}, len(episodes))
	for i := range episodes {
		e := &episodes[i]
		c.episode, c.guid = i, e.GUID
		c.item(e)
		if e.GUID != "" {
			if _, dup := guids[e.GUID]; dup {
				c.fail("GUID", ErrDuplicateGUID)
			}
			guids[e.GUID] = struct{}{}
		}
		// A trailer or bonus may carry the number of the episode it belongs to, so
		// only full episodes must be numbered uniquely.
		if e.Number > 0 && (e.Type == "" || e.Type == Full) {
			key := [2]int{e.Season, e.Number}
			if _, dup := numbers[key]; dup {
				c.fail("Number", ErrDuplicateNumber)
			}
			numbers[key] = struct{}{}
		}
	}
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

// checker collects the problems of the show or of one episode at a time. While it
// checks an element of a list (list != ""), field names are relative to that element;
// the full name is only built for a problem found, so valid input costs no allocation.
type checker struct {
	episode int
	guid    string
	list    string
	index   int
	errs    Invalid
}

// in makes the following field names relative to element i of list ("" leaves lists).
func (c *checker) in(list string, i int) {
	c.list, c.index = list, i
}

func (c *checker) fail(field string, reason error) {
	if c.list != "" {
		field = c.list + "[" + strconv.Itoa(c.index) + "]" + field
	}
	c.errs = append(c.errs, &Error{Episode: c.episode, GUID: c.guid, Field: field, Err: reason})
}

func (c *checker) required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		c.fail(field, ErrMissing)
		return false
	}
	return true
}

func (c *checker) requiredURL(field, value string) {
	if c.required(field, value) {
		c.url(field, value)
	}
}

// url checks an optional URL: empty, or absolute http(s).
func (c *checker) url(field, value string) {
	if value != "" && !absoluteURL(value) {
		c.fail(field, ErrInvalid)
	}
}

func (c *checker) language(field, value string) {
	if value != "" && !slices.Contains(Languages, value) {
		c.fail(field, ErrInvalid)
	}
}

func (c *checker) show(s Show) {
	c.requiredURL("FeedURL", s.FeedURL)
	if s.GUID != "" && !isUUID(s.GUID) {
		c.fail("GUID", ErrInvalid)
	}
	c.url("HubURL", s.HubURL)
	c.url("NewFeedURL", s.NewFeedURL)
	c.required("Title", s.Title)
	c.requiredURL("Link", s.Link)
	c.required("Description", s.Description)
	if c.required("Language", s.Language) {
		c.language("Language", s.Language)
	}
	if c.required("OwnerEmail", s.OwnerEmail) && !emailAddress(s.OwnerEmail) {
		c.fail("OwnerEmail", ErrInvalid)
	}
	c.requiredURL("ImageURL", s.ImageURL)
	if len(s.Categories) == 0 {
		c.fail("Categories", ErrMissing)
	}
	for i, cat := range s.Categories {
		if !ValidCategory(cat) {
			c.in("Categories", i)
			c.fail("", ErrUnknownCategory)
		}
	}
	c.in("", 0)
	if s.Type != "" && s.Type != Episodic && s.Type != Serial {
		c.fail("Type", ErrInvalid)
	}
	for i, f := range s.Funding {
		c.in("Funding", i)
		c.requiredURL(".URL", f.URL)
		c.required(".Text", f.Text)
	}
	for i, r := range s.Related {
		c.in("Related", i)
		if c.required(".GUID", r.GUID) && !isUUID(r.GUID) {
			c.fail(".GUID", ErrInvalid)
		}
		c.url(".FeedURL", r.FeedURL)
	}
	c.in("", 0)
	c.persons(s.Persons)
}

func (c *checker) item(e *Episode) {
	c.required("GUID", e.GUID)
	c.required("Title", e.Title)
	c.url("Link", e.Link)
	c.language("Language", e.Language)
	if e.PublishedAt.IsZero() {
		c.fail("PublishedAt", ErrMissing)
	}
	c.requiredURL("Audio.URL", e.Audio.URL)
	switch {
	case e.Audio.Length == 0:
		c.fail("Audio.Length", ErrMissing)
	case e.Audio.Length < 0:
		c.fail("Audio.Length", ErrInvalid)
	}
	if c.required("Audio.Type", e.Audio.Type) && !slices.Contains(AudioTypes, e.Audio.Type) {
		c.fail("Audio.Type", ErrUnsupportedType)
	}
	if e.Duration < 0 {
		c.fail("Duration", ErrInvalid)
	}
	if e.Season < 0 {
		c.fail("Season", ErrInvalid)
	}
	if e.Number < 0 {
		c.fail("Number", ErrInvalid)
	}
	switch e.Type {
	case "", Full, Trailer, Bonus:
	default:
		c.fail("Type", ErrInvalid)
	}
	c.url("ImageURL", e.ImageURL)
	c.url("ChaptersURL", e.ChaptersURL)
	for i, t := range e.Transcripts {
		c.in("Transcripts", i)
		c.requiredURL(".URL", t.URL)
		if c.required(".Type", t.Type) && t.Type != TypeVTT && t.Type != TypeSRT {
			c.fail(".Type", ErrUnsupportedType)
		}
		c.language(".Language", t.Language)
	}
	c.in("", 0)
	c.persons(e.Persons)
}

func (c *checker) persons(ps []Person) {
	for i, p := range ps {
		c.in("Persons", i)
		c.required(".Name", p.Name)
		if p.Role != "" && p.Role != Host && p.Role != Guest {
			c.fail(".Role", ErrInvalid)
		}
		c.url(".Href", p.Href)
		c.url(".Img", p.Img)
	}
	c.in("", 0)
}

// absoluteURL reports whether s is an absolute http or https URL with a host and no
// spaces or control characters. It does not parse the URL: the module builds these
// URLs itself, and a feed of a thousand episodes checks several thousand of them.
func absoluteURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	if !ok || rest == "" || rest[0] == '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	return true
}

// emailAddress reports whether s is a bare e-mail address (no display name).
func emailAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}
