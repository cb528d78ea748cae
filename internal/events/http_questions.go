package events

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// --- the registration form (event page and invitation page)

// askView is what a registration form asks beyond name, email and type, resolved for one
// reader; the partial "event-ask" (ui/templates/layout/event_ask.html) renders it.
type askView struct {
	Questions []questionView
	Consents  []consentView
}

type questionView struct {
	Field    string // form field and error key: q_<id>
	Kind     QuestionKind
	Label    localText
	Help     localText
	Required bool
	Options  []optionView
}

type optionView struct {
	Key   string
	Label localText
}

type consentView struct {
	Field string // consent_<purpose>
	Text  string
}

func (h *Handlers) askView(r *http.Request, qn *Questionnaire) *askView {
	l := lang(r)
	d := &askView{}
	for _, q := range qn.Active() {
		v := questionView{Field: q.Field(), Kind: q.Kind, Label: local(q.Label, l), Help: local(q.Help, l), Required: q.Required}
		for _, o := range q.LiveOptions() {
			v.Options = append(v.Options, optionView{Key: o.Key, Label: local(o.Label, l)})
		}
		d.Questions = append(d.Questions, v)
	}
	if qn != nil {
		for _, p := range qn.Consents {
			d.Consents = append(d.Consents, consentView{Field: "consent_" + string(p), Text: h.rd.T(r, "events.consent."+string(p))})
		}
	}
	return d
}

// answersFromForm reads the answers to the form's questions and the consents ticked. Only
// the event's own fields are read, so a page never sends an unknown question.
func answersFromForm(qn *Questionnaire, f *web.Form) (map[int64]string, []Purpose) {
	answers := map[int64]string{}
	for _, q := range qn.Active() {
		if v := f.Get(q.Field()); v != "" {
			answers[q.ID] = v
		}
	}
	var granted []Purpose
	if qn != nil {
		for _, p := range qn.Consents {
			if f.Get("consent_"+string(p)) == Ticked {
				granted = append(granted, p)
			}
		}
	}
	return answers, granted
}

// --- the editor

// checkOption is a checkbox of a list, ticked or not.
type checkOption struct {
	Value, Label string
	Checked      bool
}

type questionRow struct {
	N  int
	ID string
}

// questionFormValues writes a questionnaire into the editor's fields, one row per question.
func questionFormValues(v url.Values, qn *Questionnaire) {
	for i, q := range qn.Active() {
		n := strconv.Itoa(i)
		v.Set("q_id_"+n, strconv.FormatInt(q.ID, 10))
		v.Set("q_kind_"+n, string(q.Kind))
		if q.Required {
			v.Set("q_required_"+n, "1")
		}
		for _, l := range i18n.Supported {
			v.Set("q_label_"+l+"_"+n, q.Label.Get(l))
			v.Set("q_help_"+l+"_"+n, q.Help.Get(l))
			var lines []string
			for _, o := range q.LiveOptions() {
				lines = append(lines, o.Label.Get(l))
			}
			v.Set("q_options_"+l+"_"+n, strings.Join(lines, "\n"))
		}
	}
	if qn != nil {
		for _, p := range qn.Consents {
			v.Add("consents", string(p))
		}
	}
}

// questionnaireFromForm reads the editor's question rows and consents. A new row left empty
// is ignored; a row ticked "remove" is passed on as removed so its answers are kept.
func questionnaireFromForm(f *web.Form) *Questionnaire {
	qn := &Questionnaire{}
	for _, p := range f.Values["consents"] {
		qn.Consents = append(qn.Consents, Purpose(p))
	}
	for n := range questionRowCount(f) {
		s := strconv.Itoa(n)
		q := Question{Kind: QuestionKind(f.Get("q_kind_" + s)), Required: f.Get("q_required_"+s) != "", Removed: f.Get("q_remove_"+s) != ""}
		q.ID, _ = strconv.ParseInt(f.Get("q_id_"+s), 10, 64)
		lines := map[string][]string{}
		for _, l := range i18n.Supported {
			q.Label.Set(l, f.Get("q_label_"+l+"_"+s))
			q.Help.Set(l, f.Get("q_help_"+l+"_"+s))
			lines[l] = strings.Split(strings.ReplaceAll(f.Values.Get("q_options_"+l+"_"+s), "\r\n", "\n"), "\n")
		}
		if q.ID == 0 && (q.Removed || q.Label.Empty()) {
			continue // the empty row for a new question
		}
		// Option i is line i of every language's list.
		most := max(len(lines["tr"]), len(lines["az"]), len(lines["en"]))
		for i := range most {
			var o Option
			for _, l := range i18n.Supported {
				if i < len(lines[l]) {
					o.Label.Set(l, strings.TrimSpace(lines[l][i]))
				}
			}
			q.Options = append(q.Options, o)
		}
		qn.Questions = append(qn.Questions, q)
	}
	return qn
}

// questionRowCount counts the question rows a form holds (each row sends its kind).
func questionRowCount(f *web.Form) int {
	n := 0
	for f.Values.Has("q_kind_" + strconv.Itoa(n)) {
		n++
	}
	return n
}

// questionRowsShown is how many question rows the editor shows: the form's, and an empty
// one to add a question unless the form's last row is already that.
func questionRowsShown(f *web.Form) int {
	n := questionRowCount(f)
	last := strconv.Itoa(n - 1)
	if n > 0 && f.Get("q_id_"+last) == "" && f.Get("q_label_tr_"+last)+f.Get("q_label_az_"+last)+f.Get("q_label_en_"+last) == "" {
		return n
	}
	return n + 1
}

// --- answers for coordinators and for the person

// detailColumns are the answer and consent columns of the registrations list and exports:
// one per question the form asks or once asked and was answered (titled with its label in
// lang), then one per purpose asked or decided.
func (h *Handlers) detailColumns(r *http.Request, e *Event, questions []Question, regs []Registration) (heads []string, cells func(reg *Registration) []string) {
	l := lang(r)
	answered := func(id int64) bool {
		return slices.ContainsFunc(regs, func(reg Registration) bool { _, ok := reg.Answers[id]; return ok })
	}
	var shown []Question
	for _, q := range questions {
		if !q.Removed || answered(q.ID) {
			shown = append(shown, q)
			head := q.Label.In(l)
			if q.Removed {
				head = h.rd.T(r, "events.questions.removed_column", head)
			}
			heads = append(heads, head)
		}
	}
	var purposes []Purpose
	for _, p := range Purposes {
		decided := slices.ContainsFunc(regs, func(reg Registration) bool { _, ok := reg.Consented(p); return ok })
		if e.Questionnaire.Asks(p) || decided {
			purposes = append(purposes, p)
			heads = append(heads, h.rd.T(r, "events.consent.column."+string(p)))
		}
	}
	yes, no := h.rd.T(r, "events.questions.yes"), h.rd.T(r, "events.questions.no")
	cells = func(reg *Registration) []string {
		var out []string
		for _, q := range shown {
			out = append(out, q.AnswerText(reg.Answers[q.ID], l, yes))
		}
		for _, p := range purposes {
			switch granted, decided := reg.Consented(p); {
			case !decided:
				out = append(out, "")
			case granted:
				out = append(out, yes)
			default:
				out = append(out, no)
			}
		}
		return out
	}
	return heads, cells
}

// answerLine is one answer or consent on the person's manage page.
type answerLine struct {
	Label localText
	Value string
}

// answerLines lists what the person answered and decided, in the page's language.
func (h *Handlers) answerLines(r *http.Request, questions []Question, reg *Registration) []answerLine {
	l := lang(r)
	yes, no := h.rd.T(r, "events.questions.yes"), h.rd.T(r, "events.questions.no")
	var out []answerLine
	for _, q := range questions {
		if v, ok := reg.Answers[q.ID]; ok {
			out = append(out, answerLine{Label: local(q.Label, l), Value: q.AnswerText(v, l, yes)})
		}
	}
	for _, c := range reg.Consents {
		v := no
		if c.Granted {
			v = yes
		}
		out = append(out, answerLine{Label: localText{Text: h.rd.T(r, "events.consent.column."+string(c.Purpose))}, Value: v})
	}
	return out
}
