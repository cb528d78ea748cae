// Package identity owns people and organisations: accounts, sessions, email confirmation and
// password reset, platform roles, organisations and memberships, API tokens and consent records.
package identity

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Platform roles. Everyone signed in is a member; the others are granted by an admin.
const (
	RoleAdmin       = "admin"
	RoleCoordinator = "coordinator"
	RoleReviewer    = "reviewer"
	RoleMember      = "member"
)

// Roles lists the platform roles in the order admins see them.
var Roles = []string{RoleAdmin, RoleCoordinator, RoleReviewer, RoleMember}

// ValidRole reports whether r is a platform role.
func ValidRole(r string) bool { return slices.Contains(Roles, r) }

// Organisation kinds.
var OrgKinds = []string{"association", "municipality", "company", "university", "chamber", "other"}

// Member roles inside an organisation.
var MemberRoles = []string{"manager", "member"}

// Consent purposes and the account privacy notice's version, recorded with every decision.
const (
	PurposeAccount    = "account"
	PurposeNewsletter = "newsletter"
)

// Errors the service returns; handlers map them to statuses and messages.
var (
	ErrNotFound      = fail.NotFound
	ErrForbidden     = fail.Forbidden
	ErrUnauthorized  = fail.Unauthorized
	ErrBadLogin      = errors.New("wrong email or password")
	ErrNotConfirmed  = errors.New("email not confirmed")
	ErrEmailTaken    = errors.New("email already registered")
	ErrTokenInvalid  = errors.New("token invalid, used or expired")
	ErrLastAdmin     = fmt.Errorf("cannot remove the last admin: %w", fail.Conflict)
	ErrSlugTaken     = errors.New("slug already used")
	ErrAlreadyMember = errors.New("already a member")
)

// User is an account. PasswordHash never leaves the package.
type User struct {
	ID          int64
	Email       string
	Name        string
	Locale      string
	Roles       []string // granted roles beyond member
	ConfirmedAt *time.Time
	DisabledAt  *time.Time
	CreatedAt   time.Time
	hash        string
}

// Has reports whether the user holds role.
func (u *User) Has(role string) bool { return role == RoleMember || slices.Contains(u.Roles, role) }

// Organisation is an association, municipality, company, university, chamber or other body.
type Organisation struct {
	ID      int64
	Slug    string
	Name    string
	Kind    string
	City    string
	Country string
	Website string
	Members int // filled by list queries
}

// Membership links a user to an organisation with a member role.
type Membership struct {
	OrganisationID int64
	OrgName        string
	OrgSlug        string
	UserID         int64
	UserName       string
	UserEmail      string
	Role           string
}

// APIToken describes a personal token; the secret itself is shown once at creation.
type APIToken struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// Consent is one recorded decision about one purpose.
type Consent struct {
	Purpose       string
	NoticeVersion string
	Decision      string
	CreatedAt     time.Time
}

// Registration is what a person fills in to create an account.
type Registration struct {
	Name, Email, Password, Locale string
	AcceptPrivacy                 bool
	Newsletter                    bool
	NoticeVersion                 string
}

// FieldErrors maps form fields to message keys.
type FieldErrors = fail.Fields
