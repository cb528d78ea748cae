package events

import (
	"errors"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// manager answers for pages only managers open: the sign-in form for anonymous visitors,
// 403 for everyone else. The service checks again on every call.
func (h *Handlers) manager(w http.ResponseWriter, r *http.Request) (*web.Viewer, bool) {
	v := web.ViewerOf(r.Context())
	if err := requireManager(v); err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	return v, true
}

type adminRow struct {
	Event     Event
	Title     localText
	When      string
	Kind      string
	Confirmed int
}

// AdminList serves /admin/events: every event, any state.
func (h *Handlers) AdminList(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx, l := r.Context(), lang(r)
	list, err := h.svc.List(ctx, v, Filter{Limit: 200})
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	rows := make([]adminRow, 0, len(list))
	for _, e := range list {
		c, err := countConfirmed(ctx, h.svc.db, e.ID)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		rows = append(rows, adminRow{Event: e, Title: local(e.Title, l), When: WhenText(h.rd.Catalog(), l, &e, e.StartsAt),
			Kind: h.rd.T(r, "events.kind."+string(e.Kind)), Confirmed: c.total})
	}
	h.rd.Render(w, r, http.StatusOK, "events/admin_list", &web.Page{Title: h.rd.T(r, "events.admin.title"), Data: rows})
}

// --- editor

type option struct {
	Value, Label string
}

type typeRow struct {
	N  int
	ID string
}

type editorData struct {
	ID          int64
	Action      string
	Langs       []option
	Kinds       []option
	Zones       []string
	Visibility  []option
	Statuses    []option
	Types       []typeRow
	Questions   []questionRow // (http_questions.go)
	QKinds      []option
	Purposes    []checkOption
	PublicHref  string
	RegsHref    string
	CheckinHref string
	Programme   *programmeEditor // agenda, cover, organisations (http_programme.go)
	ForProject  string           // a new event made from this project's page, linked to it
}

// Zones offered first: the partnership's two cities.
var zoneChoices = []string{"Europe/Istanbul", "Asia/Baku", "UTC", "Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Tbilisi", "Asia/Tashkent", "Asia/Almaty", "America/New_York"}

const localLayout = "2006-01-02T15:04" // <input type="datetime-local">

// NewEvent serves /admin/events/new.
func (h *Handlers) NewEvent(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.manager(w, r); !ok {
		return
	}
	f := web.NewForm(url.Values{"zone": {"Europe/Istanbul"}, "kind": {string(Festival)}, "visibility": {string(Public)},
		"status": {string(Draft)}, "allow_guests": {"1"}, "type_name_tr_0": {"Genel"}, "type_name_az_0": {"Ümumi"}, "type_name_en_0": {"General"},
		"project": {r.URL.Query().Get("project")}})
	h.editor(w, r, http.StatusOK, 0, f, 1)
}

// EditEvent serves /admin/events/{id}.
func (h *Handlers) EditEvent(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	e, err := h.svc.Get(r.Context(), v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if _, err := h.svc.Programme(r.Context(), e); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.editor(w, r, http.StatusOK, e.ID, web.NewForm(eventForm(e)), len(e.Types))
}

func eventForm(e *Event) url.Values {
	loc := e.Location()
	v := url.Values{"kind": {string(e.Kind)}, "slug": {e.Slug}, "venue_name": {e.Venue.Name}, "venue_address": {e.Venue.Address},
		"venue_city": {e.Venue.City}, "zone": {e.Zone}, "starts_at": {e.StartsAt.In(loc).Format(localLayout)},
		"ends_at": {e.EndsAt.In(loc).Format(localLayout)}, "capacity": {strconv.Itoa(e.Capacity)},
		"visibility": {string(e.Visibility)}, "status": {string(e.Status)}}
	for _, l := range i18n.Supported {
		v.Set("title_"+l, e.Title.Get(l))
		v.Set("description_"+l, e.Description.Get(l))
	}
	if e.AllowGuests {
		v.Set("allow_guests", "1")
	}
	if e.Venue.Lat != nil {
		v.Set("venue_lat", strconv.FormatFloat(*e.Venue.Lat, 'f', -1, 64))
		v.Set("venue_lon", strconv.FormatFloat(*e.Venue.Lon, 'f', -1, 64))
	}
	if e.OpensAt != nil {
		v.Set("opens_at", e.OpensAt.In(loc).Format(localLayout))
	}
	if e.ClosesAt != nil {
		v.Set("closes_at", e.ClosesAt.In(loc).Format(localLayout))
	}
	for i, t := range e.Types {
		n := strconv.Itoa(i)
		v.Set("type_id_"+n, strconv.FormatInt(t.ID, 10))
		for _, l := range i18n.Supported {
			v.Set("type_name_"+l+"_"+n, t.Name.Get(l))
		}
		v.Set("type_quota_"+n, strconv.Itoa(t.Quota))
	}
	questionFormValues(v, e.Questionnaire)
	programmeForm(e, v)
	return v
}

func (h *Handlers) editor(w http.ResponseWriter, r *http.Request, status int, id int64, f *web.Form, types int) {
	l := lang(r)
	d := &editorData{ID: id, Action: "/" + l + "/admin/events", Zones: zoneChoices}
	if id != 0 {
		d.Action = fmt.Sprintf("/%s/admin/events/%d", l, id)
		d.RegsHref, d.CheckinHref = d.Action+"/registrations", d.Action+"/checkin"
		d.PublicHref = "/" + l + "/events/" + f.Get("slug")
	}
	if z := f.Get("zone"); z != "" && !slices.Contains(d.Zones, z) {
		d.Zones = append(d.Zones, z)
	}
	for _, code := range i18n.Supported {
		d.Langs = append(d.Langs, option{code, h.rd.Catalog().T(code, "lang.name")})
	}
	for _, k := range Kinds {
		d.Kinds = append(d.Kinds, option{string(k), h.rd.T(r, "events.kind."+string(k))})
	}
	for _, vis := range []Visibility{Public, Unlisted, Invitation} {
		d.Visibility = append(d.Visibility, option{string(vis), h.rd.T(r, "events.visibility."+string(vis))})
	}
	for _, s := range []Status{Draft, Published, Cancelled} {
		d.Statuses = append(d.Statuses, option{string(s), h.rd.T(r, "events.status."+string(s))})
	}
	for i := range types + 1 { // one empty row adds a type
		d.Types = append(d.Types, typeRow{N: i, ID: f.Get("type_id_" + strconv.Itoa(i))})
	}
	for i := range questionRowsShown(f) { // with an empty row that adds a question
		d.Questions = append(d.Questions, questionRow{N: i, ID: f.Get("q_id_" + strconv.Itoa(i))})
	}
	for _, k := range QuestionKinds {
		d.QKinds = append(d.QKinds, option{string(k), h.rd.T(r, "events.questions.kind."+string(k))})
	}
	for _, p := range Purposes {
		d.Purposes = append(d.Purposes, checkOption{string(p), h.rd.T(r, "events.consent."+string(p)), slices.Contains(f.Values["consents"], string(p))})
	}
	var err error
	if id == 0 {
		if _, d.ForProject, err = h.forProject(r, f); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
	}
	if d.Programme, err = h.programmeEditor(r, f); err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	title := h.rd.T(r, "events.admin.new")
	if id != 0 {
		title = h.rd.T(r, "events.admin.edit")
	}
	h.rd.Render(w, r, status, "events/editor", &web.Page{Title: title, Data: d, Form: f})
}

// inputFromForm reads the editor. Local times are read in the venue's zone and stored as UTC.
func (h *Handlers) inputFromForm(r *http.Request, f *web.Form) Input {
	in := Input{Kind: Kind(f.Get("kind")), Slug: f.Get("slug"), Zone: f.Get("zone"),
		Visibility: Visibility(f.Get("visibility")), Status: Status(f.Get("status")), AllowGuests: f.Get("allow_guests") != "",
		Venue: Venue{Name: f.Get("venue_name"), Address: f.Get("venue_address"), City: f.Get("venue_city")}}
	in.PartnershipID, _ = h.partnership(r.Context())
	for _, l := range i18n.Supported {
		in.Title.Set(l, f.Get("title_"+l))
		in.Description.Set(l, f.Values.Get("description_"+l))
	}
	loc := time.UTC
	if ValidZone(in.Zone) {
		loc, _ = time.LoadLocation(in.Zone)
	}
	at := func(field string) *time.Time {
		s := f.Get(field)
		if s == "" {
			return nil
		}
		t, err := time.ParseInLocation(localLayout, s, loc)
		if err != nil {
			f.Fail(field, "events.datetime_invalid")
			return nil
		}
		return &t
	}
	if t := at("starts_at"); t != nil {
		in.StartsAt = *t
	}
	if t := at("ends_at"); t != nil {
		in.EndsAt = *t
	}
	in.OpensAt, in.ClosesAt = at("opens_at"), at("closes_at")
	number := func(field string) int {
		s := f.Get(field)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Fail(field, "events.number_invalid")
		}
		return n
	}
	in.Capacity = number("capacity")
	coord := func(field string) *float64 {
		s := strings.ReplaceAll(f.Get(field), ",", ".")
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			f.Fail(field, "events.coordinates_invalid")
			return nil
		}
		return &x
	}
	in.Venue.Lat, in.Venue.Lon = coord("venue_lat"), coord("venue_lon")
	for i := 0; i < 50; i++ {
		n := strconv.Itoa(i)
		var t RegistrationType
		for _, l := range i18n.Supported {
			t.Name.Set(l, f.Get("type_name_"+l+"_"+n))
		}
		if _, sent := f.Values["type_name_tr_"+n]; !sent {
			break
		}
		if t.Name.Empty() && f.Get("type_id_"+n) == "" {
			continue // the empty row for a new type
		}
		t.ID, _ = strconv.ParseInt(f.Get("type_id_"+n), 10, 64)
		t.Quota = number("type_quota_" + n)
		in.Types = append(in.Types, t)
	}
	in.Questionnaire = questionnaireFromForm(f)
	programmeFromForm(f, &in, loc)
	return in
}

// SaveEvent serves POST /admin/events and POST /admin/events/{id}.
func (h *Handlers) SaveEvent(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx, l := r.Context(), lang(r)
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	id := pathID(r)
	in := h.inputFromForm(r, f)
	types := max(len(in.Types), 1)
	if !f.Valid() {
		h.editor(w, r, http.StatusUnprocessableEntity, id, f, types)
		return
	}
	var e *Event
	var project int64
	if id == 0 {
		if project, _, err = h.forProject(r, f); err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		e, err = h.svc.Create(ctx, v, in)
	} else {
		e, _, err = h.svc.Update(ctx, v, id, in)
	}
	var fields fail.Fields
	var capErr *CapacityError
	switch {
	case errors.As(err, &capErr):
		f.Fail(capErr.Field, "events.capacity_below_confirmed")
		f.Values.Set("capacity_numbers", fmt.Sprintf("%d/%d", capErr.Requested, capErr.Confirmed))
		h.editor(w, r, http.StatusUnprocessableEntity, id, f, types)
		return
	case errors.As(err, &fields):
		for k, key := range fields {
			f.Fail(k, key)
		}
		h.editor(w, r, http.StatusUnprocessableEntity, id, f, types)
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	h.changed()
	saved := "events.admin.saved"
	if project > 0 && h.projects.LinkEvent(ctx, v, project, e.ID) != nil {
		saved = "events.admin.not_linked" // made; the coordinator adds the link on the project's page
	}
	h.flash(r, h.rd.T(r, saved))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d", l, e.ID), http.StatusSeeOther)
}

// --- registrations

type regRow struct {
	Reg        Registration
	Type       localText
	Registered string
	CheckedIn  string
	Details    []string // under regsData.DetailHeads
}

type regsData struct {
	Event       *Event
	Title       localText
	Rows        []regRow
	DetailHeads []string // answer and consent columns (http_questions.go)
	Counts      map[RegStatus]int
	CSVHref     string
	Invitation  bool
}

// regRows lays out regs for coordinators, with the answer and consent columns named by heads.
func (h *Handlers) regRows(r *http.Request, e *Event, regs []Registration) (rows []regRow, heads []string, err error) {
	l := lang(r)
	questions, err := h.svc.AllQuestions(r.Context(), web.ViewerOf(r.Context()), e.ID)
	if err != nil {
		return nil, nil, err
	}
	heads, details := h.detailColumns(r, e, questions, regs)
	rows = make([]regRow, 0, len(regs))
	for _, reg := range regs {
		row := regRow{Reg: reg, Registered: i18n.FormatDateTime(l, reg.CreatedAt, e.Location()), Details: details(&reg)}
		if t, ok := e.Type(reg.TypeID); ok {
			row.Type = local(t.Name, l)
		}
		if reg.CheckedInAt != nil {
			row.CheckedIn = i18n.FormatDateTime(l, *reg.CheckedInAt, e.Location())
		}
		rows = append(rows, row)
	}
	return rows, heads, nil
}

// Registrations serves /admin/events/{id}/registrations.
func (h *Handlers) Registrations(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx, l := r.Context(), lang(r)
	e, err := h.svc.Get(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	regs, err := h.svc.Registrations(ctx, v, e.ID, "")
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	rows, heads, err := h.regRows(r, e, regs)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &regsData{Event: e, Title: local(e.Title, l), Rows: rows, DetailHeads: heads, Counts: map[RegStatus]int{},
		CSVHref: fmt.Sprintf("/%s/admin/events/%d/registrations.csv", l, e.ID), Invitation: e.Visibility == Invitation}
	for _, reg := range regs {
		d.Counts[reg.Status]++
	}
	h.rd.Render(w, r, http.StatusOK, "events/registrations", &web.Page{Title: h.rd.T(r, "events.admin.registrations"), Data: d})
}

// RegistrationsCSV serves /admin/events/{id}/registrations.csv for spreadsheets. It is UTF-8
// with a byte-order mark, without which Excel reads the file as Windows-1254 and garbles
// ş, ğ, ı, ə; and it is separated by semicolons, because Excel set to Turkish (or
// Azerbaijani) uses the comma as the decimal mark and splits lists at ";" — a
// comma-separated file would open as one column. Cells that a spreadsheet would run as a
// formula are quoted with a leading apostrophe.
func (h *Handlers) RegistrationsCSV(w http.ResponseWriter, r *http.Request) {
	e, table, ok := h.exportTable(w, r)
	if !ok {
		return
	}
	cw := sheet.CSV(w, e.Slug+"-registrations.csv")
	for i, row := range table {
		if i > 0 {
			for c := 1; c < len(row); c++ { // names, addresses, answers: text people typed
				row[c] = cell(row[c])
			}
		}
		_ = cw.Write(row)
	}
	cw.Flush()
}

// exportTable is what both exports hold: a header row, then one row per registration in
// arrival order. It answers the request itself (403, 404) when it returns false.
func (h *Handlers) exportTable(w http.ResponseWriter, r *http.Request) (*Event, [][]string, bool) {
	v, ok := h.manager(w, r)
	if !ok {
		return nil, nil, false
	}
	ctx, l := r.Context(), lang(r)
	e, err := h.svc.Get(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, nil, false
	}
	regs, err := h.svc.Registrations(ctx, v, e.ID, "")
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, nil, false
	}
	rows, heads, err := h.regRows(r, e, regs)
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, nil, false
	}
	t := func(key string) string { return h.rd.T(r, key) }
	table := [][]string{append([]string{"#", t("events.field.name"), t("events.field.email"), t("events.field.type"), t("events.field.status"),
		t("events.field.registered_at"), t("events.field.checked_in_at"), t("events.field.gate")}, heads...)}
	for _, row := range rows {
		table = append(table, append([]string{strconv.FormatInt(row.Reg.Seq, 10), row.Reg.Name, row.Reg.Email, row.Type.Text,
			h.rd.Catalog().T(l, "events.reg_status."+string(row.Reg.Status)), row.Registered, row.CheckedIn, row.Reg.Gate}, row.Details...))
	}
	return e, table, true
}

// cell defuses text a spreadsheet would read as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Approve serves POST /admin/registrations/{id}/approve.
func (h *Handlers) Approve(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	reg, err := h.svc.Approve(ctx, v, pathID(r))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "events.admin.approved"))
	http.Redirect(w, r, fmt.Sprintf("/%s/admin/events/%d/registrations", lang(r), reg.EventID), http.StatusSeeOther)
}

// --- check-in

func (h *Handlers) scanMessage(r *http.Request, e *Event, s *Scan) string {
	l := lang(r)
	if s.Outcome == AlreadyAdmitted {
		return h.rd.T(r, "events.scan.already_admitted.detail", i18n.FormatTime(l, s.At, e.Location()), s.Gate)
	}
	return h.rd.T(r, "events.scan."+string(s.Outcome)+".detail")
}
