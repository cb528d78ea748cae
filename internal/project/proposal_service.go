package project

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Errors of the proposal workflow, shown to the proposer as such.
var (
	// ErrNotEditable refuses a change to a submitted proposal: a new version is the way.
	ErrNotEditable = fmt.Errorf("project: proposal already submitted: %w", fail.Conflict)
	// ErrCallClosed refuses a submission outside the call's open period.
	ErrCallClosed = fmt.Errorf("project: call not open: %w", fail.Conflict)
	// ErrNotVersionable refuses a new version of a draft or a decided proposal.
	ErrNotVersionable = fmt.Errorf("project: no new version of this proposal: %w", fail.Conflict)
)

// proposerOrgs is the ids of the organisations v belongs to.
func (s *Service) proposerOrgs(ctx context.Context, v *web.Viewer) ([]int64, error) {
	if v == nil {
		return nil, nil
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	return ids, err
}

// ownsProposal reports whether v is a member of the organisation p is proposed by.
func (s *Service) ownsProposal(ctx context.Context, v *web.Viewer, p *Proposal) (bool, error) {
	orgs, err := s.proposerOrgs(ctx, v)
	return slices.Contains(orgs, p.OrganisationID), err
}

// Proposal returns proposal id with its parts, if v may read it: members of the proposing
// organisation read all of theirs, drafts included; everyone else (reviewers,
// coordinators, the public) reads proposals once submitted. Reviews, notes and scores are
// not part of it: they live with the review and have their own rules.
func (s *Service) Proposal(ctx context.Context, v *web.Viewer, id int64) (*Proposal, error) {
	p, err := proposalByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if p.Status != Draft {
		return p, nil
	}
	mine, err := s.ownsProposal(ctx, v, p)
	if err != nil {
		return nil, err
	}
	if !mine {
		return nil, ErrNotFound // a draft is nobody else's business, not even that it exists
	}
	return p, nil
}

// checkProposer refuses v proposing for an organisation they are not a member of, and a
// call that is not published (or does not exist). It returns the call, nil for the intake.
func (s *Service) checkProposer(ctx context.Context, q db.Querier, v *web.Viewer, in *ProposalInput) (*Call, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	orgs, err := s.proposerOrgs(ctx, v)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(orgs, in.OrganisationID) {
		return nil, fail.Fields{"organisation_id": "project.proposal.error.not_member"}
	}
	if in.CallID == 0 {
		return nil, nil
	}
	c, err := callByID(ctx, q, in.CallID)
	if errors.Is(err, ErrNotFound) || err == nil && !c.Published {
		return nil, fail.Fields{"call_id": "form.choice"}
	}
	return c, err
}

// checkPartners refuses a link to an identity organisation that does not exist, and names
// a linked partner as the platform knows it (its city too, unless the proposer gave one).
func (s *Service) checkPartners(ctx context.Context, in *ProposalInput) error {
	ids := []int64{}
	for _, p := range in.Partners {
		if p.OrganisationID != 0 {
			ids = append(ids, p.OrganisationID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := s.dir.Organisations(ctx, ids)
	if err != nil {
		return err
	}
	for i, p := range in.Partners {
		o, ok := found[p.OrganisationID]
		switch {
		case p.OrganisationID == 0:
		case !ok:
			return fail.Fields{repeatField("partner", i): "project.proposal.error.partner_org"}
		default:
			in.Partners[i].Name = o.Name
			if p.City == "" {
				in.Partners[i].City = o.City
			}
		}
	}
	return nil
}

// CreateDraft starts a proposal as a draft, for an organisation v is a member of.
func (s *Service) CreateDraft(ctx context.Context, v *web.Viewer, in ProposalInput) (*Proposal, error) {
	if _, err := s.checkProposer(ctx, s.db, v, &in); err != nil {
		return nil, err
	}
	if errs := in.validateDraft(); len(errs) > 0 {
		return nil, errs
	}
	if err := s.checkPartners(ctx, &in); err != nil {
		return nil, err
	}
	now := s.now()
	p := &Proposal{ProposalInput: in, Version: 1, Status: Draft, CreatedBy: v.ID, CreatedAt: now, UpdatedAt: now}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		pid, err := callPartnership(ctx, tx)
		if err != nil {
			return err
		}
		if err := insertProposal(ctx, tx, p, pid); err != nil {
			return err
		}
		return writeProposalParts(ctx, tx, p)
	})
	return p, err
}

// SaveDraft rewrites a draft; members of its organisation only, and only while it is a
// draft (ErrNotEditable after). A new version keeps its call.
func (s *Service) SaveDraft(ctx context.Context, v *web.Viewer, id int64, in ProposalInput) (*Proposal, error) {
	var p *Proposal
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if p, err = s.draftFor(ctx, tx, v, id); err != nil {
			return err
		}
		if p.PreviousID != 0 {
			in.CallID = p.CallID
		}
		if _, err := s.checkProposer(ctx, tx, v, &in); err != nil {
			return err
		}
		if errs := in.validateDraft(); len(errs) > 0 {
			return errs
		}
		if err := s.checkPartners(ctx, &in); err != nil {
			return err
		}
		p.ProposalInput, p.UpdatedAt = in, s.now()
		if err := updateProposal(ctx, tx, p); err != nil {
			return err
		}
		return writeProposalParts(ctx, tx, p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// draftFor reads proposal id for a change by v: theirs, and still a draft.
func (s *Service) draftFor(ctx context.Context, q db.Querier, v *web.Viewer, id int64) (*Proposal, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	p, err := proposalByID(ctx, q, id)
	if err != nil {
		return nil, err
	}
	mine, err := s.ownsProposal(ctx, v, p)
	switch {
	case err != nil:
		return nil, err
	case !mine && p.Status == Draft:
		return nil, ErrNotFound
	case !mine:
		return nil, ErrForbidden
	case !p.Editable():
		return nil, ErrNotEditable
	}
	return p, nil
}

// Submit checks a draft in full and submits it: its call must be open now (a new version
// excepted). A new version
// takes its previous one's place in review (the previous one is superseded, its reviewers
// carry over). The proposer's author is mailed.
func (s *Service) Submit(ctx context.Context, v *web.Viewer, id int64) (*Proposal, error) {
	var p *Proposal
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if p, err = s.draftFor(ctx, tx, v, id); err != nil {
			return err
		}
		c, err := s.checkProposer(ctx, tx, v, &p.ProposalInput)
		if err != nil {
			return err
		}
		now := s.now()
		// A new version answers the review of a proposal submitted in time, so it may come
		// after the call has closed.
		if c != nil && p.PreviousID == 0 && !c.OpenAt(now) {
			return ErrCallClosed
		}
		if errs := p.validateSubmit(c); len(errs) > 0 {
			return errs
		}
		if ok, err := setProposalStatus(ctx, tx, p.ID, Submitted, now, Draft); err != nil || !ok {
			return errOr(err, ErrNotEditable)
		}
		p.Status, p.SubmittedAt, p.UpdatedAt = Submitted, &now, now
		if err := s.supersede(ctx, tx, p); err != nil {
			return err
		}
		if err := s.indexProposals(ctx, tx, p.ID, p.PreviousID); err != nil { // proposal_search.go
			return err
		}
		return s.queueProposalMail(ctx, tx, p.ID)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// supersede retires the version p replaces, if it is still waiting for review.
func (s *Service) supersede(ctx context.Context, tx *db.Tx, p *Proposal) error {
	if p.PreviousID == 0 {
		return nil
	}
	ok, err := setProposalStatus(ctx, tx, p.PreviousID, Superseded, p.UpdatedAt, Submitted, NeedsInfo)
	if err != nil || !ok {
		return errOr(err, ErrNotVersionable) // decided meanwhile: the new version has no place
	}
	return inheritReview(ctx, tx, p.PreviousID, p.ID)
}

// NewVersion makes a draft copy of a submitted proposal (or one that needs more
// information) for its organisation's members to change and submit again; everything is
// carried over, attachments too. Asking twice returns the same draft.
func (s *Service) NewVersion(ctx context.Context, v *web.Viewer, id int64) (*Proposal, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	var next int64
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := proposalByID(ctx, tx, id)
		if err != nil {
			return err
		}
		mine, err := s.ownsProposal(ctx, v, p)
		switch {
		case err != nil:
			return err
		case !mine && p.Status == Draft:
			return ErrNotFound
		case !mine:
			return ErrForbidden
		case !p.Versionable():
			return ErrNotVersionable
		}
		if next, err = pendingVersion(ctx, tx, id); err != nil || next != 0 {
			return err
		}
		return s.copyProposal(ctx, tx, v, p, &next)
	})
	if err != nil {
		return nil, err
	}
	return proposalByID(ctx, s.db, next)
}

func (s *Service) copyProposal(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Proposal, next *int64) error {
	pid, err := callPartnership(ctx, tx)
	if err != nil {
		return err
	}
	now := s.now()
	c := &Proposal{ProposalInput: p.ProposalInput, PreviousID: p.ID, Version: p.Version + 1, Status: Draft,
		CreatedBy: v.ID, CreatedAt: now, UpdatedAt: now}
	if err := insertProposal(ctx, tx, c, pid); err != nil {
		return err
	}
	if err := writeProposalParts(ctx, tx, c); err != nil {
		return err
	}
	*next = c.ID
	return copyAttachments(ctx, tx, p.ID, c.ID)
}

// errOr is err, or fallback when there was none.
func errOr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
