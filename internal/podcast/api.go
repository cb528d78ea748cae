package podcast

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// JSON API of shows and episodes (/api/v1/podcast/…), described in openapi.json as
// PodcastShow, PodcastEpisode and their inputs. Creating a show or an episode is a
// multipart upload (the artwork, the audio); updates take JSON or multipart.

type apiShow struct {
	ID           int64     `json:"id"`
	Slug         string    `json:"slug"`
	GUID         string    `json:"guid"`
	Title        string    `json:"title"`
	Description  string    `json:"description"`
	Language     string    `json:"language"`
	Category     string    `json:"category"`
	Explicit     bool      `json:"explicit"`
	Author       string    `json:"author"`
	OwnerName    string    `json:"owner_name"`
	OwnerEmail   string    `json:"owner_email"`
	Copyright    string    `json:"copyright"`
	Type         string    `json:"type"`
	LinkedID     int64     `json:"linked_show_id,omitempty"`
	AppleURL     string    `json:"apple_podcasts_url,omitempty"`
	FundingURL   string    `json:"funding_url,omitempty"`
	FundingLabel string    `json:"funding_label,omitempty"`
	FeedURL      string    `json:"feed_url"`
	ArtworkURL   string    `json:"artwork_url"`
	PageURL      string    `json:"page_url"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func (h *Handlers) apiShowOf(sh *Show) apiShow {
	return apiShow{ID: sh.ID, Slug: sh.Slug, GUID: sh.GUID, Title: sh.Title, Description: sh.Description,
		Language: sh.Language, Category: CategoryLabel(sh.Category), Explicit: sh.Explicit, Author: sh.Author,
		OwnerName: sh.OwnerName, OwnerEmail: sh.OwnerEmail, Copyright: sh.Copyright, Type: string(sh.Type),
		LinkedID: sh.LinkedID, AppleURL: sh.AppleURL, FundingURL: sh.FundingURL, FundingLabel: sh.FundingLabel, FeedURL: h.svc.FeedURL(sh.Slug), ArtworkURL: h.svc.ArtworkURL(sh),
		PageURL: h.svc.PageURL(sh.Language, sh, 0), CreatedAt: sh.CreatedAt, UpdatedAt: sh.UpdatedAt}
}

type apiEpisode struct {
	ID            int64      `json:"id"`
	ShowID        int64      `json:"show_id"`
	GUID          string     `json:"guid"`
	Title         string     `json:"title"`
	Language      string     `json:"language"`
	Notes         i18n.Text  `json:"notes"`
	Season        int        `json:"season"`
	Number        int        `json:"number"`
	Type          string     `json:"type"`
	Explicit      bool       `json:"explicit"`
	Status        string     `json:"status"`
	PublishAt     *time.Time `json:"publish_at"`
	AudioURL      string     `json:"audio_url"`
	AudioType     string     `json:"audio_type"`
	AudioSize     int64      `json:"audio_size"`
	Duration      float64    `json:"duration_seconds"`
	Persons       []Person   `json:"persons"`
	ChaptersURL   string     `json:"chapters_url,omitempty"`
	TranscriptURL string     `json:"transcript_url,omitempty"`
	EventIDs      []int64    `json:"event_ids"`
	ProjectIDs    []int64    `json:"project_ids"`
	PageURL       string     `json:"page_url"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

func (h *Handlers) apiEpisodeOf(sh *Show, e *Episode) apiEpisode {
	a := apiEpisode{ID: e.ID, ShowID: e.ShowID, GUID: e.GUID, Title: e.Title, Language: e.Language, Notes: e.Notes,
		Season: e.Season, Number: e.Number, Type: string(e.Type), Explicit: e.Explicit, Status: e.Status,
		AudioURL: h.svc.AudioURL(sh, e), AudioType: e.AudioType, AudioSize: e.AudioSize,
		Duration: e.Duration.Seconds(), Persons: nonNil(e.Persons), ChaptersURL: h.svc.ChaptersURL(sh, e),
		TranscriptURL: h.svc.TranscriptURL(sh, e), EventIDs: nonNilIDs(e.EventIDs), ProjectIDs: nonNilIDs(e.ProjectIDs),
		PageURL: h.svc.PageURL(sh.Language, sh, e.ID), CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if !e.PublishAt.IsZero() {
		t := e.PublishAt
		a.PublishAt = &t
	}
	return a
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// APIShows serves GET /api/v1/podcast/shows.
func (h *Handlers) APIShows(w http.ResponseWriter, r *http.Request) {
	shows, err := h.svc.Shows(r.Context())
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiShow, len(shows))
	for i, sh := range shows {
		out[i] = h.apiShowOf(sh)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"shows": out})
}

// APIShow serves GET /api/v1/podcast/shows/{id}.
func (h *Handlers) APIShow(w http.ResponseWriter, r *http.Request) {
	sh, err := h.svc.Show(r.Context(), pathID(r, "id"))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiShowOf(sh))
}

// apiShowInput is the JSON body of PUT /api/v1/podcast/shows/{id} (the artwork stays).
type apiShowInput struct {
	Slug         string `json:"slug"`
	Title        string `json:"title"`
	Description  string `json:"description"`
	Language     string `json:"language"`
	Category     string `json:"category"`
	Explicit     bool   `json:"explicit"`
	Author       string `json:"author"`
	OwnerName    string `json:"owner_name"`
	OwnerEmail   string `json:"owner_email"`
	Copyright    string `json:"copyright"`
	Type         string `json:"type"`
	LinkedID     int64  `json:"linked_show_id"`
	AppleURL     string `json:"apple_podcasts_url"`
	FundingURL   string `json:"funding_url"`
	FundingLabel string `json:"funding_label"`
}

func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

// showInputFromRequest reads a show from multipart (with artwork) or JSON (without).
func showInputFromRequest(r *http.Request) (ShowInput, error) {
	if isMultipart(r) {
		f, err := parseUpload(r)
		if err != nil {
			return ShowInput{}, err
		}
		return showInputOf(r, f)
	}
	var b apiShowInput
	if err := web.DecodeJSON(r, &b); err != nil {
		return ShowInput{}, err
	}
	return ShowInput{Slug: b.Slug, Title: b.Title, Description: b.Description, Language: b.Language,
		Category: b.Category, Explicit: b.Explicit, Author: b.Author, OwnerName: b.OwnerName,
		OwnerEmail: b.OwnerEmail, Copyright: b.Copyright, Type: b.Type, LinkedID: b.LinkedID,
		AppleURL: b.AppleURL, FundingURL: b.FundingURL, FundingLabel: b.FundingLabel}, nil
}

// APICreateShow serves POST /api/v1/podcast/shows (multipart, with the artwork).
func (h *Handlers) APICreateShow(w http.ResponseWriter, r *http.Request) {
	defer cleanupUpload(r)
	err := mayWrite(viewer(r))
	var in ShowInput
	if err == nil {
		in, err = showInputFromRequest(r)
	}
	var sh *Show
	if err == nil {
		sh, err = h.svc.CreateShow(r.Context(), viewer(r), in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, h.apiShowOf(sh))
}

// APIUpdateShow serves PUT /api/v1/podcast/shows/{id}.
func (h *Handlers) APIUpdateShow(w http.ResponseWriter, r *http.Request) {
	defer cleanupUpload(r)
	err := mayWrite(viewer(r))
	var in ShowInput
	if err == nil {
		in, err = showInputFromRequest(r)
	}
	var sh *Show
	if err == nil {
		sh, err = h.svc.UpdateShow(r.Context(), viewer(r), pathID(r, "id"), in)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiShowOf(sh))
}

// APIEpisodes serves GET /api/v1/podcast/shows/{id}/episodes: published ones, or all for coordinators.
func (h *Handlers) APIEpisodes(w http.ResponseWriter, r *http.Request) {
	sh, err := h.svc.Show(r.Context(), pathID(r, "id"))
	var list []*Episode
	if err == nil {
		list, err = h.svc.Episodes(r.Context(), viewer(r), sh.ID)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := make([]apiEpisode, len(list))
	for i, e := range list {
		out[i] = h.apiEpisodeOf(sh, e)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"episodes": out})
}

// APIEpisode serves GET /api/v1/podcast/episodes/{id}.
func (h *Handlers) APIEpisode(w http.ResponseWriter, r *http.Request) {
	e, sh, err := h.svc.Episode(r.Context(), viewer(r), pathID(r, "id"))
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiEpisodeOf(sh, e))
}

// APICreateEpisode serves POST /api/v1/podcast/shows/{id}/episodes: a multipart upload
// with the same fields as the coordinators' form ("persons" may also be a JSON list).
func (h *Handlers) APICreateEpisode(w http.ResponseWriter, r *http.Request) {
	defer cleanupUpload(r)
	ctx := r.Context()
	err := mayWrite(viewer(r))
	var sh *Show
	if err == nil {
		sh, err = h.svc.Show(ctx, pathID(r, "id"))
	}
	var f *web.Form
	if err == nil && !isMultipart(r) {
		err = &web.DecodeError{Status: http.StatusUnsupportedMediaType, Key: "podcast.error.multipart", Err: errors.New("not multipart")}
	}
	if err == nil {
		f, err = parseUpload(r)
	}
	var e *Episode
	if err == nil {
		e, err = h.apiEpisodeFromForm(r, f, sh, nil)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, h.apiEpisodeOf(sh, e))
}

func (h *Handlers) apiEpisodeFromForm(r *http.Request, f *web.Form, sh *Show, current *Episode) (*Episode, error) {
	if raw := f.Get("persons"); raw != "" {
		var ps []Person
		if json.Unmarshal([]byte(raw), &ps) != nil {
			return nil, fail.Fields{"persons": "podcast.error.person"}
		}
		for i, p := range ps {
			if i >= personRows {
				return nil, fail.Fields{"persons": "podcast.error.person"}
			}
			n := itoa(int64(i))
			f.Values.Set("person_name_"+n, p.Name)
			f.Values.Set("person_role_"+n, p.Role)
			f.Values.Set("person_href_"+n, p.Href)
			f.Values.Set("person_img_"+n, p.Img)
		}
	}
	return h.episodeFromForm(r.Context(), r, f, sh, current)
}

// apiEpisodeInput is the JSON body of PUT /api/v1/podcast/episodes/{id}. Chapters and
// transcript, when present, replace the episode's ("" removes them); absent, they stay.
type apiEpisodeInput struct {
	Title      string           `json:"title"`
	Language   string           `json:"language"`
	Notes      i18n.Text        `json:"notes"`
	Season     int              `json:"season"`
	Number     int              `json:"number"`
	Type       string           `json:"type"`
	Explicit   bool             `json:"explicit"`
	Persons    []Person         `json:"persons"`
	Chapters   *json.RawMessage `json:"chapters"`
	Transcript *string          `json:"transcript"`
	EventIDs   []int64          `json:"event_ids"`
	ProjectIDs []int64          `json:"project_ids"`
}

// APIUpdateEpisode serves PUT /api/v1/podcast/episodes/{id}: JSON, or multipart to replace files.
func (h *Handlers) APIUpdateEpisode(w http.ResponseWriter, r *http.Request) {
	defer cleanupUpload(r)
	ctx := r.Context()
	err := mayWrite(viewer(r))
	var e *Episode
	var sh *Show
	if err == nil {
		e, sh, err = h.svc.Episode(ctx, viewer(r), pathID(r, "id"))
	}
	switch {
	case err != nil:
	case isMultipart(r):
		var f *web.Form
		if f, err = parseUpload(r); err == nil {
			e, err = h.apiEpisodeFromForm(r, f, sh, e)
		}
	default:
		var b apiEpisodeInput
		if err = web.DecodeJSON(r, &b); err == nil {
			in := EpisodeInput{Title: b.Title, Language: b.Language, Notes: b.Notes, Season: b.Season, Number: b.Number,
				Type: b.Type, Explicit: b.Explicit, Persons: b.Persons, EventIDs: b.EventIDs, ProjectIDs: b.ProjectIDs}
			if b.Chapters != nil {
				in.Chapters = []byte{}
				if s := string(*b.Chapters); s != `""` && s != "null" {
					in.Chapters = []byte(*b.Chapters)
				}
			}
			if b.Transcript != nil {
				in.Transcript = []byte(*b.Transcript)
			}
			e, err = h.svc.UpdateEpisode(ctx, viewer(r), e.ID, in, nil)
		}
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiEpisodeOf(sh, e))
}

// APIPublish serves POST /api/v1/podcast/episodes/{id}/publish: {"publish_at": time} schedules,
// an empty body publishes now, {"draft": true} takes the episode back.
func (h *Handlers) APIPublish(w http.ResponseWriter, r *http.Request) {
	var b struct {
		PublishAt *time.Time `json:"publish_at"`
		Draft     bool       `json:"draft"`
	}
	err := mayWrite(viewer(r))
	if err == nil && r.ContentLength != 0 {
		err = web.DecodeJSON(r, &b)
	}
	var e *Episode
	switch {
	case err != nil:
	case b.Draft:
		e, err = h.svc.Unpublish(r.Context(), viewer(r), pathID(r, "id"))
	case b.PublishAt != nil:
		e, err = h.svc.Publish(r.Context(), viewer(r), pathID(r, "id"), *b.PublishAt)
	default:
		e, err = h.svc.Publish(r.Context(), viewer(r), pathID(r, "id"), time.Time{})
	}
	var sh *Show
	if err == nil {
		sh, err = h.svc.Show(r.Context(), e.ShowID)
	}
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, h.apiEpisodeOf(sh, e))
}
