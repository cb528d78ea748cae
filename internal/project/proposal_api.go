package project

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The proposals API (/api/v1/proposals…): drafts are created and saved whole, then
// submitted; a submitted proposal changes only through a new version. Money is in minor
// units with its currency.

type apiProposal struct {
	*Proposal
	Totals []ProposalTotal `json:"totals"`
	Answer *PublicAnswer   `json:"official_answer,omitempty"`
}

// apiProposalError answers a failed proposal call, saying which workflow rule refused it.
func (h *Handlers) apiProposalError(w http.ResponseWriter, r *http.Request, err error) {
	for rule, key := range map[error]string{
		ErrNotEditable:    "project.proposal.error.not_editable",
		ErrCallClosed:     "project.proposal.error.call_closed",
		ErrNotVersionable: "project.proposal.error.not_versionable",
	} {
		if errors.Is(err, rule) {
			h.rd.Problem(w, r, http.StatusConflict, key, nil)
			return
		}
	}
	h.rd.APIError(w, r, err)
}

func apiProposalOf(p *Proposal, a *PublicAnswer) apiProposal {
	return apiProposal{Proposal: p, Totals: p.Totals(), Answer: a}
}

// APIProposals serves GET /api/v1/proposals: the public list, with the same filters as the
// page (call, theme, status, q); ?mine=1 lists the caller's organisations' proposals instead.
func (h *Handlers) APIProposals(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	var list []ListedProposal
	var err error
	if q.Get("mine") == "1" {
		list, err = h.svc.MyProposals(ctx, web.ViewerOf(ctx))
	} else {
		f := ProposalFilter{Theme: q.Get("theme"), Status: ProposalStatus(q.Get("status")), Query: q.Get("q")}
		f.CallID, _ = strconv.ParseInt(q.Get("call"), 10, 64)
		list, err = h.svc.PublicProposals(ctx, f)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiProposal, len(list))
	for i := range list {
		out[i] = apiProposalOf(&list[i].Proposal, list[i].Answer)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIProposal serves GET /api/v1/proposals/{id}.
func (h *Handlers) APIProposal(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.svc.Proposal(ctx, web.ViewerOf(ctx), pathID(r))
	var a *PublicAnswer
	if err == nil {
		a, err = h.svc.PublicAnswerOf(ctx, p.ID)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProposalOf(p, a))
}

// APICreateProposal serves POST /api/v1/proposals: a new draft.
func (h *Handlers) APICreateProposal(w http.ResponseWriter, r *http.Request) {
	h.apiSaveProposal(w, r, 0)
}

// APIUpdateProposal serves PUT /api/v1/proposals/{id}: the draft rewritten whole.
func (h *Handlers) APIUpdateProposal(w http.ResponseWriter, r *http.Request) {
	h.apiSaveProposal(w, r, pathID(r))
}

func (h *Handlers) apiSaveProposal(w http.ResponseWriter, r *http.Request, id int64) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var in ProposalInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	var p *Proposal
	var err error
	if id == 0 {
		p, err = h.svc.CreateDraft(ctx, v, in)
	} else {
		p, err = h.svc.SaveDraft(ctx, v, id, in)
	}
	if err != nil {
		h.apiProposalError(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/proposals/"+strconv.FormatInt(p.ID, 10))
	}
	web.WriteJSON(w, status, apiProposalOf(p, nil))
}

// APISubmitProposal serves POST /api/v1/proposals/{id}/submit.
func (h *Handlers) APISubmitProposal(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Submit(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.apiProposalError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiProposalOf(p, nil))
}

// APINewVersion serves POST /api/v1/proposals/{id}/versions: the new draft.
func (h *Handlers) APINewVersion(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.NewVersion(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.apiProposalError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/proposals/"+strconv.FormatInt(p.ID, 10))
	web.WriteJSON(w, http.StatusCreated, apiProposalOf(p, nil))
}
