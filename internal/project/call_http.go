package project

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Pages of calls: the public list and page, and the coordinators' list and editor.

var (
	questionFields  = []string{"q_id", "q_tr", "q_az", "q_en", "q_kind", "q_choices", "q_required"}
	questionTyped   = []string{"q_tr", "q_az", "q_en", "q_choices"}
	criterionFields = []string{"c_id", "c_tr", "c_az", "c_en", "c_weight"}
	criterionTyped  = []string{"c_tr", "c_az", "c_en", "c_weight"}
)

type callListData struct {
	Current, Past []Call
	Now           func(c Call) bool // open right now (else about to open)
}

// CallList serves GET /calls: the calls open or about to open, then the past ones.
func (h *Handlers) CallList(w http.ResponseWriter, r *http.Request) {
	current, past, err := h.svc.OpenCalls(r.Context())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	now := h.svc.now()
	d := callListData{Current: current, Past: past, Now: func(c Call) bool { return c.OpenAt(now) }}
	h.rd.Render(w, r, http.StatusOK, "project/call_list", &web.Page{Title: h.rd.T(r, "project.call.list.title"), Data: d})
}

type callPageData struct {
	C        *Call
	Open     bool
	Paras    []string // the description's paragraphs
	Proposal []ListedProposal
}

// CallPage serves GET /calls/{slug}: the call, its questions and criteria, and the
// proposals submitted to it.
func (h *Handlers) CallPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.svc.CallBySlug(ctx, web.ViewerOf(ctx), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	list, err := h.svc.PublicProposals(ctx, ProposalFilter{CallID: c.ID})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := callPageData{C: c, Open: c.OpenAt(h.svc.now()), Paras: callParagraphs(c.Description.In(lang(r))), Proposal: list}
	h.rd.Render(w, r, http.StatusOK, "project/call_page", &web.Page{Title: c.Title.In(lang(r)), Description: c.Description.In(lang(r)), Data: d})
}

// AdminCalls serves GET /admin/calls: every call, drafts too.
func (h *Handlers) AdminCalls(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := requireCoordinator(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	list, err := h.svc.Calls(r.Context(), v, true)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/call_admin", &web.Page{Title: h.rd.T(r, "project.call.admin.title"), Data: list})
}

// NewCall serves GET /admin/calls/new.
func (h *Handlers) NewCall(w http.ResponseWriter, r *http.Request) {
	if err := requireCoordinator(web.ViewerOf(r.Context())); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.callEditor(w, r, http.StatusOK, nil, web.NewForm(url.Values{"joint_approval": {"1"}}))
}

// EditCall serves GET /admin/calls/{id}.
func (h *Handlers) EditCall(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	err := requireCoordinator(v)
	var c *Call
	if err == nil {
		c, err = h.svc.Call(r.Context(), v, pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.callEditor(w, r, http.StatusOK, c, web.NewForm(callValues(c)))
}

// SaveCall serves POST /admin/calls and POST /admin/calls/{id}.
func (h *Handlers) SaveCall(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var c *Call
	var err error
	if err = requireCoordinator(v); err == nil && r.PathValue("id") != "" {
		c, err = h.svc.Call(ctx, v, pathID(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	in := callFromForm(f)
	var saved *Call
	if f.Valid() {
		if c == nil {
			saved, err = h.svc.CreateCall(ctx, v, in)
		} else {
			saved, err = h.svc.UpdateCall(ctx, v, c.ID, in)
		}
	}
	if formErrors(f, err) || !f.Valid() {
		h.callEditor(w, r, http.StatusUnprocessableEntity, c, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "project.call.saved"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/calls/%d", lang(r), saved.ID), http.StatusSeeOther)
}

type callEditorData struct {
	C         *Call
	Action    string
	Langs     []callOption
	Themes    []callCheck
	Kinds     []callOption
	Questions []repeatRow
	Criteria  []repeatRow
	Published bool
	Joint     bool
}

func (h *Handlers) callEditor(w http.ResponseWriter, r *http.Request, status int, c *Call, f *web.Form) {
	l := lang(r)
	d := &callEditorData{C: c, Action: "/" + l + "/admin/calls", Published: f.Get("published") == "1", Joint: f.Get("joint_approval") == "1"}
	title := h.rd.T(r, "project.call.new")
	if c != nil {
		d.Action, title = fmt.Sprintf("/%s/admin/calls/%d", l, c.ID), c.Title.In(l)
	}
	d.Langs = h.callLangs(r)
	d.Themes = h.callChecks(r, "project.proposal.theme.", Themes, f.Values["themes"])
	for _, k := range QuestionKinds {
		d.Kinds = append(d.Kinds, callOption{string(k), h.rd.T(r, "project.call.kind."+string(k))})
	}
	d.Questions = withBlankRepeats(repeatRows(f.Values, questionFields, questionTyped))
	d.Criteria = withBlankRepeats(repeatRows(f.Values, criterionFields, criterionTyped))
	h.rd.Render(w, r, status, "project/call_edit", &web.Page{Title: title, Data: d, Form: f})
}

func (h *Handlers) callLangs(r *http.Request) []callOption {
	out := []callOption{}
	for _, code := range i18n.Supported {
		out = append(out, callOption{code, h.rd.T(r, "project.proposal.lang."+code)})
	}
	return out
}

// callChecks is a checkbox per code, labelled by prefix+code, ticked when in chosen.
func (h *Handlers) callChecks(r *http.Request, prefix string, codes, chosen []string) []callCheck {
	out := []callCheck{}
	for _, c := range codes {
		out = append(out, callCheck{c, h.rd.T(r, prefix+c), slices.Contains(chosen, c)})
	}
	return out
}

// callFromForm reads the editor; opening and closing are typed in İzmir time.
func callFromForm(f *web.Form) CallInput {
	in := CallInput{Slug: f.Get("slug"), Themes: f.Values["themes"], JointApproval: f.Get("joint_approval") == "1",
		Published: f.Get("published") == "1", OpensAt: formLocalTime(f, "opens_at"), ClosesAt: formLocalTime(f, "closes_at")}
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Description.Set(l, strings.TrimSpace(f.Values.Get("description_"+l)))
	}
	in.Questions, in.Criteria = []CallQuestion{}, []CallCriterion{}
	for _, row := range repeatRows(f.Values, questionFields, questionTyped) {
		id, _ := strconv.ParseInt(row.V["q_id"], 10, 64)
		in.Questions = append(in.Questions, CallQuestion{ID: id, Label: repeatText(row, "q"), Kind: QuestionKind(row.V["q_kind"]),
			Choices: strings.Split(row.V["q_choices"], ";"), Required: row.V["q_required"] == "1"})
	}
	for _, row := range repeatRows(f.Values, criterionFields, criterionTyped) {
		id, _ := strconv.ParseInt(row.V["c_id"], 10, 64)
		weight := formWhole(f, row.V["c_weight"], repeatField("criterion", row.Index)+"_weight", "project.call.error.weight")
		in.Criteria = append(in.Criteria, CallCriterion{ID: id, Name: repeatText(row, "c"), Weight: weight})
	}
	return in
}

// callValues is the editor filled in with c.
func callValues(c *Call) url.Values {
	v := url.Values{"slug": {c.Slug}, "themes": c.Themes, "opens_at": {localTimeText(c.OpensAt)}, "closes_at": {localTimeText(c.ClosesAt)}}
	if c.JointApproval {
		v.Set("joint_approval", "1")
	}
	if c.Published {
		v.Set("published", "1")
	}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, c.Title.Get(l))
		v.Set("description_"+l, c.Description.Get(l))
	}
	var qs, cs []repeatRow
	for i, q := range c.Questions {
		row := repeatRow{Index: i, V: map[string]string{"q_id": strconv.FormatInt(q.ID, 10), "q_kind": string(q.Kind),
			"q_choices": strings.Join(q.Choices, "; "), "q_required": "0"}}
		if q.Required {
			row.V["q_required"] = "1"
		}
		for _, l := range i18n.Supported {
			row.V["q_"+l] = q.Label.Get(l)
		}
		qs = append(qs, row)
	}
	for i, cr := range c.Criteria {
		row := repeatRow{Index: i, V: map[string]string{"c_id": strconv.FormatInt(cr.ID, 10), "c_weight": strconv.Itoa(cr.Weight)}}
		for _, l := range i18n.Supported {
			row.V["c_"+l] = cr.Name.Get(l)
		}
		cs = append(cs, row)
	}
	setRepeats(v, questionFields, qs)
	setRepeats(v, criterionFields, cs)
	return v
}

// callParagraphs splits text at blank lines, for pages that show it without markup.
func callParagraphs(text string) []string {
	out := []string{}
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
