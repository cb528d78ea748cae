package content

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The API sends every language of a text: clients pick one or show them side by side.

type apiMedia struct {
	ID      int64  `json:"id"`
	URL     string `json:"url"`
	Alt     Text   `json:"alt"`
	Caption Text   `json:"caption"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

type apiCategory struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name Text   `json:"name"`
}

type apiEntry struct {
	ID          int64        `json:"id"`
	Kind        Kind         `json:"kind"`
	Slug        string       `json:"slug"`
	Status      Status       `json:"status"`
	Title       Text         `json:"title"`
	Lead        Text         `json:"lead"`
	Body        Text         `json:"body"`
	BodyHTML    Text         `json:"body_html"`
	Cover       *apiMedia    `json:"cover,omitempty"`
	Author      Author       `json:"author"`
	Category    *apiCategory `json:"category,omitempty"`
	Tags        []string     `json:"tags"`
	URL         Text         `json:"url"`
	PublishedAt *time.Time   `json:"published_at,omitempty"`
	RevisedAt   *time.Time   `json:"revised_at,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// apiInput is what clients send to create or replace an entry. Absent fields are empty:
// PUT replaces the whole entry.
type apiInput struct {
	Slug       string   `json:"slug"`
	Title      Text     `json:"title"`
	Lead       Text     `json:"lead"`
	Body       Text     `json:"body"`
	CoverID    int64    `json:"cover_id"`
	Author     Author   `json:"author"`
	CategoryID int64    `json:"category_id"`
	Tags       []string `json:"tags"`
}

func (in apiInput) input() Input {
	out := Input{Slug: in.Slug, Title: in.Title, Lead: in.Lead, Body: in.Body, CoverID: in.CoverID, Author: in.Author, CategoryID: in.CategoryID}
	for _, label := range in.Tags {
		out.Tags = append(out.Tags, Tag{Label: label})
	}
	return out
}

func (h *Handlers) apiEntry(e *Entry) apiEntry {
	out := apiEntry{ID: e.ID, Kind: e.Kind, Slug: e.Slug, Status: e.Status, Title: e.Title, Lead: e.Lead, Body: e.Body,
		BodyHTML: e.BodyHTML, Author: e.Author, Tags: []string{}, PublishedAt: e.PublishedAt, RevisedAt: e.RevisedAt,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	for _, l := range Langs {
		out.URL.Set(l, h.baseURL+"/"+l+e.Path())
	}
	if m := e.Cover; m != nil {
		out.Cover = &apiMedia{ID: m.ID, URL: h.baseURL + m.VariantURL("large"), Alt: m.Alt, Caption: m.Caption, Width: m.Width, Height: m.Height}
	}
	if c := e.Category; c != nil {
		out.Category = &apiCategory{ID: c.ID, Slug: c.Slug, Name: c.Name}
	}
	for _, t := range e.Tags {
		out.Tags = append(out.Tags, t.Label)
	}
	return out
}

// apiError answers a failed call; a taken slug also names a free one.
func (h *Handlers) apiError(w http.ResponseWriter, r *http.Request, err error) {
	var taken *SlugTakenError
	if errors.As(err, &taken) {
		l := web.LocaleOf(r.Context())
		web.WriteProblem(w, r, web.Problem{Status: http.StatusUnprocessableEntity, Title: h.rd.Catalog().T(l, "problem.422"),
			Errors: map[string]string{"slug": h.rd.Catalog().T(l, "content.slug_taken_api", taken.Suggestion)}})
		return
	}
	h.rd.APIError(w, r, err)
}

// APIList serves GET /api/v1/news and /api/v1/pages: published entries for everyone;
// editors may ask for ?status=draft|scheduled|unpublished|all.
func (h *Handlers) APIList(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pager := web.NewPager(r, 20)
		if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
			pager.PerPage = min(n, 100)
		}
		f := Filter{Kind: kind, Status: Published, Category: q.Get("category"), Tag: q.Get("tag"), Limit: pager.PerPage, Offset: pager.Offset()}
		switch s := Status(q.Get("status")); s {
		case Draft, Scheduled, Unpublished:
			f.Status = s
		case "all":
			f.Status = ""
		}
		if f.Status != Published {
			// Asking for drafts is itself a write-side act: strangers are told so, not shown
			// a silently different list.
			if err := RequireEditor(web.ViewerOf(r.Context())); err != nil {
				h.apiError(w, r, err)
				return
			}
		}
		items, total, err := h.svc.List(r.Context(), web.ViewerOf(r.Context()), f)
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		out := make([]apiEntry, 0, len(items))
		for i := range items {
			out = append(out, h.apiEntry(&items[i]))
		}
		w.Header().Set("X-Total-Count", strconv.Itoa(total))
		web.WriteJSON(w, http.StatusOK, out)
	}
}

// APIGet serves GET /api/v1/{news|pages}/{id}.
func (h *Handlers) APIGet(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		e, err := h.svc.Get(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r))
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, h.apiEntry(e))
	}
}

// APICreate serves POST /api/v1/{news|pages}: a new draft.
func (h *Handlers) APICreate(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in apiInput
		if err := web.DecodeJSON(r, &in); err != nil {
			h.apiError(w, r, err)
			return
		}
		e, err := h.svc.Create(r.Context(), web.ViewerOf(r.Context()), kind, in.input(), Change{Action: ActionSave})
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		w.Header().Set("Location", "/api/v1/"+adminPath(kind)+"/"+strconv.FormatInt(e.ID, 10))
		web.WriteJSON(w, http.StatusCreated, h.apiEntry(e))
	}
}

// APIUpdate serves PUT /api/v1/{news|pages}/{id}: replaces the fields, keeps the state.
func (h *Handlers) APIUpdate(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in apiInput
		if err := web.DecodeJSON(r, &in); err != nil {
			h.apiError(w, r, err)
			return
		}
		e, err := h.svc.Update(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r), in.input(), Change{Action: ActionSave})
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, h.apiEntry(e))
	}
}

// APIPublish serves POST /api/v1/{news|pages}/{id}/publish: now, or at "at" (scheduled).
func (h *Handlers) APIPublish(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			At *time.Time `json:"at"`
		}
		if r.ContentLength != 0 {
			if err := web.DecodeJSON(r, &req); err != nil {
				h.apiError(w, r, err)
				return
			}
		}
		var at time.Time
		if req.At != nil {
			at = *req.At
		}
		e, err := h.svc.Publish(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r), at)
		var fields fail.Fields
		if errors.As(err, &fields) && fields["publish_at"] != "" {
			err = fail.Fields{"at": fields["publish_at"]} // the API's name for the field
		}
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, h.apiEntry(e))
	}
}

// APIUnpublish serves POST /api/v1/{news|pages}/{id}/unpublish.
func (h *Handlers) APIUnpublish(kind Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		e, err := h.svc.Unpublish(r.Context(), web.ViewerOf(r.Context()), kind, pathID(r))
		if err != nil {
			h.apiError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, h.apiEntry(e))
	}
}
