package project

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The review pages: the queue at /admin/proposals and the one-page review of a proposal.
// Every form posts back and returns to the page it came from with a message, so the review
// stays on one page and works without JavaScript.

type queueData struct {
	Items     []QueueItem
	Calls     []reviewCallOption
	Reviewers []Reviewer
	Filter    QueueFilter
	Statuses  []ProposalStatus
	Sides     []Side
	Coord     bool
}

type reviewCallOption struct {
	ID    int64
	Title i18n.Text
}

// QueuePage serves GET /admin/proposals?call=&status=.
func (h *Handlers) QueuePage(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	f := queueFilterOf(r)
	items, err := h.svc.Queue(ctx, v, f)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &queueData{Items: items, Filter: f, Statuses: ProposalStatuses[1:] /* all but Draft, never in review */, Sides: Sides, Coord: CanCoordinate(v)}
	if d.Calls, err = h.svc.reviewCalls(r); err == nil && d.Coord {
		d.Reviewers, err = h.svc.AssignableReviewers(ctx, v)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/review_queue", &web.Page{Title: h.rd.T(r, "project.review.queue.title"), Data: d})
}

// queueFilterOf reads the queue's filter from the address: call, status, answer=prepared.
func queueFilterOf(r *http.Request) QueueFilter {
	q := r.URL.Query()
	f := QueueFilter{Status: ProposalStatus(q.Get("status")), Prepared: q.Get("answer") == "prepared"}
	f.CallID, _ = strconv.ParseInt(q.Get("call"), 10, 64)
	return f
}

// reviewCalls lists the calls for the queue's filter, newest first.
func (s *Service) reviewCalls(r *http.Request) ([]reviewCallOption, error) {
	rows, err := s.db.Query(r.Context(), `SELECT id, title FROM project_calls ORDER BY opens_at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reviewCallOption
	for rows.Next() {
		var c reviewCallOption
		if err := rows.Scan(&c.ID, &c.Title); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// formIDs reads the selected proposals of a bulk form.
func formIDs(f *web.Form, name string) []int64 {
	var out []int64
	for _, s := range f.Values[name] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// after ends a form post: a field error or a refusal becomes the message on the page it
// returns to, other errors the error page.
func (h *Handlers) after(w http.ResponseWriter, r *http.Request, err error, okKey string, okArgs ...any) {
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields {
			h.flash(r, h.rd.T(r, key))
			break
		}
	case errors.Is(err, ErrAlreadyDecided):
		h.flash(r, h.rd.T(r, "project.review.already_decided"))
	case errors.Is(err, ErrWrongState):
		h.flash(r, h.rd.T(r, "project.review.wrong_state"))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, okKey, okArgs...))
	}
	http.Redirect(w, r, back(r), http.StatusSeeOther)
}

// back is the page a form returns to: the proposal's review, or the queue.
func back(r *http.Request) string {
	if id := pathID(r); id != 0 {
		return fmt.Sprintf("/%s/admin/proposals/%d/review", lang(r), id)
	}
	return "/" + lang(r) + "/admin/proposals"
}

// BulkAssign serves POST /admin/proposals/assign: one reviewer onto the selected proposals.
func (h *Handlers) BulkAssign(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	uid, _ := strconv.ParseInt(f.Get("user_id"), 10, 64)
	err = h.svc.Assign(r.Context(), web.ViewerOf(r.Context()), formIDs(f, "proposal_ids"), uid, Side(f.Get("side")))
	h.after(w, r, err, "project.review.assigned")
}

// BulkPublish serves POST /admin/proposals/publish: the selected proposals' answers.
func (h *Handlers) BulkPublish(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	pub, err := h.svc.PublishAnswers(r.Context(), web.ViewerOf(r.Context()), formIDs(f, "proposal_ids"))
	h.afterPublish(w, r, pub, err)
}

// afterPublish names the proposal a refused batch stopped at.
func (h *Handlers) afterPublish(w http.ResponseWriter, r *http.Request, pub []Published, err error) {
	var fields fail.Fields
	if id, ok := isPublishRefused(err); ok && errors.As(err, &fields) {
		title := ""
		if p, perr := reviewProposalByID(r.Context(), h.svc.db, id); perr == nil {
			title = p.Title.In(lang(r))
		}
		for _, key := range fields {
			h.flash(r, h.rd.T(r, "project.answer.refused", title, h.rd.T(r, key)))
			break
		}
		http.Redirect(w, r, back(r), http.StatusSeeOther)
		return
	}
	h.after(w, r, err, "project.review.published_n", len(pub))
}
