package content

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// --- categories

// Categories lists every news category (public: the news list filters by them).
func (s *Service) Categories(ctx context.Context) ([]Category, error) {
	return listCategories(ctx, s.db)
}

func validateCategory(c *Category) fail.Fields {
	errs := fail.Fields{}
	c.Name = c.Name.Trimmed()
	c.Slug = strings.TrimSpace(c.Slug)
	if c.Name.Empty() {
		errs["name_tr"] = "form.required"
	}
	for _, l := range Langs {
		if tooLong(c.Name.Get(l), maxName) {
			errs["name_"+l] = "form.too_long"
		}
	}
	if c.Slug == "" {
		c.Slug = text.Slug(c.Name.In("tr"))
	}
	if !ValidSlug(c.Slug) {
		errs["slug"] = "content.slug_invalid"
	}
	return errs
}

// SaveCategory creates (c.ID == 0) or changes a category.
func (s *Service) SaveCategory(ctx context.Context, v *web.Viewer, c Category) (*Category, error) {
	if err := RequireEditor(v); err != nil {
		return nil, err
	}
	if errs := validateCategory(&c); len(errs) > 0 {
		return nil, errs
	}
	var err error
	if c.ID == 0 {
		err = insertCategory(ctx, s.db, &c, s.now())
	} else {
		err = updateCategory(ctx, s.db, &c, s.now())
	}
	if errors.Is(err, errSlugRace) {
		return nil, fail.Fields{"slug": "content.slug_taken"}
	}
	if err != nil {
		return nil, err
	}
	s.changed()
	return &c, nil
}

// DeleteCategory removes a category; its news stay, without a category.
func (s *Service) DeleteCategory(ctx context.Context, v *web.Viewer, id int64) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	if err := deleteCategory(ctx, s.db, id); err != nil {
		return err
	}
	s.changed()
	return nil
}

// --- navigation menu

// menuTTL bounds how stale the menu can be on an instance that did not make the change
// itself (several instances share one PostgreSQL); changes made here apply at once.
const menuTTL = 30 * time.Second

// menuCache keeps the menu in memory: every page's header shows it.
type menuCache struct {
	mu     sync.Mutex
	items  []MenuItem
	loaded time.Time
	gen    uint64 // bumped by every change, so a load that raced a change is not kept
}

func (c *menuCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.loaded = time.Time{}
	c.mu.Unlock()
}

func (c *menuCache) get(load func() ([]MenuItem, error)) ([]MenuItem, error) {
	c.mu.Lock()
	if !c.loaded.IsZero() && time.Since(c.loaded) < menuTTL {
		items := c.items
		c.mu.Unlock()
		return items, nil
	}
	gen := c.gen
	c.mu.Unlock()
	items, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.items, c.loaded = items, time.Now()
	}
	c.mu.Unlock()
	return items, nil
}

// Menu returns the navigation menu for readers in lang: links to pages that are not
// published are left out.
func (s *Service) Menu(ctx context.Context, lang string) ([]MenuLink, error) {
	items, err := s.menu.get(func() ([]MenuItem, error) { return listMenu(ctx, s.db) })
	if err != nil {
		return nil, err
	}
	links := make([]MenuLink, 0, len(items))
	for _, it := range items {
		l := MenuLink{Label: it.Label.In(lang)}
		if used := it.Label.Lang(lang); used != lang {
			l.Lang = used
		}
		switch {
		case it.EntryID != 0 && !it.EntryLive:
			continue
		case it.EntryID != 0:
			l.Href = "/" + lang + "/pages/" + it.EntrySlug
		case strings.HasPrefix(it.URL, "/"):
			l.Href = "/" + lang + it.URL // site paths are written without a language
		default:
			l.Href = it.URL
		}
		links = append(links, l)
	}
	return links, nil
}

// MenuItems lists the menu as editors manage it.
func (s *Service) MenuItems(ctx context.Context, v *web.Viewer) ([]MenuItem, error) {
	if err := RequireEditor(v); err != nil {
		return nil, err
	}
	return listMenu(ctx, s.db)
}

// AddMenuItem appends a link to a page (entryID) or to a URL.
func (s *Service) AddMenuItem(ctx context.Context, v *web.Viewer, it MenuItem) (*MenuItem, error) {
	if err := RequireEditor(v); err != nil {
		return nil, err
	}
	errs := fail.Fields{}
	it.Label, it.URL = it.Label.Trimmed(), strings.TrimSpace(it.URL)
	if it.Label.Empty() {
		errs["label_tr"] = "form.required"
	}
	for _, l := range Langs {
		if tooLong(it.Label.Get(l), maxName) {
			errs["label_"+l] = "form.too_long"
		}
	}
	switch {
	case it.EntryID != 0:
		e, err := entryByID(ctx, s.db, it.EntryID, "")
		if errors.Is(err, ErrNotFound) || (err == nil && e.Kind != Page) {
			errs["entry_id"] = "form.choice"
		} else if err != nil {
			return nil, err
		}
		it.URL = ""
	case it.URL == "":
		errs["url"] = "content.menu_target"
	case !validMenuURL(it.URL):
		errs["url"] = "form.url"
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error { return insertMenuItem(ctx, tx, &it, s.now()) }); err != nil {
		return nil, err
	}
	s.changed()
	return &it, nil
}

// MoveMenuItem moves an item one place up (delta -1) or down (+1). Positions are
// renumbered from 1, so gaps left by deletions never make a move look like it did nothing.
func (s *Service) MoveMenuItem(ctx context.Context, v *web.Viewer, id int64, delta int) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		items, err := listMenu(ctx, tx)
		if err != nil {
			return err
		}
		i := -1
		for k := range items {
			if items[k].ID == id {
				i = k
			}
		}
		if i < 0 {
			return ErrNotFound
		}
		if j := i + delta; j >= 0 && j < len(items) {
			items[i], items[j] = items[j], items[i]
		}
		now := s.now()
		for k, it := range items {
			if it.Position != k+1 {
				if err := setMenuPosition(ctx, tx, it.ID, k+1, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	s.changed()
	return err
}

// DeleteMenuItem removes a link from the menu.
func (s *Service) DeleteMenuItem(ctx context.Context, v *web.Viewer, id int64) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	err := deleteMenuItem(ctx, s.db, id)
	s.changed()
	return err
}
