package student

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// MentoringHandlers serves the mentoring pages and API.
type MentoringHandlers struct {
	svc   *Mentoring
	rd    *web.Renderer
	flash func(r *http.Request, msg string)
	// events and volunteering feed the student's start page (startpage.go); nil: not shown.
	events, volunteering OpportunityFinder
}

// NewMentoringHandlers wires the pages; flash shows a one-time message on the next page.
func NewMentoringHandlers(svc *Mentoring, rd *web.Renderer, flash func(r *http.Request, msg string)) *MentoringHandlers {
	return &MentoringHandlers{svc: svc, rd: rd, flash: flash}
}

func mentoringLang(r *http.Request) string { return web.LocaleOf(r.Context()) }

func mentoringID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id
}

// redirect answers a form post with 303 to a page of the same language.
func (h *MentoringHandlers) redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, "/"+mentoringLang(r)+path, http.StatusSeeOther)
}

// Choice is one checkbox or option of a form.
type Choice struct {
	Value, Label string
	Checked      bool
}

func (h *MentoringHandlers) choices(r *http.Request, prefix string, values []string, checked []string) []Choice {
	out := make([]Choice, len(values))
	for i, v := range values {
		out[i] = Choice{Value: v, Label: h.rd.T(r, prefix+v), Checked: slices.Contains(checked, v)}
	}
	return out
}

// --- the person's own page

type mentoringHome struct {
	Student     *StudentProfile
	Mentor      *MentorProfile
	Pairings    []*Pairing
	Choices     []MentorSuggestion
	Coordinator bool
	Viewer      int64
	// The student's start: support links, events and volunteer programmes (startpage.go).
	StudentStart               bool
	Events, Volunteering       []Opportunity
	HasEvents, HasVolunteering bool
}

// Home shows the person's profiles, their pairings and, when the programme lets students
// choose, their suggested mentors.
func (h *MentoringHandlers) Home(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := signedIn(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := mentoringHome{Coordinator: canCoordinateMentoring(v), Viewer: v.ID}
	var err error
	if d.Student, err = h.svc.StudentProfile(ctx, v, v.ID); err != nil && !errors.Is(err, fail.NotFound) {
		h.rd.PageError(w, r, err)
		return
	}
	if d.Mentor, err = h.svc.MentorProfile(ctx, v, v.ID); err != nil && !errors.Is(err, fail.NotFound) {
		h.rd.PageError(w, r, err)
		return
	}
	if d.Pairings, err = h.svc.Pairings(ctx, v, false); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if d.Choices, err = h.svc.Choices(ctx, v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	for i := range d.Choices {
		d.Choices[i].Reason = MentoringReason(h.rd.Catalog(), mentoringLang(r), d.Choices[i].Reasons)
	}
	if err := h.opportunities(r, &d); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "student/mentoring_home", &web.Page{Title: h.rd.T(r, "student.mentoring.title"), Data: d})
}

// Privacy shows the mentoring privacy notice the profile forms link.
func (h *MentoringHandlers) Privacy(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "student/mentoring_privacy", &web.Page{Title: h.rd.T(r, "student.mentoring.privacy.title"), Data: MentoringNoticeVersion})
}

// Choose pairs the signed-in student with a mentor from their suggestions.
func (h *MentoringHandlers) Choose(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	f, err := web.ParseForm(r)
	if err == nil {
		err = signedIn(v)
	}
	if err == nil {
		mentor, _ := strconv.ParseInt(f.Get("mentor_id"), 10, 64)
		_, err = h.svc.Pair(r.Context(), v, v.ID, mentor)
	}
	if h.flashFields(r, err) {
		h.redirect(w, r, "/mentoring")
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.home.chosen"))
	h.redirect(w, r, "/mentoring")
}

// flashFields shows a rule's refusal (a fail.Fields from a one-button form) as a flash
// message and reports whether err was one.
func (h *MentoringHandlers) flashFields(r *http.Request, err error) bool {
	var fields fail.Fields
	if !errors.As(err, &fields) {
		return false
	}
	var msgs []string
	for _, key := range fields {
		msgs = append(msgs, h.rd.T(r, key))
	}
	slices.Sort(msgs)
	h.flash(r, strings.Join(msgs, " "))
	return true
}

// --- ending a pairing

type endPage struct {
	Pairing *Pairing
	Action  string
}

// EndForm asks for the reason before a pairing ends.
func (h *MentoringHandlers) EndForm(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Pairing(r.Context(), web.ViewerOf(r.Context()), mentoringID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.renderEnd(w, r, http.StatusOK, p, web.NewForm(url.Values{"back": {r.URL.Query().Get("back")}}))
}

func (h *MentoringHandlers) renderEnd(w http.ResponseWriter, r *http.Request, status int, p *Pairing, f *web.Form) {
	h.rd.Render(w, r, status, "student/mentoring_end", &web.Page{Title: h.rd.T(r, "student.mentoring.end.title"), Form: f,
		Data: endPage{Pairing: p, Action: "/" + mentoringLang(r) + "/mentoring/pairings/" + strconv.FormatInt(p.ID, 10) + "/end"}})
}

// End ends a pairing; the reason is mailed to the other side.
func (h *MentoringHandlers) End(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	p, err := h.svc.Pairing(ctx, v, mentoringID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if _, err = h.svc.EndPairing(ctx, v, p.ID, f.Get("reason")); f.FailFields(err) {
		h.renderEnd(w, r, http.StatusUnprocessableEntity, p, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.end.done"))
	if f.Get("back") == "admin" && canCoordinateMentoring(v) {
		h.redirect(w, r, "/admin/mentoring")
		return
	}
	h.redirect(w, r, "/mentoring")
}
