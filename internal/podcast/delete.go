package podcast

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Deleting episodes and shows. What the public can see (a published episode, a show with
// published episodes) goes only with an explicit confirmation, since podcast apps that
// already downloaded it keep a copy but the feed will never list it again.

// DeleteEpisode removes an episode, its search documents and its files. A published
// episode needs confirmed; a scheduled one simply never appears (its job finds nothing).
func (s *Service) DeleteEpisode(ctx context.Context, v *web.Viewer, id int64, confirmed bool) error {
	if err := mayWrite(v); err != nil {
		return err
	}
	var gone *Episode
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := episodeWhere(ctx, tx, `id = ?`+tx.ForUpdate(), id)
		if err != nil {
			return err
		}
		if e.Live() && !confirmed {
			return fail.Fields{"confirm": "podcast.error.delete_confirm"}
		}
		if err := s.unindex(ctx, tx, e.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM podcast_episodes WHERE id = ?`, e.ID); err != nil {
			return err
		}
		gone = e
		if !e.Live() {
			return nil // the feed never listed it
		}
		return s.pingHub(ctx, tx, e.ShowID)
	})
	if err != nil {
		return err
	}
	// Files go once the row is gone for good: a failed transaction leaves them in place.
	s.dropFiles(gone.AudioKey, gone.ArtworkKey)
	s.changed()
	return nil
}

// DeleteShow removes a show with all its episodes and files. A show with published
// episodes needs confirmed. The other language version of the series loses its link.
func (s *Service) DeleteShow(ctx context.Context, v *web.Viewer, id int64, confirmed bool) error {
	if err := mayWrite(v); err != nil {
		return err
	}
	var sh *Show
	var episodes []*Episode
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if sh, err = showWhere(ctx, tx, `id = ?`+tx.ForUpdate(), id); err != nil {
			return err
		}
		if episodes, err = episodesOf(ctx, tx, sh.ID, false); err != nil {
			return err
		}
		for _, e := range episodes {
			if e.Live() && !confirmed {
				return fail.Fields{"confirm": "podcast.error.delete_show_confirm"}
			}
			if err := s.unindex(ctx, tx, e.ID); err != nil {
				return err
			}
		}
		// Explicit rather than trusting ON DELETE on both engines' foreign key settings;
		// the linked feeds change (their podroll), so their hub hears of it.
		linked, err := db.Int64s(ctx, tx, `SELECT id FROM podcast_shows WHERE linked_show_id = ?`, sh.ID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE podcast_shows SET linked_show_id = NULL, updated_at = ? WHERE linked_show_id = ?`,
			s.now(), sh.ID); err != nil {
			return err
		}
		for _, id := range linked {
			if err := s.pingHub(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM podcast_episodes WHERE show_id = ?`, sh.ID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM podcast_shows WHERE id = ?`, sh.ID)
		return err
	})
	if err != nil {
		return err
	}
	s.dropFiles(sh.ArtworkKey)
	for _, e := range episodes {
		s.dropFiles(e.AudioKey, e.ArtworkKey)
	}
	s.changed()
	return nil
}

// unindex removes an episode's documents from the site search.
func (s *Service) unindex(ctx context.Context, q db.Querier, id int64) error {
	if s.index == nil {
		return nil
	}
	return s.index.Delete(ctx, q, searchKind, strconv.FormatInt(id, 10))
}
