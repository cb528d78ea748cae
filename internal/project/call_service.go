package project

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// CreateCall opens a call; coordinators only.
func (s *Service) CreateCall(ctx context.Context, v *web.Viewer, in CallInput) (*Call, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	c := &Call{CallInput: in, CreatedAt: now, UpdatedAt: now}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := s.slugFree(ctx, tx, c.Slug, 0); err != nil {
			return err
		}
		pid, err := callPartnership(ctx, tx)
		if err != nil {
			return err
		}
		if err := insertCall(ctx, tx, c, pid, v.ID); err != nil {
			return err
		}
		return saveCallParts(ctx, tx, c)
	})
	return c, err
}

// UpdateCall rewrites a call; coordinators only. Questions and criteria sent with their
// ids keep them, so answers and scores already given stay attached.
func (s *Service) UpdateCall(ctx context.Context, v *web.Viewer, id int64, in CallInput) (*Call, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	var c *Call
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := callByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.slugFree(ctx, tx, in.Slug, id); err != nil {
			return err
		}
		c = &Call{ID: id, CallInput: in, CreatedAt: old.CreatedAt, UpdatedAt: s.now()}
		if err := updateCall(ctx, tx, c); err != nil {
			return err
		}
		return saveCallParts(ctx, tx, c)
	})
	return c, err
}

func saveCallParts(ctx context.Context, tx *db.Tx, c *Call) error {
	if err := saveQuestions(ctx, tx, c); err != nil {
		return err
	}
	return saveCriteria(ctx, tx, c)
}

// slugFree refuses a slug another call uses, as a field error rather than a constraint failure.
func (s *Service) slugFree(ctx context.Context, q db.Querier, slug string, self int64) error {
	other, err := callBySlug(ctx, q, slug)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil
	case err != nil:
		return err
	case other.ID != self:
		return fail.Fields{"slug": "project.call.error.slug_taken"}
	}
	return nil
}

// Call returns a call with its questions and criteria: a published one to anyone, a draft
// to coordinators only.
func (s *Service) Call(ctx context.Context, v *web.Viewer, id int64) (*Call, error) {
	return s.visibleCall(v)(callByID(ctx, s.db, id))
}

// CallBySlug is Call by the public address.
func (s *Service) CallBySlug(ctx context.Context, v *web.Viewer, slug string) (*Call, error) {
	return s.visibleCall(v)(callBySlug(ctx, s.db, slug))
}

func (s *Service) visibleCall(v *web.Viewer) func(*Call, error) (*Call, error) {
	return func(c *Call, err error) (*Call, error) {
		if err != nil {
			return nil, err
		}
		if !c.Published && !CanCoordinate(v) {
			return nil, ErrNotFound
		}
		return c, nil
	}
}

// Calls lists calls, the latest opening first: published ones, and drafts too for
// coordinators when withDrafts.
func (s *Service) Calls(ctx context.Context, v *web.Viewer, withDrafts bool) ([]Call, error) {
	return listCalls(ctx, s.db, withDrafts && CanCoordinate(v))
}

// OpenCalls splits the published calls at now into those open or about to open and
// those closed.
func (s *Service) OpenCalls(ctx context.Context) (current, past []Call, err error) {
	all, err := listCalls(ctx, s.db, false)
	now := s.now()
	for _, c := range all {
		if c.Past(now) {
			past = append(past, c)
		} else {
			current = append(current, c)
		}
	}
	return current, past, err
}
