package podcast

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast/format"
)

// Public pages: the list of shows, a show with its episodes, an episode with its player,
// and the embeddable player partner sites put in an iframe.

// showCard is a show as the public pages list it.
type showCard struct {
	*Show
	Href, ArtworkURL, FeedURL, AppleURL, LinkedHref, LinkedTitle string
}

// episodeRow is an episode as a show page lists it.
type episodeRow struct {
	*Episode
	Href, Published, PublishedISO, Length, Summary string
}

// chapterLink is one chapter of the episode page: a link that seeks the player.
type chapterLink struct {
	Title, Time, Href string
	Seconds           int64
}

// cueLine is one cue of the transcript shown on the episode page.
type cueLine struct {
	Time, Speaker, Text string
	Seconds             int64
}

// noteVersion is the notes in one language.
type noteVersion struct {
	Lang, Name string
	HTML       template.HTML
}

type episodePage struct {
	Show      showCard
	Episode   *Episode
	AudioURL  string
	AudioType string
	StartAt   int64 // seconds, from ?t=, the no-script way chapters seek
	Notes     []noteVersion
	Chapters  []chapterLink
	Cues      []cueLine
	Published string
	Length    string
	Persons   []Person
	EmbedHref string
	EmbedCode string
	PageURL   string
	CanEdit   bool
	EditHref  string
	Related   []relatedLink
}

// relatedLink is a related event or project in the reader's language.
type relatedLink struct{ Title, Lang, Href string }

func (h *Handlers) card(r *http.Request, sh *Show) showCard {
	c := showCard{Show: sh, Href: "/" + lang(r) + "/podcast/" + sh.Slug, ArtworkURL: h.svc.ArtworkURL(sh),
		FeedURL: h.svc.FeedURL(sh.Slug), AppleURL: sh.AppleURL}
	if sh.LinkedID != 0 {
		if linked, err := h.svc.Show(r.Context(), sh.LinkedID); err == nil {
			c.LinkedHref, c.LinkedTitle = "/"+lang(r)+"/podcast/"+linked.Slug, linked.Title
		}
	}
	return c
}

// Index lists the shows.
func (h *Handlers) Index(w http.ResponseWriter, r *http.Request) {
	shows, err := h.svc.Shows(r.Context())
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	cards := make([]showCard, len(shows))
	for i, sh := range shows {
		cards[i] = h.card(r, sh)
	}
	h.rd.Render(w, r, http.StatusOK, "podcast/index", &web.Page{Title: h.rd.T(r, "podcast.index.title"), Data: cards})
}

// ShowPage is a show with its published episodes and the ways to subscribe.
func (h *Handlers) ShowPage(w http.ResponseWriter, r *http.Request) {
	sh, err := h.svc.ShowBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	list, err := episodesOf(r.Context(), h.svc.db, sh.ID, true)
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	l := lang(r)
	rows := make([]episodeRow, len(list))
	for i, e := range list {
		rows[i] = episodeRow{Episode: e, Href: "/" + l + "/podcast/" + sh.Slug + "/" + itoa(e.ID),
			Published: i18n.FormatDate(l, e.PublishAt, zone), PublishedISO: e.PublishAt.Format(time.RFC3339),
			Length: clock(e.Duration), Summary: summary(plainText(e.Notes.Get(e.Language)), 240)}
	}
	data := struct {
		Show     showCard
		Episodes []episodeRow
		CanEdit  bool
	}{h.card(r, sh), rows, CanWrite(viewer(r))}
	h.rd.Render(w, r, http.StatusOK, "podcast/show", &web.Page{Title: sh.Title, Description: summary(sh.Description, 200), Data: data})
}

// EpisodePage is one episode: the player, notes, chapters that seek and the transcript.
// Coordinators also see drafts here, with the audio served through their session.
func (h *Handlers) EpisodePage(w http.ResponseWriter, r *http.Request) {
	p, ok := h.episodePage(w, r)
	if !ok {
		return
	}
	h.rd.Render(w, r, http.StatusOK, "podcast/episode", &web.Page{Title: p.Episode.Title,
		Description: summary(plainText(p.Episode.Notes.Get(p.Episode.Language)), 200), Data: p})
}

// Embed is the player alone, for an iframe on a partner's site. It is the one page that
// other sites may frame.
func (h *Handlers) Embed(w http.ResponseWriter, r *http.Request) {
	p, ok := h.episodePage(w, r)
	if !ok {
		return
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+web.NonceOf(r.Context())+
		"'; style-src 'self'; img-src 'self' data:; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *")
	hd.Del("X-Frame-Options")
	h.rd.Render(w, r, http.StatusOK, "podcast/embed", &web.Page{Title: p.Episode.Title, Data: p})
}

func (h *Handlers) episodePage(w http.ResponseWriter, r *http.Request) (*episodePage, bool) {
	id, ok := parseID(r.PathValue("episode"))
	if !ok {
		h.rd.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	e, sh, err := h.svc.EpisodeOfShow(r.Context(), viewer(r), r.PathValue("slug"), id)
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	l := lang(r)
	base := "/" + l + "/podcast/" + sh.Slug + "/" + itoa(e.ID)
	p := &episodePage{Show: h.card(r, sh), Episode: e, AudioType: e.AudioType, Persons: e.Persons,
		Published: h.moment(r, e.PublishAt), Length: clock(e.Duration),
		EmbedHref: base + "/embed", PageURL: h.svc.AbsURL(base), CanEdit: CanWrite(viewer(r)),
		EditHref: "/" + l + "/admin/podcast/episodes/" + itoa(e.ID)}
	p.AudioURL = h.svc.AudioURL(sh, e)
	if !e.Live() {
		p.AudioURL = "/" + l + "/admin/podcast/episodes/" + itoa(e.ID) + "/audio." + e.Ext()
	}
	p.EmbedCode = fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="180" loading="lazy"></iframe>`,
		h.svc.AbsURL(p.EmbedHref), template.HTMLEscapeString(e.Title))
	if t, err := strconv.ParseInt(r.URL.Query().Get("t"), 10, 64); err == nil && t > 0 && time.Duration(t)*time.Second < e.Duration {
		p.StartAt = t
	}
	p.Notes = notesOf(h, r, e)
	p.Chapters = chapterLinks(e, base)
	p.Cues = cueLines(e)
	links, err := h.svc.RelatedLinks(r.Context(), e)
	if err != nil {
		h.rd.PageError(w, r, err)
		return nil, false
	}
	for _, link := range links {
		p.Related = append(p.Related, relatedLink{Title: link.Title.In(l), Lang: link.Title.Lang(l), Href: "/" + l + link.Path})
	}
	return p, true
}

// notesOf puts the episode's own language first, then the translations there are.
func notesOf(h *Handlers, r *http.Request, e *Episode) []noteVersion {
	var out []noteVersion
	order := append([]string{e.Language}, i18n.Supported...)
	seen := map[string]bool{}
	for _, l := range order {
		if seen[l] || e.Notes.Get(l) == "" {
			continue
		}
		seen[l] = true
		out = append(out, noteVersion{Lang: l, Name: h.rd.T(r, "podcast.lang."+l), HTML: notesHTML(e.Notes.Get(l))})
	}
	return out
}

func chapterLinks(e *Episode, base string) []chapterLink {
	if e.Chapters == "" {
		return nil
	}
	c, err := format.ParseChapters([]byte(e.Chapters), e.Duration)
	if err != nil {
		return nil
	}
	var out []chapterLink
	for _, ch := range c.Items {
		if ch.Hidden {
			continue
		}
		s := int64(ch.Start / time.Second)
		out = append(out, chapterLink{Title: ch.Title, Time: clock(ch.Start), Seconds: s, Href: base + "?t=" + itoa(s) + "#player"})
	}
	return out
}

func cueLines(e *Episode) []cueLine {
	if e.Transcript == "" {
		return nil
	}
	t, err := format.ParseTranscript([]byte(e.Transcript))
	if err != nil {
		return nil
	}
	out := make([]cueLine, len(t.Cues))
	for i, c := range t.Cues {
		out[i] = cueLine{Time: clock(c.Start), Speaker: c.Speaker, Text: c.Text, Seconds: int64(c.Start / time.Second)}
	}
	return out
}

// zone is where the programme's episode times are shown: İzmir, where the show is made.
var zone = i18n.MustLocation("Europe/Istanbul")

var baku = i18n.MustLocation("Asia/Baku")

// moment writes a publication time with both cities' clocks: "26.11.2026 · 18:00 İzmir · 19:00 Bakü".
func (h *Handlers) moment(r *http.Request, t time.Time) string {
	l := lang(r)
	return i18n.FormatDate(l, t, zone) + " · " + i18n.DualTime(l, t,
		i18n.Zone{Name: h.rd.T(r, "podcast.city.izmir"), Location: zone},
		i18n.Zone{Name: h.rd.T(r, "podcast.city.baku"), Location: baku})
}

// clock writes a duration as 1:02:03 or 2:03.
func clock(d time.Duration) string {
	s := int64(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s%3600/60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// summary cuts text to about n characters at a word boundary.
func summary(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}
