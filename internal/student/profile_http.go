package student

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// profileForm is what both profile pages render.
type profileForm struct {
	Universities []Choice
	Languages    []Choice
	Topics       []Choice // wants (student) or offers (mentor)
	Kinds        []Choice // mentor only
	Exists       bool
	Verified     bool
}

func (h *MentoringHandlers) universityChoices(r *http.Request, selected string) ([]Choice, error) {
	us, err := h.svc.Universities(r.Context(), mentoringLang(r), false)
	if err != nil {
		return nil, err
	}
	out := make([]Choice, len(us))
	for i, u := range us {
		id := strconv.FormatInt(u.ID, 10)
		out[i] = Choice{Value: id, Label: u.Name, Checked: id == selected}
	}
	return out, nil
}

// StudentForm shows the student's own profile form, filled in when it exists.
func (h *MentoringHandlers) StudentForm(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := signedIn(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	vals := url.Values{"contact_email": {v.Email}, "visible": {"1"}}
	p, err := h.svc.StudentProfile(r.Context(), v, v.ID)
	switch {
	case err == nil:
		vals = url.Values{"university_id": {idText(p.UniversityID)}, "faculty": {p.Faculty}, "programme": {p.Programme},
			"year": {strconv.Itoa(p.Year)}, "home_city": {p.HomeCity}, "languages": p.Languages,
			"interests": {strings.Join(p.Interests, ", ")}, "wants": p.Wants, "contact_email": {p.ContactEmail}}
		if p.Visible {
			vals.Set("visible", "1")
		}
	case !errors.Is(err, fail.NotFound):
		h.rd.PageError(w, r, err)
		return
	}
	h.renderStudent(w, r, http.StatusOK, web.NewForm(vals), err == nil)
}

func (h *MentoringHandlers) renderStudent(w http.ResponseWriter, r *http.Request, status int, f *web.Form, exists bool) {
	unis, err := h.universityChoices(r, f.Get("university_id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := profileForm{Universities: unis, Exists: exists,
		Languages: h.choices(r, "student.mentoring.lang.", MentoringLanguages, f.Values["languages"]),
		Topics:    h.choices(r, "student.mentoring.topic.", MentoringTopics, f.Values["wants"])}
	h.rd.Render(w, r, status, "student/mentoring_profile", &web.Page{Title: h.rd.T(r, "student.mentoring.profile.title"), Form: f, Data: d})
}

// SaveStudent saves the student's own profile; bad input comes back with everything typed.
func (h *MentoringHandlers) SaveStudent(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	year, yerr := strconv.Atoi(f.Get("year"))
	in := StudentProfileInput{UniversityID: formID(f, "university_id"), Faculty: f.Get("faculty"), Programme: f.Get("programme"),
		Year: year, HomeCity: f.Get("home_city"), Languages: f.Values["languages"], Interests: SplitInterests(f.Get("interests")),
		Wants: f.Values["wants"], ContactEmail: f.Get("contact_email"), Visible: f.Get("visible") == "1", Consent: f.Get("consent") == "1"}
	_, err = h.svc.SaveStudentProfile(r.Context(), v, in)
	if f.FailFields(err) || yerr != nil && f.Get("year") != "" {
		if yerr != nil {
			f.Errors["year"] = "student.mentoring.error.year"
		}
		h.renderStudent(w, r, http.StatusUnprocessableEntity, f, false)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.saved"))
	h.redirect(w, r, "/mentoring")
}

// MentorForm shows the mentor's own profile form.
func (h *MentoringHandlers) MentorForm(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	if err := signedIn(v); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	vals := url.Values{"contact_email": {v.Email}, "capacity": {"2"}, "kind": {"volunteer"}}
	m, err := h.svc.MentorProfile(r.Context(), v, v.ID)
	verified := false
	switch {
	case err == nil:
		verified = m.Verified
		vals = url.Values{"kind": {m.Kind}, "university_id": {idText(m.UniversityID)}, "field": {m.Field}, "home_city": {m.HomeCity},
			"languages": m.Languages, "interests": {strings.Join(m.Interests, ", ")}, "offers": m.Offers,
			"capacity": {strconv.Itoa(m.Capacity)}, "about": {m.About}, "contact_email": {m.ContactEmail}}
	case !errors.Is(err, fail.NotFound):
		h.rd.PageError(w, r, err)
		return
	}
	h.renderMentor(w, r, http.StatusOK, web.NewForm(vals), err == nil, verified)
}

func (h *MentoringHandlers) renderMentor(w http.ResponseWriter, r *http.Request, status int, f *web.Form, exists, verified bool) {
	unis, err := h.universityChoices(r, f.Get("university_id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := profileForm{Universities: unis, Exists: exists, Verified: verified,
		Languages: h.choices(r, "student.mentoring.lang.", MentoringLanguages, f.Values["languages"]),
		Topics:    h.choices(r, "student.mentoring.topic.", MentoringTopics, f.Values["offers"]),
		Kinds:     h.choices(r, "student.mentoring.kind.", MentorKinds, []string{f.Get("kind")})}
	h.rd.Render(w, r, status, "student/mentoring_mentor", &web.Page{Title: h.rd.T(r, "student.mentoring.mentor.title"), Form: f, Data: d})
}

// SaveMentor saves the mentor's own profile.
func (h *MentoringHandlers) SaveMentor(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	capacity, _ := strconv.Atoi(f.Get("capacity"))
	in := MentorProfileInput{Kind: f.Get("kind"), UniversityID: formID(f, "university_id"), Field: f.Get("field"), HomeCity: f.Get("home_city"),
		Languages: f.Values["languages"], Interests: SplitInterests(f.Get("interests")), Offers: f.Values["offers"], Capacity: capacity,
		About: f.Get("about"), ContactEmail: f.Get("contact_email"), Consent: f.Get("consent") == "1"}
	if _, err = h.svc.SaveMentorProfile(r.Context(), v, in); f.FailFields(err) {
		h.renderMentor(w, r, http.StatusUnprocessableEntity, f, false, false)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "student.mentoring.saved"))
	h.redirect(w, r, "/mentoring")
}

// formID reads an id field; anything that is not a positive number is 0 ("none"), which
// the service then treats as not given, or refuses where an id is required.
func formID(f *web.Form, field string) int64 {
	id, err := strconv.ParseInt(f.Get(field), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
