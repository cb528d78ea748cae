package content

import (
	"context"
	"maps"
	"path"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// MaxUpload is the largest file the library accepts. The upload route's body limit is a
// little larger, for the form fields around the file.
const MaxUpload = 20 << 20

const maxMediaText = 300

func validateMediaTexts(kind media.Kind, alt, caption *Text) fail.Fields {
	errs := fail.Fields{}
	*alt, *caption = alt.Trimmed(), caption.Trimmed()
	// A picture in a news article must be describable to someone who cannot see it.
	if kind == media.KindImage && alt.Empty() {
		errs["alt_tr"] = "content.alt_required"
	}
	for _, l := range Langs {
		if tooLong(alt.Get(l), maxMediaText) {
			errs["alt_"+l] = "form.too_long"
		}
		if tooLong(caption.Get(l), maxMediaText) {
			errs["caption_"+l] = "form.too_long"
		}
	}
	return errs
}

// Upload stores an inspected file in the library: the original and, for images, its
// variants (made once, here), then the row describing them.
func (s *Service) Upload(ctx context.Context, v *web.Viewer, u *media.Upload, alt, caption Text) (*Media, error) {
	if err := RequireEditor(v); err != nil {
		return nil, err
	}
	return s.addMedia(ctx, v.ID, u, alt, caption)
}

func (s *Service) addMedia(ctx context.Context, userID int64, u *media.Upload, alt, caption Text) (*Media, error) {
	if errs := validateMediaTexts(u.Kind, &alt, &caption); len(errs) > 0 {
		return nil, errs
	}
	variants, err := media.Variants(u)
	if err != nil {
		return nil, err
	}
	now := s.now()
	// The name keeps the uploader's words but the extension of what the file really is.
	name := strings.TrimSuffix(u.Name, path.Ext(u.Name)) + "." + u.Ext
	m := &Media{Kind: string(u.Kind), Key: media.NewKey(u.Ext, now), Name: name, ContentType: u.ContentType,
		Size: int64(len(u.Data)), Width: u.Width, Height: u.Height, Alt: alt, Caption: caption, CreatedAt: now, UpdatedAt: now}
	var stored []string
	// Files are written before the row, so a row never points at a missing file; if the row
	// cannot be written, the files go again.
	cleanup := func() {
		for _, k := range stored {
			if err := s.files.Delete(context.WithoutCancel(ctx), k); err != nil {
				s.log.Warn("media cleanup", "key", k, "err", err)
			}
		}
	}
	if err := s.files.Put(ctx, m.Key, u.Data, u.ContentType); err != nil {
		return nil, err
	}
	stored = append(stored, m.Key)
	for _, vr := range variants {
		key := media.NewKey(vr.Ext, now)
		if err := s.files.Put(ctx, key, vr.Data, vr.ContentType); err != nil {
			cleanup()
			return nil, err
		}
		stored = append(stored, key)
		m.Variants = append(m.Variants, Variant{Name: vr.Name, Key: key, Width: vr.Width, Height: vr.Height, ContentType: vr.ContentType})
	}
	if err := insertMedia(ctx, s.db, m, userID); err != nil {
		cleanup()
		return nil, err
	}
	return m, nil
}

// Library lists the media library, newest first; kind "image" or "document" filters.
func (s *Service) Library(ctx context.Context, v *web.Viewer, kind string, limit, offset int) ([]Media, int, error) {
	if err := RequireEditor(v); err != nil {
		return nil, 0, err
	}
	return listMedia(ctx, s.db, kind, limit, offset)
}

// ImagesByID returns the pictures among ids (other files and unknown ids are left out).
// Library files are public once uploaded, so it asks for no viewer; other modules use it to
// show a picture they refer to.
func (s *Service) ImagesByID(ctx context.Context, ids []int64) (map[int64]*Media, error) {
	found, err := mediaByIDs(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	maps.DeleteFunc(found, func(_ int64, m *Media) bool { return !m.IsImage() })
	return found, nil
}

// MediaItem returns one file and the entries that show it.
func (s *Service) MediaItem(ctx context.Context, v *web.Viewer, id int64) (*Media, []EntryRef, error) {
	if err := RequireEditor(v); err != nil {
		return nil, nil, err
	}
	m, err := mediaByID(ctx, s.db, id)
	if err != nil {
		return nil, nil, err
	}
	users, err := mediaUsers(ctx, s.db, id)
	return m, users, err
}

// UpdateMedia changes a file's alt text and caption. Bodies showing the file are rendered
// again in the same transaction, so every article shows the new words at once.
func (s *Service) UpdateMedia(ctx context.Context, v *web.Viewer, id int64, alt, caption Text) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		m, err := mediaByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if errs := validateMediaTexts(media.Kind(m.Kind), &alt, &caption); len(errs) > 0 {
			return errs
		}
		m.Alt, m.Caption, m.UpdatedAt = alt, caption, s.now()
		if err := updateMediaTexts(ctx, tx, m); err != nil {
			return err
		}
		users, err := mediaUsers(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, u := range users {
			e, err := entryByID(ctx, tx, u.ID, tx.ForUpdate())
			if err != nil {
				return err
			}
			library, err := mediaByIDs(ctx, tx, mediaUsed(e))
			if err != nil {
				return err
			}
			if err := renderBodies(e, library); err != nil {
				return err
			}
			if err := setRenderedBody(ctx, tx, e.ID, e.BodyHTML, e.BodyText); err != nil {
				return err
			}
			if err := s.reindex(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.changed()
	}
	return err
}

// DeleteMedia removes a file that no entry shows; one still in use is refused with ErrInUse.
func (s *Service) DeleteMedia(ctx context.Context, v *web.Viewer, id int64) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	m, err := mediaByID(ctx, s.db, id)
	if err != nil {
		return err
	}
	if err := deleteMediaRow(ctx, s.db, id); err != nil {
		return err
	}
	// The row is gone, so nothing links to the files any more; a failed file delete only
	// leaves an orphan behind, which is logged.
	keys := []string{m.Key}
	for _, vr := range m.Variants {
		keys = append(keys, vr.Key)
	}
	for _, k := range keys {
		if err := s.files.Delete(ctx, k); err != nil {
			s.log.Warn("media delete", "key", k, "err", err)
		}
	}
	return nil
}
