// Package student is the student module's case tracker: confidential support requests that
// students from the partner city open, and that the association's coordinators triage,
// answer and close. Only the student, the assigned coordinator and admins read a request;
// every read and change is written to an audit log.
package student

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Errors the pages and the API map to 404 and 403.
var (
	ErrNotFound  = fail.NotFound
	ErrForbidden = fail.Forbidden
)

// The lists of codes. Labels live in the catalogs as student.category.<code> and so on.
var (
	Categories = []string{"accommodation", "academic", "residence_legal", "health", "financial", "social_cultural", "other"}
	Statuses   = []string{"new", "open", "waiting_student", "closed", "deletion_requested"}
	Priorities = []string{"low", "normal", "high", "urgent"}
	Outcomes   = []string{"resolved", "referred", "withdrawn", "no_response", "other"}
)

// NoticeVersion is the version of the support privacy notice (/privacy/support) that a
// student's explicit consent for health data refers to. Change it when the notice changes.
const NoticeVersion = "2026-11"

// Limits of the texts a request holds.
const (
	maxSubject = 200
	maxBody    = 10000
	maxNote    = 2000
)

// Request is one support request.
type Request struct {
	ID          int64
	StudentID   int64
	Category    string
	Subject     string
	Description string
	Sensitive   bool
	Status      string
	Priority    string
	AssigneeID  int64 // 0: nobody yet
	FollowUpOn  string
	Outcome     string
	OutcomeNote string
	// ConsentNotice and ConsentAt record the explicit consent a health request needs.
	ConsentNotice string
	ConsentAt     time.Time
	FirstReplyAt  time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ClosedAt      time.Time

	Messages    []Message
	Attachments []Attachment
}

// Closed reports whether the request was closed with an outcome.
func (r *Request) Closed() bool { return r.Status == "closed" }

// Message is one entry of a request's thread.
type Message struct {
	ID        int64
	RequestID int64
	AuthorID  int64
	Author    string // the author's name, filled for display
	FromStaff bool   // written by someone other than the student
	Body      string
	Internal  bool
	CreatedAt time.Time
}

// Attachment is a file kept with a request.
type Attachment struct {
	ID          int64
	RequestID   int64
	Name        string
	ContentType string
	Size        int64
	Key         string
	UploadedBy  int64
	CreatedAt   time.Time
}

// Draft is what a student submits to open a request.
type Draft struct {
	Category    string
	Subject     string
	Description string
	// Consent is the student's explicit consent to the processing of health data, required
	// for the health category.
	Consent bool
}

func (d *Draft) clean() {
	d.Category = strings.TrimSpace(d.Category)
	d.Subject = strings.TrimSpace(d.Subject)
	d.Description = strings.TrimSpace(d.Description)
}

func (d *Draft) validate() fail.Fields {
	errs := fail.Fields{}
	if !slices.Contains(Categories, d.Category) {
		errs["category"] = "form.choice"
	}
	checkText(errs, "subject", d.Subject, maxSubject)
	checkText(errs, "description", d.Description, maxBody)
	if d.Category == "health" && !d.Consent {
		errs["consent"] = "student.error.consent"
	}
	return errs
}

func checkText(errs fail.Fields, field, s string, limit int) {
	switch {
	case s == "":
		errs[field] = "form.required"
	case utf8.RuneCountInString(s) > limit:
		errs[field] = "form.too_long"
	}
}

// sensitiveCategory reports whether a category's requests are sensitive from the start:
// health is a special category of personal data, finances are confidential.
func sensitiveCategory(c string) bool { return c == "health" || c == "financial" }

// Triage is a change of the fields staff manage. Nil fields stay as they are.
type Triage struct {
	Priority   *string
	AssigneeID *int64 // 0 clears the assignee (admins only)
	FollowUpOn *string
	Status     *string // open or waiting_student; closing goes through Close
	Sensitive  *bool   // staff may mark a request sensitive, never unmark a health or financial one
}

func (t *Triage) validate() fail.Fields {
	errs := fail.Fields{}
	if t.Priority != nil && !slices.Contains(Priorities, *t.Priority) {
		errs["priority"] = "form.choice"
	}
	if t.Status != nil && *t.Status != "open" && *t.Status != "waiting_student" {
		errs["status"] = "form.choice"
	}
	if t.FollowUpOn != nil && *t.FollowUpOn != "" {
		if _, err := time.Parse(time.DateOnly, *t.FollowUpOn); err != nil {
			errs["follow_up_on"] = "student.error.date"
		}
	}
	return errs
}

// KB is the file's size in kilobytes, at least 1, for display.
func (a Attachment) KB() int64 { return max(1, (a.Size+512)/1024) }

// Paragraphs splits a text at its line breaks for display as separate lines.
func Paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Lines is the message's body as lines.
func (m Message) Lines() []string { return Paragraphs(m.Body) }

// Lines is the request's description as lines.
func (r *Request) Lines() []string { return Paragraphs(r.Description) }
