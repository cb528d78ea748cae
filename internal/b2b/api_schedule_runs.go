package b2b

import (
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The scheduling API (organisers): runs of "schedule all" and publishing.

type apiRun struct {
	ID         int64     `json:"id"`
	Meetings   int       `json:"meetings"`
	Placed     int       `json:"placed"`
	Locked     int       `json:"locked"`
	UpperBound int       `json:"upper_bound"`
	ElapsedMS  int64     `json:"elapsed_ms"`
	CreatedAt  time.Time `json:"created_at"`
	Changed    *int      `json:"changed,omitempty"` // only for the run just made
}

func apiRunOf(r Run) apiRun {
	return apiRun{ID: r.ID, Meetings: r.Meetings, Placed: r.Placed, Locked: r.Locked, UpperBound: r.UpperBound,
		ElapsedMS: r.ElapsedMS, CreatedAt: r.CreatedAt}
}

// APIRunSchedule serves POST /api/v1/events/{id}/b2b/schedule-runs: runs the scheduler and
// returns the run's summary.
func (h *Handlers) APIRunSchedule(w http.ResponseWriter, r *http.Request) {
	run, err := h.svc.ScheduleAll(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := apiRunOf(*run)
	out.Changed = &run.Changed
	web.WriteJSON(w, http.StatusCreated, out)
}

// APIRuns serves GET /api/v1/events/{id}/b2b/schedule-runs, newest first.
func (h *Handlers) APIRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := h.svc.Runs(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiRun, 0, len(runs))
	for _, run := range runs {
		out = append(out, apiRunOf(run))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"runs": out})
}

// APIPublish serves POST /api/v1/events/{id}/b2b/publish.
func (h *Handlers) APIPublish(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Publish(r.Context(), web.ViewerOf(r.Context()), pathID(r))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"event_id": p.EventID, "published_at": p.PublishedAt})
}
