package project

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// A proposal is written in one form and saved as a draft as often as the proposer likes;
// drafts keep whatever was typed, checked only for what would not fit the tables. Submitting
// checks everything and freezes it: a change after that is a new version.

// Limits of a proposal.
const (
	maxProposalTitle   = 200
	maxProposalSummary = 8000
	maxProposalRows    = 50
	maxRowText         = 300
	maxAnswer          = 4000
	// MaxAttachment is the largest PDF a proposal takes.
	MaxAttachment = 10 << 20
)

// ProposalPartner is an organisation on either side taking part; OrganisationID links it to an
// identity organisation when it has one there.
type ProposalPartner struct {
	OrganisationID int64  `json:"organisation_id,omitempty"`
	Name           string `json:"name"`
	City           string `json:"city"`
}

// ProposalActivity is a dated step of the plan.
type ProposalActivity struct {
	Title    string `json:"title"`
	StartsOn string `json:"starts_on"` // YYYY-MM-DD
	EndsOn   string `json:"ends_on"`
}

// ProposalBudgetLine is a cost and how it is paid: asked from the municipality, and co-funded.
// Amounts are minor units (kuruş, qəpik, cents).
type ProposalBudgetLine struct {
	Label     string `json:"label"`
	Currency  string `json:"currency"`
	Amount    int64  `json:"amount_minor"`
	Requested int64  `json:"requested_minor"`
	Cofunding int64  `json:"cofunding_minor"`
}

// ProposalIndicator is an expected result: "participants: 500".
type ProposalIndicator struct {
	Name   i18n.Text `json:"name"`
	Unit   string    `json:"unit"`
	Target float64   `json:"target"`
}

// ProposalInput is what the proposer writes.
type ProposalInput struct {
	OrganisationID int64                `json:"organisation_id"`
	CallID         int64                `json:"call_id,omitempty"` // 0: the standing intake
	Title          i18n.Text            `json:"title"`
	Summary        i18n.Text            `json:"summary"`
	Themes         []string             `json:"themes"`
	TargetGroups   []string             `json:"target_groups"`
	Partners       []ProposalPartner    `json:"partners"`
	Activities     []ProposalActivity   `json:"activities"`
	Budget         []ProposalBudgetLine `json:"budget"`
	Indicators     []ProposalIndicator  `json:"indicators"`
	Answers        map[int64]string     `json:"answers"` // by question id
}

// ProposalAttachment is a PDF kept with a proposal.
type ProposalAttachment struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Size      int64     `json:"size"`
	Key       string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Proposal is a proposal as stored.
type Proposal struct {
	ID int64 `json:"id"`
	ProposalInput
	PreviousID  int64                `json:"previous_id,omitempty"`
	Version     int                  `json:"version"`
	Status      ProposalStatus       `json:"status"`
	CreatedBy   int64                `json:"-"`
	SubmittedAt *time.Time           `json:"submitted_at,omitempty"`
	CreatedAt   time.Time            `json:"created_at"`
	UpdatedAt   time.Time            `json:"updated_at"`
	Attachments []ProposalAttachment `json:"attachments"`
}

// Editable reports whether the proposal can still be changed: only drafts can.
func (p *Proposal) Editable() bool { return p.Status == Draft }

// Versionable reports whether a new version can be made of it: one waiting for review or
// for more information. Decided proposals are final.
func (p *Proposal) Versionable() bool { return p.Status == Submitted || p.Status == NeedsInfo }

// ProposalTotal is a currency's sums over the budget.
type ProposalTotal struct {
	Currency  string `json:"currency"`
	Amount    int64  `json:"amount_minor"`
	Requested int64  `json:"requested_minor"`
	Cofunding int64  `json:"cofunding_minor"`
}

// Totals sums the budget per currency, in the order of Currencies.
func (p *Proposal) Totals() []ProposalTotal {
	out := []ProposalTotal{}
	sums := sumBudget(p.Budget)
	for _, cur := range Currencies {
		if i := slices.IndexFunc(sums, func(t ProposalTotal) bool { return t.Currency == cur }); i >= 0 {
			out = append(out, sums[i])
		}
	}
	return out
}

// sumBudget adds the lines up per currency, in the order the currencies first appear:
// currencies are never converted into one another, so each keeps its own sum.
func sumBudget(lines []ProposalBudgetLine) []ProposalTotal {
	var out []ProposalTotal
	for _, l := range lines {
		i := slices.IndexFunc(out, func(t ProposalTotal) bool { return t.Currency == l.Currency })
		if i < 0 {
			out = append(out, ProposalTotal{Currency: l.Currency})
			i = len(out) - 1
		}
		out[i].Amount += l.Amount
		out[i].Requested += l.Requested
		out[i].Cofunding += l.Cofunding
	}
	return out
}

// validateDraft cleans in and lists what would not fit: unknown codes, overlong text, too
// many rows, negative money. A draft may be incomplete.
func (in *ProposalInput) validateDraft() fail.Fields {
	errs := fail.Fields{}
	in.Title, in.Summary = in.Title.Trimmed(), in.Summary.Trimmed()
	checkLangText(errs, "title", in.Title, maxProposalTitle, false)
	checkLangText(errs, "summary", in.Summary, maxProposalSummary, false)
	in.Themes = knownCodes(errs, "themes", in.Themes, Themes)
	in.TargetGroups = knownCodes(errs, "target_groups", in.TargetGroups, TargetGroups)
	for _, n := range []int{len(in.Partners), len(in.Activities), len(in.Budget), len(in.Indicators)} {
		if n > maxProposalRows {
			errs["rows"] = "project.proposal.error.too_many_rows"
		}
	}
	in.cleanPartners(errs)
	in.cleanActivities(errs)
	in.cleanBudget(errs)
	in.cleanIndicators(errs)
	for id, a := range in.Answers {
		in.Answers[id] = strings.TrimSpace(a)
		if utf8.RuneCountInString(a) > maxAnswer {
			errs["answer_"+strconv.FormatInt(id, 10)] = "form.too_long"
		}
	}
	return errs
}

// validateSubmit is validateDraft plus what a complete proposal needs, against the call's
// questions (nil for the standing intake).
func (in *ProposalInput) validateSubmit(c *Call) fail.Fields {
	errs := in.validateDraft()
	if in.Title.Empty() {
		errs["title"] = "project.proposal.error.title"
	}
	if in.Summary.Empty() {
		errs["summary"] = "form.required"
	}
	if len(in.Themes) == 0 {
		errs["themes"] = "form.required"
	}
	if len(in.Budget) == 0 {
		errs["budget"] = "project.proposal.error.no_budget"
	}
	for i, b := range in.Budget {
		if b.Requested+b.Cofunding != b.Amount {
			errs[repeatField("budget", i)] = "project.proposal.error.budget_sum"
		}
	}
	if c != nil {
		in.checkAnswers(errs, c)
	}
	return errs
}

// checkAnswers enforces the call's required questions and the form of every answer.
func (in *ProposalInput) checkAnswers(errs fail.Fields, c *Call) {
	for _, q := range c.Questions {
		a, field := in.Answers[q.ID], "answer_"+strconv.FormatInt(q.ID, 10)
		switch {
		case a == "":
			if q.Required {
				errs[field] = "form.required"
			}
		case q.Kind == QuestionChoice && !slices.Contains(q.Choices, a):
			errs[field] = "form.choice"
		case q.Kind == QuestionNumber:
			if _, err := strconv.ParseFloat(strings.ReplaceAll(a, ",", "."), 64); err != nil {
				errs[field] = "project.proposal.error.number"
			}
		}
	}
}

func (in *ProposalInput) cleanPartners(errs fail.Fields) {
	out := []ProposalPartner{}
	for _, p := range in.Partners {
		p.Name, p.City = proposalLine(p.Name), proposalLine(p.City)
		if p.Name == "" && p.City == "" && p.OrganisationID == 0 {
			continue // an empty row of the form
		}
		field := repeatField("partner", len(out))
		if p.Name == "" && p.OrganisationID == 0 { // a picked organisation brings its name (checkPartners)
			errs[field] = "form.required"
		}
		if utf8.RuneCountInString(p.Name) > maxRowText || utf8.RuneCountInString(p.City) > maxRowText {
			errs[field] = "form.too_long"
		}
		out = append(out, p)
	}
	in.Partners = out
}

func (in *ProposalInput) cleanActivities(errs fail.Fields) {
	out := []ProposalActivity{}
	for _, a := range in.Activities {
		a.Title, a.StartsOn, a.EndsOn = proposalLine(a.Title), strings.TrimSpace(a.StartsOn), strings.TrimSpace(a.EndsOn)
		if a.Title == "" && a.StartsOn == "" && a.EndsOn == "" {
			continue
		}
		field := repeatField("activity", len(out))
		starts, err1 := time.Parse(time.DateOnly, a.StartsOn)
		ends, err2 := time.Parse(time.DateOnly, a.EndsOn)
		switch {
		case a.Title == "":
			errs[field] = "form.required"
		case utf8.RuneCountInString(a.Title) > maxRowText:
			errs[field] = "form.too_long"
		case err1 != nil || err2 != nil:
			errs[field] = "project.proposal.error.dates"
		case ends.Before(starts):
			errs[field] = "project.proposal.error.ends_before"
		}
		out = append(out, a)
	}
	in.Activities = out
}

func (in *ProposalInput) cleanBudget(errs fail.Fields) {
	out := []ProposalBudgetLine{}
	for _, b := range in.Budget {
		b.Label = proposalLine(b.Label)
		field := repeatField("budget", len(out))
		switch {
		case b.Label == "":
			errs[field] = "form.required"
		case utf8.RuneCountInString(b.Label) > maxRowText:
			errs[field] = "form.too_long"
		case !slices.Contains(Currencies, b.Currency):
			errs[field] = "project.proposal.error.currency"
		case b.Amount < 0 || b.Requested < 0 || b.Cofunding < 0:
			errs[field] = "project.proposal.error.negative"
		}
		out = append(out, b)
	}
	in.Budget = out
}

func (in *ProposalInput) cleanIndicators(errs fail.Fields) {
	out := []ProposalIndicator{}
	for _, ind := range in.Indicators {
		ind.Name, ind.Unit = ind.Name.Trimmed(), proposalLine(ind.Unit)
		field := repeatField("indicator", len(out))
		checkLangText(errs, field, ind.Name, maxRowText, true)
		if utf8.RuneCountInString(ind.Unit) > maxRowText {
			errs[field] = "form.too_long"
		}
		if ind.Target < 0 {
			errs[field] = "project.proposal.error.negative"
		}
		out = append(out, ind)
	}
	in.Indicators = out
}

// proposalLine trims and collapses inner whitespace.
func proposalLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ParseAmount reads a sum of money as people type it, "1.250,50", "1250.5" or "1 250", into
// minor units. The last "," or "." followed by one or two digits is the decimal mark; other
// marks group thousands. ok is false for anything else, a negative sum included.
func ParseAmount(s string) (minor int64, ok bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, false
	}
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
	}
	if !amountGroups(whole) {
		return 0, false
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if !amountDigits(whole) || !amountDigits(frac) || len(whole) > 15 {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f, true
}

// amountGroups reports whether the marks in whole group its digits by three, as in 1.250.000.
func amountGroups(whole string) bool {
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) <= 1 {
		return !strings.ContainsAny(whole, ".,") || len(groups) == 1 && strings.IndexAny(whole, ".,") > 0
	}
	for i, g := range groups {
		if i > 0 && len(g) != 3 || len(g) > 3 {
			return false
		}
	}
	return strings.Count(whole, ".")+strings.Count(whole, ",") == len(groups)-1
}

func amountDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
