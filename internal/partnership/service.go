package partnership

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// cacheTTL bounds how stale the default partnership can be on an instance that did not make
// the write itself (several instances share one PostgreSQL database). Writes made through
// this instance invalidate at once.
const cacheTTL = 30 * time.Second

// Service holds the partnership rules. It is safe for concurrent use.
type Service struct {
	db    *db.DB
	now   func() time.Time
	index Indexer // nil: no search index (tests of the module alone)

	// The home page is benchmarked against a static file, so the default partnership and
	// its timeline are kept in memory rather than read on every request.
	mu       sync.RWMutex
	cached   *snapshot
	loadedAt time.Time
	gen      uint64 // bumped by every write, so a load that raced a write is not kept
}

type snapshot struct {
	p          Partnership
	milestones []Milestone
}

// NewService returns the partnership service over d.
func NewService(d *db.DB) *Service { return &Service{db: d, now: time.Now} }

// Default returns the installation's default partnership (İzmir–Bakü in the demo), or
// ErrNotFound on an installation without any.
func (s *Service) Default(ctx context.Context) (*Partnership, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	p := snap.p
	return &p, nil
}

func (s *Service) snapshot(ctx context.Context) (*snapshot, error) {
	s.mu.RLock()
	snap, gen := s.cached, s.gen
	fresh := snap != nil && s.now().Sub(s.loadedAt) < cacheTTL
	s.mu.RUnlock()
	if fresh {
		return snap, nil
	}
	p, err := defaultPartnership(ctx, s.db)
	if err != nil {
		return nil, err
	}
	ms, err := milestonesOf(ctx, s.db, p.ID)
	if err != nil {
		return nil, err
	}
	snap = &snapshot{p: *p, milestones: ms}
	s.mu.Lock()
	if s.gen == gen {
		s.cached, s.loadedAt = snap, s.now()
	}
	s.mu.Unlock()
	return snap, nil
}

func (s *Service) invalidate() {
	s.mu.Lock()
	s.cached = nil
	s.gen++
	s.mu.Unlock()
}

// List returns every partnership, the default first.
func (s *Service) List(ctx context.Context) ([]Partnership, error) {
	return listPartnerships(ctx, s.db)
}

// Get returns the partnership with slug, or ErrNotFound.
func (s *Service) Get(ctx context.Context, slug string) (*Partnership, error) {
	return partnershipBySlug(ctx, s.db, slug)
}

// Timeline returns a partnership's milestones: past ones oldest first, then planned ones.
// The slice is the caller's to keep.
func (s *Service) Timeline(ctx context.Context, partnershipID int64) ([]Milestone, error) {
	snap, err := s.snapshot(ctx)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if snap != nil && snap.p.ID == partnershipID {
		return slices.Clone(snap.milestones), nil
	}
	return milestonesOf(ctx, s.db, partnershipID)
}

// Anniversary is the default partnership's anniversary in year: 40 in 2026 for İzmir–Bakü.
func (s *Service) Anniversary(ctx context.Context, year int) (int, error) {
	p, err := s.Default(ctx)
	if err != nil {
		return 0, err
	}
	return p.Anniversary(year), nil
}

// canEditTimeline is the one rule for timeline writes: administrators and coordinators keep
// the record; members, reviewers and anonymous visitors only read it.
func canEditTimeline(v *web.Viewer) bool { return v.Has("admin") || v.Has("coordinator") }

// CreateMilestone adds m to its partnership's timeline, setting m.ID.
func (s *Service) CreateMilestone(ctx context.Context, v *web.Viewer, m *Milestone) error {
	if !canEditTimeline(v) {
		return ErrForbidden
	}
	if err := m.Validate(); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := partnershipExists(ctx, tx, m.PartnershipID); err != nil {
			return err
		}
		if err := insertMilestone(ctx, tx, m); err != nil {
			return err
		}
		return s.indexMilestone(ctx, tx, m)
	})
	s.invalidate()
	return err
}

// UpdateMilestone saves the changed fields of an existing milestone (by m.ID).
func (s *Service) UpdateMilestone(ctx context.Context, v *web.Viewer, m *Milestone) error {
	if !canEditTimeline(v) {
		return ErrForbidden
	}
	if err := m.Validate(); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := milestoneByID(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		m.PartnershipID, m.CreatedAt = old.PartnershipID, old.CreatedAt
		if err := updateMilestone(ctx, tx, m); err != nil {
			return err
		}
		return s.indexMilestone(ctx, tx, m)
	})
	s.invalidate()
	return err
}

// DeleteMilestone removes a milestone from its timeline.
func (s *Service) DeleteMilestone(ctx context.Context, v *web.Viewer, id int64) error {
	if !canEditTimeline(v) {
		return ErrForbidden
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := deleteMilestone(ctx, tx, id); err != nil {
			return err
		}
		if s.index == nil {
			return nil
		}
		return s.index.Delete(ctx, tx, searchKind, strconv.FormatInt(id, 10))
	})
	s.invalidate()
	return err
}
