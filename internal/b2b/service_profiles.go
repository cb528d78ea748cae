package b2b

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// UseDirectory wires identity's organisations and memberships.
func (s *Service) UseDirectory(dir Directory) { s.dir = dir }

// programmeOf finds the programme of an event v can see.
func (s *Service) programmeOf(ctx context.Context, v *web.Viewer, eventID int64) (EventInfo, int64, error) {
	ev, err := s.events.Event(ctx, v, eventID)
	if err != nil {
		return EventInfo{}, 0, err
	}
	id, err := programmeIDByEvent(ctx, s.db, eventID)
	return ev, id, err
}

// memberOf reports whether v belongs to the organisation.
func (s *Service) memberOf(ctx context.Context, v *web.Viewer, orgID int64) (bool, error) {
	if v == nil {
		return false, nil
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	return slices.ContainsFunc(orgs, func(o Organisation) bool { return o.ID == orgID }), err
}

// Join makes a profile for one of v's organisations in the event's programme, pending
// validation.
func (s *Service) Join(ctx context.Context, v *web.Viewer, eventID int64, in ProfileInput) (*Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	if ok, err := s.memberOf(ctx, v, in.OrganisationID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	members, err := s.dir.Members(ctx, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	if errs := in.validate(members); len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	p := &Profile{ProgrammeID: programmeID, ProfileInput: in, Status: Pending, CreatedAt: now, UpdatedAt: now}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := profileByOrganisation(ctx, tx, programmeID, in.OrganisationID); err == nil {
			return fail.Fields{"organisation_id": "b2b.error.already_joined"}
		}
		return insertProfile(ctx, tx, p, v.ID)
	})
	if err != nil {
		return nil, err
	}
	return s.decorate(ctx, p)
}

// UpdateProfile replaces a profile's contents; only members of its organisation may. The
// organisation itself does not change. A rejected profile goes back to pending.
func (s *Service) UpdateProfile(ctx context.Context, v *web.Viewer, id int64, in ProfileInput) (*Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	p, err := profileByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if ok, err := s.memberOf(ctx, v, p.OrganisationID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	in.OrganisationID = p.OrganisationID
	members, err := s.dir.Members(ctx, p.OrganisationID)
	if err != nil {
		return nil, err
	}
	if errs := in.validate(members); len(errs) > 0 {
		return nil, errs
	}
	p.ProfileInput, p.UpdatedAt = in, s.now()
	if p.Status == Rejected {
		p.Status, p.Reason = Pending, ""
	}
	if err := s.db.InTx(ctx, func(tx *db.Tx) error { return updateProfile(ctx, tx, p) }); err != nil {
		return nil, err
	}
	return s.decorate(ctx, p)
}

func orForbidden(err error) error {
	if err != nil {
		return err
	}
	return ErrForbidden
}

// Profile returns one profile: to organisers and the organisation's members always, to
// other participants of the programme once validated. Anyone else finds nothing.
func (s *Service) Profile(ctx context.Context, v *web.Viewer, id int64) (*Profile, error) {
	p, err := profileByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if err := s.mayRead(ctx, v, p.OrganisationID, p.ProgrammeID, p.Status == Validated); err != nil {
		return nil, err
	}
	return s.decorate(ctx, p)
}

// mayRead decides who sees an organisation's profile or opportunity in a programme: its
// members and organisers always, the programme's other participants once validated, and
// nobody else (ErrNotFound, so a stranger cannot tell what exists).
func (s *Service) mayRead(ctx context.Context, v *web.Viewer, orgID, programmeID int64, validated bool) error {
	own, err := s.memberOf(ctx, v, orgID)
	if err != nil || own || CanOrganise(v) {
		return err
	}
	ok, err := s.participates(ctx, v, programmeID)
	if err != nil {
		return err
	}
	if !ok || !validated {
		return ErrNotFound
	}
	return nil
}

// participates reports whether one of v's organisations has a profile in the programme.
func (s *Service) participates(ctx context.Context, v *web.Viewer, programmeID int64) (bool, error) {
	if v == nil {
		return false, nil
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return false, err
	}
	for _, o := range orgs {
		if _, err := profileByOrganisation(ctx, s.db, programmeID, o.ID); err == nil {
			return true, nil
		} else if !errors.Is(err, ErrNotFound) {
			return false, err
		}
	}
	return false, nil
}

// Mine returns v's organisations, each with its profile in the event's programme if it has
// joined (nil otherwise).
func (s *Service) Mine(ctx context.Context, v *web.Viewer, eventID int64) ([]Organisation, map[int64]*Profile, error) {
	if v == nil {
		return nil, nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, nil, err
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	out := map[int64]*Profile{}
	for _, o := range orgs {
		p, err := profileByOrganisation(ctx, s.db, programmeID, o.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if out[o.ID], err = s.decorate(ctx, p); err != nil {
			return nil, nil, err
		}
	}
	return orgs, out, nil
}

// Members lists the people of one of v's organisations, for choosing who attends.
func (s *Service) Members(ctx context.Context, v *web.Viewer, orgID int64) ([]Person, error) {
	if ok, err := s.memberOf(ctx, v, orgID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	return s.dir.Members(ctx, orgID)
}

// Filter narrows the participant list; empty fields do not filter.
type Filter struct {
	Type     ParticipationType
	Sector   string // a NACE division code
	Country  string
	Language string
	Query    string // matched folded against the name, city and descriptions
	Status   ProfileStatus
	SortLang string // the reader's language, whose alphabet orders the names; Turkish when empty
}

// Participants lists the validated profiles of the event's programme for its participants
// and organisers; organisers may ask for another status through f.Status.
func (s *Service) Participants(ctx context.Context, v *web.Viewer, eventID int64, f Filter) ([]Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	if !CanOrganise(v) {
		ok, err := s.participates(ctx, v, programmeID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, ErrForbidden
		}
		f.Status = Validated
	}
	list, err := listProfiles(ctx, s.db, programmeID, f.Status)
	if err != nil {
		return nil, err
	}
	if err := s.nameOrganisations(ctx, list); err != nil {
		return nil, err
	}
	out := matching(list, f.Query, f.matches)
	sortProfiles(f.SortLang, out)
	return out, nil
}

// sortProfiles orders profiles by organisation name in lang's alphabet: in Azerbaijani e <
// ə < f and q, x are letters of their own; Turkish has no ə.
func sortProfiles(lang string, list []Profile) {
	if lang == "" {
		lang = i18n.Default
	}
	text.SortFunc(lang, list, func(p Profile) string { return p.Organisation.Name })
}

func (f Filter) matches(p Profile, words []string) bool {
	switch {
	case f.Type != "" && p.Type != f.Type,
		f.Sector != "" && !slices.Contains(p.Sectors, f.Sector),
		f.Country != "" && p.Country != strings.ToUpper(f.Country),
		f.Language != "" && !slices.Contains(p.Languages, f.Language):
		return false
	}
	hay := text.Fold(strings.Join([]string{p.Organisation.Name, p.City, p.Description.TR, p.Description.AZ, p.Description.EN}, " "))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// Validate makes a profile visible to the other participants.
func (s *Service) Validate(ctx context.Context, v *web.Viewer, id int64) error {
	return s.review(ctx, v, id, Validated, "")
}

// Reject hides a profile with a reason the participant sees.
func (s *Service) Reject(ctx context.Context, v *web.Viewer, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return fail.Fields{"reason": "b2b.error.reason_required"}
	case utf8.RuneCountInString(reason) > maxReason:
		return fail.Fields{"reason": "form.too_long"}
	}
	return s.review(ctx, v, id, Rejected, reason)
}

func (s *Service) review(ctx context.Context, v *web.Viewer, id int64, status ProfileStatus, reason string) error {
	if err := requireOrganiser(v); err != nil {
		return err
	}
	p, err := profileByID(ctx, s.db, id)
	if err != nil {
		return err
	}
	p.Status, p.Reason, p.UpdatedAt = status, reason, s.now()
	return setProfileStatus(ctx, s.db, p)
}

// SetFixedTable gives a participant one table for the whole forum (0 takes it away). The
// table must exist and be nobody else's.
func (s *Service) SetFixedTable(ctx context.Context, v *web.Viewer, id int64, table int) error {
	if err := requireOrganiser(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := profileByID(ctx, tx, id)
		if err != nil {
			return err
		}
		tables, err := loadTables(ctx, tx, p.ProgrammeID)
		if err != nil {
			return err
		}
		if table < 0 || table > len(tables) {
			return fail.Fields{"fixed_table": "b2b.error.no_such_table"}
		}
		others, err := listProfiles(ctx, tx, p.ProgrammeID, "")
		if err != nil {
			return err
		}
		for _, o := range others {
			if table != 0 && o.ID != p.ID && o.FixedTable == table {
				return fail.Fields{"fixed_table": "b2b.error.table_taken"}
			}
		}
		p.FixedTable, p.UpdatedAt = table, s.now()
		return setFixedTable(ctx, tx, p)
	})
}

// decorate fills in the organisation and the attendees' names.
func (s *Service) decorate(ctx context.Context, p *Profile) (*Profile, error) {
	list := []Profile{*p}
	if err := s.nameOrganisations(ctx, list); err != nil {
		return nil, err
	}
	*p = list[0]
	members, err := s.dir.Members(ctx, p.OrganisationID)
	if err != nil {
		return nil, err
	}
	p.People = nil
	for _, m := range members {
		if slices.Contains(p.Attendees, m.UserID) {
			p.People = append(p.People, m)
		}
	}
	return p, nil
}

func (s *Service) nameOrganisations(ctx context.Context, list []Profile) error {
	return named(ctx, s.dir, list, func(p *Profile) (int64, *Organisation) { return p.OrganisationID, &p.Organisation })
}

// named fills in each item's organisation from identity in one call; org gives an item's
// organisation id and where its organisation goes.
func named[T any](ctx context.Context, dir Directory, list []T, org func(*T) (int64, *Organisation)) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i], _ = org(&list[i])
	}
	orgs, err := dir.Organisations(ctx, ids)
	if err != nil {
		return err
	}
	for i := range list {
		id, dst := org(&list[i])
		*dst = orgs[id]
	}
	return nil
}
