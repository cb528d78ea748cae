package project

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Project is one entry of the public accountability tracker.
type Project struct {
	ID            int64
	PartnershipID int64
	ProposalID    int64 // 0: agreed outside the calls
	ProjectInput
	Year      int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ProjectInput is what coordinators write about a project. Budgets are typed as decimals
// ("12.500,50" or "12500.50") and kept in minor units.
type ProjectInput struct {
	Slug           string        `json:"slug"`
	Title          i18n.Text     `json:"title"`
	Summary        i18n.Text     `json:"summary"`
	Themes         []string      `json:"themes"`
	OrganisationID int64         `json:"organisation_id"`
	Status         ProjectStatus `json:"status"`
	Progress       int           `json:"progress"`
	StartsOn       string        `json:"starts_on"`
	EndsOn         string        `json:"ends_on"`
	Currency       string        `json:"currency"`
	PlannedMinor   int64         `json:"planned_minor"`
	SpentMinor     int64         `json:"spent_minor"`
}

// Milestone is one step on a project's timeline; DoneOn is "" until it is reached.
type Milestone struct {
	ID     int64     `json:"id"`
	Title  i18n.Text `json:"title"`
	DueOn  string    `json:"due_on"`
	DoneOn string    `json:"done_on"`
}

// Indicator is an expected result with its target and what has been achieved.
type Indicator struct {
	ID     int64     `json:"id"`
	Name   i18n.Text `json:"name"`
	Unit   string    `json:"unit"`
	Target float64   `json:"target"`
	Actual float64   `json:"actual"`
}

// Percent is how much of the target is reached, capped at 100 for the bar.
func (i Indicator) Percent() int {
	if i.Target <= 0 {
		return 0
	}
	return min(100, int(i.Actual/i.Target*100))
}

// Update is a dated progress report.
type Update struct {
	ID       int64     `json:"id"`
	PostedOn string    `json:"posted_on"`
	Body     i18n.Text `json:"body"`
	Progress *int      `json:"progress,omitempty"`
	MediaIDs []int64   `json:"media_ids"`
	Pictures []Picture `json:"-"`
}

// Change is one line of a project's history.
type Change struct {
	UserName string    `json:"user"`
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
	At       time.Time `json:"at"`
}

// LinkKinds are the other modules' objects a project links to.
var LinkKinds = []string{"event", "b2b", "news", "volunteer"}

// Link is a linked object as the project page shows it.
type Link struct {
	Kind  string    `json:"kind"`
	RefID int64     `json:"ref_id"`
	Title i18n.Text `json:"title"`
	Path  string    `json:"path"` // without the language
}

const day = time.DateOnly

// normalize trims the input and fills what can be derived: the slug from a title.
func (in *ProjectInput) normalize() {
	in.Title, in.Summary = in.Title.Trimmed(), in.Summary.Trimmed()
	in.Slug = strings.TrimSpace(in.Slug)
	if in.Slug == "" {
		in.Slug = text.Slug(in.Title.In(i18n.Default))
	}
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if in.Status == "" {
		in.Status = NotStarted
	}
}

// validate reports every problem at once, as catalog keys per field.
func (in *ProjectInput) validate() error {
	errs := fail.Fields{}
	if in.Title.Empty() {
		errs["title"] = "project.tracker.error.title"
	}
	if in.Slug == "" || in.Slug != text.Slug(in.Slug) {
		errs["slug"] = "project.tracker.error.slug"
	}
	for _, th := range in.Themes {
		if !slices.Contains(Themes, th) {
			errs["themes"] = "project.tracker.error.themes"
		}
	}
	if !slices.Contains(ProjectStatuses, in.Status) {
		errs["status"] = "project.tracker.error.status"
	}
	if in.Progress < 0 || in.Progress > 100 {
		errs["progress"] = "project.tracker.error.progress"
	}
	checkDay(errs, "starts_on", in.StartsOn, true)
	checkDay(errs, "ends_on", in.EndsOn, true)
	if errs["starts_on"] == "" && errs["ends_on"] == "" && in.EndsOn < in.StartsOn {
		errs["ends_on"] = "project.tracker.error.ends_before"
	}
	if !slices.Contains(Currencies, in.Currency) {
		errs["currency"] = "project.tracker.error.currency"
	}
	if in.PlannedMinor < 0 {
		errs["planned"] = "project.tracker.error.money"
	}
	if in.SpentMinor < 0 {
		errs["spent"] = "project.tracker.error.money"
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// checkDay wants "YYYY-MM-DD" in field (or nothing, when not required).
func checkDay(errs fail.Fields, field, s string, required bool) {
	if s == "" && !required {
		return
	}
	if _, err := time.Parse(day, s); err != nil {
		errs[field] = "project.tracker.error.date"
	}
}

// ParseMoney reads an amount typed by a person into minor units. Both "12.500,50" (Turkish
// and Azerbaijani) and "12500.50" are understood: the last separator followed by one or two
// digits is the decimal one. Negative amounts, letters and more than two decimals are refused.
func ParseMoney(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, true
	}
	whole, frac := s, ""
	i := strings.LastIndexAny(s, ".,")
	switch {
	case i >= 0 && len(s)-i-1 <= 2:
		whole, frac = s[:i], s[i+1:]
	case strings.Contains(s, ".") && strings.Contains(s, ","):
		return 0, false // with both separators the last must be the decimal one
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole)
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" || !amountDigits(whole) || !amountDigits(frac) || len(whole) > 15 {
		return 0, false
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	return n, err == nil
}

// FormatMoney writes minor units as a decimal in the reader's way: 12.500,50 or 12,500.50.
func FormatMoney(lang string, minor int64) string {
	return i18n.FormatNumber(lang, float64(minor)/100, 2)
}

// MoneyInput writes minor units for an input field, in the form ParseMoney reads back.
func MoneyInput(minor int64) string {
	return strconv.FormatInt(minor/100, 10) + "." + strconv.FormatInt(100+minor%100, 10)[1:]
}
