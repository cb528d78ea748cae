package project

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The projects API (/api/v1/projects…): the same Tracker calls as the pages. Amounts are
// written as decimal strings ("12500.50") and answered in minor units as well.

type apiProject struct {
	ID             int64         `json:"id"`
	Slug           string        `json:"slug"`
	ProposalID     int64         `json:"proposal_id,omitempty"`
	OrganisationID int64         `json:"organisation_id,omitempty"`
	Title          i18n.Text     `json:"title"`
	Summary        i18n.Text     `json:"summary"`
	Themes         []string      `json:"themes"`
	Status         ProjectStatus `json:"status"`
	Progress       int           `json:"progress"`
	StartsOn       string        `json:"starts_on"`
	EndsOn         string        `json:"ends_on"`
	Year           int           `json:"year"`
	Currency       string        `json:"currency"`
	PlannedMinor   int64         `json:"planned_minor"`
	SpentMinor     int64         `json:"spent_minor"`
	UpdatedAt      time.Time     `json:"updated_at"`
	Milestones     []Milestone   `json:"milestones,omitempty"`
	Indicators     []Indicator   `json:"indicators,omitempty"`
	Updates        []Update      `json:"updates,omitempty"`
	Links          []Link        `json:"links,omitempty"`
	History        []Change      `json:"history,omitempty"`
}

func apiProjectOf(p *Project) apiProject {
	themes := append([]string{}, p.Themes...)
	return apiProject{ID: p.ID, Slug: p.Slug, ProposalID: p.ProposalID, OrganisationID: p.OrganisationID, Title: p.Title,
		Summary: p.Summary, Themes: themes, Status: p.Status, Progress: p.Progress, StartsOn: p.StartsOn, EndsOn: p.EndsOn,
		Year: p.Year, Currency: p.Currency, PlannedMinor: p.PlannedMinor, SpentMinor: p.SpentMinor, UpdatedAt: p.UpdatedAt}
}

type apiProjectInput struct {
	Slug           string        `json:"slug"`
	Title          i18n.Text     `json:"title"`
	Summary        i18n.Text     `json:"summary"`
	Themes         []string      `json:"themes"`
	OrganisationID int64         `json:"organisation_id"`
	Status         ProjectStatus `json:"status"`
	Progress       int           `json:"progress"`
	StartsOn       string        `json:"starts_on"`
	EndsOn         string        `json:"ends_on"`
	Currency       string        `json:"currency"`
	Planned        string        `json:"planned"`
	Spent          string        `json:"spent"`
}

func (in apiProjectInput) input() (ProjectInput, error) {
	out := ProjectInput{Slug: in.Slug, Title: in.Title, Summary: in.Summary, Themes: in.Themes, OrganisationID: in.OrganisationID,
		Status: in.Status, Progress: in.Progress, StartsOn: in.StartsOn, EndsOn: in.EndsOn, Currency: in.Currency}
	errs := fail.Fields{}
	var ok bool
	if out.PlannedMinor, ok = ParseMoney(in.Planned); !ok {
		errs["planned"] = "project.tracker.error.money"
	}
	if out.SpentMinor, ok = ParseMoney(in.Spent); !ok {
		errs["spent"] = "project.tracker.error.money"
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

type apiList struct {
	Items   []apiProject `json:"items"`
	Total   int          `json:"total"`
	Page    int          `json:"page"`
	Summary apiSummary   `json:"summary"`
}

type apiSummary struct {
	Total    int                   `json:"total"`
	ByStatus map[ProjectStatus]int `json:"by_status"`
	Progress int                   `json:"progress"` // the average of the projects' progress
	Budgets  []apiBudget           `json:"budgets"`
}

type apiBudget struct {
	Currency     string `json:"currency"`
	PlannedMinor int64  `json:"planned_minor"`
	SpentMinor   int64  `json:"spent_minor"`
	Delivered    int    `json:"delivered"` // percent of the planned budget spent
}

// APIList serves GET /api/v1/projects with the public list's filters and its summary.
func (h *TrackerHandlers) APIList(w http.ResponseWriter, r *http.Request) {
	f, pager := filterOf(r), web.NewPager(r, perPage)
	list, sum, err := h.t.Page(r.Context(), f, pager.PerPage, pager.Offset())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := apiList{Items: []apiProject{}, Total: sum.Total, Page: pager.Page,
		Summary: apiSummary{Total: sum.Total, ByStatus: sum.ByStatus, Progress: sum.Progress, Budgets: []apiBudget{}}}
	for _, p := range list {
		out.Items = append(out.Items, apiProjectOf(p))
	}
	for _, b := range sum.Budgets {
		out.Summary.Budgets = append(out.Summary.Budgets, apiBudget{b.Currency, b.PlannedMinor, b.SpentMinor, b.Delivered()})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// APIGet serves GET /api/v1/projects/{id}: the project with its parts and history.
func (h *TrackerHandlers) APIGet(w http.ResponseWriter, r *http.Request) {
	p, err := h.t.Project(r.Context(), pathID(r))
	var d *Detail
	if err == nil {
		d, err = h.t.ProjectDetail(r.Context(), web.ViewerOf(r.Context()), p)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := apiProjectOf(p)
	out.Milestones, out.Indicators, out.Updates, out.Links, out.History = d.Milestones, d.Indicators, d.Updates, d.Links, d.History
	web.WriteJSON(w, http.StatusOK, out)
}

// APICreate serves POST /api/v1/projects (coordinators).
func (h *TrackerHandlers) APICreate(w http.ResponseWriter, r *http.Request) { h.apiSave(w, r, 0) }

// APIUpdate serves PUT /api/v1/projects/{id} (coordinators).
func (h *TrackerHandlers) APIUpdate(w http.ResponseWriter, r *http.Request) {
	h.apiSave(w, r, pathID(r))
}

func (h *TrackerHandlers) apiSave(w http.ResponseWriter, r *http.Request, id int64) {
	v := web.ViewerOf(r.Context())
	var body apiProjectInput
	err := requireCoordinator(v)
	if err == nil {
		err = web.DecodeJSON(r, &body)
	}
	var in ProjectInput
	if err == nil {
		in, err = body.input()
	}
	var p *Project
	status := http.StatusCreated
	if err == nil && id == 0 {
		p, err = h.t.CreateProject(r.Context(), v, in)
	} else if err == nil {
		status = http.StatusOK
		p, err = h.t.UpdateProject(r.Context(), v, id, in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, status, apiProjectOf(p))
}

// APIPostUpdate serves POST /api/v1/projects/{id}/updates (coordinators).
func (h *TrackerHandlers) APIPostUpdate(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	var in UpdateInput
	err := requireCoordinator(v)
	if err == nil {
		err = web.DecodeJSON(r, &in)
	}
	var id int64
	if err == nil {
		id, err = h.t.PostUpdate(r.Context(), v, pathID(r), in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

// APIIndicator serves PUT /api/v1/projects/{id}/indicators/{iid}: {"actual": 320}.
func (h *TrackerHandlers) APIIndicator(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	var in struct {
		Actual *float64 `json:"actual"`
	}
	err := requireCoordinator(v)
	if err == nil {
		err = web.DecodeJSON(r, &in)
	}
	if err == nil && in.Actual == nil {
		err = fail.Fields{"actual": "project.tracker.error.number"}
	}
	iid, _ := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	if err == nil {
		err = h.t.SetIndicatorActual(r.Context(), v, pathID(r), iid, *in.Actual)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]float64{"actual": *in.Actual})
}

// APIFollow serves POST /api/v1/projects/{id}/follow: {"follow": true} or false.
func (h *TrackerHandlers) APIFollow(w http.ResponseWriter, r *http.Request) {
	v := web.ViewerOf(r.Context())
	in := struct {
		Follow *bool `json:"follow"`
	}{}
	var err error
	if v == nil {
		err = fail.Unauthorized
	} else {
		err = web.DecodeJSON(r, &in)
	}
	on := in.Follow == nil || *in.Follow
	if err == nil {
		err = h.t.Follow(r.Context(), v, pathID(r), on)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]bool{"following": on})
}
