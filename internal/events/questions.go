package events

// Custom registration questions and optional consents: what an event's form asks beyond
// name, email and type. Coordinators write the questions in three languages; the service
// checks every answer against them (pages, invitations and the API alike) and stores the
// answers in the registration's transaction.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// QuestionKind is how a question is answered.
type QuestionKind string

const (
	TextQuestion     QuestionKind = "text"     // one line of text
	ChoiceQuestion   QuestionKind = "choice"   // one of the options
	CheckboxQuestion QuestionKind = "checkbox" // a tick; required means it must be ticked
)

// QuestionKinds lists the kinds in the order the editor offers them.
var QuestionKinds = []QuestionKind{TextQuestion, ChoiceQuestion, CheckboxQuestion}

// Limits of a questionnaire and its answers, in items and characters.
const (
	maxQuestions = 20
	maxOptions   = 30
	maxHelp      = 500
	maxAnswer    = 500
)

// Ticked is the stored value of a ticked checkbox (an unticked one stores nothing).
const Ticked = "yes"

// Option is one answer of a choice question. Answers store its Key, which survives edits of
// the labels; an option taken off the form stays, Removed, so the answers that chose it keep
// their label.
type Option struct {
	Key     string    `json:"key"`
	Label   i18n.Text `json:"label"`
	Removed bool      `json:"removed,omitempty"`
}

// Question is one custom question of a registration form.
type Question struct {
	ID       int64
	Kind     QuestionKind
	Label    i18n.Text
	Help     i18n.Text // optional
	Required bool
	Options  []Option // choice questions only
	// Removed: taken off the form. An update given a removed question (or none with its ID)
	// takes it off; its answers are kept and still exported.
	Removed bool
}

// Questionnaire is everything an event's form asks beyond name, email and type.
type Questionnaire struct {
	Questions []Question
	Consents  []Purpose // the optional purposes asked, in the order of Purposes
}

// Active returns the questions still on the form.
func (qn *Questionnaire) Active() []Question {
	if qn == nil {
		return nil
	}
	var out []Question
	for _, q := range qn.Questions {
		if !q.Removed {
			out = append(out, q)
		}
	}
	return out
}

// Asks reports whether the form asks consent for p.
func (qn *Questionnaire) Asks(p Purpose) bool { return qn != nil && slices.Contains(qn.Consents, p) }

// Field is the form field (and the field-error key) of the question's answer.
func (q *Question) Field() string { return "q_" + strconv.FormatInt(q.ID, 10) }

// LiveOptions returns the options offered on the form.
func (q *Question) LiveOptions() []Option {
	var out []Option
	for _, o := range q.Options {
		if !o.Removed {
			out = append(out, o)
		}
	}
	return out
}

// AnswerText is an answer as people read it in lang: a choice's label (even of an option
// since removed), yes for a ticked box, the text otherwise.
func (q *Question) AnswerText(value, lang, yes string) string {
	switch q.Kind {
	case ChoiceQuestion:
		for _, o := range q.Options {
			if o.Key == value {
				return o.Label.In(lang)
			}
		}
	case CheckboxQuestion:
		if value == Ticked {
			return yes
		}
	}
	return value
}

// validate cleans the questionnaire a coordinator wrote and adds its problems to errs, under
// the editor's fields: q_label_N, q_help_N, q_kind_N, q_options_N (N the question's place).
func (qn *Questionnaire) validate(errs fail.Fields) {
	if len(qn.Active()) > maxQuestions {
		errs["questions"] = "events.questions.too_many"
	}
	for i := range qn.Questions {
		q := &qn.Questions[i]
		if q.Removed {
			continue
		}
		n := strconv.Itoa(i)
		q.Label, q.Help = q.Label.Trimmed(), q.Help.Trimmed()
		if q.Label.Empty() {
			errs["q_label_"+n] = "events.questions.label_required"
		}
		for _, l := range i18n.Supported {
			if tooLong(q.Label.Get(l), maxLine) || strings.ContainsAny(q.Label.Get(l), "\r\n") {
				errs["q_label_"+n] = "form.too_long"
			}
			if tooLong(q.Help.Get(l), maxHelp) {
				errs["q_help_"+n] = "form.too_long"
			}
		}
		if !slices.Contains(QuestionKinds, q.Kind) {
			errs["q_kind_"+n] = "form.choice"
			continue
		}
		if q.Kind != ChoiceQuestion {
			q.Options = nil
			continue
		}
		kept := q.Options[:0]
		for _, o := range q.Options {
			o.Label = o.Label.Trimmed()
			if o.Label.Empty() && !o.Removed {
				continue // a blank line in every language
			}
			for _, l := range i18n.Supported {
				if tooLong(o.Label.Get(l), maxLine) {
					errs["q_options_"+n] = "form.too_long"
				}
			}
			kept = append(kept, o)
		}
		q.Options = kept
		switch live := len(q.LiveOptions()); {
		case live < 2:
			errs["q_options_"+n] = "events.questions.options_needed"
		case live > maxOptions:
			errs["q_options_"+n] = "events.questions.options_too_many"
		}
	}
	for _, p := range qn.Consents {
		if !slices.Contains(Purposes, p) {
			errs["consents"] = "form.choice"
		}
	}
	var asked []Purpose // in the order of Purposes, each once
	for _, p := range Purposes {
		if slices.Contains(qn.Consents, p) {
			asked = append(asked, p)
		}
	}
	qn.Consents = asked
}

// mergeOptions gives the options a coordinator saved their keys: an option sharing a label
// (in any language) with an earlier one keeps that option's key, so a corrected spelling
// keeps its answers; the others get new keys. Earlier options no longer listed stay, removed.
func mergeOptions(old, saved []Option) []Option {
	next := 1
	for _, o := range old {
		if n, err := strconv.Atoi(strings.TrimPrefix(o.Key, "o")); err == nil && n >= next {
			next = n + 1
		}
	}
	used := map[string]bool{}
	var out []Option
	for _, o := range saved {
		if o.Removed {
			continue // the earlier list below says what was removed
		}
		o.Key = ""
		for _, prev := range old {
			if !used[prev.Key] && sharesLabel(prev.Label, o.Label) {
				o.Key = prev.Key
				break
			}
		}
		if o.Key == "" {
			o.Key = "o" + strconv.Itoa(next)
			next++
		}
		used[o.Key] = true
		out = append(out, o)
	}
	for _, prev := range old {
		if !used[prev.Key] {
			prev.Removed = true
			out = append(out, prev)
		}
	}
	return out
}

func sharesLabel(a, b i18n.Text) bool {
	for _, l := range i18n.Supported {
		if s := a.Get(l); s != "" && s == b.Get(l) {
			return true
		}
	}
	return false
}

// take checks a registration's answers and consents against the form and returns the
// answers to store and the consent decisions to record (one per purpose asked, granted or
// not). Problems are reported under q_<id> for a question, "answers" for a question the form
// does not have (refused rather than ignored, so an API client hears of its mistake) and
// "consents" for a purpose the form does not ask.
func (qn *Questionnaire) take(answers map[int64]string, granted []Purpose, at time.Time) (map[int64]string, []Consent, fail.Fields) {
	errs := fail.Fields{}
	active := qn.Active()
	for id := range answers {
		if !slices.ContainsFunc(active, func(q Question) bool { return q.ID == id }) {
			errs["answers"] = "events.questions.unknown"
		}
	}
	keep := map[int64]string{}
	for _, q := range active {
		v, key := q.clean(answers[q.ID])
		if key != "" {
			errs[q.Field()] = key
		} else if v != "" {
			keep[q.ID] = v
		}
	}
	var consents []Consent
	for _, p := range granted {
		if !qn.Asks(p) {
			errs["consents"] = "events.consent.unknown"
		}
	}
	if qn != nil {
		for _, p := range qn.Consents {
			consents = append(consents, Consent{Purpose: p, Granted: slices.Contains(granted, p), NoticeVersion: NoticeVersion, At: at})
		}
	}
	return keep, consents, errs
}

// clean returns the value to store for an answer, or the message key of what is wrong.
func (q *Question) clean(v string) (string, string) {
	v = strings.Join(strings.Fields(v), " ") // one line, however it was typed
	switch q.Kind {
	case TextQuestion:
		if tooLong(v, maxAnswer) {
			return "", "form.too_long"
		}
	case ChoiceQuestion:
		if v != "" && !slices.ContainsFunc(q.LiveOptions(), func(o Option) bool { return o.Key == v }) {
			return "", "form.choice"
		}
	case CheckboxQuestion:
		switch v {
		case "", "no":
			v = ""
		case Ticked:
		default:
			return "", "form.choice"
		}
		if q.Required && v == "" {
			return "", "events.questions.must_tick"
		}
	}
	if q.Required && v == "" {
		return "", "events.questions.required"
	}
	return v, ""
}

// mergeFields adds more's problems to errs (the first one of a field sticks).
func mergeFields(errs, more fail.Fields) fail.Fields {
	for k, v := range more {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	return errs
}

// saveQuestionnaire writes e's questionnaire over what the event asked: listed questions are
// updated, new ones added, and the rest taken off the form with their answers kept. A
// question whose kind changed becomes a new question, so answers of the old kind stay with
// the old one rather than being read as the new kind's.
func (s *Service) saveQuestionnaire(ctx context.Context, tx *db.Tx, e *Event) error {
	qn := e.Questionnaire
	old, err := questionsOf(ctx, tx, e.ID, false)
	if err != nil {
		return err
	}
	now, listed := s.now(), map[int64]bool{}
	for i := range qn.Questions {
		q := &qn.Questions[i]
		var prev *Question
		if q.ID != 0 {
			j := slices.IndexFunc(old, func(o Question) bool { return o.ID == q.ID })
			if j < 0 {
				return fail.Fields{"q_label_" + strconv.Itoa(i): "events.questions.not_found"}
			}
			prev, listed[q.ID] = &old[j], true
		}
		switch {
		case q.Removed:
			if prev != nil {
				err = removeQuestion(ctx, tx, prev.ID, now)
			}
		case prev != nil && prev.Kind == q.Kind:
			q.Options = mergeOptions(prev.Options, q.Options)
			err = updateQuestion(ctx, tx, e.ID, *q, i)
		default:
			if prev != nil {
				if err := removeQuestion(ctx, tx, prev.ID, now); err != nil {
					return err
				}
			}
			q.Options = mergeOptions(nil, q.Options)
			err = insertQuestion(ctx, tx, e.ID, q, i)
		}
		if err != nil {
			return err
		}
	}
	for _, o := range old {
		if !listed[o.ID] {
			if err := removeQuestion(ctx, tx, o.ID, now); err != nil {
				return err
			}
		}
	}
	qn.Questions = qn.Active()
	return replaceConsentPurposes(ctx, tx, e.ID, qn.Consents)
}
