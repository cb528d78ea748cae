package project

import (
	"net/http"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The calls API (/api/v1/calls…): the same service calls as the pages. Instants are RFC 3339
// in UTC; texts are {"tr","az","en"}.

// APICalls serves GET /api/v1/calls: the published calls; ?drafts=1 adds drafts for
// coordinators.
func (h *Handlers) APICalls(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Calls(r.Context(), web.ViewerOf(r.Context()), r.URL.Query().Get("drafts") == "1")
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	if list == nil {
		list = []Call{}
	}
	web.WriteJSON(w, http.StatusOK, list)
}

// APICall serves GET /api/v1/calls/{id}, with questions and criteria.
func (h *Handlers) APICall(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Call(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, c)
}

// APICreateCall serves POST /api/v1/calls (coordinators).
func (h *Handlers) APICreateCall(w http.ResponseWriter, r *http.Request) { h.apiSaveCall(w, r, 0) }

// APIUpdateCall serves PUT /api/v1/calls/{id} (coordinators).
func (h *Handlers) APIUpdateCall(w http.ResponseWriter, r *http.Request) {
	h.apiSaveCall(w, r, pathID(r))
}

func (h *Handlers) apiSaveCall(w http.ResponseWriter, r *http.Request, id int64) {
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	if err := requireCoordinator(v); err != nil {
		h.rd.APIError(w, r, err) // before reading the body: a stranger learns nothing about the format
		return
	}
	var in CallInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	var c *Call
	var err error
	if id == 0 {
		c, err = h.svc.CreateCall(ctx, v, in)
	} else {
		c, err = h.svc.UpdateCall(ctx, v, id, in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/calls/"+strconv.FormatInt(c.ID, 10))
	}
	web.WriteJSON(w, status, c)
}
