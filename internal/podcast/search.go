package podcast

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/search"
)

// SearchSource lists every published episode for `kopru reindex`, which drops documents
// no source lists.
func (s *Service) SearchSource() search.Source { return episodeSource{s} }

type episodeSource struct{ s *Service }

func (episodeSource) Kind() string { return searchKind }

func (src episodeSource) Count(ctx context.Context) (int, error) {
	var n int
	err := src.s.db.QueryRow(ctx, `SELECT COUNT(*) FROM podcast_episodes WHERE status = 'published'`).Scan(&n)
	return n, err
}

func (src episodeSource) Each(ctx context.Context, fn func(search.Document) error) error {
	shows, err := allShows(ctx, src.s.db)
	if err != nil {
		return err
	}
	for _, sh := range shows {
		list, err := episodesOf(ctx, src.s.db, sh.ID, true)
		if err != nil {
			return err
		}
		for _, e := range list {
			for _, d := range episodeDocs(sh, e) {
				if err := fn(d); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
