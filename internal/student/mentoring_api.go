package student

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The JSON API of mentoring: the same service calls as the pages, so the same rules.

// apiUser is the profile an API read is about: ?user_id= for coordinators, else the caller.
func apiUser(r *http.Request, v *web.Viewer) int64 {
	if id, err := strconv.ParseInt(r.URL.Query().Get("user_id"), 10, 64); err == nil {
		return id
	}
	if v == nil {
		return 0
	}
	return v.ID
}

// APIStudentProfile is GET /api/v1/mentoring/profile.
func (h *MentoringHandlers) APIStudentProfile(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	p, err := h.svc.StudentProfile(r.Context(), v, apiUser(r, v))
	h.answer(w, r, http.StatusOK, p, err)
}

// APISaveStudentProfile is PUT /api/v1/mentoring/profile.
func (h *MentoringHandlers) APISaveStudentProfile(w http.ResponseWriter, r *http.Request) {
	var in StudentProfileInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.SaveStudentProfile(r.Context(), web.ViewerOf(r.Context()), in)
	h.answer(w, r, http.StatusOK, p, err)
}

// APIMentorProfile is GET /api/v1/mentoring/mentor.
func (h *MentoringHandlers) APIMentorProfile(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	m, err := h.svc.MentorProfile(r.Context(), v, apiUser(r, v))
	h.answer(w, r, http.StatusOK, m, err)
}

// APISaveMentorProfile is PUT /api/v1/mentoring/mentor.
func (h *MentoringHandlers) APISaveMentorProfile(w http.ResponseWriter, r *http.Request) {
	var in MentorProfileInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	m, err := h.svc.SaveMentorProfile(r.Context(), web.ViewerOf(r.Context()), in)
	h.answer(w, r, http.StatusOK, m, err)
}

// APISuggestions is GET /api/v1/mentoring/suggestions (coordinators).
func (h *MentoringHandlers) APISuggestions(w http.ResponseWriter, r *http.Request) {
	sg, err := h.svc.Suggestions(r.Context(), web.ViewerOf(r.Context()))
	for i := range sg {
		for j := range sg[i].Mentors {
			sg[i].Mentors[j].Reason = MentoringReason(h.rd.Catalog(), mentoringLang(r), sg[i].Mentors[j].Reasons)
		}
	}
	h.answer(w, r, http.StatusOK, sg, err)
}

// APIPairings is GET /api/v1/mentoring/pairings: one's own, or ?all=1 every active one
// (coordinators).
func (h *MentoringHandlers) APIPairings(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.Pairings(r.Context(), web.ViewerOf(r.Context()), r.URL.Query().Get("all") == "1")
	if ps == nil {
		ps = []*Pairing{}
	}
	h.answer(w, r, http.StatusOK, ps, err)
}

// APIPair is POST /api/v1/mentoring/pairings.
func (h *MentoringHandlers) APIPair(w http.ResponseWriter, r *http.Request) {
	var in PairRef
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.Pair(r.Context(), web.ViewerOf(r.Context()), in.StudentID, in.MentorID)
	h.answer(w, r, http.StatusCreated, p, err)
}

// APIEnd is POST /api/v1/mentoring/pairings/{id}/end.
func (h *MentoringHandlers) APIEnd(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	p, err := h.svc.EndPairing(r.Context(), web.ViewerOf(r.Context()), mentoringID(r, "id"), in.Reason)
	h.answer(w, r, http.StatusOK, p, err)
}

func (h *MentoringHandlers) answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

// APIUniversities is GET /api/v1/mentoring/universities: the list profiles choose from,
// in the request language's collation (retired ones are left out).
func (h *MentoringHandlers) APIUniversities(w http.ResponseWriter, r *http.Request) {
	us, err := h.svc.Universities(r.Context(), mentoringLang(r), false)
	h.answer(w, r, http.StatusOK, us, err)
}
