package podcast

import (
	"errors"
	"github.com/kopru-platform/kopru/internal/platform/sheet"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// StatsHandlers serves the statistics page, its CSV, the API and the player's listen beacon.
type StatsHandlers struct {
	stats *Stats
	rd    *web.Renderer
}

// NewStatsHandlers wires the statistics pages.
func NewStatsHandlers(stats *Stats, rd *web.Renderer) *StatsHandlers {
	return &StatsHandlers{stats: stats, rd: rd}
}

// Stats is the counter behind the pages (for the demo's seeding).
func (h *StatsHandlers) Stats() *Stats { return h.stats }

// statsPage is the data of podcast/stats_show.
type statsPage struct {
	*StatsReport
	Chart   statsChart
	CSVHref string
}

// report reads the range from the query and gathers the report; a bad range gives field
// errors (fail.Fields) and the form to show them on.
func (h *StatsHandlers) report(r *http.Request) (*StatsReport, *web.Form, error) {
	q := r.URL.Query()
	form := web.NewForm(url.Values{"from": {q.Get("from")}, "to": {q.Get("to")}})
	rep, err := h.stats.Report(r.Context(), viewer(r), pathID(r, "id"), form.Get("from"), form.Get("to"))
	return rep, form, err
}

// Page is the show's statistics dashboard.
func (h *StatsHandlers) Page(w http.ResponseWriter, r *http.Request) {
	rep, form, err := h.report(r)
	var fields fail.Fields
	if errors.As(err, &fields) { // Report checks the caller before the range
		// The range was bad: show the form again with what was typed and the error.
		form.FailFields(err)
		sh, serr := h.stats.svc.Show(r.Context(), pathID(r, "id"))
		if serr != nil {
			h.rd.PageError(w, r, serr)
			return
		}
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "podcast/stats_show",
			&web.Page{Title: h.rd.T(r, "podcast.stats.title", sh.Title), Data: statsPage{StatsReport: &StatsReport{Show: sh}}, Form: form})
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if form.Get("from") == "" {
		form.Values.Set("from", rep.From)
	}
	if form.Get("to") == "" {
		form.Values.Set("to", rep.To)
	}
	d := statsPage{StatsReport: rep, Chart: newStatsChart(rep.Days),
		CSVHref: "/" + lang(r) + "/admin/podcast/shows/" + itoa(rep.Show.ID) + "/stats.csv?" + url.Values{"from": {rep.From}, "to": {rep.To}}.Encode()}
	h.rd.Render(w, r, http.StatusOK, "podcast/stats_show", &web.Page{Title: h.rd.T(r, "podcast.stats.title", rep.Show.Title), Data: d, Form: form})
}

// CSV is the per-episode, per-day table of the range, for spreadsheets.
func (h *StatsHandlers) CSV(w http.ResponseWriter, r *http.Request) {
	rep, _, err := h.report(r)
	if err != nil {
		if web.StatusOf(err) == http.StatusUnprocessableEntity {
			h.rd.Error(w, r, http.StatusUnprocessableEntity)
			return
		}
		h.rd.PageError(w, r, err)
		return
	}
	cw := sheet.CSV(w, rep.Show.Slug+"-stats-"+rep.From+"-"+rep.To+".csv")
	_ = cw.Write([]string{"day", "episode_id", "episode", "downloads", "web_listens"})
	for _, row := range rep.Rows {
		_ = cw.Write([]string{row.Day, itoa(row.EpisodeID), sheet.Cell(row.Title), strconv.Itoa(row.Downloads), strconv.Itoa(row.Listens)})
	}
	cw.Flush()
}

// apiStats is the JSON of GET /api/v1/podcast/shows/{id}/stats.
type apiStats struct {
	ShowID    int64          `json:"show_id"`
	From      string         `json:"from"`
	To        string         `json:"to"`
	Downloads int            `json:"downloads"`
	Listens   int            `json:"web_listens"`
	Days      []apiStatsDay  `json:"days"`
	Episodes  []apiStatsItem `json:"episodes"`
	Apps      []apiStatsName `json:"apps"`
	Devices   []apiStatsName `json:"devices"`
	Countries []apiStatsName `json:"countries"`
}

type apiStatsDay struct {
	Day       string `json:"day"`
	Downloads int    `json:"downloads"`
	Listens   int    `json:"web_listens"`
}

type apiStatsItem struct {
	EpisodeID int64  `json:"episode_id"`
	Title     string `json:"title"`
	Downloads int    `json:"downloads"`
	Listens   int    `json:"web_listens"`
}

type apiStatsName struct {
	Name  string `json:"name"`
	Count int    `json:"downloads"`
}

func apiNames(in []StatsName) []apiStatsName {
	out := make([]apiStatsName, len(in))
	for i, n := range in {
		out[i] = apiStatsName{n.Name, n.Count}
	}
	return out
}

// API serves GET /api/v1/podcast/shows/{id}/stats?from=&to= (coordinators).
func (h *StatsHandlers) API(w http.ResponseWriter, r *http.Request) {
	rep, _, err := h.report(r)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := apiStats{ShowID: rep.Show.ID, From: rep.From, To: rep.To, Downloads: rep.Downloads, Listens: rep.Listens,
		Days: make([]apiStatsDay, len(rep.Days)), Episodes: make([]apiStatsItem, len(rep.Episodes)),
		Apps: apiNames(rep.Apps), Devices: apiNames(rep.Devices), Countries: apiNames(rep.Countries)}
	for i, d := range rep.Days {
		out.Days[i] = apiStatsDay(d)
	}
	for i, e := range rep.Episodes {
		out.Episodes[i] = apiStatsItem(e)
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// Listen takes the episode page player's beacon, sent once when playback starts. It
// answers 204 whether or not the listen counted (a repeat within 24 hours does not).
func (h *StatsHandlers) Listen(w http.ResponseWriter, r *http.Request) {
	id, ok := parseID(r.PathValue("episode"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	if _, err := h.stats.Listen(r.Context(), r, r.PathValue("slug"), id); err != nil {
		if errors.Is(err, fail.NotFound) {
			http.NotFound(w, r)
			return
		}
		h.rd.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
