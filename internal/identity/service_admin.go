package identity

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Who may do what in /admin: admins manage users, roles and organisations; coordinators
// manage organisations and their members; reviewers and members have no admin area.
func canManageUsers(v *web.Viewer) bool { return v.Has(RoleAdmin) }
func canManageOrgs(v *web.Viewer) bool  { return v.Has(RoleAdmin) || v.Has(RoleCoordinator) }

// CanAdmin reports whether the viewer has any admin area at all.
func CanAdmin(v *web.Viewer) bool { return canManageOrgs(v) }

func require(v *web.Viewer, ok func(*web.Viewer) bool) error {
	if v == nil {
		return ErrUnauthorized
	}
	if !ok(v) {
		return ErrForbidden
	}
	return nil
}

// Users lists accounts for admins, filtered by a name or email fragment.
func (s *Service) Users(ctx context.Context, v *web.Viewer, query string, limit, offset int) ([]User, int, error) {
	if err := require(v, canManageUsers); err != nil {
		return nil, 0, err
	}
	return listUsers(ctx, s.db, strings.TrimSpace(query), limit, offset)
}

// User returns one account for admins.
func (s *Service) User(ctx context.Context, v *web.Viewer, id int64) (*User, error) {
	if err := require(v, canManageUsers); err != nil {
		return nil, err
	}
	u, _, err := userByID(ctx, s.db, id)
	return u, err
}

// SetRoles replaces a user's platform roles. The last admin cannot lose the role, so the
// platform never locks itself out.
func (s *Service) SetRoles(ctx context.Context, v *web.Viewer, userID int64, roles []string) error {
	if err := require(v, canManageUsers); err != nil {
		return err
	}
	for _, r := range roles {
		if !ValidRole(r) {
			return FieldErrors{"roles": "form.choice"}
		}
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		current, err := rolesOf(ctx, tx, userID)
		if err != nil {
			return err
		}
		if _, _, err := userByID(ctx, tx, userID); err != nil {
			return err
		}
		if slices.Contains(current, RoleAdmin) && !slices.Contains(roles, RoleAdmin) {
			n, err := countAdmins(ctx, tx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return ErrLastAdmin
			}
		}
		return replaceRoles(ctx, tx, userID, roles, s.now())
	})
}

// Account is one account for CreateUsers.
type Account struct {
	Email, Name, Locale string
	Roles               []string
}

// CreateUser makes a confirmed account with roles (the `kopru user create` command; no
// viewer, because it runs with the operator's authority).
func (s *Service) CreateUser(ctx context.Context, email, name, password, locale string, roles []string) (*User, error) {
	users, err := s.CreateUsers(ctx, password, Account{Email: email, Name: name, Locale: locale, Roles: roles})
	if err != nil {
		return nil, err
	}
	return users[0], nil
}

// CreateUsers makes confirmed accounts sharing one password (the demo loader), hashing it
// once, in one transaction.
func (s *Service) CreateUsers(ctx context.Context, password string, accounts ...Account) ([]*User, error) {
	if msg := passwordProblem(password); msg != "" {
		return nil, FieldErrors{"password": msg}
	}
	users := make([]*User, 0, len(accounts))
	for _, a := range accounts {
		email := normalizeEmail(a.Email)
		if !web.IsEmail(email) {
			return nil, FieldErrors{"email": "form.email"}
		}
		for _, r := range a.Roles {
			if !ValidRole(r) {
				return nil, FieldErrors{"roles": "form.choice"}
			}
		}
		name := strings.TrimSpace(a.Name)
		if name == "" {
			name = email[:strings.IndexByte(email, '@')]
		}
		locale := a.Locale
		if !i18n.IsSupported(locale) {
			locale = i18n.Default
		}
		users = append(users, &User{Email: email, Name: name, Locale: locale, Roles: a.Roles})
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		now := s.now()
		for _, u := range users {
			if err := insertUser(ctx, tx, u, hash, now); err != nil {
				return err
			}
			if err := confirmEmail(ctx, tx, u.ID, now); err != nil {
				return err
			}
			if err := replaceRoles(ctx, tx, u.ID, u.Roles, now); err != nil {
				return err
			}
		}
		return nil
	})
	return users, err
}

// Organisations lists every organisation with its member count.
func (s *Service) Organisations(ctx context.Context, v *web.Viewer) ([]Organisation, error) {
	if err := require(v, canManageOrgs); err != nil {
		return nil, err
	}
	orgs, err := listOrganisations(ctx, s.db)
	if err == nil {
		text.SortFunc(v.Locale, orgs, func(o Organisation) string { return o.Name })
	}
	return orgs, err
}

// OrganisationsByID returns the organisations of ids that exist. Names and websites are
// public (event pages show who organises them), so it asks for no viewer.
func (s *Service) OrganisationsByID(ctx context.Context, ids []int64) (map[int64]Organisation, error) {
	return organisationsByID(ctx, s.db, ids)
}

// Organisation returns one organisation and its members.
func (s *Service) Organisation(ctx context.Context, v *web.Viewer, id int64) (*Organisation, []Membership, error) {
	if err := require(v, canManageOrgs); err != nil {
		return nil, nil, err
	}
	o, err := organisationByID(ctx, s.db, id)
	if err != nil {
		return nil, nil, err
	}
	ms, err := memberships(ctx, s.db, id, 0)
	return o, ms, err
}

func validateOrganisation(o *Organisation) FieldErrors {
	errs := FieldErrors{}
	o.Name, o.City, o.Website = strings.TrimSpace(o.Name), strings.TrimSpace(o.City), strings.TrimSpace(o.Website)
	o.Country = strings.ToUpper(strings.TrimSpace(o.Country))
	if o.Name == "" {
		errs["name"] = "form.required"
	} else if utf8.RuneCountInString(o.Name) > 200 {
		errs["name"] = "form.too_long"
	}
	if !slices.Contains(OrgKinds, o.Kind) {
		errs["kind"] = "form.choice"
	}
	if o.Country != "" && (len(o.Country) != 2 || o.Country[0] < 'A' || o.Country[0] > 'Z' || o.Country[1] < 'A' || o.Country[1] > 'Z') {
		errs["country"] = "identity.country_code"
	}
	if o.Website != "" {
		if u, err := url.Parse(o.Website); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs["website"] = "form.url"
		}
	}
	return errs
}

// CreateOrganisation adds an organisation; its slug comes from the name, made unique.
func (s *Service) CreateOrganisation(ctx context.Context, v *web.Viewer, o Organisation) (*Organisation, error) {
	if err := require(v, canManageOrgs); err != nil {
		return nil, err
	}
	return s.SeedOrganisation(ctx, o)
}

// SeedOrganisation adds an organisation with the operator's authority (demo loader, CLI).
func (s *Service) SeedOrganisation(ctx context.Context, o Organisation) (*Organisation, error) {
	if errs := validateOrganisation(&o); len(errs) > 0 {
		return nil, errs
	}
	base := text.Slug(o.Name)
	if base == "" {
		base = "organisation"
	}
	for i := 1; i < 100; i++ {
		o.Slug = base
		if i > 1 {
			o.Slug = base + "-" + strconv.Itoa(i)
		}
		err := insertOrganisation(ctx, s.db, &o, s.now())
		if !errors.Is(err, ErrSlugTaken) {
			return &o, err
		}
	}
	return nil, ErrSlugTaken
}

// UpdateOrganisation changes an organisation's details.
func (s *Service) UpdateOrganisation(ctx context.Context, v *web.Viewer, o Organisation) error {
	if err := require(v, canManageOrgs); err != nil {
		return err
	}
	if errs := validateOrganisation(&o); len(errs) > 0 {
		return errs
	}
	return updateOrganisation(ctx, s.db, &o, s.now())
}

// AddMember adds the account with email to an organisation. Admins, coordinators and the
// organisation's own managers may do it.
func (s *Service) AddMember(ctx context.Context, v *web.Viewer, orgID int64, email, role string) error {
	if err := s.requireOrgManager(ctx, v, orgID); err != nil {
		return err
	}
	if !slices.Contains(MemberRoles, role) {
		return FieldErrors{"role": "form.choice"}
	}
	u, _, err := userByEmail(ctx, s.db, email)
	if errors.Is(err, ErrNotFound) {
		return FieldErrors{"email": "identity.no_such_account"}
	}
	if err != nil {
		return err
	}
	err = insertMembership(ctx, s.db, orgID, u.ID, role, s.now())
	if errors.Is(err, ErrAlreadyMember) {
		return FieldErrors{"email": "identity.already_member"}
	}
	return err
}

// RemoveMember takes a person out of an organisation.
func (s *Service) RemoveMember(ctx context.Context, v *web.Viewer, orgID, userID int64) error {
	if err := s.requireOrgManager(ctx, v, orgID); err != nil {
		return err
	}
	return deleteMembership(ctx, s.db, orgID, userID)
}

// AddMemberByID links a user to an organisation directly (demo loader, operator tools).
func (s *Service) AddMemberByID(ctx context.Context, orgID, userID int64, role string) error {
	return insertMembership(ctx, s.db, orgID, userID, role, s.now())
}

func (s *Service) requireOrgManager(ctx context.Context, v *web.Viewer, orgID int64) error {
	if v == nil {
		return ErrUnauthorized
	}
	if _, err := organisationByID(ctx, s.db, orgID); err != nil {
		return err
	}
	if canManageOrgs(v) {
		return nil
	}
	role, err := memberRole(ctx, s.db, orgID, v.ID)
	if err != nil {
		return err
	}
	if role != "manager" {
		return ErrForbidden
	}
	return nil
}

// MyOrganisations lists the caller's memberships.
func (s *Service) MyOrganisations(ctx context.Context, v *web.Viewer) ([]Membership, error) {
	if v == nil {
		return nil, ErrUnauthorized
	}
	return memberships(ctx, s.db, 0, v.ID)
}
