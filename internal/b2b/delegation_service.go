package b2b

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// People is what delegations need from identity besides the Directory: coordinators add
// interpreters and journalists, who belong to no applying company, by their account's address.
type People interface {
	// UserByEmail finds an account, or returns an error wrapping fail.NotFound.
	UserByEmail(ctx context.Context, email string) (Person, error)
}

// Delegations holds the rules of trade delegations. It is a service of its own beside
// Service: delegations do not hang off a forum's programme.
type Delegations struct {
	db     *db.DB
	dir    Directory
	people People
	jobs   *jobs.Queue // decision mails; nil sends none (tests of the rules alone)
	now    func() time.Time
}

// NewDelegations wires the delegation rules to identity.
func NewDelegations(d *db.DB, dir Directory, people People) *Delegations {
	return &Delegations{db: d, dir: dir, people: people, now: db.Now}
}

// UseJobs lets decisions plan the applicant's mail.
func (s *Delegations) UseJobs(q *jobs.Queue) { s.jobs = q }

// List returns the public delegations; coordinators asking withDrafts see drafts as well.
func (s *Delegations) List(ctx context.Context, v *web.Viewer, withDrafts bool) ([]Delegation, error) {
	return listDelegations(ctx, s.db, withDrafts && CanOrganise(v))
}

// Get returns a delegation v may see: drafts only for coordinators, 404 for anyone else.
func (s *Delegations) Get(ctx context.Context, v *web.Viewer, id int64) (*Delegation, error) {
	return s.visible(v)(delegationByID(ctx, s.db, id))
}

// BySlug is Get by the public address.
func (s *Delegations) BySlug(ctx context.Context, v *web.Viewer, slug string) (*Delegation, error) {
	return s.visible(v)(delegationBySlug(ctx, s.db, slug))
}

func (s *Delegations) visible(v *web.Viewer) func(*Delegation, error) (*Delegation, error) {
	return func(d *Delegation, err error) (*Delegation, error) {
		if err != nil {
			return nil, err
		}
		if !d.Status.Public() && !CanOrganise(v) {
			return nil, ErrNotFound
		}
		return d, nil
	}
}

// Create stores a new delegation (coordinators).
func (s *Delegations) Create(ctx context.Context, v *web.Viewer, in DelegationInput) (*Delegation, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	d := &Delegation{DelegationInput: in, CreatedAt: now, UpdatedAt: now}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := slugFree(ctx, tx, d); err != nil {
			return err
		}
		return insertDelegation(ctx, tx, d, v.ID)
	})
	if db.IsUniqueViolation(err) { // the same address taken in the same moment
		err = fail.Fields{"slug": "b2b.delegation.error.slug_taken"}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Update replaces a delegation's contents (coordinators).
func (s *Delegations) Update(ctx context.Context, v *web.Viewer, id int64, in DelegationInput) (*Delegation, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	var d *Delegation
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if d, err = delegationByID(ctx, tx, id); err != nil {
			return err
		}
		d.DelegationInput, d.UpdatedAt = in, s.now()
		if err := slugFree(ctx, tx, d); err != nil {
			return err
		}
		return updateDelegation(ctx, tx, d)
	})
	if db.IsUniqueViolation(err) {
		err = fail.Fields{"slug": "b2b.delegation.error.slug_taken"}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// slugFree refuses an address another delegation has, as a field error rather than the
// database's unique violation.
func slugFree(ctx context.Context, q db.Querier, d *Delegation) error {
	other, err := delegationBySlug(ctx, q, d.Slug)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil
	case err != nil:
		return err
	case other.ID != d.ID:
		return fail.Fields{"slug": "b2b.delegation.error.slug_taken"}
	}
	return nil
}

// Membership returns v's place in the delegation, or ErrNotFound.
func (s *Delegations) Membership(ctx context.Context, v *web.Viewer, delegationID int64) (*Member, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	return memberByUser(ctx, s.db, delegationID, v.ID)
}
