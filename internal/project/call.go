package project

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Calls for proposals: coordinators open a call for a period, with its own questions that
// every proposal to it answers and the weighted criteria reviewers score against. A draft
// call (not published) is seen by coordinators only.

// QuestionKind is how a call's question is answered.
type QuestionKind string

const (
	QuestionText   QuestionKind = "text"
	QuestionChoice QuestionKind = "choice"
	QuestionNumber QuestionKind = "number"
)

// QuestionKinds lists the kinds in form order.
var QuestionKinds = []QuestionKind{QuestionText, QuestionChoice, QuestionNumber}

// Limits of a call.
const (
	maxCallTitle       = 200
	maxCallDescription = 8000
	maxCallSlug        = 100
	maxCallQuestions   = 20
	maxCallCriteria    = 20
	maxChoice          = 200
)

// CallQuestion is one of the call's own questions.
type CallQuestion struct {
	ID       int64        `json:"id"`
	Label    i18n.Text    `json:"label"`
	Kind     QuestionKind `json:"kind"`
	Choices  []string     `json:"choices"` // for choice questions
	Required bool         `json:"required"`
}

// CallCriterion is one evaluation criterion; weights need not add up to 100.
type CallCriterion struct {
	ID     int64     `json:"id"`
	Name   i18n.Text `json:"name"`
	Weight int       `json:"weight"` // 1..100
}

// CallInput is what coordinators write.
type CallInput struct {
	Slug          string          `json:"slug"` // made from the title when empty
	Title         i18n.Text       `json:"title"`
	Description   i18n.Text       `json:"description"`
	Themes        []string        `json:"themes"`
	OpensAt       time.Time       `json:"opens_at"`
	ClosesAt      time.Time       `json:"closes_at"`
	JointApproval bool            `json:"joint_approval"`
	Published     bool            `json:"published"`
	Questions     []CallQuestion  `json:"questions"`
	Criteria      []CallCriterion `json:"criteria"`
}

// Call is a call as stored.
type Call struct {
	ID int64 `json:"id"`
	CallInput
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OpenAt reports whether proposals are accepted at now: published, opened and not closed.
func (c *Call) OpenAt(now time.Time) bool {
	return c.Published && !now.Before(c.OpensAt) && now.Before(c.ClosesAt)
}

// Past reports whether the call has closed by now.
func (c *Call) Past(now time.Time) bool { return !now.Before(c.ClosesAt) }

// validate cleans in and lists its problems as message keys.
func (in *CallInput) validate() fail.Fields {
	errs := fail.Fields{}
	in.Title, in.Description = in.Title.Trimmed(), in.Description.Trimmed()
	checkLangText(errs, "title", in.Title, maxCallTitle, true)
	checkLangText(errs, "description", in.Description, maxCallDescription, false)
	in.Themes = knownCodes(errs, "themes", in.Themes, Themes)
	in.OpensAt, in.ClosesAt = in.OpensAt.UTC(), in.ClosesAt.UTC()
	switch {
	case in.OpensAt.IsZero():
		errs["opens_at"] = "form.required"
	case in.ClosesAt.IsZero():
		errs["closes_at"] = "form.required"
	case !in.ClosesAt.After(in.OpensAt):
		errs["closes_at"] = "project.call.error.closes_before"
	}
	in.Slug = strings.TrimSpace(in.Slug)
	if in.Slug == "" {
		in.Slug = text.Slug(in.Title.In(i18n.Default))
	}
	if in.Slug == "" || in.Slug != text.Slug(in.Slug) || len(in.Slug) > maxCallSlug {
		errs["slug"] = "project.call.error.slug"
	}
	in.validateQuestions(errs)
	in.validateCriteria(errs)
	return errs
}

func (in *CallInput) validateQuestions(errs fail.Fields) {
	if len(in.Questions) > maxCallQuestions {
		errs["questions"] = "project.call.error.too_many"
	}
	for i := range in.Questions {
		q := &in.Questions[i]
		field := repeatField("question", i)
		q.Label = q.Label.Trimmed()
		checkLangText(errs, field, q.Label, maxChoice, true)
		if !slices.Contains(QuestionKinds, q.Kind) {
			errs[field+"_kind"] = "form.choice"
		}
		q.Choices = offeredChoices(q.Choices)
		if q.Kind != QuestionChoice {
			q.Choices = nil
		} else if len(q.Choices) < 2 {
			errs[field+"_choices"] = "project.call.error.choices"
		}
	}
}

func (in *CallInput) validateCriteria(errs fail.Fields) {
	if len(in.Criteria) > maxCallCriteria {
		errs["criteria"] = "project.call.error.too_many"
	}
	for i := range in.Criteria {
		c := &in.Criteria[i]
		field := repeatField("criterion", i)
		c.Name = c.Name.Trimmed()
		checkLangText(errs, field, c.Name, maxChoice, true)
		if c.Weight < 1 || c.Weight > 100 {
			errs[field+"_weight"] = "project.call.error.weight"
		}
	}
}

// repeatField names a row of a repeated group for its field errors: "budget_2".
func repeatField(group string, i int) string { return group + "_" + strconv.Itoa(i) }

// checkLangText checks a three-language text: at least one language when required, none too long.
func checkLangText(errs fail.Fields, field string, t i18n.Text, limit int, required bool) {
	if required && t.Empty() {
		errs[field] = "form.required"
	}
	for _, l := range i18n.Supported {
		if utf8.RuneCountInString(t.Get(l)) > limit {
			errs[field+"_"+l] = "form.too_long"
		}
	}
}

// knownCodes keeps each allowed code once, in the allowed order; an unknown one is an error.
func knownCodes(errs fail.Fields, field string, codes, allowed []string) []string {
	out := []string{}
	for _, a := range allowed {
		if slices.Contains(codes, a) {
			out = append(out, a)
		}
	}
	for _, c := range codes {
		if !slices.Contains(allowed, c) {
			errs[field] = "form.choice"
		}
	}
	return out
}

// offeredChoices trims the offered answers and drops empty and repeated ones.
func offeredChoices(in []string) []string {
	out := []string{}
	for _, c := range in {
		c = strings.Join(strings.Fields(c), " ")
		if c != "" && !slices.Contains(out, c) && utf8.RuneCountInString(c) <= maxChoice {
			out = append(out, c)
		}
	}
	return out
}
