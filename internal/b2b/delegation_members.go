package b2b

import (
	"context"
	"errors"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Members and the itinerary, as coordinators keep them and members see them.

// Members lists the delegation's members for coordinators and for the members themselves
// (who travel together and should know each other); anyone else is refused.
func (s *Delegations) Members(ctx context.Context, v *web.Viewer, delegationID int64) ([]Member, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	if _, err := s.Get(ctx, v, delegationID); err != nil {
		return nil, err
	}
	if !CanOrganise(v) {
		if _, err := memberByUser(ctx, s.db, delegationID, v.ID); err != nil {
			return nil, orForbidden(ignoreNotFound(err))
		}
	}
	list, err := listMembers(ctx, s.db, delegationID)
	if err != nil {
		return nil, err
	}
	return list, s.nameMembers(ctx, list)
}

func ignoreNotFound(err error) error {
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

func (s *Delegations) nameMembers(ctx context.Context, list []Member) error {
	return named(ctx, s.dir, list, func(m *Member) (int64, *Organisation) { return m.OrganisationID, &m.Organisation })
}

// AddMember adds an account to the delegation (coordinators).
func (s *Delegations) AddMember(ctx context.Context, v *web.Viewer, delegationID int64, in MemberInput) (*Member, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	p, err := s.people.UserByEmail(ctx, in.Email)
	if errors.Is(err, fail.NotFound) {
		return nil, fail.Fields{"email": "b2b.delegation.error.no_account"}
	}
	if err != nil {
		return nil, err
	}
	if in.OrganisationID != 0 {
		orgs, err := s.dir.Organisations(ctx, []int64{in.OrganisationID})
		if err != nil {
			return nil, err
		}
		if _, ok := orgs[in.OrganisationID]; !ok {
			return nil, fail.Fields{"organisation_id": "form.choice"}
		}
	}
	m := &Member{DelegationID: delegationID, UserID: p.UserID, OrganisationID: in.OrganisationID, Name: p.Name,
		PassportName: in.PassportName, Nationality: in.Nationality, Role: in.Role, CreatedAt: s.now()}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := delegationByID(ctx, tx, delegationID); err != nil {
			return err
		}
		if _, err := memberByUser(ctx, tx, delegationID, p.UserID); err == nil {
			return fail.Fields{"email": "b2b.delegation.error.already_member"}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		return insertMember(ctx, tx, m)
	})
	if db.IsUniqueViolation(err) { // approved in the same moment
		err = fail.Fields{"email": "b2b.delegation.error.already_member"}
	}
	if err != nil {
		return nil, err
	}
	list := []Member{*m}
	return &list[0], s.nameMembers(ctx, list)
}

// SetRole changes what a member does (coordinators).
func (s *Delegations) SetRole(ctx context.Context, v *web.Viewer, memberID int64, role MemberRole) error {
	if err := requireOrganiser(v); err != nil {
		return err
	}
	if !slices.Contains(MemberRoles, role) {
		return fail.Fields{"role": "form.choice"}
	}
	if _, err := memberByID(ctx, s.db, memberID); err != nil {
		return err
	}
	return setMemberRole(ctx, s.db, memberID, role)
}

// RemoveMember takes someone off the delegation (coordinators); their restricted
// itinerary items forget them.
func (s *Delegations) RemoveMember(ctx context.Context, v *web.Viewer, memberID int64) error {
	if err := requireOrganiser(v); err != nil {
		return err
	}
	if _, err := memberByID(ctx, s.db, memberID); err != nil {
		return err
	}
	return deleteMember(ctx, s.db, memberID)
}

// Member returns one member to coordinators and to the member; 404 for anyone else.
func (s *Delegations) Member(ctx context.Context, v *web.Viewer, memberID int64) (*Member, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	m, err := memberByID(ctx, s.db, memberID)
	if err != nil {
		return nil, err
	}
	if m.UserID != v.ID && !CanOrganise(v) {
		return nil, ErrNotFound
	}
	list := []Member{*m}
	return &list[0], s.nameMembers(ctx, list)
}

// Itinerary returns the items v sees: coordinators all, a member the public ones and their
// own, anyone else the public ones.
func (s *Delegations) Itinerary(ctx context.Context, v *web.Viewer, delegationID int64) ([]Item, error) {
	if _, err := s.Get(ctx, v, delegationID); err != nil {
		return nil, err
	}
	items, err := listItems(ctx, s.db, delegationID)
	if err != nil || CanOrganise(v) {
		return items, err
	}
	var memberID int64
	if v != nil {
		m, err := memberByUser(ctx, s.db, delegationID, v.ID)
		if ignoreNotFound(err) != nil {
			return nil, err
		}
		if m != nil {
			memberID = m.ID
		}
	}
	out := items[:0]
	for _, it := range items {
		if it.visibleTo(memberID) {
			out = append(out, it)
		}
	}
	return out, nil
}

// PublicItinerary is the itinerary as anyone sees it, even a member looking at the public page.
func (s *Delegations) PublicItinerary(ctx context.Context, delegationID int64) ([]Item, error) {
	items, err := listItems(ctx, s.db, delegationID)
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, it := range items {
		if !it.Restricted() {
			out = append(out, it)
		}
	}
	return out, nil
}

// SaveItem adds an item (id 0) or replaces one (coordinators).
func (s *Delegations) SaveItem(ctx context.Context, v *web.Viewer, delegationID, id int64, in ItemInput) (*Item, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	it := &Item{ID: id, DelegationID: delegationID}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		d, err := delegationByID(ctx, tx, delegationID)
		if err != nil {
			return err
		}
		if id != 0 {
			old, err := itemByID(ctx, tx, id)
			if err != nil {
				return err
			}
			if old.DelegationID != delegationID {
				return ErrNotFound
			}
		}
		members, err := listMembers(ctx, tx, delegationID)
		if err != nil {
			return err
		}
		ids := make([]int64, len(members))
		for i, m := range members {
			ids[i] = m.ID
		}
		if errs := in.validate(d, ids); len(errs) > 0 {
			return errs
		}
		it.ItemInput = in
		return saveItem(ctx, tx, it)
	})
	if err != nil {
		return nil, err
	}
	return it, nil
}

// UpdateItem replaces an item found by its own id (the API's address names no delegation).
func (s *Delegations) UpdateItem(ctx context.Context, v *web.Viewer, id int64, in ItemInput) (*Item, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	it, err := itemByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return s.SaveItem(ctx, v, it.DelegationID, id, in)
}

// ItemOf returns one item of the delegation (coordinators, for the editor).
func (s *Delegations) ItemOf(ctx context.Context, v *web.Viewer, delegationID, id int64) (*Item, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	it, err := itemByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if it.DelegationID != delegationID {
		return nil, ErrNotFound
	}
	return it, nil
}

// DeleteItem removes an item (coordinators).
func (s *Delegations) DeleteItem(ctx context.Context, v *web.Viewer, id int64) error {
	if err := requireOrganiser(v); err != nil {
		return err
	}
	if _, err := itemByID(ctx, s.db, id); err != nil {
		return err
	}
	return deleteItem(ctx, s.db, id)
}
