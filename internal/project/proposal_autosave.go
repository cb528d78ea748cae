package project

import (
	"fmt"
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Autosave: the proposal form's script (ui/static/js/proposal_autosave.js) posts the whole
// form here while the proposer types. It goes through the same service calls as the
// "Save draft" button (CreateDraft, SaveDraft), so the rules and the authorization are the
// same; only the answer differs: JSON for the script instead of a page.
//
// A draft may be incomplete, so what can be kept is kept: an amount or number that cannot
// be read is left out of this save and reported back (the browser still shows what was
// typed), while the rest is saved. What the service refuses (too long, an unknown
// organisation) saves nothing and comes back as a 422 with the fields to fix.

// autosaveResult is what the script needs after a save: where the draft lives now (a new
// proposal gets its address on the first save) and what could not be kept.
type autosaveResult struct {
	ID          int64             `json:"id"`
	EditURL     string            `json:"edit_url"`
	AutosaveURL string            `json:"autosave_url"`
	SavedAt     time.Time         `json:"saved_at"`
	Errors      map[string]string `json:"errors,omitempty"`
}

// AutosaveNewProposal serves POST /proposals/new/autosave and POST
// /calls/{slug}/propose/autosave: the first save of a proposal creates its draft.
func (h *Handlers) AutosaveNewProposal(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var callID int64
	if slug := r.PathValue("slug"); slug != "" {
		c, err := h.svc.CallBySlug(ctx, v, slug)
		if err != nil {
			h.apiProposalError(w, r, err)
			return
		}
		callID = c.ID
	}
	f, in, ok := h.autosaveForm(w, r, callID)
	if !ok {
		return
	}
	p, err := h.svc.CreateDraft(ctx, v, in)
	h.autosaved(w, r, f, p, err)
}

// AutosaveProposal serves POST /proposals/{id}/autosave: a later save of a draft. Only the
// members of the proposing organisation may (SaveDraft checks); a submitted proposal is
// refused with 409.
func (h *Handlers) AutosaveProposal(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	p, err := h.svc.Proposal(ctx, v, pathID(r)) // the call it belongs to; drafts of others are not found
	if err != nil {
		h.apiProposalError(w, r, err)
		return
	}
	f, in, ok := h.autosaveForm(w, r, p.CallID)
	if !ok {
		return
	}
	saved, err := h.svc.SaveDraft(ctx, v, p.ID, in)
	h.autosaved(w, r, f, saved, err)
}

// autosaveForm reads the posted form as the page's form handler does.
func (h *Handlers) autosaveForm(w http.ResponseWriter, r *http.Request, callID int64) (*web.Form, ProposalInput, bool) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.APIError(w, r, err)
		return nil, ProposalInput{}, false
	}
	return f, proposalFromForm(f, callID), true
}

// autosaved answers the script: the draft's addresses and the fields left out, or the
// service's refusal as problem+json.
func (h *Handlers) autosaved(w http.ResponseWriter, r *http.Request, f *web.Form, p *Proposal, err error) {
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		if f.FailFields(err) {
			h.rd.Problem(w, r, http.StatusUnprocessableEntity, "project.proposal.autosave.refused", fail.Fields(f.Errors))
			return
		}
		h.apiProposalError(w, r, err)
		return
	}
	l := lang(r)
	res := autosaveResult{ID: p.ID, SavedAt: p.UpdatedAt.UTC(),
		EditURL:     fmt.Sprintf("/%s/proposals/%d/edit", l, p.ID),
		AutosaveURL: fmt.Sprintf("/%s/proposals/%d/autosave", l, p.ID)}
	if !f.Valid() {
		res.Errors = make(map[string]string, len(f.Errors))
		for field, key := range f.Errors {
			res.Errors[field] = h.rd.T(r, key)
		}
	}
	web.WriteJSON(w, http.StatusOK, res)
}
