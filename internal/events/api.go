package events

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The API sends every language of a text; times are RFC 3339 in UTC, with the venue's zone
// named so clients show them as the pages do.

type apiType struct {
	ID    int64     `json:"id"`
	Name  i18n.Text `json:"name"`
	Quota int       `json:"quota"`
}

type apiVenue struct {
	Name    string   `json:"name"`
	Address string   `json:"address"`
	City    string   `json:"city"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

type apiEvent struct {
	ID          int64      `json:"id"`
	Slug        string     `json:"slug"`
	Kind        Kind       `json:"kind"`
	Status      Status     `json:"status"`
	Visibility  Visibility `json:"visibility"`
	Title       i18n.Text  `json:"title"`
	Description i18n.Text  `json:"description"`
	Venue       apiVenue   `json:"venue"`
	Zone        string     `json:"zone"`
	StartsAt    time.Time  `json:"starts_at"`
	EndsAt      time.Time  `json:"ends_at"`
	Capacity    int        `json:"capacity"`
	AllowGuests bool       `json:"allow_guests"`
	OpensAt     *time.Time `json:"opens_at,omitempty"`
	ClosesAt    *time.Time `json:"closes_at,omitempty"`
	Types       []apiType  `json:"types"`
	URL         i18n.Text  `json:"url"`
	// The registration form's custom questions and the optional consents it asks.
	Questions []apiQuestion `json:"questions"`
	Consents  []Purpose     `json:"consents"`
	apiProgramme
}

type apiOption struct {
	Key   string    `json:"key"`
	Label i18n.Text `json:"label"`
}

type apiQuestion struct {
	ID       int64        `json:"id"`
	Kind     QuestionKind `json:"kind"`
	Label    i18n.Text    `json:"label"`
	Help     i18n.Text    `json:"help"`
	Required bool         `json:"required"`
	Options  []apiOption  `json:"options,omitempty"`
}

// apiEvent describes e; p is its programme (Service.Programme).
func (h *Handlers) apiEvent(e *Event, p *Programme) apiEvent {
	out := apiEvent{ID: e.ID, Slug: e.Slug, Kind: e.Kind, Status: e.Status, Visibility: e.Visibility, Title: e.Title,
		Description: e.Description, Venue: apiVenue(e.Venue), Zone: e.Zone, StartsAt: e.StartsAt, EndsAt: e.EndsAt,
		Capacity: e.Capacity, AllowGuests: e.AllowGuests, OpensAt: e.OpensAt, ClosesAt: e.ClosesAt, Types: []apiType{}}
	for _, t := range e.Types {
		out.Types = append(out.Types, apiType(t))
	}
	for _, l := range i18n.Supported {
		out.URL.Set(l, h.baseURL+"/"+l+"/events/"+e.Slug)
	}
	out.Questions, out.Consents = []apiQuestion{}, []Purpose{}
	for _, q := range e.Questionnaire.Active() {
		aq := apiQuestion{ID: q.ID, Kind: q.Kind, Label: q.Label, Help: q.Help, Required: q.Required}
		for _, o := range q.LiveOptions() {
			aq.Options = append(aq.Options, apiOption{Key: o.Key, Label: o.Label})
		}
		out.Questions = append(out.Questions, aq)
	}
	if e.Questionnaire != nil {
		out.Consents = append(out.Consents, e.Questionnaire.Consents...)
	}
	out.apiProgramme = h.apiProgramme(p)
	return out
}

type apiEventInput struct {
	Kind        Kind       `json:"kind"`
	Slug        string     `json:"slug"`
	Title       i18n.Text  `json:"title"`
	Description i18n.Text  `json:"description"`
	Venue       apiVenue   `json:"venue"`
	Zone        string     `json:"zone"`
	StartsAt    time.Time  `json:"starts_at"`
	EndsAt      time.Time  `json:"ends_at"`
	Visibility  Visibility `json:"visibility"`
	Status      Status     `json:"status"`
	Capacity    int        `json:"capacity"`
	AllowGuests bool       `json:"allow_guests"`
	OpensAt     *time.Time `json:"opens_at"`
	ClosesAt    *time.Time `json:"closes_at"`
	Types       []apiType  `json:"types"`
	// Options of a choice question are given by label; their keys are assigned on saving.
	Questions []apiQuestion `json:"questions"`
	Consents  []Purpose     `json:"consents"`
	apiProgrammeInput
}

// input is the event the request describes, in partnership pid.
func (in *apiEventInput) input(pid int64) Input {
	out := Input{PartnershipID: pid, Kind: in.Kind, Slug: in.Slug, Title: in.Title, Description: in.Description,
		Venue: Venue(in.Venue), Zone: in.Zone, StartsAt: in.StartsAt, EndsAt: in.EndsAt, Visibility: in.Visibility,
		Status: in.Status, Capacity: in.Capacity, AllowGuests: in.AllowGuests, OpensAt: in.OpensAt, ClosesAt: in.ClosesAt}
	for _, t := range in.Types {
		out.Types = append(out.Types, RegistrationType(t))
	}
	if in.Questions != nil || in.Consents != nil {
		out.Questionnaire = &Questionnaire{Consents: in.Consents}
		for _, q := range in.Questions {
			qu := Question{Kind: q.Kind, Label: q.Label, Help: q.Help, Required: q.Required}
			for _, o := range q.Options {
				qu.Options = append(qu.Options, Option{Label: o.Label})
			}
			out.Questionnaire.Questions = append(out.Questionnaire.Questions, qu)
		}
	}
	in.apiProgrammeInput.set(&out)
	return out
}

type apiRegistration struct {
	ID          int64      `json:"id"`
	EventID     int64      `json:"event_id"`
	TypeID      int64      `json:"type_id"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	Locale      string     `json:"locale"`
	Status      RegStatus  `json:"status"`
	Position    int        `json:"position,omitempty"`
	Ticket      string     `json:"ticket,omitempty"`
	TicketURL   string     `json:"ticket_url,omitempty"`
	CheckedInAt *time.Time `json:"checked_in_at,omitempty"`
	Gate        string     `json:"gate,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	// The privacy notice registered under, the answers (question ID → text, option key or
	// "yes") and the consent decisions, where the caller may see them.
	NoticeVersion string           `json:"notice_version,omitempty"`
	Answers       map[int64]string `json:"answers,omitempty"`
	Consents      []apiConsent     `json:"consents,omitempty"`
}

type apiConsent struct {
	Purpose       Purpose   `json:"purpose"`
	Granted       bool      `json:"granted"`
	NoticeVersion string    `json:"notice_version"`
	At            time.Time `json:"at"`
}

func (h *Handlers) apiReg(r *Registration) apiRegistration {
	out := apiRegistration{ID: r.ID, EventID: r.EventID, TypeID: r.TypeID, Name: r.Name, Email: r.Email, Locale: r.Locale,
		Status: r.Status, Position: r.Position, CheckedInAt: r.CheckedInAt, Gate: r.Gate, CreatedAt: r.CreatedAt,
		NoticeVersion: r.NoticeVersion, Answers: r.Answers}
	for _, c := range r.Consents {
		out.Consents = append(out.Consents, apiConsent(c))
	}
	if r.Status == Confirmed {
		out.Ticket, out.TicketURL = r.Ticket, TicketURL(h.baseURL, r.Locale, r.Ticket)
	}
	return out
}

// APIList serves GET /api/v1/events: published public events for everyone (managers see
// every event), filtered by ?kind= and ?from=/?to= (RFC 3339).
func (h *Handlers) APIList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pager := web.NewPager(r, 50)
	f := Filter{Limit: pager.PerPage, Offset: pager.Offset()}
	if k := Kind(q.Get("kind")); slices.Contains(Kinds, k) {
		f.Kind = k
	}
	for name, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
		if s := q.Get(name); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				h.rd.Problem(w, r, http.StatusBadRequest, "events.api.bad_time", nil)
				return
			}
			*dst = &t
		}
	}
	ctx := r.Context()
	list, err := h.svc.List(ctx, web.ViewerOf(ctx), f)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiEvent, 0, len(list))
	for i := range list {
		if err := loadTypes(ctx, h.svc.db, &list[i]); err != nil {
			h.rd.APIError(w, r, err)
			return
		}
		qn, err := loadQuestionnaire(ctx, h.svc.db, list[i].ID)
		p, err2 := h.svc.Programme(ctx, &list[i])
		if err = errors.Join(err, err2); err != nil {
			h.rd.APIError(w, r, err)
			return
		}
		list[i].Questionnaire = qn
		out = append(out, h.apiEvent(&list[i], p))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIGet serves GET /api/v1/events/{id}.
func (h *Handlers) APIGet(w http.ResponseWriter, r *http.Request) {
	e, err := h.svc.Get(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.writeEvent(w, r, http.StatusOK, e)
}

// APICreate serves POST /api/v1/events (coordinators), for the default partnership.
func (h *Handlers) APICreate(w http.ResponseWriter, r *http.Request) {
	var in apiEventInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.ViewerOf(ctx)
	if err := requireManager(v); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	pid, err := h.partnership(ctx)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	e, err := h.svc.Create(ctx, v, in.input(pid))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	h.changed()
	w.Header().Set("Location", "/api/v1/events/"+strconv.FormatInt(e.ID, 10))
	h.writeEvent(w, r, http.StatusCreated, e)
}

// APIRegister serves POST /api/v1/events/{id}/registrations. A signed-in caller registers
// themself unless name and email say otherwise. The same address twice is 409 without the
// existing ticket: it is mailed again instead.
func (h *Handlers) APIRegister(w http.ResponseWriter, r *http.Request) {
	var in struct {
		TypeID   int64            `json:"type_id"`
		Name     string           `json:"name"`
		Email    string           `json:"email"`
		Locale   string           `json:"locale"`
		Answers  map[int64]string `json:"answers"`
		Consents []Purpose        `json:"consents"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.ViewerOf(ctx)
	if in.Locale == "" && v == nil {
		in.Locale = web.LocaleOf(ctx)
	}
	// Register reads the event under its lock and refuses one the caller may not see; an
	// earlier read here would only lengthen the request (bench/rush).
	id := pathID(r)
	reg, err := h.svc.Register(ctx, v, RegisterInput{EventID: id, TypeID: in.TypeID, Name: in.Name, Email: in.Email, Locale: in.Locale,
		Answers: in.Answers, Consents: in.Consents})
	var already *AlreadyRegisteredError
	if errors.As(err, &already) {
		h.mailLater(r, "resend", h.mail.Resend(ctx, id, already.Existing.Email))
		h.rd.Problem(w, r, http.StatusConflict, "events.already_registered_api", nil)
		return
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/registrations/"+strconv.FormatInt(reg.ID, 10))
	web.WriteJSON(w, http.StatusCreated, h.apiReg(reg))
}

// APICancel serves DELETE /api/v1/registrations/{id}, for the registration's owner or a
// manager; the freed place goes to the waiting list and those promoted are mailed.
func (h *Handlers) APICancel(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	reg, _, err := h.svc.Cancel(ctx, web.ViewerOf(ctx), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiReg(reg))
}

// APIRegistrations serves GET /api/v1/events/{id}/registrations (managers); ?status= filters.
func (h *Handlers) APIRegistrations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	status := RegStatus(r.URL.Query().Get("status"))
	if !slices.Contains([]RegStatus{"", Confirmed, Waiting, PendingApproval, RegCancelled}, status) {
		h.rd.Problem(w, r, http.StatusBadRequest, "events.api.bad_status", nil)
		return
	}
	regs, err := h.svc.Registrations(ctx, web.ViewerOf(ctx), pathID(r), status)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiRegistration, 0, len(regs))
	for i := range regs {
		out = append(out, h.apiReg(&regs[i]))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APICheckin serves POST /api/v1/checkins {code, gate, event_id}: one scan, one outcome.
func (h *Handlers) APICheckin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Code    string `json:"code"`
		Gate    string `json:"gate"`
		EventID int64  `json:"event_id"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	scan, err := h.svc.CheckIn(ctx, web.ViewerOf(ctx), in.EventID, in.Code, in.Gate)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := struct {
		Outcome      Outcome          `json:"outcome"`
		Message      string           `json:"message"`
		At           time.Time        `json:"at"`
		Gate         string           `json:"gate"`
		Registration *apiRegistration `json:"registration,omitempty"`
	}{Outcome: scan.Outcome, At: scan.At, Gate: scan.Gate}
	out.Message = h.scanMessage(r, scan.event, scan)
	if scan.Registration != nil {
		reg := h.apiReg(scan.Registration)
		reg.Ticket, reg.TicketURL = "", "" // the gate needs the person, not the secret again
		out.Registration = &reg
	}
	web.WriteJSON(w, http.StatusOK, out)
}
