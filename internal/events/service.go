package events

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Service holds the event rules. Authorization is checked here: admins and coordinators
// manage events and their registrations; people manage their own registrations.
type Service struct {
	db      *db.DB
	tickets *TicketSigner
	now     func() time.Time
	jobs    *jobs.Queue // mails and reminders (mail_jobs.go, reminders.go); nil plans none
	index   Indexer     // site search (search.go); nil: not indexed
	dir     Directory   // organisations (programme.go); nil: none can be named
	lib     Library     // the media library (programme.go); nil: no covers
}

// NewService wires the event rules. secret is the installation's ticket secret (at least 32
// bytes, kept across restarts: tickets already mailed must keep verifying).
func NewService(d *db.DB, secret []byte) *Service {
	return &Service{db: d, tickets: NewTicketSigner(secret), now: db.Now}
}

// CanManage reports whether v may create, change and staff events.
func CanManage(v *web.Viewer) bool { return v.Has("admin") || v.Has("coordinator") }

func requireManager(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !CanManage(v) {
		return ErrForbidden
	}
	return nil
}

// Get returns an event with its types. Managers see every state; anyone else sees only
// published and cancelled events (a draft is simply not found).
func (s *Service) Get(ctx context.Context, v *web.Viewer, id int64) (*Event, error) {
	e, err := eventByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return s.visible(ctx, v, e)
}

// BySlug is Get by the event's address.
func (s *Service) BySlug(ctx context.Context, v *web.Viewer, slug string) (*Event, error) {
	e, err := eventBySlug(ctx, s.db, slug)
	if err != nil {
		return nil, err
	}
	return s.visible(ctx, v, e)
}

func (s *Service) visible(ctx context.Context, v *web.Viewer, e *Event) (*Event, error) {
	if e.Status == Draft && !CanManage(v) {
		return nil, ErrNotFound
	}
	if err := loadTypes(ctx, s.db, e); err != nil {
		return nil, err
	}
	qn, err := loadQuestionnaire(ctx, s.db, e.ID)
	e.Questionnaire = qn
	return e, err
}

// List returns events starting in order. Anyone but a manager gets published, public ones only
// (unlisted and invitation-only events are reached by their link).
func (s *Service) List(ctx context.Context, v *web.Viewer, f Filter) ([]Event, error) {
	if !CanManage(v) {
		f.Status, f.PublicOnly = Published, true
	}
	f.Limit = min(max(f.Limit, 1), 200)
	f.Offset = max(f.Offset, 0)
	return listEvents(ctx, s.db, f)
}

// Create stores a new event with its registration types.
func (s *Service) Create(ctx context.Context, v *web.Viewer, in Input) (*Event, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	if len(in.Types) == 0 {
		in.Types = []RegistrationType{defaultType}
	}
	if err := s.validate(ctx, &in); err != nil {
		return nil, err
	}
	now := s.now()
	e := &Event{Input: in, CreatedAt: now, UpdatedAt: now}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.settleSlug(ctx, tx, e, in.Slug != ""); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e, v.ID); err != nil {
			return err
		}
		for i := range e.Types {
			e.Types[i].ID = 0 // a new event's types are new, whatever the caller sent
			if err := insertType(ctx, tx, e.ID, &e.Types[i], i); err != nil {
				return err
			}
		}
		if e.Questionnaire != nil {
			for i := range e.Questionnaire.Questions {
				e.Questionnaire.Questions[i].ID = 0 // as with types: a new event's questions are new
			}
			if err := s.saveQuestionnaire(ctx, tx, e); err != nil {
				return err
			}
		}
		if err := saveProgramme(ctx, tx, e); err != nil {
			return err
		}
		if err := s.indexSessions(ctx, tx, e, 0); err != nil {
			return err
		}
		return s.indexEvent(ctx, tx, e)
	})
	return e, eventWriteError(err)
}

// Update replaces an event's fields and types. A capacity or quota below the places already
// confirmed is refused with the numbers (*CapacityError); a larger one serves the waiting list
// at once (their mails planned in the same transaction), and the registrations promoted are
// returned.
func (s *Service) Update(ctx context.Context, v *web.Viewer, id int64, in Input) (*Event, []Registration, error) {
	if err := requireManager(v); err != nil {
		return nil, nil, err
	}
	if err := s.validate(ctx, &in); err != nil {
		return nil, nil, err
	}
	var (
		e        *Event
		promoted []Registration
	)
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := lockEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Slug == "" {
			in.Slug = old.Slug // an address, once given, changes only when asked to
		}
		if len(in.Types) == 0 {
			in.Types = old.Types
		}
		e = &Event{ID: id, Input: in, CreatedAt: old.CreatedAt, UpdatedAt: s.now()}
		if err := s.settleSlug(ctx, tx, e, in.Slug != old.Slug); err != nil {
			return err
		}
		counts, err := countConfirmed(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.Capacity > 0 && e.Capacity < counts.total {
			return &CapacityError{Field: "capacity", Confirmed: counts.total, Requested: e.Capacity}
		}
		if err := s.replaceTypes(ctx, tx, old, e, counts); err != nil {
			return err
		}
		if in.Questionnaire != nil {
			if err := s.saveQuestionnaire(ctx, tx, e); err != nil {
				return err
			}
		} else if e.Questionnaire, err = loadQuestionnaire(ctx, tx, id); err != nil {
			return err
		}
		if err := updateEvent(ctx, tx, e); err != nil {
			return err
		}
		before, err := countSessions(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := saveProgramme(ctx, tx, e); err != nil {
			return err
		}
		if err := s.indexSessions(ctx, tx, e, before); err != nil {
			return err
		}
		if !e.StartsAt.Equal(old.StartsAt) {
			if err := s.rescheduleReminders(ctx, tx, e); err != nil {
				return err
			}
		}
		if err := s.indexEvent(ctx, tx, e); err != nil {
			return err
		}
		promoted, err = s.promote(ctx, tx, e)
		return err
	})
	if err != nil {
		return nil, nil, eventWriteError(err)
	}
	return e, promoted, nil
}

// validate checks in on its own, then the cover and organisations it names.
func (s *Service) validate(ctx context.Context, in *Input) error {
	errs := in.validate()
	refs, err := s.checkReferences(ctx, in)
	if err != nil {
		return err
	}
	maps.Copy(errs, refs)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// replaceTypes writes e's types over old's: listed IDs are updated, new ones added, the rest
// removed if nobody ever registered under them.
func (s *Service) replaceTypes(ctx context.Context, tx *db.Tx, old, e *Event, counts placeCounts) error {
	for i := range e.Types {
		t := &e.Types[i]
		if t.ID == 0 {
			if err := insertType(ctx, tx, e.ID, t, i); err != nil {
				return err
			}
			continue
		}
		if _, ok := old.Type(t.ID); !ok {
			return fail.Fields{fmt.Sprintf("type_name_%d", i): "events.type_unknown"}
		}
		if n := counts.byType[t.ID]; t.Quota > 0 && t.Quota < n {
			return &CapacityError{Field: "type_quota_" + strconv.Itoa(i), Confirmed: n, Requested: t.Quota}
		}
		if err := updateType(ctx, tx, e.ID, *t, i); err != nil {
			return err
		}
	}
	for _, t := range old.Types {
		if slices.ContainsFunc(e.Types, func(n RegistrationType) bool { return n.ID == t.ID }) {
			continue
		}
		used, err := anyInType(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if used {
			return fail.Fields{"types": "events.type_in_use"}
		}
		if err := deleteType(ctx, tx, t.ID); err != nil {
			return err
		}
	}
	return nil
}

// settleSlug gives e a free address: a chosen slug must be free; one made from the title
// takes the next free number quietly.
func (s *Service) settleSlug(ctx context.Context, tx *db.Tx, e *Event, chosen bool) error {
	if e.Slug == "" {
		e.Slug = text.Slug(e.Title.In("tr"))
		if r := []rune(e.Slug); len(r) > maxSlug-4 {
			e.Slug = strings.Trim(string(r[:maxSlug-4]), "-") // room for a "-NN" suffix
		}
		switch {
		case e.Slug == "":
			e.Slug = string(e.Kind)
		case reservedSlugs[e.Slug]:
			e.Slug = string(e.Kind) + "-" + e.Slug
		}
		chosen = false
	}
	base := e.Slug
	for n := 2; ; n++ {
		used, err := slugUsed(ctx, tx, e.Slug, e.ID)
		if err != nil || !used {
			return err
		}
		if chosen {
			return fail.Fields{"slug": "events.slug_taken"}
		}
		e.Slug = base + "-" + strconv.Itoa(n)
	}
}

// eventWriteError turns the database's refusals into answers a form can show.
func eventWriteError(err error) error {
	switch {
	case err == nil:
		return nil
	case isForeignKeyViolation(err):
		return fail.Fields{"partnership_id": "events.partnership_unknown"}
	case db.IsUniqueViolation(err):
		// Two saves chose the same slug at once (PostgreSQL); the later one hears it is taken.
		return fail.Fields{"slug": "events.slug_taken"}
	}
	var (
		fields fail.Fields
		capErr *CapacityError
	)
	if errors.As(err, &capErr) || errors.As(err, &fields) || errors.Is(err, fail.NotFound) {
		return err
	}
	return fmt.Errorf("events: save: %w", err)
}
