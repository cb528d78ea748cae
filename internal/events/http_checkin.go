package events

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The gate page serves staff (/admin/events/{id}/checkin) and gate phones holding a scanner
// token (/gate/{token}, no account). Without JavaScript it is a form a hardware scanner types
// into plus a name search; ui/static/js/checkin.js adds the camera, live counters and offline
// scanning through the JSON routes below.

// ScannerHeader carries a scanner token's secret on the gate's JSON routes.
const ScannerHeader = "Kopru-Scanner-Token"

type gateData struct {
	Event     *Event
	Title     localText
	Action    string // where scans and searches go
	Gate      string
	GateFixed bool // the scanner token names the gate
	Scan      *Scan
	Message   string
	Counters  *Counters
	Query     string
	Searched  bool
	Results   []Registration
	API       string // the gate's JSON routes, for checkin.js
	Token     string // the scanner token's secret, for checkin.js; "" for staff
	Outcomes  []Outcome
	// Staff only: the scanner links.
	Manager   bool
	Tokens    []ScannerToken
	NewLink   string
	NewQR     template.HTML
	TokensURL string
}

// GatePage serves GET /admin/events/{id}/checkin.
func (h *Handlers) GatePage(w http.ResponseWriter, r *http.Request) { h.staffGate(w, r, false) }

// GateScanPage serves POST /admin/events/{id}/checkin: a scanned code, or a registration
// admitted from the name search.
func (h *Handlers) GateScanPage(w http.ResponseWriter, r *http.Request) { h.staffGate(w, r, true) }

// ScannerGatePage serves GET /gate/{token}.
func (h *Handlers) ScannerGatePage(w http.ResponseWriter, r *http.Request) { h.tokenGate(w, r, false) }

// ScannerGateScan serves POST /gate/{token}.
func (h *Handlers) ScannerGateScan(w http.ResponseWriter, r *http.Request) { h.tokenGate(w, r, true) }

func (h *Handlers) staffGate(w http.ResponseWriter, r *http.Request, post bool) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	g, err := h.svc.GateAccess(r.Context(), v, pathID(r), "")
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &gateData{Action: fmt.Sprintf("/%s/admin/events/%d/checkin", lang(r), g.EventID), API: fmt.Sprintf("/api/v1/events/%d/gate", g.EventID), Manager: true}
	h.gate(w, r, g, d, post, nil)
}

func (h *Handlers) tokenGate(w http.ResponseWriter, r *http.Request, post bool) {
	token := r.PathValue("token")
	w.Header().Set("Referrer-Policy", "no-referrer") // the URL is the credential
	g, err := h.svc.GateByToken(r.Context(), token)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	d := &gateData{Action: "/" + lang(r) + "/gate/" + url.PathEscape(token), API: fmt.Sprintf("/api/v1/events/%d/gate", g.EventID), Token: token}
	h.gate(w, r, g, d, post, nil)
}

func (h *Handlers) gate(w http.ResponseWriter, r *http.Request, g *Gatekeeper, d *gateData, post bool, fresh *ScannerToken) {
	ctx, l := r.Context(), lang(r)
	e, err := eventByID(ctx, h.svc.db, g.EventID)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d.Event, d.Title, d.Outcomes = e, local(e.Title, l), []Outcome{Admitted, AlreadyAdmitted, TicketCancelled, OnWaitingList, WrongEvent, Forged, UnknownTicket}
	d.Gate, d.GateFixed = r.URL.Query().Get("gate"), g.Gate != ""
	status, f := http.StatusOK, web.NewForm(url.Values{})
	if post {
		if f, err = web.ParseForm(r); err != nil {
			h.rd.Error(w, r, web.StatusOf(err))
			return
		}
		d.Gate = f.Get("gate")
		var scan *Scan
		if reg := f.Get("reg"); reg != "" {
			id, _ := strconv.ParseInt(reg, 10, 64)
			scan, err = h.svc.GateAdmit(ctx, g, id, d.Gate)
		} else {
			scan, err = h.svc.GateScan(ctx, g, f.Get("code"), d.Gate)
		}
		var fields fail.Fields
		switch {
		case errors.As(err, &fields):
			for k, key := range fields {
				f.Fail(k, key)
			}
			status = http.StatusUnprocessableEntity
		case err != nil:
			h.rd.PageError(w, r, err)
			return
		default:
			d.Scan, d.Message = scan, h.scanMessage(r, e, scan)
		}
		f.Values.Del("code")
		f.Values.Del("reg")
	}
	if d.Query = r.URL.Query().Get("q"); d.Query != "" {
		d.Searched = true
		if d.Results, err = h.svc.GateSearch(ctx, g, d.Query); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
	}
	switch {
	case g.Gate != "":
		d.Gate = g.Gate
	case d.Gate == "":
		d.Gate = h.rd.T(r, "events.checkin.default_gate")
	}
	f.Values.Set("gate", d.Gate)
	if d.Counters, err = h.svc.GateCounters(ctx, g); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if d.Manager {
		d.TokensURL = fmt.Sprintf("/%s/admin/events/%d/scanners", l, e.ID)
		if d.Tokens, err = h.svc.ScannerTokens(ctx, web.ViewerOf(ctx), e.ID); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		if fresh != nil {
			d.NewLink = h.baseURL + "/" + l + "/gate/" + fresh.Secret
			d.NewQR = template.HTML(QRSVG(d.NewLink)) // our own SVG markup: no user text inside
		}
	}
	w.Header().Set("Cache-Control", "private, no-store")
	title := h.rd.T(r, "events.checkin.title")
	h.rd.Render(w, r, status, "events/checkin", &web.Page{Title: title, Data: d, Form: f})
}

// CreateScanner serves POST /admin/events/{id}/scanners: a new scanner link, shown once on
// the check-in page (never put in a redirect or the session).
func (h *Handlers) CreateScanner(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	ctx := r.Context()
	g, err := h.svc.GateAccess(ctx, v, pathID(r), "")
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	t, err := h.svc.CreateScannerToken(ctx, v, g.EventID, f.Get("token_gate"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &gateData{Action: fmt.Sprintf("/%s/admin/events/%d/checkin", lang(r), g.EventID), API: fmt.Sprintf("/api/v1/events/%d/gate", g.EventID), Manager: true}
	h.gate(w, r, g, d, false, t)
}

// RevokeScanner serves POST /admin/events/{id}/scanners/{tid}/revoke.
func (h *Handlers) RevokeScanner(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	tid, _ := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err := h.svc.RevokeScannerToken(r.Context(), v, pathID(r), tid); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "events.gate.token_revoked"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d/checkin", lang(r), pathID(r)), http.StatusSeeOther)
}

// --- JSON routes under /api/v1/events/{id}/gate: a manager's session or token, or a scanner
// token of this event in the Kopru-Scanner-Token header.

func (h *Handlers) apiGate(w http.ResponseWriter, r *http.Request) (*Gatekeeper, bool) {
	ctx := r.Context()
	g, err := h.svc.GateAccess(ctx, web.ViewerOf(ctx), pathID(r), r.Header.Get(ScannerHeader))
	if errors.Is(err, ErrWrongEvent) {
		h.rd.Problem(w, r, http.StatusForbidden, "events.gate.wrong_event", nil)
		return nil, false
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return nil, false
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return g, true
}

type apiScan struct {
	Outcome    Outcome   `json:"outcome"`
	Title      string    `json:"title"`
	Message    string    `json:"message"`
	At         time.Time `json:"at"`
	Gate       string    `json:"gate"`
	Name       string    `json:"name,omitempty"`
	Status     RegStatus `json:"status,omitempty"`
	RegID      int64     `json:"registration_id,omitempty"`
	Conflict   bool      `json:"conflict,omitempty"`
	Shown      Outcome   `json:"shown,omitempty"`
	Repeated   bool      `json:"repeated,omitempty"`
	ScannedAt  time.Time `json:"scanned_at,omitzero"`
	ScannedAtG string    `json:"scanned_gate,omitempty"`
}

func (h *Handlers) apiScan(r *http.Request, e *Event, s *Scan) apiScan {
	out := apiScan{Outcome: s.Outcome, Title: h.rd.T(r, "events.scan."+string(s.Outcome)+".title"), Message: h.scanMessage(r, e, s), At: s.At, Gate: s.Gate}
	if s.Registration != nil {
		out.Name, out.Status, out.RegID = s.Registration.Name, s.Registration.Status, s.Registration.ID
	}
	return out
}

// APIGateScan serves POST /api/v1/events/{id}/gate/scans {code, gate} or {registration_id, gate}.
func (h *Handlers) APIGateScan(w http.ResponseWriter, r *http.Request) {
	g, ok := h.apiGate(w, r)
	if !ok {
		return
	}
	var in struct {
		Code  string `json:"code"`
		RegID int64  `json:"registration_id"`
		Gate  string `json:"gate"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	var (
		scan *Scan
		err  error
	)
	if in.RegID != 0 {
		scan, err = h.svc.GateAdmit(ctx, g, in.RegID, in.Gate)
	} else {
		scan, err = h.svc.GateScan(ctx, g, in.Code, in.Gate)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	e, err := eventByID(ctx, h.svc.db, g.EventID)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiScan(r, e, scan))
}

// APIGateUpload serves POST /api/v1/events/{id}/gate/uploads {scans: [{code, gate, scanned_at,
// shown}]}: a gate's offline scans, answered one result per scan, conflicts flagged.
func (h *Handlers) APIGateUpload(w http.ResponseWriter, r *http.Request) {
	g, ok := h.apiGate(w, r)
	if !ok {
		return
	}
	var in struct {
		Scans []OfflineScan `json:"scans"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	results, err := h.svc.GateUpload(ctx, g, in.Scans)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	e, err := eventByID(ctx, h.svc.db, g.EventID)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := struct {
		Results   []apiScan `json:"results"`
		Conflicts int       `json:"conflicts"`
	}{Results: make([]apiScan, 0, len(results))}
	for i, res := range results {
		a := h.apiScan(r, e, res.Scan)
		a.Outcome, a.Conflict, a.Shown, a.Repeated = res.Outcome, res.Conflict, res.Shown, res.Repeated
		a.ScannedAt, a.ScannedAtG = in.Scans[i].ScannedAt, in.Scans[i].Gate
		if res.Conflict {
			out.Conflicts++
		}
		out.Results = append(out.Results, a)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIGateCounters serves GET /api/v1/events/{id}/gate/counters.
func (h *Handlers) APIGateCounters(w http.ResponseWriter, r *http.Request) {
	g, ok := h.apiGate(w, r)
	if !ok {
		return
	}
	c, err := h.svc.GateCounters(r.Context(), g)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	type gate struct {
		Gate     string `json:"gate"`
		Admitted int    `json:"admitted"`
		Scans    int    `json:"scans"`
	}
	out := struct {
		Admitted int    `json:"admitted"`
		Gates    []gate `json:"gates"`
	}{Admitted: c.Admitted, Gates: []gate{}}
	for _, x := range c.Gates {
		out.Gates = append(out.Gates, gate(x))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIGateTickets serves GET /api/v1/events/{id}/gate/tickets: the signed list for offline use.
func (h *Handlers) APIGateTickets(w http.ResponseWriter, r *http.Request) {
	g, ok := h.apiGate(w, r)
	if !ok {
		return
	}
	l, err := h.svc.GateTickets(r.Context(), g)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, l)
}
