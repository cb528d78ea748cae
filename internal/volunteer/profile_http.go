package volunteer

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// profileData is the profile form.
type profileData struct {
	Languages []string
	Chosen    map[string]bool
	Next      string // where to go back to after saving (the programme that asked)
}

// Profile serves GET /my/volunteer/profile.
func (h *SignupPages) Profile(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.MyProfile(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	vals := url.Values{"phone": {p.Phone}, "city": {p.City}, "languages": p.Languages, "next": {r.URL.Query().Get("next")}}
	if !p.BirthDate.IsZero() {
		vals.Set("birth_date", p.BirthDate.Format(dateLayout))
	}
	h.profileForm(w, r, http.StatusOK, web.NewForm(vals))
}

func (h *SignupPages) profileForm(w http.ResponseWriter, r *http.Request, status int, f *web.Form) {
	chosen := map[string]bool{}
	for _, l := range f.Values["languages"] {
		chosen[l] = true
	}
	h.rd.Render(w, r, status, "volunteer/my_profile", &web.Page{Title: h.rd.T(r, "volunteer.signups.profile.title"),
		Data: &profileData{Languages: Languages, Chosen: chosen, Next: safeNext(f.Get("next"))}, Form: f})
}

// SaveProfile serves POST /my/volunteer/profile.
func (h *SignupPages) SaveProfile(w http.ResponseWriter, r *http.Request) {
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	_, err = h.svc.SaveProfile(r.Context(), web.ViewerOf(r.Context()), ProfileInput{BirthDate: f.Get("birth_date"),
		Phone: f.Get("phone"), City: f.Get("city"), Languages: f.Values["languages"]})
	if f.FailFields(err) {
		h.profileForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "volunteer.signups.profile.saved"))
	next := safeNext(f.Get("next"))
	if next == "" {
		next = "/" + lang(r) + "/my/volunteer"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps a return address on this site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return ""
}
