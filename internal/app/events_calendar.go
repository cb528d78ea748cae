package app

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/events"
)

// partnershipRef resolves a calendar feed's ?partnership=, a slug or an id, to the
// partnership's id; one that does not exist is not found.
func (a *App) partnershipRef(ctx context.Context, ref string) (int64, error) {
	all, err := a.Partnership.List(ctx)
	if err != nil {
		return 0, err
	}
	for _, p := range all {
		if p.Slug == ref || strconv.FormatInt(p.ID, 10) == ref {
			return p.ID, nil
		}
	}
	return 0, events.ErrNotFound
}
