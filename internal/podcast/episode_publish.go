package podcast

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// publishJob is the job kind that publishes a scheduled episode at its time.
const publishJob = "podcast.publish"

type publishPayload struct {
	EpisodeID int64     `json:"episode_id"`
	At        time.Time `json:"at"`
}

// Publish makes an episode public now (at zero) or schedules it for at, which must lie
// in the future; a job publishes it then.
func (s *Service) Publish(ctx context.Context, v *web.Viewer, id int64, at time.Time) (*Episode, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	now := s.now()
	if !at.IsZero() && !at.After(now) {
		return nil, fail.Fields{"publish_at": "podcast.error.publish_past"}
	}
	if !at.IsZero() && s.jobs == nil {
		return nil, fail.Fields{"publish_at": "podcast.error.no_scheduler"}
	}
	var e *Episode
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if e, err = episodeWhere(ctx, tx, `id = ?`+tx.ForUpdate(), id); err != nil {
			return err
		}
		e.UpdatedAt = now
		if at.IsZero() {
			e.Status, e.PublishAt = Published, now
		} else {
			e.Status, e.PublishAt = Scheduled, at.UTC()
			p := publishPayload{EpisodeID: e.ID, At: e.PublishAt}
			if _, err := s.jobs.Enqueue(ctx, tx, publishJob, p, jobs.RunAt(e.PublishAt),
				jobs.DedupeKey(fmt.Sprintf("%s:%d:%d", publishJob, e.ID, e.PublishAt.Unix()))); err != nil {
				return err
			}
		}
		if err := updateEpisode(ctx, tx, e); err != nil {
			return err
		}
		return s.afterWrite(ctx, tx, e)
	})
	if err == nil {
		s.changed()
	}
	return e, err
}

// Unpublish takes an episode back to draft: out of the feed, the pages and the search.
func (s *Service) Unpublish(ctx context.Context, v *web.Viewer, id int64) (*Episode, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	var e *Episode
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if e, err = episodeWhere(ctx, tx, `id = ?`+tx.ForUpdate(), id); err != nil {
			return err
		}
		e.Status, e.PublishAt, e.UpdatedAt = Draft, time.Time{}, s.now()
		if err := updateEpisode(ctx, tx, e); err != nil {
			return err
		}
		return s.afterWrite(ctx, tx, e)
	})
	if err == nil {
		s.changed()
	}
	return e, err
}

// runPublish is the job: it publishes the episode if it is still scheduled for the time
// the job was planned for (a rescheduled or unpublished episode has its own job or none).
func (s *Service) runPublish(ctx context.Context, raw json.RawMessage) error {
	var p publishPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return jobs.Permanent(err)
	}
	published := false
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := episodeWhere(ctx, tx, `id = ?`+tx.ForUpdate(), p.EpisodeID)
		if errors.Is(err, fail.NotFound) {
			return nil // deleted since
		}
		if err != nil {
			return err
		}
		if e.Status != Scheduled || !e.PublishAt.Equal(p.At.UTC()) {
			return nil
		}
		if s.now().Before(e.PublishAt) {
			return fmt.Errorf("podcast: episode %d is due at %s", e.ID, e.PublishAt)
		}
		e.Status, e.UpdatedAt = Published, s.now()
		if err := updateEpisode(ctx, tx, e); err != nil {
			return err
		}
		published = true
		return s.afterWrite(ctx, tx, e)
	})
	if err == nil && published {
		s.changed()
	}
	return err
}

// PublishDue publishes every scheduled episode whose time has come, as the jobs would;
// for the demo and tests that do not run the job worker.
func (s *Service) PublishDue(ctx context.Context) error {
	ids, err := db.Int64s(ctx, s.db, `SELECT id FROM podcast_episodes WHERE status = 'scheduled' AND publish_at <= ?`, s.now())
	if err != nil {
		return err
	}
	for _, id := range ids {
		e, err := episodeWhere(ctx, s.db, `id = ?`, id)
		if err != nil {
			return err
		}
		raw, _ := json.Marshal(publishPayload{EpisodeID: id, At: e.PublishAt})
		if err := s.runPublish(ctx, raw); err != nil {
			return err
		}
	}
	return nil
}

// searchKind is the kind of episodes in the site search ("Podcast episodes").
const searchKind = "episode"

// afterWrite brings what derives from a changed episode up to date in its transaction:
// the search documents and, when a hub is set, the feed's ping.
func (s *Service) afterWrite(ctx context.Context, q db.Querier, e *Episode) error {
	if err := s.reindex(ctx, q, e); err != nil {
		return err
	}
	return s.pingHub(ctx, q, e.ShowID)
}

func (s *Service) reindex(ctx context.Context, q db.Querier, e *Episode) error {
	if s.index == nil {
		return nil
	}
	sh, err := showWhere(ctx, q, `id = ?`, e.ShowID)
	if err != nil {
		return err
	}
	return s.indexEpisode(ctx, q, sh, e)
}

// indexEpisode replaces an episode's search documents (none unless it is published).
func (s *Service) indexEpisode(ctx context.Context, q db.Querier, sh *Show, e *Episode) error {
	if s.index == nil {
		return nil
	}
	ref := strconv.FormatInt(e.ID, 10)
	if err := s.index.Delete(ctx, q, searchKind, ref); err != nil {
		return err
	}
	return s.index.Put(ctx, q, episodeDocs(sh, e)...)
}

// episodeDocs are a published episode's search documents: one per language it has notes
// in, its own language always, with the transcript's text in that one.
func episodeDocs(sh *Show, e *Episode) []search.Document {
	if !e.Live() {
		return nil
	}
	ref := strconv.FormatInt(e.ID, 10)
	var docs []search.Document
	for _, lang := range i18n.Supported {
		notes := strings.TrimSpace(e.Notes.Get(lang))
		if lang != e.Language && notes == "" {
			continue
		}
		body := plainText(notes)
		if lang == e.Language && e.TranscriptText != "" {
			body += "\n" + e.TranscriptText
		}
		docs = append(docs, search.Document{Kind: searchKind, Ref: ref, Lang: lang, Title: e.Title, Body: body,
			URL: "/" + lang + "/podcast/" + sh.Slug + "/" + ref, Date: e.PublishAt})
	}
	return docs
}
