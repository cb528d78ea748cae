package project

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Pages that show proposals: the public list and page, the proposer's own list; and the
// proposer's actions on a proposal once written (new version, attachments).

type proposalListData struct {
	List     []ListedProposal
	Calls    []Call
	Themes   []callOption
	Statuses []callOption
	Filter   ProposalFilter
	Lang     string
	Pager    web.Pager
	Base     string // the list's address with its filters, for the pager
}

// Money writes minor units in the page's language.
func (d proposalListData) Money(minor int64) string { return FormatMoney(d.Lang, minor) }

// proposalFilterQuery is f as the list's address keeps it, ending so that "page=" follows.
func proposalFilterQuery(f ProposalFilter) string {
	v := url.Values{}
	for k, s := range map[string]string{"call": strconv.FormatInt(f.CallID, 10), "theme": f.Theme, "status": string(f.Status), "q": f.Query} {
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	if len(v) == 0 {
		return "?"
	}
	return "?" + v.Encode() + "&"
}

// publicProposalStatuses are the statuses the public list filters by.
var publicProposalStatuses = []ProposalStatus{Submitted, NeedsInfo, Accepted, AcceptedWithChanges, Rejected}

// ProposalList serves GET /proposals: every submitted proposal, filtered by call, theme,
// status and text.
func (h *Handlers) ProposalList(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	f := ProposalFilter{Theme: q.Get("theme"), Status: ProposalStatus(q.Get("status")), Query: q.Get("q")}
	f.CallID, _ = strconv.ParseInt(q.Get("call"), 10, 64)
	pager := web.NewPager(r, perPage)
	list, total, err := h.svc.PublicProposalPage(ctx, f, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	pager.Total = total
	calls, err := h.svc.Calls(ctx, nil, false)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	text.SortFunc(l, calls, func(c Call) string { return c.Title.In(l) })
	d := proposalListData{List: list, Calls: calls, Filter: f, Lang: l, Pager: pager, Base: "/" + l + "/proposals" + proposalFilterQuery(f)}
	for _, t := range Themes {
		d.Themes = append(d.Themes, callOption{t, h.rd.T(r, "project.proposal.theme."+t)})
	}
	for _, s := range publicProposalStatuses {
		d.Statuses = append(d.Statuses, callOption{string(s), h.rd.T(r, "project.proposal.status."+string(s))})
	}
	h.rd.Render(w, r, http.StatusOK, "project/proposal_list", &web.Page{Title: h.rd.T(r, "project.proposal.list.title"), Data: d})
}

type proposalPageData struct {
	P       *Proposal
	Call    *Call
	Org     Organisation
	Answer  *PublicAnswer
	Mine    bool
	Paras   []string
	Answers []answerView
	Lang    string
}

// Money writes minor units in the page's language.
func (d *proposalPageData) Money(minor int64) string { return FormatMoney(d.Lang, minor) }

// Day writes an activity's date (YYYY-MM-DD) the way the page's language writes dates.
func (d *proposalPageData) Day(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return i18n.FormatDate(d.Lang, t, time.UTC)
}

// Number writes an indicator's target in the page's language.
func (d *proposalPageData) Number(v float64) string {
	if v == float64(int64(v)) {
		return i18n.FormatNumber(d.Lang, v, 0)
	}
	return i18n.FormatNumber(d.Lang, v, 2)
}

type answerView struct {
	CallQuestion CallQuestion
	Answer       string
}

// ProposalPage serves GET /proposals/{id}: the proposal's content and its published
// official answer. Members of the proposing organisation also see drafts and their actions.
func (h *Handlers) ProposalPage(w http.ResponseWriter, r *http.Request) {
	ctx, v, l := r.Context(), web.ViewerOf(r.Context()), lang(r)
	p, err := h.svc.Proposal(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &proposalPageData{P: p, Paras: callParagraphs(p.Summary.In(l)), Lang: l}
	if d.Mine, err = h.svc.ownsProposal(ctx, v, p); err == nil {
		d.Answer, err = h.svc.PublicAnswerOf(ctx, p.ID)
	}
	if err == nil && p.CallID != 0 {
		d.Call, err = callByID(ctx, h.svc.db, p.CallID)
	}
	if err == nil {
		d.Org, _, err = h.svc.organisation(ctx, p.OrganisationID)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if d.Call != nil {
		for _, q := range d.Call.Questions {
			if a := p.Answers[q.ID]; a != "" {
				d.Answers = append(d.Answers, answerView{q, a})
			}
		}
	}
	h.rd.Render(w, r, http.StatusOK, "project/proposal_page", &web.Page{Title: p.Title.In(l), Description: p.Summary.In(l), Data: d})
}

type myProposalsData struct {
	List []ListedProposal
	Orgs map[int64]Organisation
	Lang string
}

// Money writes minor units in the page's language.
func (d myProposalsData) Money(minor int64) string { return FormatMoney(d.Lang, minor) }

// MyProposals serves GET /my/proposals: the proposals of the viewer's organisations.
func (h *Handlers) MyProposals(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	list, err := h.svc.MyProposals(ctx, v)
	d := myProposalsData{List: list, Orgs: map[int64]Organisation{}, Lang: lang(r)}
	if err == nil {
		var orgs []Organisation
		orgs, err = h.svc.dir.MemberOf(ctx, v)
		for _, o := range orgs {
			d.Orgs[o.ID] = o
		}
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "project/proposal_mine", &web.Page{Title: h.rd.T(r, "project.proposal.mine.title"), Data: d})
}

// CreateVersion serves POST /proposals/{id}/versions: a new draft from a submitted proposal.
func (h *Handlers) CreateVersion(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.NewVersion(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if errors.Is(err, ErrNotVersionable) {
		h.flash(r, h.rd.T(r, "project.proposal.error.not_versionable"))
		http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d", lang(r), pathID(r)), http.StatusSeeOther)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d/edit", lang(r), p.ID), http.StatusSeeOther)
}

// AttachmentBodyLimit is what the attachment route reads: one PDF and the form around it.
const AttachmentBodyLimit = MaxAttachment + 1<<20

// AddAttachment serves POST /proposals/{id}/attachments (multipart, field "attachment").
func (h *Handlers) AddAttachment(w http.ResponseWriter, r *http.Request) {
	back := fmt.Sprintf("/%s/proposals/%d/edit", lang(r), pathID(r))
	r.Body = http.MaxBytesReader(w, r.Body, AttachmentBodyLimit)
	data, name, err := readAttachmentUpload(r)
	if err == nil {
		_, err = h.svc.AddAttachment(r.Context(), web.ViewerOf(r.Context()), pathID(r), name, data)
	}
	var fields fail.Fields
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		h.flash(r, h.rd.T(r, "project.proposal.error.too_large"))
	case errors.As(err, &fields):
		h.flash(r, h.rd.T(r, fields["attachment"]))
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "project.proposal.attached"))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// readAttachmentUpload reads the one file of an attachment form; no file is an empty upload.
func readAttachmentUpload(r *http.Request) ([]byte, string, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return nil, "", err
	}
	file, header, err := r.FormFile("attachment")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, MaxAttachment+1))
	return data, header.Filename, err
}

// RemoveAttachment serves POST /proposals/{id}/attachments/{aid}/delete.
func (h *Handlers) RemoveAttachment(w http.ResponseWriter, r *http.Request) {
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err := h.svc.RemoveAttachment(r.Context(), web.ViewerOf(r.Context()), pathID(r), aid); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d/edit", lang(r), pathID(r)), http.StatusSeeOther)
}

// ProposalAttachment serves GET /proposals/{id}/attachments/{aid}, to whoever may read the proposal.
func (h *Handlers) ProposalAttachment(w http.ResponseWriter, r *http.Request) {
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err := h.svc.ServeAttachment(w, r, web.ViewerOf(r.Context()), pathID(r), aid); err != nil {
		h.rd.PageError(w, r, err)
	}
}
