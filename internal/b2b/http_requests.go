package b2b

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The requests pages under /b2b/{slug}: the caller's incoming and sent requests with their
// answers, the form to request a meeting, and auto-accept. A form that fails comes back with
// what was typed and the error beside the field.

type requestRow struct {
	*RequestView
	Other       Organisation // the side that is not the viewer's
	Status      string
	Priority    string
	Place       string // where an accepted meeting stands
	When        string // when it was sent, in both cities' zones
	CanAnswer   bool
	CanWithdraw bool
	CanCancel   bool
}

type requestsData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Me         *Profile
	AutoAccept bool
	Incoming   []requestRow
	Sent       []requestRow
	Others     []requestRow // organisers: requests between other participants
	FormFor    int64        // the request the page's form (with its errors) belongs to
	FormAction string
	Priorities []option
}

// orgParam is the ?org= (or posted org) that picks among the viewer's organisations.
func orgParam(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.FormValue("org"), 10, 64)
	return id
}

// participant returns the viewer's profile in the forum, or answers: not signed in → the
// sign-in page, not taking part → the join page.
func (h *Handlers) participant(w http.ResponseWriter, r *http.Request, ev EventInfo) (*Profile, bool) {
	me, err := h.svc.MyProfile(r.Context(), web.ViewerOf(r.Context()), ev.ID, orgParam(r))
	if errors.Is(err, fail.Forbidden) {
		http.Redirect(w, r, base(lang(r), ev)+"/join", http.StatusSeeOther)
		return nil, false
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return me, true
}

// Requests serves GET /b2b/{slug}/requests.
func (h *Handlers) Requests(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	h.requestsPage(w, r, http.StatusOK, ev, 0, web.NewForm(url.Values{}))
}

func (h *Handlers) requestsPage(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, formFor int64, f *web.Form) {
	ctx, v, l := r.Context(), web.ViewerOf(r.Context()), lang(r)
	me, err := h.svc.MyProfile(ctx, v, ev.ID, orgParam(r))
	switch {
	case errors.Is(err, fail.Forbidden) && CanOrganise(v): // organisers see every request
	case errors.Is(err, fail.Forbidden):
		http.Redirect(w, r, base(l, ev)+"/join", http.StatusSeeOther)
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	list, err := h.svc.Requests(ctx, v, ev.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	_, p, err := h.svc.Programme(ctx, v, ev.ID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &requestsData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Me: me,
		FormFor: formFor, Priorities: h.priorityOptions(r)}
	if me != nil {
		if d.AutoAccept, err = autoAccepts(ctx, h.svc.db, me.ID); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
	}
	for _, rv := range list {
		row := h.requestRow(r, ev, p, rv)
		switch {
		case rv.Incoming:
			d.Incoming = append(d.Incoming, row)
		case rv.Outgoing:
			d.Sent = append(d.Sent, row)
		default:
			d.Others = append(d.Others, row)
		}
	}
	h.rd.Render(w, r, status, "b2b/requests", &web.Page{Title: h.rd.T(r, "b2b.req.title"), Data: d, Form: f})
}

func (h *Handlers) requestRow(r *http.Request, ev EventInfo, p *Programme, rv *RequestView) requestRow {
	row := requestRow{RequestView: rv, Other: rv.To, Status: h.rd.T(r, "b2b.req.status."+string(rv.Status)),
		Priority: h.rd.T(r, "b2b.req.priority."+rv.Priority.Name()),
		When:     h.stamp(lang(r), ev, rv.CreatedAt)}
	if rv.Incoming {
		row.Other = rv.From
	}
	open := rv.Status == RequestPending
	row.CanAnswer, row.CanWithdraw = open && rv.Incoming, open && rv.Outgoing && !rv.Incoming
	row.CanCancel = rv.Status == RequestAccepted && (rv.Incoming || rv.Outgoing)
	if rv.Status == RequestAccepted {
		t := func(key string, args ...any) string { return h.rd.T(r, key, args...) }
		row.Place = h.svc.placeLine(lang(r), t, ev, p, rv.Meeting)
	}
	return row
}

func (h *Handlers) priorityOptions(r *http.Request) []option {
	out := make([]option, 0, len(Priorities))
	for _, p := range Priorities {
		out = append(out, option{p.Name(), h.rd.T(r, "b2b.req.priority."+p.Name())})
	}
	return out
}

// AnswerRequest serves POST /b2b/{slug}/requests/{rid}/{action}: accept, decline (with an
// optional reason), withdraw, or cancel (with a reason).
func (h *Handlers) AnswerRequest(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	id, _ := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err := h.requestOfEvent(r, ev, id); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	var rv *RequestView
	var err error
	switch r.PathValue("action") {
	case "accept":
		rv, err = h.svc.AcceptRequest(ctx, v, id)
	case "decline":
		rv, err = h.svc.DeclineRequest(ctx, v, id, f.Get("reason"))
	case "withdraw":
		rv, err = h.svc.WithdrawRequest(ctx, v, id)
	case "cancel":
		rv, err = h.svc.CancelMeeting(ctx, v, id, f.Get("reason"))
	default:
		h.rd.Error(w, r, http.StatusNotFound)
		return
	}
	if formErrors(f, err) {
		h.requestsPage(w, r, http.StatusUnprocessableEntity, ev, id, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.answeredText(r, ev, rv))
	http.Redirect(w, r, base(lang(r), ev)+"/requests", http.StatusSeeOther)
}

// answeredText is the flash after an answer; after an acceptance it says where the meeting
// stands, so the accepting side learns at once when instant mode found no common slot.
func (h *Handlers) answeredText(r *http.Request, ev EventInfo, rv *RequestView) string {
	msg := h.rd.T(r, "b2b.req.done."+string(rv.Status))
	if rv.Status != RequestAccepted {
		return msg
	}
	_, p, err := h.svc.Programme(r.Context(), web.ViewerOf(r.Context()), ev.ID)
	if err != nil {
		return msg
	}
	t := func(key string, args ...any) string { return h.rd.T(r, key, args...) }
	return msg + " " + h.svc.placeLine(lang(r), t, ev, p, rv.Meeting)
}

// requestOfEvent checks that the request belongs to the forum in the address.
func (h *Handlers) requestOfEvent(r *http.Request, ev EventInfo, id int64) error {
	req, err := requestByID(r.Context(), h.svc.db, id)
	if err != nil {
		return err
	}
	programmeID, err := programmeIDByEvent(r.Context(), h.svc.db, ev.ID)
	if err != nil {
		return err
	}
	if req.ProgrammeID != programmeID {
		return ErrNotFound
	}
	return nil
}

// SaveAutoAccept serves POST /b2b/{slug}/requests/auto-accept.
func (h *Handlers) SaveAutoAccept(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	on := f.Get("auto_accept") == "1"
	if err := h.svc.SetAutoAccept(r.Context(), web.ViewerOf(r.Context()), ev.ID, orgParam(r), on); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	key := "b2b.req.auto.off"
	if on {
		key = "b2b.req.auto.on"
	}
	h.flash(r, h.rd.T(r, key))
	http.Redirect(w, r, base(lang(r), ev)+"/requests", http.StatusSeeOther)
}

// --- requesting a meeting

type newRequestData struct {
	Event      EventInfo
	EventTitle string
	Base       string
	Target     *Profile // nil when the participant cannot be shown (the error says why)
	Priorities []option
}

// NewRequest serves GET /b2b/{slug}/requests/new?to={profile}: the form on its own page.
func (h *Handlers) NewRequest(w http.ResponseWriter, r *http.Request) {
	ev, ok := h.eventBySlug(w, r)
	if !ok {
		return
	}
	if _, ok := h.participant(w, r, ev); !ok {
		return
	}
	to, _ := strconv.ParseInt(r.URL.Query().Get("to"), 10, 64)
	target, err := h.svc.Profile(r.Context(), web.ViewerOf(r.Context()), to)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f := web.NewForm(url.Values{"to": {strconv.FormatInt(to, 10)}, "priority": {PriorityNormal.Name()}})
	h.newRequestPage(w, r, http.StatusOK, ev, target, f)
}

func (h *Handlers) newRequestPage(w http.ResponseWriter, r *http.Request, status int, ev EventInfo, target *Profile, f *web.Form) {
	l := lang(r)
	d := &newRequestData{Event: ev, EventTitle: ev.Title.In(l), Base: base(l, ev), Target: target, Priorities: h.priorityOptions(r)}
	h.rd.Render(w, r, status, "b2b/request_new", &web.Page{Title: h.rd.T(r, "b2b.req.new.title"), Data: d, Form: f})
}

// SendRequest serves POST /b2b/{slug}/requests, from the participant list, the
// recommendations or the form page.
func (h *Handlers) SendRequest(w http.ResponseWriter, r *http.Request) {
	ev, f, ok := h.postedForm(w, r)
	if !ok {
		return
	}
	ctx, v := r.Context(), web.ViewerOf(r.Context())
	in := RequestInput{FromOrganisation: orgParam(r), Message: f.Get("message"), Priority: ParsePriority(f.Get("priority"))}
	in.ToProfileID, _ = strconv.ParseInt(f.Get("to"), 10, 64)
	if f.Get("priority") == "" {
		in.Priority = PriorityNormal
	} else if in.Priority == 0 {
		in.Priority = -1 // not one of ours: the service names the field
	}
	rv, err := h.svc.SendRequest(ctx, v, ev.ID, in)
	if errors.Is(err, fail.Forbidden) {
		http.Redirect(w, r, base(lang(r), ev)+"/join", http.StatusSeeOther)
		return
	}
	if formErrors(f, err) {
		target, _ := h.svc.Profile(ctx, v, in.ToProfileID) // shown when the viewer may see it
		h.newRequestPage(w, r, http.StatusUnprocessableEntity, ev, target, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	msg := h.rd.T(r, "b2b.req.done.sent", rv.To.Name)
	if rv.Status == RequestAccepted {
		msg = h.answeredText(r, ev, rv)
	}
	h.flash(r, msg)
	http.Redirect(w, r, fmt.Sprintf("%s/requests", base(lang(r), ev)), http.StatusSeeOther)
}

// myProfileID is the viewer's profile in the forum, 0 when they take no part (organisers).
func (h *Handlers) myProfileID(r *http.Request, ev EventInfo) int64 {
	p, err := h.svc.MyProfile(r.Context(), web.ViewerOf(r.Context()), ev.ID, orgParam(r))
	if err != nil {
		return 0
	}
	return p.ID
}
