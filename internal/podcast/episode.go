package podcast

import (
	"context"
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

// check validates the input's text fields into an episode.
func (in *EpisodeInput) check(e *Episode) fail.Fields {
	errs := fail.Fields{}
	e.Title, e.Language = strings.TrimSpace(in.Title), in.Language
	e.Notes = in.Notes.Trimmed()
	e.Season, e.Number, e.Explicit = in.Season, in.Number, in.Explicit
	e.Type = feed.EpisodeType(in.Type)
	if e.Type == "" {
		e.Type = feed.Full
	}
	e.EventIDs, e.ProjectIDs = in.EventIDs, in.ProjectIDs
	required(errs, "title", e.Title, 200)
	if !i18n.IsSupported(e.Language) {
		errs["language"] = "podcast.error.language"
	}
	for _, lang := range i18n.Supported {
		tooLong(errs, "notes_"+lang, e.Notes.Get(lang), 20000)
	}
	if e.Season < 0 || e.Season > 1000 {
		errs["season"] = "podcast.error.number"
	}
	if e.Number < 0 || e.Number > 100000 {
		errs["number"] = "podcast.error.number"
	}
	if e.Type != feed.Full && e.Type != feed.Trailer && e.Type != feed.Bonus {
		errs["type"] = "podcast.error.episode_type"
	}
	e.Persons = nil
	for _, p := range in.Persons {
		p.Name, p.Href, p.Img = strings.TrimSpace(p.Name), strings.TrimSpace(p.Href), strings.TrimSpace(p.Img)
		if p.Name == "" && p.Href == "" && p.Img == "" {
			continue // an empty row of the form
		}
		if p.Role == "" {
			p.Role = string(feed.Host)
		}
		if p.Name == "" || len(p.Name) > 128 || (p.Role != string(feed.Host) && p.Role != string(feed.Guest)) ||
			!webAddress(p.Href) || !webAddress(p.Img) {
			errs["persons"] = "podcast.error.person"
		}
		e.Persons = append(e.Persons, p)
	}
	return errs
}

// webAddress accepts "" or an absolute http(s) URL.
func webAddress(s string) bool {
	if s == "" {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Episode returns an episode with its show; drafts and scheduled episodes only to coordinators.
func (s *Service) Episode(ctx context.Context, v *web.Viewer, id int64) (*Episode, *Show, error) {
	e, err := episodeWhere(ctx, s.db, `id = ?`, id)
	if err != nil {
		return nil, nil, err
	}
	if !e.Live() && !CanWrite(v) {
		return nil, nil, fail.NotFound
	}
	sh, err := s.Show(ctx, e.ShowID)
	return e, sh, err
}

// EpisodeOfShow returns the episode id of the show slug; unpublished ones only to coordinators.
func (s *Service) EpisodeOfShow(ctx context.Context, v *web.Viewer, slug string, id int64) (*Episode, *Show, error) {
	e, sh, err := s.Episode(ctx, v, id)
	if err != nil {
		return nil, nil, err
	}
	if sh.Slug != slug {
		return nil, nil, fail.NotFound
	}
	return e, sh, nil
}

// PublicEpisode finds a published episode by its GUID (or id) within a show, for the
// files served at stable URLs.
func (s *Service) PublicEpisode(ctx context.Context, sh *Show, ref string) (*Episode, error) {
	e, err := episodeWhere(ctx, s.db, `show_id = ? AND guid = ?`, sh.ID, ref)
	if errors.Is(err, fail.NotFound) {
		if id, ok := parseID(ref); ok {
			e, err = episodeWhere(ctx, s.db, `show_id = ? AND id = ?`, sh.ID, id)
		}
	}
	if err != nil {
		return nil, err
	}
	if !e.Live() {
		return nil, fail.NotFound
	}
	return e, nil
}

// Episodes lists a show's episodes, newest first: all of them for coordinators, the
// published ones for everyone else.
func (s *Service) Episodes(ctx context.Context, v *web.Viewer, showID int64) ([]*Episode, error) {
	return episodesOf(ctx, s.db, showID, !CanWrite(v))
}

// CreateEpisode adds a draft episode to a show with its audio. Type, size and duration
// come from the audio's bytes; transcript, chapters and artwork are checked before
// anything is stored, and a failure leaves neither a row nor a file behind.
func (s *Service) CreateEpisode(ctx context.Context, v *web.Viewer, showID int64, in EpisodeInput, audio *Audio) (*Episode, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	sh, err := s.Show(ctx, showID)
	if err != nil {
		return nil, err
	}
	e := &Episode{ShowID: sh.ID, GUID: newGUID(), Status: Draft}
	errs := in.check(e)
	info, err := probeAudio(audio, s.maxAudio)
	if err != nil {
		mergeFields(errs, err)
	} else {
		e.AudioType, e.AudioSize, e.Duration = info.Type, info.Size, info.Duration
	}
	s.checkAttachments(in, e, errs)
	if err := s.checkLinks(ctx, e, errs); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	e.CreatedAt, e.UpdatedAt = s.now(), s.now()
	keys, err := s.storeEpisodeFiles(ctx, e, in, audio, info.Ext)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		// The show may have been deleted while the audio was stored.
		if _, err := showWhere(ctx, tx, `id = ?`+tx.ForUpdate(), e.ShowID); err != nil {
			return err
		}
		if err := s.checkNumber(ctx, tx, e); err != nil {
			return err
		}
		return uniqueNumber(insertEpisode(ctx, tx, e))
	})
	if err != nil {
		s.dropFiles(keys...)
		return nil, err
	}
	return e, nil
}

// UpdateEpisode changes an episode. audio nil keeps the current file; a published
// episode keeps its GUID whatever changes, so apps do not download it again.
func (s *Service) UpdateEpisode(ctx context.Context, v *web.Viewer, id int64, in EpisodeInput, audio *Audio) (*Episode, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	old, sh, err := s.Episode(ctx, v, id)
	if err != nil {
		return nil, err
	}
	e := *old
	errs := in.check(&e)
	ext := ""
	if audio != nil {
		info, err := probeAudio(audio, s.maxAudio)
		if err != nil {
			mergeFields(errs, err)
		} else {
			e.AudioType, e.AudioSize, e.Duration, ext = info.Type, info.Size, info.Duration, info.Ext
		}
	}
	s.checkAttachments(in, &e, errs)
	if err := s.checkLinks(ctx, &e, errs); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	e.UpdatedAt = s.now()
	keys, err := s.storeEpisodeFiles(ctx, &e, in, audio, ext)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		// The episode may have been deleted while the new files were stored; then they go.
		if _, err := episodeWhere(ctx, tx, `id = ?`+tx.ForUpdate(), e.ID); err != nil {
			return err
		}
		if err := s.checkNumber(ctx, tx, &e); err != nil {
			return err
		}
		if err := uniqueNumber(updateEpisode(ctx, tx, &e)); err != nil {
			return err
		}
		if err := s.indexEpisode(ctx, tx, sh, &e); err != nil {
			return err
		}
		if !old.Live() && !e.Live() {
			return nil // a draft's edit changes no feed
		}
		return s.pingHub(ctx, tx, e.ShowID)
	})
	if err != nil {
		s.dropFiles(keys...)
		return nil, err
	}
	if audio != nil {
		s.dropFiles(old.AudioKey)
	}
	if in.Artwork != nil {
		s.dropFiles(old.ArtworkKey)
	}
	s.changed()
	return &e, nil
}

// checkAttachments parses the transcript and chapters (against the audio's duration) and
// checks the artwork, recording failures in errs.
func (s *Service) checkAttachments(in EpisodeInput, e *Episode, errs fail.Fields) {
	if in.Transcript != nil {
		e.Transcript, e.TranscriptText = "", ""
		if len(in.Transcript) > 0 {
			vtt, plain, err := parseTranscript(in.Transcript)
			mergeFields(errs, err)
			e.Transcript, e.TranscriptText = vtt, plain
		}
	}
	if in.Chapters != nil {
		e.Chapters = ""
		if len(in.Chapters) > 0 {
			if _, bad := errs["audio"]; !bad {
				c, err := parseChapters(in.Chapters, e)
				mergeFields(errs, err)
				e.Chapters = c
			}
		}
	} else if e.Chapters != "" {
		// New audio may be shorter than the chapters already there.
		if _, err := parseChapters([]byte(e.Chapters), e); err != nil {
			mergeFields(errs, err)
		}
	}
	if in.Artwork != nil {
		if _, err := checkArtwork(in.Artwork, "artwork"); err != nil {
			mergeFields(errs, err)
		}
	}
}

// storeEpisodeFiles stores the new audio and artwork and returns their keys, for cleanup.
func (s *Service) storeEpisodeFiles(ctx context.Context, e *Episode, in EpisodeInput, audio *Audio, ext string) ([]string, error) {
	var keys []string
	if audio != nil {
		// The upload sits in a temporary file; it is copied into storage piece by piece.
		key := media.NewKey(ext, s.now())
		if err := s.files.PutStream(ctx, key, io.NewSectionReader(audio.R, 0, audio.Size), audio.Size, e.AudioType); err != nil {
			return nil, err
		}
		e.AudioKey, keys = key, append(keys, key)
	}
	if in.Artwork != nil {
		ext, _ := checkArtwork(in.Artwork, "artwork")
		key, err := s.putFile(ctx, in.Artwork, ext, imageType(ext))
		if err != nil {
			s.dropFiles(keys...)
			return nil, err
		}
		e.ArtworkKey, keys = key, append(keys, key)
	}
	return keys, nil
}

// checkNumber refuses a full episode whose number its season already has.
func (s *Service) checkNumber(ctx context.Context, q db.Querier, e *Episode) error {
	if e.Type != feed.Full || e.Number == 0 {
		return nil
	}
	taken, err := numberTaken(ctx, q, e.ShowID, e.Season, e.Number, e.ID)
	if err != nil {
		return err
	}
	if taken {
		return fail.Fields{"number": "podcast.error.number_taken"}
	}
	return nil
}

// uniqueNumber turns the index's refusal (two coordinators saving at once) into the same error.
func uniqueNumber(err error) error {
	if db.IsUniqueViolation(err) {
		return fail.Fields{"number": "podcast.error.number_taken"}
	}
	return err
}
