package content

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Indexer is what content needs from the search index: documents written in the caller's
// transaction, so the index changes exactly when the content does.
type Indexer interface {
	Put(ctx context.Context, q db.Querier, docs ...search.Document) error
	Delete(ctx context.Context, q db.Querier, kind, ref string) error
}

// Files is what content needs from media storage.
type Files interface {
	Put(ctx context.Context, key string, data []byte, contentType string) error
	Delete(ctx context.Context, key string) error
	ServeFile(w http.ResponseWriter, r *http.Request, key, downloadName string)
}

// Service holds the content rules. Authorization is checked here: editors (admins and
// coordinators) write, everyone reads what is published.
type Service struct {
	db    *db.DB
	jobs  *jobs.Queue
	index Indexer
	files Files
	log   *slog.Logger
	now   func() time.Time
	menu  menuCache

	onChange []func()
}

// NewService wires the content rules and registers the scheduled-publishing job on q.
func NewService(d *db.DB, q *jobs.Queue, ix Indexer, files Files, log *slog.Logger) *Service {
	s := &Service{db: d, jobs: q, index: ix, files: files, log: log, now: db.Now}
	q.Register(jobPublish, s.runPublish)
	return s
}

// OnChange registers f to run after every committed change that readers can see; the app
// purges its page cache with it. Register during wiring, before serving.
func (s *Service) OnChange(f func()) { s.onChange = append(s.onChange, f) }

func (s *Service) changed() {
	s.menu.invalidate()
	for _, f := range s.onChange {
		f()
	}
}

// CanEdit reports whether v may write content.
func CanEdit(v *web.Viewer) bool { return v.Has("admin") || v.Has("coordinator") }

// RequireEditor is the check every write starts with; handlers also call it before reading
// a large upload, so a stranger's 20 MiB is refused before it is read.
func RequireEditor(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !CanEdit(v) {
		return ErrForbidden
	}
	return nil
}

// Change is what a save does to the state: keep it, publish now, schedule for At, or
// unpublish.
type Change struct {
	Action Action
	At     time.Time // for ActionSchedule
}

// Get returns an entry by ID. Editors see every state; anyone else sees only what is
// published, and a hidden entry is simply not found (its existence is not revealed).
func (s *Service) Get(ctx context.Context, v *web.Viewer, kind Kind, id int64) (*Entry, error) {
	e, err := entryByID(ctx, s.db, id, "")
	if err != nil {
		return nil, err
	}
	if e.Kind != kind || (!e.Public() && !CanEdit(v)) {
		return nil, ErrNotFound
	}
	return e, s.attach(ctx, s.db, e)
}

// Public returns a published entry by its slug, for readers.
func (s *Service) Public(ctx context.Context, kind Kind, slug string) (*Entry, error) {
	e, err := entryBySlug(ctx, s.db, kind, slug)
	if err != nil {
		return nil, err
	}
	if !e.Public() {
		return nil, ErrNotFound
	}
	return e, s.attach(ctx, s.db, e)
}

// List returns one page of entries. Only editors may ask for other states than published.
func (s *Service) List(ctx context.Context, v *web.Viewer, f Filter) ([]Entry, int, error) {
	if f.Status != Published && !CanEdit(v) {
		f.Status = Published
	}
	f.Limit = min(max(f.Limit, 1), 100)
	f.Offset = max(f.Offset, 0)
	es, total, err := listEntries(ctx, s.db, f)
	if err != nil {
		return nil, 0, err
	}
	ptrs := make([]*Entry, len(es))
	for i := range es {
		ptrs[i] = &es[i]
	}
	return es, total, s.attach(ctx, s.db, ptrs...)
}

// attach loads what entries point at: category, cover and tags.
func (s *Service) attach(ctx context.Context, q db.Querier, es ...*Entry) error {
	if len(es) == 0 {
		return nil
	}
	var ids, covers []int64
	needCategories := false
	for _, e := range es {
		ids = append(ids, e.ID)
		if e.CoverID != 0 {
			covers = append(covers, e.CoverID)
		}
		needCategories = needCategories || e.CategoryID != 0
	}
	tags, err := tagsOf(ctx, q, ids)
	if err != nil {
		return err
	}
	media, err := mediaByIDs(ctx, q, covers)
	if err != nil {
		return err
	}
	var cats []Category
	if needCategories {
		if cats, err = listCategories(ctx, q); err != nil {
			return err
		}
	}
	for _, e := range es {
		e.Tags, e.Cover = tags[e.ID], media[e.CoverID]
		for i := range cats {
			if cats[i].ID == e.CategoryID {
				e.Category = &cats[i]
			}
		}
	}
	return nil
}

// Create stores a new entry of kind and applies c (a new entry is a draft unless c says
// otherwise).
func (s *Service) Create(ctx context.Context, v *web.Viewer, kind Kind, in Input, c Change) (*Entry, error) {
	return s.save(ctx, v, kind, 0, &in, c)
}

// Update replaces an entry's fields and applies c.
func (s *Service) Update(ctx context.Context, v *web.Viewer, kind Kind, id int64, in Input, c Change) (*Entry, error) {
	return s.save(ctx, v, kind, id, &in, c)
}

// Publish makes an entry public now, or at a future time when at is set.
func (s *Service) Publish(ctx context.Context, v *web.Viewer, kind Kind, id int64, at time.Time) (*Entry, error) {
	c := Change{Action: ActionPublish}
	if !at.IsZero() {
		c = Change{Action: ActionSchedule, At: at}
	}
	return s.save(ctx, v, kind, id, nil, c)
}

// Unpublish hides a public entry, or cancels a scheduled one.
func (s *Service) Unpublish(ctx context.Context, v *web.Viewer, kind Kind, id int64) (*Entry, error) {
	return s.save(ctx, v, kind, id, nil, Change{Action: ActionUnpublish})
}

// save is the one path every write of an entry takes: validate, apply the state change,
// render the bodies, and write the entry, its tags, media uses, revision, search documents
// and publishing job in one transaction. in == nil keeps the fields as they are.
func (s *Service) save(ctx context.Context, v *web.Viewer, kind Kind, id int64, in *Input, c Change) (*Entry, error) {
	if err := RequireEditor(v); err != nil {
		return nil, err
	}
	var e *Entry
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		now := s.now()
		var old *Entry
		if id != 0 {
			var err error
			if old, err = entryByID(ctx, tx, id, tx.ForUpdate()); err != nil {
				return err
			}
			if old.Kind != kind {
				return ErrNotFound
			}
			if err := s.attach(ctx, tx, old); err != nil {
				return err
			}
			cp := *old
			e = &cp
		} else {
			e = &Entry{Kind: kind, Status: Draft, CreatedAt: now}
		}
		errs := fail.Fields{}
		if in != nil {
			errs = in.validate(kind)
			if in.Slug == "" && old != nil {
				in.Slug = old.Slug // an address, once given, changes only when asked to
			}
			e.Input = *in
			e.Tags = slices.Clone(in.Tags)
		}
		s.transition(e, c, now, errs)
		if len(errs) > 0 {
			return errs
		}
		if err := s.settle(ctx, tx, e, in != nil && (old == nil || in.Slug != old.Slug), errs); err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		return s.write(ctx, tx, v, old, e, c, now)
	})
	if errors.Is(err, errSlugRace) {
		return nil, &SlugTakenError{Suggestion: e.Slug + "-2"}
	}
	if err != nil {
		return nil, err
	}
	s.changed()
	return e, nil
}

// transition applies c to e's state, recording problems in errs.
func (s *Service) transition(e *Entry, c Change, now time.Time, errs fail.Fields) {
	switch c.Action {
	case "", ActionSave:
	case ActionPublish:
		if e.Body.Empty() {
			errs["body_tr"] = "content.body_required"
		}
		if e.Status != Published {
			// An entry published before and taken down keeps its original date when it
			// comes back; anything else is published now, or at the past moment given
			// (an article carried over from elsewhere keeps its date).
			switch {
			case !c.At.IsZero() && !c.At.After(now):
				at := c.At.UTC().Truncate(time.Microsecond)
				e.PublishedAt = &at
			case e.Status != Unpublished || e.PublishedAt == nil:
				e.PublishedAt = &now
			}
			e.Status = Published
		}
	case ActionSchedule:
		at := c.At.UTC().Truncate(time.Microsecond)
		switch {
		case c.At.IsZero():
			errs["publish_at"] = "form.required"
		case !at.After(now):
			errs["publish_at"] = "content.schedule_past"
		case e.Status == Published:
			errs["publish_at"] = "content.already_published"
		}
		if e.Body.Empty() {
			errs["body_tr"] = "content.body_required"
		}
		e.Status, e.PublishedAt = Scheduled, &at
	case ActionUnpublish:
		switch e.Status {
		case Published:
			e.Status = Unpublished
		case Scheduled:
			e.Status, e.PublishedAt = Draft, nil
		}
	default:
		errs["action"] = "form.choice"
	}
}

// settle resolves what the fields point at: a free slug, the category, the cover and the
// library files in the bodies, which it also renders.
func (s *Service) settle(ctx context.Context, tx *db.Tx, e *Entry, slugChosen bool, errs fail.Fields) error {
	if e.Slug == "" {
		e.Slug = text.Slug(e.Title.In("tr"))
		if e.Slug == "" {
			e.Slug = string(e.Kind)
		}
		slugChosen = false
	}
	free, err := s.freeSlug(ctx, tx, e.Kind, e.Slug, e.ID)
	if err != nil {
		return err
	}
	if free != e.Slug {
		if slugChosen {
			return &SlugTakenError{Suggestion: free}
		}
		e.Slug = free // derived from the title: take the next free one quietly
	}
	if e.CategoryID != 0 {
		c, err := categoryByID(ctx, tx, e.CategoryID)
		if errors.Is(err, ErrNotFound) {
			errs["category_id"] = "form.choice"
		} else if err != nil {
			return err
		}
		e.Category = c
	} else {
		e.Category = nil
	}
	refs := []int64{}
	if e.CoverID != 0 {
		refs = append(refs, e.CoverID)
	}
	for _, l := range Langs {
		for _, id := range mediaRefs(e.Body.Get(l)) {
			if !slices.Contains(refs, id) {
				refs = append(refs, id)
			}
		}
	}
	library, err := mediaByIDs(ctx, tx, refs)
	if err != nil {
		return err
	}
	if e.CoverID != 0 {
		if e.Cover = library[e.CoverID]; e.Cover == nil || !e.Cover.IsImage() {
			errs["cover_id"] = "content.cover_invalid"
		}
	} else {
		e.Cover = nil
	}
	for _, l := range Langs {
		for _, id := range mediaRefs(e.Body.Get(l)) {
			if library[id] == nil {
				errs["body_"+l] = "content.media_unknown"
			}
		}
	}
	if len(errs) > 0 {
		return nil
	}
	return renderBodies(e, library)
}

func renderBodies(e *Entry, library map[int64]*Media) error {
	for _, l := range Langs {
		h, plain, err := render(e.Body.Get(l), l, library)
		if err != nil {
			return fmt.Errorf("content: render %s body: %w", l, err)
		}
		e.BodyHTML.Set(l, h)
		e.BodyText.Set(l, plain)
	}
	return nil
}

// freeSlug returns slug if no other entry of kind uses it, else the first free "slug-N".
func (s *Service) freeSlug(ctx context.Context, q db.Querier, kind Kind, slug string, except int64) (string, error) {
	for n := 1; n < 1000; n++ {
		try := slug
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			try = slug[:min(len(slug), maxSlug-len(suffix))] + suffix
		}
		used, err := slugUsed(ctx, q, kind, try, except)
		if err != nil || !used {
			return try, err
		}
	}
	return "", fmt.Errorf("content: no free slug for %q", slug)
}

// write stores e and everything that follows from it.
func (s *Service) write(ctx context.Context, tx *db.Tx, v *web.Viewer, old, e *Entry, c Change, now time.Time) error {
	rev := Revision{UserID: v.ID, UserName: v.Name, CreatedAt: now, Snapshot: e.Input}
	if old == nil {
		rev.Action, rev.Fields = "create", changedFields(&Entry{Input: Input{Author: Author{Kind: AuthorOrganisation}}}, e)
		if e.Status != Draft {
			rev.Fields = append(rev.Fields, "status")
		}
	} else {
		rev.Fields = changedFields(old, e)
		if old.Status != e.Status || !sameTime(old.PublishedAt, e.PublishedAt) {
			rev.Fields = append(rev.Fields, "status")
			rev.Action = string(c.Action)
		} else if len(rev.Fields) == 0 {
			return nil // nothing changed: no write, no revision
		} else {
			rev.Action = "update"
		}
		if e.Status == Published && old.Status == Published && slices.ContainsFunc(rev.Fields, isTextField) {
			e.RevisedAt = &now
		}
	}
	e.UpdatedAt = now
	if old == nil {
		if err := insertEntry(ctx, tx, e, v.ID); err != nil {
			return err
		}
	} else if err := updateEntry(ctx, tx, e); err != nil {
		return err
	}
	if err := setTags(ctx, tx, e.ID, e.Tags); err != nil {
		return err
	}
	if err := setMediaUses(ctx, tx, e.ID, mediaUsed(e)); err != nil {
		return err
	}
	rev.EntryID = e.ID
	if err := insertRevision(ctx, tx, &rev); err != nil {
		return err
	}
	if err := s.reindex(ctx, tx, e); err != nil {
		return err
	}
	if e.Status == Scheduled && (old == nil || old.Status != Scheduled || !sameTime(old.PublishedAt, e.PublishedAt)) {
		at := *e.PublishedAt
		_, err := s.jobs.Enqueue(ctx, tx, jobPublish, publishJob{ID: e.ID, At: at},
			jobs.RunAt(at), jobs.DedupeKey(fmt.Sprintf("%s:%d:%d", jobPublish, e.ID, at.UnixMicro())))
		return err
	}
	return nil
}

// reindex keeps the search index equal to what readers can see.
func (s *Service) reindex(ctx context.Context, q db.Querier, e *Entry) error {
	if err := s.index.Delete(ctx, q, string(e.Kind), strconv.FormatInt(e.ID, 10)); err != nil {
		return err
	}
	if !e.Public() {
		return nil
	}
	return s.index.Put(ctx, q, documents(e)...)
}

func sameTime(a, b *time.Time) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && a.Equal(*b))
}

// changedFields names the editable fields that differ between a and b, for the history.
func changedFields(a, b *Entry) []string {
	var out []string
	add := func(name string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, name)
		}
	}
	add("slug", a.Slug, b.Slug)
	add("title", a.Title, b.Title)
	add("lead", a.Lead, b.Lead)
	add("body", a.Body, b.Body)
	add("cover", a.CoverID, b.CoverID)
	add("author", a.Author, b.Author)
	add("category", a.CategoryID, b.CategoryID)
	if len(a.Tags) > 0 || len(b.Tags) > 0 {
		add("tags", a.Tags, b.Tags)
	}
	return out
}

// isTextField tells which changes readers notice as an update of the article.
func isTextField(f string) bool { return f == "title" || f == "lead" || f == "body" }

// mediaUsed lists the library files e shows.
func mediaUsed(e *Entry) []int64 {
	var ids []int64
	if e.CoverID != 0 {
		ids = append(ids, e.CoverID)
	}
	for _, l := range Langs {
		for _, id := range mediaRefs(e.Body.Get(l)) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// Delete removes an entry with its history; its menu items go with it.
func (s *Service) Delete(ctx context.Context, v *web.Viewer, kind Kind, id int64) error {
	if err := RequireEditor(v); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := entryByID(ctx, tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if e.Kind != kind {
			return ErrNotFound
		}
		if err := deleteEntry(ctx, tx, id); err != nil {
			return err
		}
		return s.index.Delete(ctx, tx, string(kind), strconv.FormatInt(id, 10))
	})
	if err == nil {
		s.changed()
	}
	return err
}

// Revisions returns an entry and its history, newest first.
func (s *Service) Revisions(ctx context.Context, v *web.Viewer, kind Kind, id int64) (*Entry, []Revision, error) {
	if err := RequireEditor(v); err != nil {
		return nil, nil, err
	}
	e, err := s.Get(ctx, v, kind, id)
	if err != nil {
		return nil, nil, err
	}
	revs, err := revisionsOf(ctx, s.db, id)
	return e, revs, err
}
