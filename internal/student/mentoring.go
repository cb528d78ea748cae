package student

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The mentoring half of the student module: universities, student and mentor profiles,
// suggestions and pairings. The names are prefixed (Mentoring…, errProfile…) because the
// support requests share this package.

var (
	errProfileNotFound    = fmt.Errorf("student profile: %w", fail.NotFound)
	errMentorNotFound     = fmt.Errorf("mentor profile: %w", fail.NotFound)
	errUniversityNotFound = fmt.Errorf("university: %w", fail.NotFound)
	errPairingNotFound    = fmt.Errorf("pairing: %w", fail.NotFound)
	errMentoringForbidden = fmt.Errorf("mentoring: %w", fail.Forbidden)
	errMentoringSignIn    = fmt.Errorf("mentoring: %w", fail.Unauthorized)
	// errProposalChanged: a bulk proposal no longer fits what is stored (a pair was made,
	// a profile changed); nothing was written and the coordinator proposes again.
	errProposalChanged = fmt.Errorf("mentoring proposal changed: %w", fail.Conflict)
)

// MentoringContact is a person the mentoring mails write to.
type MentoringContact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// MentoringDirectory is what mentoring needs from identity.
type MentoringDirectory interface {
	// Contacts returns the enabled users among ids.
	Contacts(ctx context.Context, ids []int64) (map[int64]MentoringContact, error)
}

// MentoringMailer puts a mail into the outbox inside the caller's transaction, so a
// pairing and its introductions are written together or not at all.
type MentoringMailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Mentoring holds the rules of profiles and pairings. Authorization is checked here:
// people edit their own profiles, coordinators (and admins) verify mentors, keep the
// university list and pair; a student picks a mentor only when the programme allows it.
type Mentoring struct {
	db      *db.DB
	dir     MentoringDirectory
	out     MentoringMailer // nil: no mail
	cat     *i18n.Catalog
	baseURL string
	now     func() time.Time
}

// NewMentoring wires the rules to the database and identity.
func NewMentoring(d *db.DB, dir MentoringDirectory) *Mentoring {
	return &Mentoring{db: d, dir: dir, now: db.Now}
}

// UseMail turns the introduction and ending mails on, each in its recipient's language.
func (s *Mentoring) UseMail(out MentoringMailer, cat *i18n.Catalog, baseURL string) {
	s.out, s.cat, s.baseURL = out, cat, strings.TrimSuffix(baseURL, "/")
}

// canCoordinateMentoring reports whether v runs the mentoring programme.
func canCoordinateMentoring(v *web.Viewer) bool { return v.Has("coordinator") || v.Has("admin") }

func signedIn(v *web.Viewer) error {
	if v == nil || v.ID == 0 {
		return errMentoringSignIn
	}
	return nil
}

func coordinator(v *web.Viewer) error {
	if err := signedIn(v); err != nil {
		return err
	}
	if !canCoordinateMentoring(v) {
		return errMentoringForbidden
	}
	return nil
}

// --- universities

// Universities lists the universities sorted by lang's collation (Turkish by default:
// "İzmir …" sorts after "Ege …" and before "Yaşar …"); retired ones only when asked.
func (s *Mentoring) Universities(ctx context.Context, lang string, withRetired bool) ([]University, error) {
	all, err := listUniversities(ctx, s.db)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, u := range all {
		if withRetired || !u.Retired {
			out = append(out, u)
		}
	}
	text.SortFunc(lang, out, func(u University) string { return u.Name })
	return out, nil
}

// AddUniversity adds a university to the list (coordinators).
func (s *Mentoring) AddUniversity(ctx context.Context, v *web.Viewer, name string) (int64, error) {
	if err := coordinator(v); err != nil {
		return 0, err
	}
	name, err := universityName(name)
	if err != nil {
		return 0, err
	}
	id, err := insertUniversity(ctx, s.db, name, text.Fold(name))
	if db.IsUniqueViolation(err) {
		return 0, fail.Fields{"name": "student.mentoring.error.university_exists"}
	}
	return id, err
}

// UpdateUniversity renames a university and retires or restores it (coordinators). A
// retired university stays on the profiles that name it but is no longer offered.
func (s *Mentoring) UpdateUniversity(ctx context.Context, v *web.Viewer, id int64, name string, retired bool) error {
	if err := coordinator(v); err != nil {
		return err
	}
	name, err := universityName(name)
	if err != nil {
		return err
	}
	err = updateUniversity(ctx, s.db, id, name, text.Fold(name), retired)
	if db.IsUniqueViolation(err) {
		return fail.Fields{"name": "student.mentoring.error.university_exists"}
	}
	return err
}

func universityName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", fail.Fields{"name": "form.required"}
	case len([]rune(name)) > 120:
		return "", fail.Fields{"name": "form.too_long"}
	}
	return name, nil
}

// checkUniversity refuses a university that is unknown or retired (unless it is the one
// the profile already names, so an old profile can still be saved).
func (s *Mentoring) checkUniversity(ctx context.Context, id, current int64) error {
	if id == 0 {
		return nil
	}
	u, err := universityByID(ctx, s.db, id)
	if err == errUniversityNotFound || err == nil && u.Retired && id != current {
		return fail.Fields{"university_id": "form.choice"}
	}
	return err
}

// --- settings

// StudentsMayChoose reports whether students pick their mentor from their suggestions.
func (s *Mentoring) StudentsMayChoose(ctx context.Context) (bool, error) {
	return studentsChoose(ctx, s.db)
}

// SetStudentsMayChoose turns the students' own choice on or off (coordinators).
func (s *Mentoring) SetStudentsMayChoose(ctx context.Context, v *web.Viewer, on bool) error {
	if err := coordinator(v); err != nil {
		return err
	}
	return setStudentsChoose(ctx, s.db, on)
}

// AllUniversities lists every university, retired ones too, for the coordinators' list.
func (s *Mentoring) AllUniversities(ctx context.Context, v *web.Viewer, lang string) ([]University, error) {
	if err := coordinator(v); err != nil {
		return nil, err
	}
	return s.Universities(ctx, lang, true)
}
