package podcast

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Link is a related event or project as an episode page shows it.
type Link struct {
	Title i18n.Text
	Path  string // site path without the language prefix, e.g. "/events/festival"
}

// Linker finds the events and projects an episode may point to; the app implements it over
// those modules. Ids that do not exist, or that the public may not see, are left out.
type Linker interface {
	Links(ctx context.Context, kind string, ids []int64) (map[int64]Link, error) // kind: "event" or "project"
}

// UseLinker turns on checking and showing an episode's related events and projects.
func (s *Service) UseLinker(l Linker) { s.linker = l }

// checkLinks refuses ids of events or projects that do not exist (or are not public).
func (s *Service) checkLinks(ctx context.Context, e *Episode, errs fail.Fields) error {
	if s.linker == nil {
		return nil
	}
	for _, k := range []struct {
		kind, field string
		ids         []int64
	}{{"event", "event_ids", e.EventIDs}, {"project", "project_ids", e.ProjectIDs}} {
		if len(k.ids) == 0 {
			continue
		}
		found, err := s.linker.Links(ctx, k.kind, k.ids)
		if err != nil {
			return err
		}
		for _, id := range k.ids {
			if _, ok := found[id]; !ok {
				errs[k.field] = "podcast.error.unknown_" + k.kind
			}
		}
	}
	return nil
}

// RelatedLinks lists the episode's events, then its projects, as far as they are public.
func (s *Service) RelatedLinks(ctx context.Context, e *Episode) ([]Link, error) {
	if s.linker == nil {
		return nil, nil
	}
	var out []Link
	for _, k := range []struct {
		kind string
		ids  []int64
	}{{"event", e.EventIDs}, {"project", e.ProjectIDs}} {
		if len(k.ids) == 0 {
			continue
		}
		found, err := s.linker.Links(ctx, k.kind, k.ids)
		if err != nil {
			return nil, err
		}
		for _, id := range k.ids {
			if l, ok := found[id]; ok {
				out = append(out, l)
			}
		}
	}
	return out, nil
}
