package podcast

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// feedShowOf loads a show and the channel of its feed.
func (s *Service) feedShowOf(ctx context.Context, slug string) (*Show, feed.Show, error) {
	sh, err := s.ShowBySlug(ctx, slug)
	if err != nil {
		return nil, feed.Show{}, err
	}
	var linked *Show
	if sh.LinkedID != 0 {
		if linked, err = s.Show(ctx, sh.LinkedID); err != nil && !errors.Is(err, fail.NotFound) {
			return nil, feed.Show{}, err
		}
	}
	fs := s.feedShow(sh, linked)
	fs.HubURL = s.hubURL
	return sh, fs, nil
}

// FeedData is a show's feed input: the show and its published episodes as the feed
// package takes them.
func (s *Service) FeedData(ctx context.Context, slug string) (feed.Show, []feed.Episode, error) {
	sh, fs, err := s.feedShowOf(ctx, slug)
	if err != nil {
		return feed.Show{}, nil, err
	}
	list, err := feedEpisodesOf(ctx, s.db, sh.ID)
	if err != nil {
		return feed.Show{}, nil, err
	}
	eps := make([]feed.Episode, len(list))
	for i, e := range list {
		eps[i] = s.feedEpisode(sh, e)
	}
	return fs, eps, nil
}

// FeedValidators are the ETag and Last-Modified of a show's feed, from the show and a
// fingerprint of its published episodes (feedFingerprintOf), so a podcast app's poll is
// answered 304 without loading, let alone rendering, the episodes. The fingerprint stands
// in feed.ETag for the list of items: one synthetic item whose GUID is the count and the
// ids, with the latest change and publication as its times.
func (s *Service) FeedValidators(ctx context.Context, slug string) (etag string, modified time.Time, err error) {
	sh, fs, err := s.feedShowOf(ctx, slug)
	if err != nil {
		return "", time.Time{}, err
	}
	fp, err := feedFingerprintOf(ctx, s.db, sh.ID)
	if err != nil {
		return "", time.Time{}, err
	}
	items := []feed.Episode{{GUID: fmt.Sprintf("%d episodes, ids %d", fp.Count, fp.IDs), PublishedAt: fp.LastPublished, UpdatedAt: fp.LastUpdate}}
	return feed.ETag(fs, items), lastModified(fs, items), nil
}

// Files serves everything under the stable /podcast/{slug}/ prefix, which podcast apps
// and partner sites keep for years: feed.xml, artwork.jpg|png, and per published episode
// {guid}.mp3|m4a, {guid}.vtt, {guid}.chapters.json and {guid}.jpg|png.
func (h *Handlers) Files(w http.ResponseWriter, r *http.Request) {
	slug, file := r.PathValue("slug"), r.PathValue("file")
	if file == "feed.xml" {
		h.Feed(w, r)
		return
	}
	sh, err := h.svc.ShowBySlug(r.Context(), slug)
	if err != nil {
		h.notFound(w, r, err)
		return
	}
	if strings.HasPrefix(file, "artwork.") {
		if "artwork"+extOf(sh.ArtworkKey) != file {
			h.fail(w, r, http.StatusNotFound)
			return
		}
		h.serveFile(w, r, sh.ArtworkKey, imageType(strings.TrimPrefix(extOf(sh.ArtworkKey), ".")), "public, max-age=3600")
		return
	}
	ref, kind := splitFile(file)
	e, err := h.svc.PublicEpisode(r.Context(), sh, ref)
	if err != nil {
		h.notFound(w, r, err)
		return
	}
	h.serveEpisodeFile(w, r, e, kind)
}

// splitFile reads "{ref}.{kind}", where kind may itself hold a dot (chapters.json).
func splitFile(file string) (ref, kind string) {
	if ref, ok := strings.CutSuffix(file, ".chapters.json"); ok {
		return ref, "chapters.json"
	}
	i := strings.LastIndexByte(file, '.')
	if i < 0 {
		return file, ""
	}
	return file[:i], file[i+1:]
}

func extOf(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i:]
	}
	return ""
}

// serveEpisodeFile answers one of an episode's files by its extension.
func (h *Handlers) serveEpisodeFile(w http.ResponseWriter, r *http.Request, e *Episode, kind string) {
	switch {
	case kind == e.Ext():
		h.serveAudio(w, r, e)
	case kind == "vtt" && e.Transcript != "":
		serveText(w, r, "text/vtt; charset=utf-8", e.Transcript, e.UpdatedAt)
	case kind == "chapters.json" && e.Chapters != "":
		serveText(w, r, "application/json+chapters; charset=utf-8", e.Chapters, e.UpdatedAt)
	case e.ArtworkKey != "" && "."+kind == extOf(e.ArtworkKey):
		h.serveFile(w, r, e.ArtworkKey, imageType(kind), "public, max-age=3600")
	default:
		h.fail(w, r, http.StatusNotFound)
	}
}

// serveText answers a small stored text with validators and ranges.
func serveText(w http.ResponseWriter, r *http.Request, contentType, body string, modified time.Time) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Access-Control-Allow-Origin", "*") // players on other sites fetch these
	http.ServeContent(w, r, "", modified, strings.NewReader(body))
}

func (h *Handlers) notFound(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, fail.NotFound) {
		h.fail(w, r, http.StatusNotFound)
		return
	}
	h.rd.Logger().Error("podcast: file", "path", r.URL.Path, "err", err)
	h.fail(w, r, http.StatusInternalServerError)
}

// Feed serves a show's RSS feed. Its ETag comes from the data alone (feed.ETag), so a
// podcast app that polls with If-None-Match gets a 304 before anything is rendered.
func (h *Handlers) Feed(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	etag, modified, err := h.svc.FeedValidators(r.Context(), slug)
	if err != nil {
		h.notFound(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("ETag", etag)
	hd.Set("Last-Modified", modified.Format(http.TimeFormat))
	hd.Set("Cache-Control", "public, max-age=300")
	hd.Set("Access-Control-Allow-Origin", "*") // web-based podcast players read feeds across origins
	if web.Fresh(r, hd) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	show, eps, err := h.svc.FeedData(r.Context(), slug)
	if err != nil {
		h.notFound(w, r, err)
		return
	}
	// The validators stay those read first: should an episode change in between, the next
	// poll's fingerprint differs from them and gets the new feed.
	if err := feed.Validate(show, eps); err != nil {
		// Only a show edited into an invalid state gets here; say so in the log, not to apps.
		h.rd.Logger().Error("podcast: feed", "slug", slug, "err", err)
		hd.Del("ETag")
		hd.Del("Last-Modified")
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	hd.Set("Content-Type", "application/rss+xml; charset=utf-8")
	if r.Method == http.MethodHead {
		return
	}
	_ = feed.Write(w, show, eps) // validated above; a failure now is the client going away
}

func lastModified(show feed.Show, eps []feed.Episode) time.Time {
	t := show.UpdatedAt
	for _, e := range eps {
		if e.UpdatedAt.After(t) {
			t = e.UpdatedAt
		}
		if e.PublishedAt.After(t) {
			t = e.PublishedAt
		}
	}
	return t.UTC().Truncate(time.Second)
}
