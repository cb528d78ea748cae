package podcast

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseCategory reads "Name" or "Name > Sub" into an Apple category.
func ParseCategory(s string) feed.Category {
	name, sub, _ := strings.Cut(s, ">")
	return feed.Category{Name: strings.TrimSpace(name), Sub: strings.TrimSpace(sub)}
}

// CategoryLabel writes a category the way ParseCategory reads it.
func CategoryLabel(c feed.Category) string {
	if c.Sub == "" {
		return c.Name
	}
	return c.Name + " > " + c.Sub
}

// check validates the input's fields (not the artwork) into a show.
func (in *ShowInput) check(sh *Show) fail.Fields {
	errs := fail.Fields{}
	sh.Title, sh.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	sh.Author, sh.OwnerName = strings.TrimSpace(in.Author), strings.TrimSpace(in.OwnerName)
	sh.OwnerEmail, sh.Copyright = strings.TrimSpace(in.OwnerEmail), strings.TrimSpace(in.Copyright)
	sh.Language, sh.Explicit, sh.LinkedID = in.Language, in.Explicit, in.LinkedID
	sh.AppleURL = strings.TrimSpace(in.AppleURL)
	sh.FundingURL, sh.FundingLabel = strings.TrimSpace(in.FundingURL), strings.TrimSpace(in.FundingLabel)
	sh.Category = ParseCategory(in.Category)
	sh.Type = feed.ShowType(in.Type)
	if sh.Type == "" {
		sh.Type = feed.Episodic
	}
	slug := strings.TrimSpace(in.Slug)
	if slug == "" {
		slug = text.Slug(sh.Title)
	}
	sh.Slug = slug
	required(errs, "title", sh.Title, 200)
	required(errs, "description", sh.Description, 4000)
	tooLong(errs, "author", sh.Author, 200)
	tooLong(errs, "owner_name", sh.OwnerName, 200)
	tooLong(errs, "copyright", sh.Copyright, 300)
	if !i18n.IsSupported(sh.Language) {
		errs["language"] = "podcast.error.language"
	}
	if !feed.ValidCategory(sh.Category) {
		errs["category"] = "podcast.error.category"
	}
	if !web.IsEmail(sh.OwnerEmail) {
		errs["owner_email"] = "podcast.error.email"
	}
	if sh.Type != feed.Episodic && sh.Type != feed.Serial {
		errs["type"] = "podcast.error.show_type"
	}
	if !webAddress(sh.AppleURL) || len(sh.AppleURL) > 500 {
		errs["apple_url"] = "podcast.error.url"
	}
	checkFunding(errs, sh)
	if !slugShape.MatchString(sh.Slug) || len(sh.Slug) > 80 {
		errs["slug"] = "podcast.error.slug"
	}
	return errs
}

// checkFunding wants both halves of a funding link or neither: apps show the label as
// the link's text, so a link without one (or a label without a link) would be useless.
func checkFunding(errs fail.Fields, sh *Show) {
	if !webAddress(sh.FundingURL) || len(sh.FundingURL) > 500 {
		errs["funding_url"] = "podcast.error.url"
	}
	tooLong(errs, "funding_label", sh.FundingLabel, 128)
	switch {
	case sh.FundingURL != "" && sh.FundingLabel == "":
		errs["funding_label"] = "podcast.error.funding_label"
	case sh.FundingURL == "" && sh.FundingLabel != "":
		errs["funding_url"] = "podcast.error.funding_url"
	}
}

func required(errs fail.Fields, field, v string, max int) {
	if v == "" {
		errs[field] = "podcast.error.required"
		return
	}
	tooLong(errs, field, v, max)
}

func tooLong(errs fail.Fields, field, v string, max int) {
	if utf8.RuneCountInString(v) > max || !utf8.ValidString(v) {
		errs[field] = "podcast.error.too_long"
	}
}

// Shows lists every show, for the public index and the coordinators' list.
func (s *Service) Shows(ctx context.Context) ([]*Show, error) { return allShows(ctx, s.db) }

// Show returns a show by id.
func (s *Service) Show(ctx context.Context, id int64) (*Show, error) {
	return showWhere(ctx, s.db, `id = ?`, id)
}

// ShowBySlug returns a show by its slug.
func (s *Service) ShowBySlug(ctx context.Context, slug string) (*Show, error) {
	return showWhere(ctx, s.db, `slug = ?`, slug)
}

// CreateShow adds a show with its artwork. The podcast:guid is derived once from the
// feed URL and kept, so the show stays the same show if its address ever changes.
func (s *Service) CreateShow(ctx context.Context, v *web.Viewer, in ShowInput) (*Show, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	sh := &Show{}
	errs := in.check(sh)
	ext := ""
	if in.Artwork == nil {
		errs["artwork"] = "podcast.error.artwork_missing"
	} else if e, err := checkArtwork(in.Artwork, "artwork"); err != nil {
		mergeFields(errs, err)
	} else {
		ext = e
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sh.GUID = feed.PodcastGUID(s.FeedURL(sh.Slug))
	sh.CreatedAt, sh.UpdatedAt = s.now(), s.now()
	key, err := s.putFile(ctx, in.Artwork, ext, imageType(ext))
	if err != nil {
		return nil, err
	}
	sh.ArtworkKey = key
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.checkShowRefs(ctx, tx, sh); err != nil {
			return err
		}
		if err := insertShow(ctx, tx, sh); err != nil {
			return uniqueSlug(err)
		}
		return linkBack(ctx, tx, sh)
	})
	if err != nil {
		s.dropFiles(key)
		return nil, err
	}
	s.changed()
	return sh, nil
}

// UpdateShow changes a show; its GUID never changes. Artwork nil keeps the current image.
func (s *Service) UpdateShow(ctx context.Context, v *web.Viewer, id int64, in ShowInput) (*Show, error) {
	if err := mayWrite(v); err != nil {
		return nil, err
	}
	old, err := s.Show(ctx, id)
	if err != nil {
		return nil, err
	}
	sh := *old
	errs := in.check(&sh)
	ext := ""
	if in.Artwork != nil {
		if e, err := checkArtwork(in.Artwork, "artwork"); err != nil {
			mergeFields(errs, err)
		} else {
			ext = e
		}
	}
	if sh.LinkedID == sh.ID {
		errs["linked_show"] = "podcast.error.linked_show"
	}
	if len(errs) > 0 {
		return nil, errs
	}
	newKey := ""
	if ext != "" {
		if newKey, err = s.putFile(ctx, in.Artwork, ext, imageType(ext)); err != nil {
			return nil, err
		}
		sh.ArtworkKey = newKey
	}
	sh.UpdatedAt = s.now()
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.checkShowRefs(ctx, tx, &sh); err != nil {
			return err
		}
		if err := updateShow(ctx, tx, &sh); err != nil {
			return uniqueSlug(err)
		}
		if err := linkBack(ctx, tx, &sh); err != nil {
			return err
		}
		return s.pingHub(ctx, tx, sh.ID)
	})
	if err != nil {
		s.dropFiles(newKey)
		return nil, err
	}
	if newKey != "" {
		s.dropFiles(old.ArtworkKey)
	}
	s.changed()
	return &sh, nil
}

// checkShowRefs refuses a link to a show that does not exist.
func (s *Service) checkShowRefs(ctx context.Context, q db.Querier, sh *Show) error {
	if sh.LinkedID == 0 {
		return nil
	}
	if _, err := showWhere(ctx, q, `id = ?`, sh.LinkedID); err != nil {
		if errors.Is(err, fail.NotFound) {
			return fail.Fields{"linked_show": "podcast.error.linked_show"}
		}
		return err
	}
	return nil
}

// linkBack makes the link between the two language versions of a series go both ways.
func linkBack(ctx context.Context, q db.Querier, sh *Show) error {
	if sh.LinkedID == 0 {
		return nil
	}
	_, err := q.Exec(ctx, `UPDATE podcast_shows SET linked_show_id = ?, updated_at = ? WHERE id = ? AND linked_show_id IS NULL`,
		sh.ID, sh.UpdatedAt, sh.LinkedID)
	return err
}

func uniqueSlug(err error) error {
	if db.IsUniqueViolation(err) {
		return fail.Fields{"slug": "podcast.error.slug_taken"}
	}
	return err
}

func mergeFields(errs fail.Fields, err error) {
	if f, ok := err.(fail.Fields); ok {
		for k, v := range f {
			errs[k] = v
		}
	}
}

func imageType(ext string) string {
	if ext == "png" {
		return "image/png"
	}
	return "image/jpeg"
}
