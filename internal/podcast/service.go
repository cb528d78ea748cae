package podcast

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Service holds the rules of shows and episodes. Authorization is checked here:
// coordinators and administrators write, everyone reads what is published.
type Service struct {
	db     *db.DB
	files  Files
	jobs   *jobs.Queue   // nil: scheduling is refused
	index  *search.Index // nil: episodes are not searchable
	linker Linker        // nil: related events and projects are neither checked nor shown
	// hubURL is the WebSub hub announced in feeds and pinged after changes ("" for none).
	hubURL    string
	hubClient *http.Client
	// langName names language lang in language in, to mark in a feed an episode whose
	// language is not the show's (RSS has no per-item language most apps show).
	langName func(in, lang string) string
	baseURL  string
	log      *slog.Logger
	now      func() time.Time
	onChange []func() // told after every successful write (the public page cache)
	// maxAudio is the largest audio file taken (MaxAudioBytes; tests lower it).
	maxAudio int64
}

// NewService wires the rules to the database and media storage. baseURL makes the
// absolute URLs of feeds and enclosures.
func NewService(d *db.DB, files Files, baseURL string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, files: files, baseURL: strings.TrimSuffix(baseURL, "/"), log: log, now: db.Now, maxAudio: MaxAudioBytes}
}

// UseJobs turns scheduled publishing on: a job publishes an episode at its time.
func (s *Service) UseJobs(q *jobs.Queue) {
	s.jobs = q
	q.Register(publishJob, s.runPublish)
}

// UseIndex registers published episodes in the site search.
func (s *Service) UseIndex(ix *search.Index) { s.index = ix }

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// OnChange registers f to run after every change to shows or episodes, e.g. to purge
// cached public pages so that a published episode shows at once.
func (s *Service) OnChange(f func()) { s.onChange = append(s.onChange, f) }

func (s *Service) changed() {
	for _, f := range s.onChange {
		f()
	}
}

// UseLanguageNames sets how feeds name an episode's language; nil leaves titles alone.
func (s *Service) UseLanguageNames(name func(in, lang string) string) { s.langName = name }

// SetAudioLimit lowers the largest audio file taken (tests; the request limit stays).
func (s *Service) SetAudioLimit(n int64) { s.maxAudio = n }

// CanWrite reports whether v may create and edit shows and episodes.
func CanWrite(v *web.Viewer) bool { return v.Has("coordinator") || v.Has("admin") }

// mayWrite refuses an anonymous visitor (401) and anyone but coordinators (403).
func mayWrite(v *web.Viewer) error {
	switch {
	case v == nil:
		return fail.Unauthorized
	case !CanWrite(v):
		return fail.Forbidden
	}
	return nil
}

// FeedURL is the stable address of a show's feed.
func (s *Service) FeedURL(slug string) string { return s.baseURL + "/podcast/" + slug + "/feed.xml" }

// AbsURL makes a site path absolute.
func (s *Service) AbsURL(path string) string { return s.baseURL + path }

// newGUID is a random UUID (version 4) for an episode; it never changes.
func newGUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// putFile stores an upload under a fresh key and returns the key.
func (s *Service) putFile(ctx context.Context, data []byte, ext, contentType string) (string, error) {
	key := media.NewKey(ext, s.now())
	return key, s.files.Put(ctx, key, data, contentType)
}

// dropFiles removes files stored for a write that then failed, so none is left orphaned.
func (s *Service) dropFiles(keys ...string) {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := s.files.Delete(context.Background(), k); err != nil {
			s.log.Warn("podcast: remove file", "key", k, "err", err)
		}
	}
}
