package events

import "context"

// Companion is another module's page that belongs with an event, such as the B2B meetings
// of a business forum. The event page links to it; events knows nothing else about it.
type Companion struct {
	Path     string // the page's path without the language, e.g. "/b2b/{slug}/join"
	TitleKey string // catalog keys of the link's heading and its one-line text
	TextKey  string
}

// Companions finds the companion pages of an event. The answer must be the same for every
// visitor: event pages are cached.
type Companions interface {
	ForEvent(ctx context.Context, eventID int64, slug string) ([]Companion, error)
}

// UseCompanions wires the other modules' pages into event pages.
func (h *Handlers) UseCompanions(c Companions) { h.companions = c }

func (h *Handlers) companionsOf(ctx context.Context, e *Event) ([]Companion, error) {
	if h.companions == nil {
		return nil, nil
	}
	return h.companions.ForEvent(ctx, e.ID, e.Slug)
}
