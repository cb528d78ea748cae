package project

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The proposer's pages: the one-page form for a call or the standing intake, saving a
// draft or submitting it; a new version of a submitted proposal; attachments.

type proposalFormData struct {
	P            *Proposal // nil for a new proposal
	Call         *Call     // nil for the standing intake
	Action       string
	AutosaveURL  string // where the form's script saves the draft while the proposer types
	Orgs         []Organisation
	PartnerOrgs  []Organisation // the platform's organisations, to pick partners from
	Langs        []callOption
	Themes       []callCheck
	Groups       []callCheck
	Currencies   []string
	Partners     []repeatRow
	Activities   []repeatRow
	Budget       []repeatRow
	Indicators   []repeatRow
	Alert        string // a message about the whole proposal (the call has closed)
	MaxMegabytes int
}

// NewProposal serves GET /proposals/new (the standing intake) and GET /calls/{slug}/propose.
func (h *Handlers) NewProposal(w http.ResponseWriter, r *http.Request) {
	c, ok := h.proposalCall(w, r)
	if !ok {
		return
	}
	h.proposalForm(w, r, http.StatusOK, nil, c, web.NewForm(url.Values{}), "")
}

// proposalCall is the open call in the address, or nil for the intake.
func (h *Handlers) proposalCall(w http.ResponseWriter, r *http.Request) (*Call, bool) {
	slug := r.PathValue("slug")
	if slug == "" {
		return nil, true
	}
	c, err := h.svc.CallBySlug(r.Context(), web.ViewerOf(r.Context()), slug)
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return c, true
}

// CreateProposal serves POST /proposals/new and POST /calls/{slug}/propose: it saves the
// draft, and submits it when asked to.
func (h *Handlers) CreateProposal(w http.ResponseWriter, r *http.Request) {
	c, ok := h.proposalCall(w, r)
	if !ok {
		return
	}
	h.saveProposal(w, r, nil, c)
}

// EditProposal serves GET /proposals/{id}/edit: the form of a draft; anything else is
// shown on its page.
func (h *Handlers) EditProposal(w http.ResponseWriter, r *http.Request) {
	p, c, ok := h.ownDraft(w, r)
	if !ok {
		return
	}
	h.proposalForm(w, r, http.StatusOK, p, c, web.NewForm(proposalValues(p, lang(r))), "")
}

// ownDraft reads the proposal in the address for its organisation's members; a submitted
// one sends them to its page.
func (h *Handlers) ownDraft(w http.ResponseWriter, r *http.Request) (*Proposal, *Call, bool) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	p, err := h.svc.Proposal(ctx, v, pathID(r))
	if err == nil {
		var mine bool
		if mine, err = h.svc.ownsProposal(ctx, v, p); err == nil && !mine {
			err = ErrForbidden
		}
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, nil, false
	}
	if !p.Editable() {
		if r.Method == http.MethodPost {
			h.flash(r, h.rd.T(r, "project.proposal.error.not_editable"))
		}
		http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d", lang(r), p.ID), http.StatusSeeOther)
		return nil, nil, false
	}
	var c *Call
	if p.CallID != 0 {
		if c, err = callByID(ctx, h.svc.db, p.CallID); err != nil {
			h.rd.PageError(w, r, err)
			return nil, nil, false
		}
	}
	return p, c, true
}

// UpdateProposal serves POST /proposals/{id}/edit.
func (h *Handlers) UpdateProposal(w http.ResponseWriter, r *http.Request) {
	p, c, ok := h.ownDraft(w, r)
	if !ok {
		return
	}
	h.saveProposal(w, r, p, c)
}

// saveProposal saves the form as a new draft for call c (p nil) or as draft p, and
// submits it when asked to.
func (h *Handlers) saveProposal(w http.ResponseWriter, r *http.Request, p *Proposal, c *Call) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	var callID int64
	if c != nil {
		callID = c.ID
	}
	in := proposalFromForm(f, callID)
	if !f.Valid() {
		h.proposalForm(w, r, http.StatusUnprocessableEntity, p, c, f, "")
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	var saved *Proposal
	if p == nil {
		saved, err = h.svc.CreateDraft(ctx, v, in)
	} else {
		saved, err = h.svc.SaveDraft(ctx, v, p.ID, in)
	}
	if formErrors(f, err) {
		h.proposalForm(w, r, http.StatusUnprocessableEntity, p, c, f, "")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.afterSave(w, r, saved, c, f)
}

// afterSave submits a saved draft when the proposer pressed "submit", or goes back to the
// form. A refused submission shows the form again, the draft kept.
func (h *Handlers) afterSave(w http.ResponseWriter, r *http.Request, p *Proposal, c *Call, f *web.Form) {
	l := lang(r)
	if f.Get("action") != "submit" {
		h.flash(r, h.rd.T(r, "project.proposal.saved"))
		http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d/edit", l, p.ID), http.StatusSeeOther)
		return
	}
	_, err := h.svc.Submit(r.Context(), web.ViewerOf(r.Context()), p.ID)
	switch {
	case err == nil:
		h.flash(r, h.rd.T(r, "project.proposal.submitted"))
		http.Redirect(w, r, fmt.Sprintf("/%s/proposals/%d", l, p.ID), http.StatusSeeOther)
	case formErrors(f, err):
		h.proposalForm(w, r, http.StatusUnprocessableEntity, p, c, f, "project.proposal.saved_not_submitted")
	case errors.Is(err, ErrCallClosed):
		h.proposalForm(w, r, http.StatusConflict, p, c, f, "project.proposal.error.call_closed")
	default:
		h.rd.PageError(w, r, err)
	}
}

func (h *Handlers) proposalForm(w http.ResponseWriter, r *http.Request, status int, p *Proposal, c *Call, f *web.Form, alert string) {
	ctx, l := r.Context(), lang(r)
	orgs, err := h.svc.dir.MemberOf(ctx, web.ViewerOf(ctx))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &proposalFormData{P: p, Call: c, Orgs: orgs, Langs: h.callLangs(r), Currencies: Currencies, Alert: alert,
		MaxMegabytes: MaxAttachment >> 20}
	if d.PartnerOrgs, err = h.svc.PartnerChoices(ctx, l); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	switch {
	case p != nil:
		d.Action = fmt.Sprintf("/%s/proposals/%d/edit", l, p.ID)
	case c != nil:
		d.Action = fmt.Sprintf("/%s/calls/%s/propose", l, c.Slug)
	default:
		d.Action = "/" + l + "/proposals/new"
	}
	if p != nil {
		d.AutosaveURL = fmt.Sprintf("/%s/proposals/%d/autosave", l, p.ID)
	} else {
		d.AutosaveURL = d.Action + "/autosave"
	}
	if alert == "" && c != nil && !c.OpenAt(h.svc.now()) && (p == nil || p.PreviousID == 0) {
		d.Alert = "project.proposal.error.call_closed" // a draft can wait for the call to open
	}
	if f.Get("organisation_id") == "" && len(orgs) > 0 {
		f.Values.Set("organisation_id", strconv.FormatInt(orgs[0].ID, 10))
	}
	d.Themes = h.callChecks(r, "project.proposal.theme.", Themes, f.Values["themes"])
	d.Groups = h.callChecks(r, "project.proposal.group.", TargetGroups, f.Values["target_groups"])
	d.Partners = withBlankRepeats(repeatRows(f.Values, partnerFields, partnerTyped))
	d.Activities = withBlankRepeats(repeatRows(f.Values, activityFields, activityFields))
	d.Budget = withBlankRepeats(repeatRows(f.Values, budgetFields, budgetTyped))
	d.Indicators = withBlankRepeats(repeatRows(f.Values, indicatorFields, indicatorTyped))
	title := h.rd.T(r, "project.proposal.new")
	if p != nil {
		title = h.rd.T(r, "project.proposal.edit_title", p.Version)
	}
	h.rd.Render(w, r, status, "project/proposal_form", &web.Page{Title: title, Data: d, Form: f})
}
