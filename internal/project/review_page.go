package project

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// reviewData is the review page: the review, its figures written for the reader's
// language, and for coordinators the people to assign and the answer form's content.
type reviewData struct {
	*Review
	Budget     [][]string // label, currency, cost, requested, co-funding
	Totals     [][]string
	Weighted   string
	Outcomes   []Outcome
	Sides      []Side
	Candidates []Reviewer      // whom a coordinator may assign
	May        map[string]bool // Can, keyed for templates
	Templates  []AnswerTemplate
	AnswerForm AnswerInput // prefilled: the prepared answer, or the template asked for
}

// money writes minor units as a decimal amount in lang, with the currency's code.
func money(l string, minor int64, currency string) string {
	return FormatMoney(l, minor) + " " + currency
}

// ReviewPage serves GET /admin/proposals/{id}/review[?template=ID].
func (h *Handlers) ReviewPage(w http.ResponseWriter, r *http.Request) {
	ctx, v, l := r.Context(), web.ViewerOf(r.Context()), lang(r)
	rv, err := h.svc.Review(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &reviewData{Review: rv, Outcomes: Outcomes, Sides: Sides, Weighted: i18n.FormatNumber(l, rv.Weighted, 2), May: map[string]bool{}}
	for act, ok := range rv.Can {
		d.May[string(act)] = ok
	}
	for _, b := range rv.Content.Budget {
		d.Budget = append(d.Budget, []string{b.Label, money(l, b.Amount, b.Currency), money(l, b.Requested, b.Currency), money(l, b.Cofunding, b.Currency)})
	}
	for _, t := range rv.Content.Totals {
		d.Totals = append(d.Totals, []string{h.rd.T(r, "project.review.budget.total", t.Currency), money(l, t.Amount, t.Currency),
			money(l, t.Requested, t.Currency), money(l, t.Cofunding, t.Currency)})
	}
	if rv.Can[ActAssign] || rv.Can[ActPrepare] {
		if err := h.coordinatorParts(r, d); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
	}
	title := h.rd.T(r, "project.review.title", rv.Proposal.Title.In(l))
	h.rd.Render(w, r, http.StatusOK, "project/review", &web.Page{Title: title, Data: d})
}

// coordinatorParts fills the assignment list and the answer form, from the prepared answer
// or, when ?template= names one, from that template.
func (h *Handlers) coordinatorParts(r *http.Request, d *reviewData) error {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var err error
	if d.Candidates, err = h.svc.AssignableReviewers(ctx, v); err != nil {
		return err
	}
	if d.Templates, err = h.svc.AnswerTemplates(ctx, v); err != nil {
		return err
	}
	d.AnswerForm.Outcome = d.Settled
	if a := d.Answer; a != nil {
		d.AnswerForm = AnswerInput{Outcome: a.Outcome, Text: a.Text}
	}
	tid, _ := strconv.ParseInt(r.URL.Query().Get("template"), 10, 64)
	for _, t := range d.Templates {
		if t.ID == tid {
			d.AnswerForm = AnswerInput{Outcome: t.Outcome, Text: t.Text}
		}
	}
	return nil
}

// SaveScoresPage serves POST /admin/proposals/{id}/scores: fields score_{criterion id}.
func (h *Handlers) SaveScoresPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	scores := map[int64]int{}
	for name := range f.Values {
		cid, ok := criterionOfField(name)
		if !ok || f.Get(name) == "" {
			continue
		}
		sc, convErr := strconv.Atoi(f.Get(name))
		if convErr != nil {
			sc = -1 // not a number: the service names the problem
		}
		scores[cid] = sc
	}
	err = h.svc.SaveScores(r.Context(), web.ViewerOf(r.Context()), pathID(r), scores)
	h.after(w, r, err, "project.review.scores_saved")
}

func criterionOfField(name string) (int64, bool) {
	const prefix = "score_"
	if len(name) <= len(prefix) || name[:len(prefix)] != prefix {
		return 0, false
	}
	id, err := strconv.ParseInt(name[len(prefix):], 10, 64)
	return id, err == nil
}

// AddNotePage serves POST /admin/proposals/{id}/notes.
func (h *Handlers) AddNotePage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	_, err = h.svc.AddNote(r.Context(), web.ViewerOf(r.Context()), pathID(r), f.Get("body"))
	h.after(w, r, err, "project.review.note_added")
}

// DecidePage serves POST /admin/proposals/{id}/decision: side and decision.
func (h *Handlers) DecidePage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	_, err = h.svc.Decide(r.Context(), web.ViewerOf(r.Context()), pathID(r), Side(f.Get("side")), Outcome(f.Get("decision")))
	h.after(w, r, err, "project.review.decided")
}

// AssignPage serves POST /admin/proposals/{id}/reviewers: user_id and side.
func (h *Handlers) AssignPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	uid, _ := strconv.ParseInt(f.Get("user_id"), 10, 64)
	err = h.svc.Assign(r.Context(), web.ViewerOf(r.Context()), []int64{pathID(r)}, uid, Side(f.Get("side")))
	h.after(w, r, err, "project.review.assigned")
}

// UnassignPage serves POST /admin/proposals/{id}/reviewers/{uid}/remove.
func (h *Handlers) UnassignPage(w http.ResponseWriter, r *http.Request) {
	uid, _ := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	err := h.svc.Unassign(r.Context(), web.ViewerOf(r.Context()), pathID(r), uid)
	h.after(w, r, err, "project.review.unassigned")
}

// AnswerPage serves POST /admin/proposals/{id}/answer: outcome, answer_tr/az/en; with
// publish=1 the saved answer is published at once.
func (h *Handlers) AnswerPage(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in := AnswerInput{Outcome: Outcome(f.Get("outcome")), Text: i18n.Text{TR: f.Get("answer_tr"), AZ: f.Get("answer_az"), EN: f.Get("answer_en")}}
	_, err = h.svc.PrepareAnswer(ctx, v, pathID(r), in)
	if err != nil || f.Get("publish") == "" {
		h.after(w, r, err, "project.answer.prepared")
		return
	}
	pub, err := h.svc.PublishAnswers(ctx, v, []int64{pathID(r)})
	h.afterPublish(w, r, pub, err)
}
