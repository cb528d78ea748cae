package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// b2bEvents gives b2b the events it attaches programmes to (b2b.Events).
type b2bEvents struct {
	svc *events.Service
	cat *i18n.Catalog
}

func (e b2bEvents) Event(ctx context.Context, v *web.Viewer, id int64) (b2b.EventInfo, error) {
	ev, err := e.svc.Get(ctx, v, id)
	if err != nil {
		return b2b.EventInfo{}, err
	}
	return b2b.EventInfo{ID: ev.ID, Slug: ev.Slug, Kind: string(ev.Kind), Title: ev.Title, Zone: ev.Zone,
		City: ev.Venue.City, StartsAt: ev.StartsAt, EndsAt: ev.EndsAt}, nil
}

// Zones names the venue's zone and the partner city's as event pages do.
func (e b2bEvents) Zones(lang string, ev b2b.EventInfo) (first, second i18n.Zone) {
	return events.Zones(e.cat, lang, &events.Event{Input: events.Input{Zone: ev.Zone, Venue: events.Venue{City: ev.City}}})
}
