package content

import (
	"context"
	"strings"
)

// Companion is another module's page that an article belongs with, such as the project on
// the accountability tracker a news article reports on. The article's page links to it;
// content knows nothing else about it.
type Companion struct {
	LabelKey string // catalog key of the line's label, e.g. "Part of project:"
	Title    Text   // the linked page's title in its languages
	Path     string // the page's path without the language, e.g. "/projects/{slug}"
}

// Companions finds the companion pages of a published entry. The answer must be the same
// for every visitor: article pages are cached, and the module that owns the links purges
// the page cache when they change.
type Companions interface {
	ForEntry(ctx context.Context, kind Kind, id int64) ([]Companion, error)
}

// UseCompanions wires the other modules' pages into article pages.
func (h *Handlers) UseCompanions(c Companions) { h.companions = c }

// companionView is a companion as the article's page shows it.
type companionView struct {
	LabelKey string
	Title    localText
	Href     string
}

// companionsOf finds e's companions for readers of lang, and the words they add to the
// page's validator so that a new link is not hidden behind a 304.
func (h *Handlers) companionsOf(ctx context.Context, e *Entry, lang string) ([]companionView, []string, error) {
	if h.companions == nil {
		return nil, nil, nil
	}
	list, err := h.companions.ForEntry(ctx, e.Kind, e.ID)
	if err != nil {
		return nil, nil, err
	}
	views, parts := make([]companionView, len(list)), make([]string, 0, len(list))
	for i, c := range list {
		views[i] = companionView{LabelKey: c.LabelKey, Title: local(c.Title, lang), Href: "/" + lang + c.Path}
		parts = append(parts, strings.Join([]string{c.Path, c.Title.TR, c.Title.AZ, c.Title.EN}, "\x01"))
	}
	return views, parts, nil
}
