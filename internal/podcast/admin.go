package podcast

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

// Coordinator pages: shows, the episode upload form and editor, publishing and scheduling.

type adminShow struct {
	*Show
	Episodes []*Episode
}

// Choices the forms offer.
var (
	languages    = []string{"tr", "az", "en"}
	showTypes    = []string{"episodic", "serial"}
	episodeTypes = []string{"full", "trailer", "bonus"}
	roles        = []string{"host", "guest"}
)

type choices struct {
	Languages, ShowTypes, EpisodeTypes, Roles []string
}

var formChoices = choices{languages, showTypes, episodeTypes, roles}

type showForm struct {
	choices
	Show       *Show // nil when creating
	Categories []string
	Others     []*Show // shows this one may be linked to
	Episodes   []adminEpisode
	Action     string
}

type adminEpisode struct {
	*Episode
	When string
}

type episodeForm struct {
	choices
	Show       *Show
	Episode    *Episode // nil when creating
	Action     string
	PersonRows []int
	PublishAt  string // the scheduled time as datetime-local, İzmir time
	When       string
	PageHref   string
}

// guard answers for a visitor who may not manage the podcast and reports whether to go on.
func (h *Handlers) guard(w http.ResponseWriter, r *http.Request) bool {
	if err := mayWrite(viewer(r)); err != nil {
		h.rd.PageError(w, r, err)
		return false
	}
	return true
}

// AdminIndex lists the shows with their episodes.
func (h *Handlers) AdminIndex(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	shows, err := h.svc.Shows(r.Context())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	list := make([]adminShow, len(shows))
	for i, sh := range shows {
		eps, err := h.svc.Episodes(r.Context(), viewer(r), sh.ID)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		list[i] = adminShow{sh, eps}
	}
	h.rd.Render(w, r, http.StatusOK, "podcast/admin", &web.Page{Title: h.rd.T(r, "podcast.admin.title"), Data: list})
}

func categoryLabels() []string {
	cats := feed.AppleCategories()
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = CategoryLabel(c)
	}
	return out
}

func (h *Handlers) renderShowForm(w http.ResponseWriter, r *http.Request, status int, sh *Show, form *web.Form) {
	shows, err := h.svc.Shows(r.Context())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	d := showForm{choices: formChoices, Show: sh, Categories: categoryLabels(), Action: "/" + lang(r) + "/admin/podcast/shows"}
	for _, o := range shows {
		if sh == nil || o.ID != sh.ID {
			d.Others = append(d.Others, o)
		}
	}
	title := h.rd.T(r, "podcast.admin.new_show")
	if sh != nil {
		title, d.Action = sh.Title, d.Action+"/"+itoa(sh.ID)
		eps, err := h.svc.Episodes(r.Context(), viewer(r), sh.ID)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		for _, e := range eps {
			d.Episodes = append(d.Episodes, adminEpisode{e, h.when(r, e)})
		}
	}
	h.rd.Render(w, r, status, "podcast/show_edit", &web.Page{Title: title, Data: d, Form: form})
}

func showValues(sh *Show) url.Values {
	v := url.Values{}
	v.Set("slug", sh.Slug)
	v.Set("title", sh.Title)
	v.Set("description", sh.Description)
	v.Set("language", sh.Language)
	v.Set("category", CategoryLabel(sh.Category))
	v.Set("author", sh.Author)
	v.Set("owner_name", sh.OwnerName)
	v.Set("owner_email", sh.OwnerEmail)
	v.Set("copyright", sh.Copyright)
	v.Set("type", string(sh.Type))
	v.Set("apple_url", sh.AppleURL)
	v.Set("funding_url", sh.FundingURL)
	v.Set("funding_label", sh.FundingLabel)
	if sh.Explicit {
		v.Set("explicit", "1")
	}
	if sh.LinkedID != 0 {
		v.Set("linked_show", itoa(sh.LinkedID))
	}
	return v
}

// NewShow is the empty show form.
func (h *Handlers) NewShow(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	f := web.NewForm(url.Values{"language": {lang(r)}, "type": {"episodic"}, "category": {"Society & Culture > Places & Travel"}})
	h.renderShowForm(w, r, http.StatusOK, nil, f)
}

// EditShow is the show form with the show's values and its episodes.
func (h *Handlers) EditShow(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	sh, err := h.svc.Show(r.Context(), pathID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.renderShowForm(w, r, http.StatusOK, sh, web.NewForm(showValues(sh)))
}

// SaveShow creates (no id) or updates a show from the form.
func (h *Handlers) SaveShow(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	defer cleanupUpload(r)
	var current *Show
	if id := pathID(r, "id"); id != 0 {
		sh, err := h.svc.Show(r.Context(), id)
		if err != nil {
			h.rd.PageError(w, r, err)
			return
		}
		current = sh
	}
	f, err := parseUpload(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	in, err := showInputOf(r, f)
	var sh *Show
	if err == nil {
		if current == nil {
			sh, err = h.svc.CreateShow(r.Context(), viewer(r), in)
		} else {
			sh, err = h.svc.UpdateShow(r.Context(), viewer(r), current.ID, in)
		}
	}
	if f.FailFields(err) {
		h.renderShowForm(w, r, http.StatusUnprocessableEntity, current, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "podcast.admin.show_saved"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/podcast/shows/"+itoa(sh.ID), http.StatusSeeOther)
}

func (h *Handlers) when(r *http.Request, e *Episode) string {
	switch e.Status {
	case Published:
		return h.rd.T(r, "podcast.status.published_at", h.moment(r, e.PublishAt))
	case Scheduled:
		return h.rd.T(r, "podcast.status.scheduled_for", h.moment(r, e.PublishAt))
	}
	return h.rd.T(r, "podcast.status.draft")
}

func (h *Handlers) renderEpisodeForm(w http.ResponseWriter, r *http.Request, status int, sh *Show, e *Episode, form *web.Form) {
	d := episodeForm{choices: formChoices, Show: sh, Episode: e, PersonRows: []int{0, 1, 2, 3},
		Action: "/" + lang(r) + "/admin/podcast/shows/" + itoa(sh.ID) + "/episodes"}
	title := h.rd.T(r, "podcast.admin.new_episode")
	if e != nil {
		title, d.Action = e.Title, "/"+lang(r)+"/admin/podcast/episodes/"+itoa(e.ID)
		d.When = h.when(r, e)
		d.PageHref = "/" + lang(r) + "/podcast/" + sh.Slug + "/" + itoa(e.ID)
		if e.Status == Scheduled {
			d.PublishAt = e.PublishAt.In(zone).Format("2006-01-02T15:04")
		}
	}
	h.rd.Render(w, r, status, "podcast/episode_edit", &web.Page{Title: title, Data: d, Form: form})
}

func episodeValues(e *Episode) url.Values {
	v := url.Values{}
	v.Set("title", e.Title)
	v.Set("language", e.Language)
	v.Set("type", string(e.Type))
	for _, l := range i18n.Supported {
		v.Set("notes_"+l, e.Notes.Get(l))
	}
	if e.Season != 0 {
		v.Set("season", strconv.Itoa(e.Season))
	}
	if e.Number != 0 {
		v.Set("number", strconv.Itoa(e.Number))
	}
	if e.Explicit {
		v.Set("explicit", "1")
	}
	v.Set("event_ids", joinIDs(e.EventIDs))
	v.Set("project_ids", joinIDs(e.ProjectIDs))
	for i, p := range e.Persons {
		n := strconv.Itoa(i)
		v.Set("person_name_"+n, p.Name)
		v.Set("person_role_"+n, p.Role)
		v.Set("person_href_"+n, p.Href)
		v.Set("person_img_"+n, p.Img)
	}
	return v
}

// NewEpisode is the upload form of a show's next episode.
func (h *Handlers) NewEpisode(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	sh, err := h.svc.Show(r.Context(), pathID(r, "id"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f := web.NewForm(url.Values{"language": {sh.Language}, "type": {"full"}})
	h.renderEpisodeForm(w, r, http.StatusOK, sh, nil, f)
}

// EditEpisode is the editor of an episode, with its publishing controls.
func (h *Handlers) EditEpisode(w http.ResponseWriter, r *http.Request) {
	e, sh, err := h.svc.Episode(r.Context(), viewer(r), pathID(r, "id"))
	if err == nil {
		err = mayWrite(viewer(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.renderEpisodeForm(w, r, http.StatusOK, sh, e, web.NewForm(episodeValues(e)))
}

// CreateEpisode takes the upload form of a new episode.
func (h *Handlers) CreateEpisode(w http.ResponseWriter, r *http.Request) {
	h.saveEpisode(w, r, pathID(r, "id"), 0)
}

// UpdateEpisode takes the editor's form.
func (h *Handlers) UpdateEpisode(w http.ResponseWriter, r *http.Request) {
	h.saveEpisode(w, r, 0, pathID(r, "id"))
}

func (h *Handlers) saveEpisode(w http.ResponseWriter, r *http.Request, showID, episodeID int64) {
	if !h.guard(w, r) {
		return
	}
	defer cleanupUpload(r)
	ctx := r.Context()
	var sh *Show
	var current *Episode
	var err error
	if episodeID != 0 {
		current, sh, err = h.svc.Episode(ctx, viewer(r), episodeID)
	} else {
		sh, err = h.svc.Show(ctx, showID)
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	f, err := parseUpload(r)
	if errors.Is(err, web.ErrTooLarge) {
		f = web.NewForm(url.Values{})
		f.Fail("audio", "podcast.error.audio_too_large")
		h.renderEpisodeForm(w, r, http.StatusRequestEntityTooLarge, sh, current, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	e, err := h.episodeFromForm(ctx, r, f, sh, current)
	if f.FailFields(err) {
		if current == nil {
			f.Fail("audio", "podcast.error.choose_again")
		}
		h.renderEpisodeForm(w, r, http.StatusUnprocessableEntity, sh, current, f)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "podcast.admin.episode_saved"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/podcast/episodes/"+itoa(e.ID), http.StatusSeeOther)
}

// episodeFromForm hands the form to the service: a new episode (current nil) or an update.
func (h *Handlers) episodeFromForm(ctx context.Context, r *http.Request, f *web.Form, sh *Show, current *Episode) (*Episode, error) {
	in, errs, err := episodeInputOf(r, f)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	audio, closer, err := audioFile(r)
	if err != nil {
		return nil, err
	}
	if closer != nil {
		defer closer.Close()
	}
	if current == nil {
		return h.svc.CreateEpisode(ctx, viewer(r), sh.ID, in, audio)
	}
	return h.svc.UpdateEpisode(ctx, viewer(r), current.ID, in, audio)
}

// PublishEpisode publishes now, schedules (publish_at, İzmir time) or takes back to draft.
func (h *Handlers) PublishEpisode(w http.ResponseWriter, r *http.Request) {
	if !h.guard(w, r) {
		return
	}
	f, err := web.ParseForm(r)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	id := pathID(r, "id")
	ctx := r.Context()
	switch f.Get("action") {
	case "unpublish":
		_, err = h.svc.Unpublish(ctx, viewer(r), id)
	case "schedule":
		at, ok := parseLocalTime(f.Get("publish_at"))
		if !ok {
			err = fail.Fields{"publish_at": "podcast.error.publish_time"}
		} else {
			_, err = h.svc.Publish(ctx, viewer(r), id, at)
		}
	default:
		_, err = h.svc.Publish(ctx, viewer(r), id, time.Time{})
	}
	if f.FailFields(err) {
		e, sh, gerr := h.svc.Episode(ctx, viewer(r), id)
		if gerr != nil {
			h.rd.PageError(w, r, gerr)
			return
		}
		form := web.NewForm(episodeValues(e))
		form.Values.Set("publish_at", f.Get("publish_at"))
		for k, v := range f.Errors {
			form.Fail(k, v)
		}
		h.renderEpisodeForm(w, r, http.StatusUnprocessableEntity, sh, e, form)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	h.flash(r, h.rd.T(r, "podcast.admin.publish_saved"))
	http.Redirect(w, r, "/"+lang(r)+"/admin/podcast/episodes/"+itoa(id), http.StatusSeeOther)
}

// DraftFile serves an unpublished episode's audio to coordinators, for the preview player.
func (h *Handlers) DraftFile(w http.ResponseWriter, r *http.Request) {
	e, _, err := h.svc.Episode(r.Context(), viewer(r), pathID(r, "id"))
	if err == nil {
		err = mayWrite(viewer(r))
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	if r.PathValue("file") != "audio."+e.Ext() {
		h.rd.Error(w, r, http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "private, no-store")
	h.serveFile(w, r, e.AudioKey, e.AudioType, "private, no-store")
}
