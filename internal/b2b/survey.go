package b2b

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// Outcome surveys: after the forum each side of a meeting that took place says how it went
// (round 1); six months after the forum it says what came of it (round 2).
//
// When a round is open:
//   - round 1 opens for a meeting when its slot starts (a meeting still "planned" after
//     that counts as held: people forget to mark them) and closes when round 2 opens;
//   - round 2 opens six months after the event ends and closes three months later.
//
// One answer per side, meeting and round: answering again while the round is open replaces
// the answer (a company may learn more after a first answer); once the round closes the
// answer stands, so the organisers' figures stop moving.

// Rounds of the survey.
const (
	RoundAfterForum = 1
	RoundFollowUp   = 2
)

// Survey timing, counted from the event's end.
const (
	followUpMonths = 6 // round 2 opens, and round 1 closes
	followUpOpen   = 3 // months round 2 stays open
	maxComment     = 2000
	maxValueEUR    = 1_000_000_000_000 // a trillion euros: beyond it is a typo
)

// Outcome is what a meeting led to.
type Outcome string

const (
	OutcomeNone      Outcome = "none"      // no further contact
	OutcomeFollowUp  Outcome = "follow_up" // follow-up planned
	OutcomeOffer     Outcome = "offer"     // offer made
	OutcomeAgreement Outcome = "agreement" // agreement signed
)

// Outcomes lists the outcomes in the order forms offer them, from least to most.
var Outcomes = []Outcome{OutcomeNone, OutcomeFollowUp, OutcomeOffer, OutcomeAgreement}

// SurveyInput is one side's answer about one meeting.
type SurveyInput struct {
	Round    int
	Rating   int // 1..5
	Outcome  Outcome
	ValueEUR *int64 // optional estimated value in whole euros
	Comment  string
}

// Survey is an answer as stored.
type Survey struct {
	MeetingID int64
	ProfileID int64
	SurveyInput
	AnsweredBy int64
	AnsweredAt time.Time
}

// validate cleans in and returns every problem with the answer itself; whether the round
// is open is the service's question.
func (in *SurveyInput) validate() fail.Fields {
	errs := fail.Fields{}
	if in.Round != RoundAfterForum && in.Round != RoundFollowUp {
		errs["round"] = "b2b.survey.error.round"
	}
	if in.Rating < 1 || in.Rating > 5 {
		errs["rating"] = "b2b.survey.error.rating"
	}
	if !slices.Contains(Outcomes, in.Outcome) {
		errs["outcome"] = "b2b.survey.error.outcome"
	}
	if in.ValueEUR != nil && (*in.ValueEUR < 0 || *in.ValueEUR > maxValueEUR) {
		errs["value_eur"] = "b2b.survey.error.value"
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > maxComment {
		errs["comment"] = "form.too_long"
	}
	return errs
}

// RoundWindow is when a round can be answered for one meeting: from Opens until Closes.
type RoundWindow struct {
	Opens  time.Time
	Closes time.Time
}

// Open reports whether answers are taken at t.
func (w RoundWindow) Open(t time.Time) bool { return !t.Before(w.Opens) && t.Before(w.Closes) }

// followUpAt is when round 2 opens for a forum ending at end.
func followUpAt(end time.Time) time.Time { return end.AddDate(0, followUpMonths, 0) }

// roundWindow is round's window for a meeting whose slot starts at slotStart, at a forum
// ending at end.
func roundWindow(round int, slotStart, end time.Time) RoundWindow {
	if round == RoundFollowUp {
		return RoundWindow{Opens: followUpAt(end), Closes: followUpAt(end).AddDate(0, followUpOpen, 0)}
	}
	return RoundWindow{Opens: slotStart, Closes: followUpAt(end)}
}

// surveyable reports whether a meeting can have survey answers at all: it was placed and
// not called off or missed. A planned meeting counts once its slot has started.
func surveyable(m Meeting) bool {
	return m.Scheduled() && (m.Status == MeetingHeld || m.Status == MeetingPlanned)
}

// ParseValueEUR reads an estimated value as typed in a form: empty is none. Thousands may
// be grouped with spaces, dots or commas ("25.000", "25 000", "25,000"), but a group after
// a separator must have three digits, so "1.5" or "2,50" is refused rather than read as 15
// or 250. Anything but a whole non-negative number of euros is ok false.
func ParseValueEUR(s string) (v *int64, ok bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '€' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return nil, true
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) == 0 || strings.Count(s, ".")+strings.Count(s, ",") != len(groups)-1 {
		return nil, false
	}
	var n int64
	for i, g := range groups {
		if i > 0 && len(g) != 3 || i == 0 && len(groups) > 1 && len(g) > 3 {
			return nil, false
		}
		for _, r := range g {
			if r < '0' || r > '9' || n > maxValueEUR {
				return nil, false
			}
			n = n*10 + int64(r-'0')
		}
	}
	if n > maxValueEUR {
		return nil, false
	}
	return &n, true
}
