package volunteer

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The coordinators' report page and its exports share one reading of the filter and one
// table of localized lines.

// reportData is what the report page shows.
type reportData struct {
	Report     *Report
	Sections   []reportSection
	Programmes []ReportProgramme
	Query      string // the filter, for the export links
}

// reportSection is one way of summing: a heading and its lines, already in the page's language.
type reportSection struct {
	Title string
	Lines []reportCells
}

// reportCells is one line as shown and exported.
type reportCells struct {
	Name       string
	Minutes    int
	Volunteers int
}

// HM and Decimal write the line's time for the page.
func (c reportCells) HM() string                   { return HoursHM(c.Minutes) }
func (c reportCells) Decimal(l string) string      { return HoursDecimal(l, c.Minutes) }
func (d *reportData) TotalHM() string              { return HoursHM(d.Report.Minutes) }
func (d *reportData) TotalDecimal(l string) string { return HoursDecimal(l, d.Report.Minutes) }

// reportFilterOf reads ?programme=&from=&to= (days as YYYY-MM-DD), failing f's fields for
// days that are not dates.
func reportFilterOf(r *http.Request, f *web.Form) ReportFilter {
	q := r.URL.Query()
	var rf ReportFilter
	rf.ProgrammeID, _ = strconv.ParseInt(q.Get("programme"), 10, 64)
	for field, dst := range map[string]*time.Time{"from": &rf.From, "to": &rf.To} {
		if raw := q.Get(field); raw != "" {
			day, err := time.Parse(time.DateOnly, raw)
			if err != nil {
				f.Fail(field, "volunteer.hours.log.day_invalid")
				continue
			}
			*dst = day
		}
	}
	return rf
}

// report reads the filter and sums the hours; a bad filter comes back as form errors.
func (h *Handlers) report(r *http.Request) (*Report, *web.Form, error) {
	f := web.NewForm(r.URL.Query())
	rf := reportFilterOf(r, f)
	if !f.Valid() {
		return nil, f, nil
	}
	rep, err := h.svc.HoursReport(r.Context(), web.ViewerOf(r.Context()), rf)
	if f.FailFields(err) {
		return nil, f, nil
	}
	return rep, f, err
}

// sections localizes the report's sums: by programme, role, month and city.
func (h *Handlers) sections(r *http.Request, rep *Report) []reportSection {
	l := lang(r)
	line := func(name string, rl ReportLine) reportCells {
		return reportCells{Name: name, Minutes: rl.Minutes, Volunteers: rl.Volunteers}
	}
	var progs, roles, months, cities []reportCells
	for _, rl := range rep.ByProgramme {
		progs = append(progs, line(rl.Name.In(l), rl))
	}
	for _, rl := range rep.ByRole {
		roles = append(roles, line(rl.Name.In(l)+" — "+rl.Programme.In(l), rl))
	}
	for _, rl := range rep.ByMonth {
		month, _ := time.Parse("2006-01", rl.Key)
		months = append(months, line(h.rd.T(r, "volunteer.hours.month."+strconv.Itoa(int(month.Month())))+" "+strconv.Itoa(month.Year()), rl))
	}
	for _, rl := range rep.ByCity {
		cities = append(cities, line(h.rd.T(r, "volunteer.hours.city."+rl.Key), rl))
	}
	return []reportSection{
		{h.rd.T(r, "volunteer.hours.report.by_programme"), progs},
		{h.rd.T(r, "volunteer.hours.report.by_role"), roles},
		{h.rd.T(r, "volunteer.hours.report.by_month"), months},
		{h.rd.T(r, "volunteer.hours.report.by_city"), cities},
	}
}

// ReportPage serves GET /admin/volunteer/reports?programme=&from=&to=.
func (h *Handlers) ReportPage(w http.ResponseWriter, r *http.Request) {
	rep, f, err := h.report(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	progs, err := h.svc.HoursProgrammes(r.Context(), web.ViewerOf(r.Context()))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := &reportData{Report: rep, Programmes: progs, Query: exportQuery(r)}
	status := http.StatusOK
	if rep != nil {
		d.Sections = h.sections(r, rep)
	} else {
		status = http.StatusUnprocessableEntity
	}
	h.rd.Render(w, r, status, "volunteer/report_hours", &web.Page{Title: h.rd.T(r, "volunteer.hours.report.title"), Data: d, Form: f})
}

// exportQuery is the page's filter for the export links.
func exportQuery(r *http.Request) string {
	q, out := r.URL.Query(), url.Values{}
	for _, k := range []string{"programme", "from", "to"} {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out.Encode()
}
