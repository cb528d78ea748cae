package student

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The coordinators' pages: suggestions and one-click pairing, bulk matching, verifying
// mentors, the university list and the programme setting.

type adminPage struct {
	Students []StudentSuggestions
	Active   []*Pairing
	Choose   bool
}

// Admin lists the students waiting for a mentor with their best suggestions, and the
// active pairings.
func (h *MentoringHandlers) Admin(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	sg, err := h.svc.Suggestions(ctx, v)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	for i := range sg {
		for j := range sg[i].Mentors {
			sg[i].Mentors[j].Reason = MentoringReason(h.rd.Catalog(), mentoringLang(r), sg[i].Mentors[j].Reasons)
		}
	}
	d := adminPage{Students: sg}
	if d.Active, err = h.svc.Pairings(ctx, v, true); err == nil {
		d.Choose, err = h.svc.StudentsMayChoose(ctx)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/mentoring_admin", &web.Page{Title: h.rd.T(r, "student.mentoring.admin.title"), Data: d})
}

// Pair confirms one suggested pair.
func (h *MentoringHandlers) Pair(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err == nil {
		_, err = h.svc.Pair(r.Context(), web.ViewerOf(r.Context()), formID(f, "student_id"), formID(f, "mentor_id"))
	}
	if h.flashFields(r, err) {
		h.redirect(w, r, "/admin/mentoring")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.admin.paired"))
	h.redirect(w, r, "/admin/mentoring")
}

// Settings turns the students' own choice on or off.
func (h *MentoringHandlers) Settings(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err == nil {
		err = h.svc.SetStudentsMayChoose(r.Context(), web.ViewerOf(r.Context()), f.Get("students_choose") == "1")
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.admin.settings_saved"))
	h.redirect(w, r, "/admin/mentoring")
}

type proposePage struct {
	P       *Proposal
	Changed bool
}

// Propose shows a bulk proposal; nothing is written until "Confirm all".
func (h *MentoringHandlers) Propose(w http.ResponseWriter, r *http.Request) {
	h.renderProposal(w, r, http.StatusOK, false)
}

func (h *MentoringHandlers) renderProposal(w http.ResponseWriter, r *http.Request, status int, changed bool) {
	p, err := h.svc.Propose(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	for i := range p.Pairs {
		p.Pairs[i].Reason = MentoringReason(h.rd.Catalog(), mentoringLang(r), p.Pairs[i].Reasons)
	}
	h.rd.Render(w, r, status, "student/mentoring_propose", &web.Page{Title: h.rd.T(r, "student.mentoring.propose.title"), Data: proposePage{P: p, Changed: changed}})
}

// ConfirmAll writes the proposal the page showed (its pairs come back as "pair" fields,
// "student:mentor"); if anything changed meanwhile, nothing is written and a fresh
// proposal is shown with the reason.
func (h *MentoringHandlers) ConfirmAll(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	refs := parsePairs(f.Values["pair"])
	n, err := h.svc.ConfirmAll(r.Context(), web.ViewerOf(r.Context()), refs)
	if IsProposalChanged(err) || h.isNoPairs(err) {
		h.renderProposal(w, r, http.StatusConflict, true)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.propose.done", n))
	h.redirect(w, r, "/admin/mentoring")
}

func (h *MentoringHandlers) isNoPairs(err error) bool {
	f := web.NewForm(url.Values{})
	return f.FailFields(err) && f.Errors["pairs"] != ""
}

func parsePairs(vals []string) []PairRef {
	var out []PairRef
	for _, v := range vals {
		s, m, ok := strings.Cut(v, ":")
		sid, err1 := strconv.ParseInt(s, 10, 64)
		mid, err2 := strconv.ParseInt(m, 10, 64)
		if ok && err1 == nil && err2 == nil {
			out = append(out, PairRef{StudentID: sid, MentorID: mid})
		}
	}
	return out
}

// Mentors lists mentor profiles for verification.
func (h *MentoringHandlers) Mentors(w http.ResponseWriter, r *http.Request) {
	ms, err := h.svc.Mentors(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/mentoring_mentors", &web.Page{Title: h.rd.T(r, "student.mentoring.mentors.title"), Data: ms})
}

// Verify verifies a mentor or withdraws the verification.
func (h *MentoringHandlers) Verify(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err == nil {
		err = h.svc.SetMentorVerified(r.Context(), web.ViewerOf(r.Context()), mentoringID(r, "id"), f.Get("verified") == "1")
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.mentors.done"))
	h.redirect(w, r, "/admin/mentoring/mentors")
}

type universitiesPage struct {
	List   []University
	Failed int64 // the row whose edit failed, 0 for the add form
}

// Universities shows the university list with add, rename and retire.
func (h *MentoringHandlers) Universities(w http.ResponseWriter, r *http.Request) {
	h.renderUniversities(w, r, http.StatusOK, web.NewForm(url.Values{}), 0)
}

func (h *MentoringHandlers) renderUniversities(w http.ResponseWriter, r *http.Request, status int, f *web.Form, failed int64) {
	us, err := h.svc.AllUniversities(r.Context(), web.ViewerOf(r.Context()), mentoringLang(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, status, "student/mentoring_universities", &web.Page{Title: h.rd.T(r, "student.mentoring.universities.title"), Form: f,
		Data: universitiesPage{List: us, Failed: failed}})
}

// AddUniversity adds one; a duplicate (even spelled differently) is refused.
func (h *MentoringHandlers) AddUniversity(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err == nil {
		_, err = h.svc.AddUniversity(r.Context(), web.ViewerOf(r.Context()), f.Get("name"))
	}
	h.afterUniversity(w, r, f, err, 0)
}

// UpdateUniversity renames, retires or restores one.
func (h *MentoringHandlers) UpdateUniversity(w http.ResponseWriter, r *http.Request) {
	id := mentoringID(r, "id")
	f, err := web.ParseForm(r)
	if err == nil {
		err = h.svc.UpdateUniversity(r.Context(), web.ViewerOf(r.Context()), id, f.Get("name"), f.Get("retired") == "1")
	}
	h.afterUniversity(w, r, f, err, id)
}

func (h *MentoringHandlers) afterUniversity(w http.ResponseWriter, r *http.Request, f *web.Form, err error, id int64) {
	if f != nil && f.FailFields(err) {
		h.renderUniversities(w, r, http.StatusUnprocessableEntity, f, id)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.universities.saved"))
	h.redirect(w, r, "/admin/mentoring/universities")
}
