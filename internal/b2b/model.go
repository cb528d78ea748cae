// Package b2b runs B2B matchmaking at business forums: the programme organisers attach to a
// forum event (meeting sessions cut into slots, tables, the scheduling mode and the booking
// window). Events and organisations belong to other modules; b2b reaches them through the
// small interfaces it declares here, which the app wires.
package b2b

import (
	"context"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	ErrNotFound  = fmt.Errorf("b2b: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("b2b: %w", fail.Forbidden)
)

// BusinessForum is the only event kind a programme may be attached to (events.BusinessForum).
const BusinessForum = "business_forum"

// EventInfo is what b2b needs to know about an event.
type EventInfo struct {
	ID       int64
	Slug     string
	Kind     string
	Title    i18n.Text
	Zone     string // IANA zone of the venue
	City     string // the venue's city, to name its zone
	StartsAt time.Time
	EndsAt   time.Time
}

// Location is the venue's zone; the events module guarantees it loads.
func (e EventInfo) Location() *time.Location {
	loc, err := time.LoadLocation(e.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Events is what b2b needs from the events module.
type Events interface {
	// Event returns the event as v may see it (drafts only for organisers), or an error
	// wrapping fail.NotFound.
	Event(ctx context.Context, v *web.Viewer, id int64) (EventInfo, error)
	// EventBySlug is Event by the event's address.
	EventBySlug(ctx context.Context, v *web.Viewer, slug string) (EventInfo, error)
	// Zones returns the venue's zone and the partner city's, named in lang, in the order
	// pages show them.
	Zones(lang string, e EventInfo) (first, second i18n.Zone)
}

// CanOrganise reports whether v sets up programmes and validates profiles: the same people
// who manage events.
func CanOrganise(v *web.Viewer) bool { return v != nil && (v.Has("admin") || v.Has("coordinator")) }

func requireOrganiser(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !CanOrganise(v) {
		return ErrForbidden
	}
	return nil
}
