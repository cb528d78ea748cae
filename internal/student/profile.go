package student

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// MentoringNoticeVersion is the version of the mentoring privacy notice a profile's consent
// refers to; raise it when the notice's text changes, so new consents name the new text.
const MentoringNoticeVersion = "mentoring-2026-01"

// MentoringLanguages are the languages a profile can list.
var MentoringLanguages = []string{"az", "tr", "ru", "en"}

// MentoringTopics are what a student can ask help with and a mentor can offer.
var MentoringTopics = []string{"accommodation", "academic", "language", "city_life", "career", "culture", "other"}

// MentorKinds are the kinds of mentor: a volunteer buddy, a graduate, a professional.
var MentorKinds = []string{"volunteer", "alumni", "professional"}

// University is one of İzmir's universities a profile names.
type University struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Retired bool   `json:"retired"`
}

// StudentProfile is a student's own description, used to suggest mentors.
type StudentProfile struct {
	UserID         int64     `json:"user_id"`
	UniversityID   int64     `json:"university_id"` // 0: not given
	University     string    `json:"university"`
	Faculty        string    `json:"faculty"`
	Programme      string    `json:"programme"`
	Year           int       `json:"year"`
	HomeCity       string    `json:"home_city"`
	Languages      []string  `json:"languages"`
	Interests      []string  `json:"interests"`
	Wants          []string  `json:"wants"`
	ContactEmail   string    `json:"contact_email"`
	Visible        bool      `json:"visible"`
	ConsentVersion string    `json:"consent_version"`
	ConsentAt      time.Time `json:"consent_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// MentorProfile is a mentor's or buddy's description and capacity.
type MentorProfile struct {
	UserID         int64     `json:"user_id"`
	Name           string    `json:"name,omitempty"` // the account's name, filled for coordinators' lists
	Kind           string    `json:"kind"`
	UniversityID   int64     `json:"university_id"`
	University     string    `json:"university"`
	Field          string    `json:"field"`
	HomeCity       string    `json:"home_city"`
	Languages      []string  `json:"languages"`
	Interests      []string  `json:"interests"`
	Offers         []string  `json:"offers"`
	Capacity       int       `json:"capacity"`
	Active         int       `json:"active"` // active pairings now
	About          string    `json:"about"`
	ContactEmail   string    `json:"contact_email"`
	Verified       bool      `json:"verified"`
	ConsentVersion string    `json:"consent_version"`
	ConsentAt      time.Time `json:"consent_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// StudentProfileInput is what the student form and the API submit.
type StudentProfileInput struct {
	UniversityID int64    `json:"university_id"`
	Faculty      string   `json:"faculty"`
	Programme    string   `json:"programme"`
	Year         int      `json:"year"`
	HomeCity     string   `json:"home_city"`
	Languages    []string `json:"languages"`
	Interests    []string `json:"interests"`
	Wants        []string `json:"wants"`
	ContactEmail string   `json:"contact_email"`
	Visible      bool     `json:"visible"`
	Consent      bool     `json:"consent"` // the student accepts the mentoring notice
}

// MentorProfileInput is what the mentor form and the API submit.
type MentorProfileInput struct {
	Kind         string   `json:"kind"`
	UniversityID int64    `json:"university_id"`
	Field        string   `json:"field"`
	HomeCity     string   `json:"home_city"`
	Languages    []string `json:"languages"`
	Interests    []string `json:"interests"`
	Offers       []string `json:"offers"`
	Capacity     int      `json:"capacity"`
	About        string   `json:"about"`
	ContactEmail string   `json:"contact_email"`
	Consent      bool     `json:"consent"`
}

// maxInterests bounds a profile's interests; a profile is not a CV.
const maxInterests = 12

func (in *StudentProfileInput) validate() error {
	f := fail.Fields{}
	in.Faculty, in.Programme, in.HomeCity = strings.TrimSpace(in.Faculty), strings.TrimSpace(in.Programme), strings.TrimSpace(in.HomeCity)
	in.ContactEmail = strings.TrimSpace(in.ContactEmail)
	checkLength(f, "faculty", in.Faculty, 120)
	checkLength(f, "programme", in.Programme, 120)
	checkLength(f, "home_city", in.HomeCity, 80)
	if in.Year < 1 || in.Year > 8 {
		f["year"] = "student.mentoring.error.year"
	}
	in.Languages = cleanCodes(in.Languages)
	if len(in.Languages) == 0 {
		f["languages"] = "student.mentoring.error.languages"
	} else if !allIn(in.Languages, MentoringLanguages) {
		f["languages"] = "form.choice"
	}
	in.Wants = cleanCodes(in.Wants)
	if !allIn(in.Wants, MentoringTopics) {
		f["wants"] = "form.choice"
	}
	var ok bool
	if in.Interests, ok = cleanInterests(in.Interests); !ok {
		f["interests"] = "student.mentoring.error.interests"
	}
	checkEmail(f, in.ContactEmail)
	if !in.Consent {
		f["consent"] = "student.mentoring.error.consent"
	}
	if len(f) > 0 {
		return f
	}
	return nil
}

func (in *MentorProfileInput) validate() error {
	f := fail.Fields{}
	in.Field, in.HomeCity, in.About = strings.TrimSpace(in.Field), strings.TrimSpace(in.HomeCity), strings.TrimSpace(in.About)
	in.ContactEmail = strings.TrimSpace(in.ContactEmail)
	if !slices.Contains(MentorKinds, in.Kind) {
		f["kind"] = "form.choice"
	}
	checkLength(f, "field", in.Field, 120)
	checkLength(f, "home_city", in.HomeCity, 80)
	if utf8.RuneCountInString(in.About) > 1000 {
		f["about"] = "form.too_long"
	}
	if in.Capacity < 1 || in.Capacity > 10 {
		f["capacity"] = "student.mentoring.error.capacity"
	}
	in.Languages = cleanCodes(in.Languages)
	if len(in.Languages) == 0 {
		f["languages"] = "student.mentoring.error.languages"
	} else if !allIn(in.Languages, MentoringLanguages) {
		f["languages"] = "form.choice"
	}
	in.Offers = cleanCodes(in.Offers)
	if len(in.Offers) == 0 {
		f["offers"] = "student.mentoring.error.offers"
	} else if !allIn(in.Offers, MentoringTopics) {
		f["offers"] = "form.choice"
	}
	var ok bool
	if in.Interests, ok = cleanInterests(in.Interests); !ok {
		f["interests"] = "student.mentoring.error.interests"
	}
	checkEmail(f, in.ContactEmail)
	if !in.Consent {
		f["consent"] = "student.mentoring.error.consent"
	}
	if len(f) > 0 {
		return f
	}
	return nil
}

func checkLength(f fail.Fields, field, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		f[field] = "form.too_long"
	}
}

func checkEmail(f fail.Fields, v string) {
	switch {
	case v == "":
		f["contact_email"] = "form.required"
	case !web.IsEmail(v):
		f["contact_email"] = "form.email"
	}
}

// cleanCodes trims, drops empties and repeats, keeping the order given.
func cleanCodes(codes []string) []string {
	out := []string{}
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// cleanInterests trims and drops empty interests; false when there are too many or one is
// too long (or holds the comma the store separates them with).
func cleanInterests(in []string) ([]string, bool) {
	out := []string{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || slices.Contains(out, s) {
			continue
		}
		if utf8.RuneCountInString(s) > 40 || strings.Contains(s, ",") {
			return out, false
		}
		out = append(out, s)
	}
	return out, len(out) <= maxInterests
}

// SplitInterests reads the comma-separated interests a form field holds.
func SplitInterests(s string) []string { return strings.Split(s, ",") }

func allIn(vs, allowed []string) bool {
	for _, v := range vs {
		if !slices.Contains(allowed, v) {
			return false
		}
	}
	return true
}
