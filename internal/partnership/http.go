package partnership

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// AccountNoticeVersion identifies the privacy notice for the account purpose; registration
// records it with the person's acknowledgement, so a later change of wording is traceable.
const AccountNoticeVersion = "2026-01"

// Handlers serves the partnership pages and API.
type Handlers struct {
	svc *Service
	rd  *web.Renderer
}

// NewHandlers returns the partnership handlers.
func NewHandlers(svc *Service, rd *web.Renderer) *Handlers { return &Handlers{svc: svc, rd: rd} }

// localText is a translatable field resolved for one reader. Lang is set only when the text
// is in another language than the page, so the template can mark it and say so.
type localText struct {
	Text, Lang, Note string
}

func (h *Handlers) local(lang string, t Text) localText {
	used := t.Lang(lang)
	lt := localText{Text: t.In(lang)}
	if used != "" && used != lang {
		lt.Lang = used
		lt.Note = h.rd.Catalog().T(lang, "partnership.shown_in."+used)
	}
	return lt
}

type cityView struct {
	Name     localText
	Country  string
	Time     string // local wall time, "18:05"
	Instant  string // the same moment for <time datetime>
	Offset   string // "UTC+3"
	Partner  string // "a" or "b", for the city's colour
	ZoneName string
}

type milestoneView struct {
	ID          int64
	Date        string // as read: "1986", "12 Ocak 2026"
	Datetime    string // machine-readable: "1986", "2026-01-12"
	Kind        Kind
	KindLabel   string
	Planned     bool
	Title, Body localText
}

type partnershipView struct {
	Slug       string
	Pair       string // "İzmir–Bakü"
	Title      string // "İzmir–Bakü Kardeşliğinin 40. Yılı"
	Ordinal    string // "40." / "40-cı" / "40th"
	Since      string // the protocol's year, as read
	SinceISO   string
	Year       int
	Summary    localText
	Cities     []cityView
	DualTime   string // "18:05 İzmir · 19:05 Bakü"
	Milestones []milestoneView
}

func (h *Handlers) view(lang string, p *Partnership, ms []Milestone, now time.Time) *partnershipView {
	cat := h.rd.Catalog()
	a, b := h.local(lang, p.A.Name), h.local(lang, p.B.Name)
	v := &partnershipView{
		Slug:     p.Slug,
		Pair:     a.Text + "–" + b.Text,
		Ordinal:  ordinal(lang, p.Anniversary(now.Year())),
		Year:     now.Year(),
		Summary:  h.local(lang, p.Summary),
		Since:    h.dateText(lang, p.ProtocolDate, p.ProtocolPrecision),
		SinceISO: dateAttr(p.ProtocolDate, p.ProtocolPrecision),
		DualTime: i18n.DualTime(lang, now,
			i18n.Zone{Name: a.Text, Location: p.A.Location}, i18n.Zone{Name: b.Text, Location: p.B.Location}),
	}
	v.Title = cat.T(lang, "partnership.hero.title", v.Pair, v.Ordinal)
	for i, c := range []City{p.A, p.B} {
		local := now.In(c.Location)
		_, offset := local.Zone()
		v.Cities = append(v.Cities, cityView{
			Name:     []localText{a, b}[i],
			Country:  h.country(lang, c.Country),
			Time:     i18n.FormatTime(lang, now, c.Location),
			Instant:  local.Format("2006-01-02T15:04-07:00"),
			Offset:   utcOffset(offset),
			Partner:  []string{"a", "b"}[i],
			ZoneName: c.Zone,
		})
	}
	for _, m := range ms {
		v.Milestones = append(v.Milestones, milestoneView{
			ID:        m.ID,
			Date:      h.dateText(lang, m.Date, m.Precision),
			Datetime:  dateAttr(m.Date, m.Precision),
			Kind:      m.Kind,
			KindLabel: cat.T(lang, "partnership.kind."+string(m.Kind)),
			Planned:   m.Planned,
			Title:     h.local(lang, m.Title),
			Body:      h.local(lang, m.Body),
		})
	}
	return v
}

// country names a country code in the reader's language, or shows the code itself for a
// country the catalogs do not know yet.
func (h *Handlers) country(lang, code string) string {
	if key := "partnership.country." + code; h.rd.Catalog().Has(lang, key) {
		return h.rd.Catalog().T(lang, key)
	}
	return code
}

func (h *Handlers) dateText(lang string, d time.Time, p Precision) string {
	if p == PrecisionYear {
		return strconv.Itoa(d.Year())
	}
	return i18n.FormatLongDate(lang, d, time.UTC)
}

// dateAttr is the <time datetime> value; HTML accepts a bare year, which is all we know
// for a year-precision date.
func dateAttr(d time.Time, p Precision) string {
	if p == PrecisionYear {
		return strconv.Itoa(d.Year())
	}
	return d.Format(time.DateOnly)
}

func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "−", -seconds
	}
	s := "UTC" + sign + strconv.Itoa(seconds/3600)
	if m := seconds % 3600 / 60; m != 0 {
		s += ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
	}
	return s
}

type homeData struct {
	P        *partnershipView // nil on an installation without a partnership
	Upcoming []milestoneView
	Latest   []milestoneView
}

// homeListLen is how many milestones each home list shows; the timeline has the rest.
const homeListLen = 3

// Home serves the public home page: the anniversary, both cities' local time, the summary,
// what comes next and what happened last.
func (h *Handlers) Home(w http.ResponseWriter, r *http.Request) {
	lang := web.LocaleOf(r.Context())
	page := &web.Page{Data: &homeData{}}
	p, err := h.svc.Default(r.Context())
	if errors.Is(err, ErrNotFound) {
		h.rd.Render(w, r, http.StatusOK, "partnership/home", page)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.Timeline(r.Context(), p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.svc.now()
	v := h.view(lang, p, ms, now)
	data := &homeData{P: v}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for i, m := range ms {
		if m.Upcoming(today) {
			if len(data.Upcoming) < homeListLen {
				data.Upcoming = append(data.Upcoming, v.Milestones[i])
			}
		} else {
			data.Latest = append(data.Latest, v.Milestones[i])
		}
	}
	// Most recent first, and only the few most recent.
	slices.Reverse(data.Latest)
	data.Latest = data.Latest[:min(len(data.Latest), homeListLen)]
	page.Title = v.Title
	page.Description = v.Summary.Text
	page.Data = data
	h.rd.Render(w, r, http.StatusOK, "partnership/home", page)
}

// Timeline serves the visual timeline of the default partnership, or of the partnership
// named by the {slug} path value when the route has one.
func (h *Handlers) Timeline(w http.ResponseWriter, r *http.Request) {
	var (
		p   *Partnership
		err error
	)
	if slug := r.PathValue("slug"); slug != "" {
		p, err = h.svc.Get(r.Context(), slug)
	} else {
		p, err = h.svc.Default(r.Context())
	}
	if errors.Is(err, ErrNotFound) {
		h.rd.Error(w, r, http.StatusNotFound)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.Timeline(r.Context(), p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := web.LocaleOf(r.Context())
	v := h.view(lang, p, ms, h.svc.now())
	h.rd.Render(w, r, http.StatusOK, "partnership/timeline", &web.Page{
		Title:       h.rd.Catalog().T(lang, "partnership.timeline.title", v.Pair),
		Description: h.rd.Catalog().T(lang, "partnership.timeline.intro"),
		Data:        v,
	})
}

// Privacy serves the privacy notice (aydınlatma metni) for the account purpose.
func (h *Handlers) Privacy(w http.ResponseWriter, r *http.Request) {
	h.rd.Render(w, r, http.StatusOK, "partnership/privacy", &web.Page{
		Title:       h.rd.T(r, "privacy.account.title"),
		Description: h.rd.T(r, "privacy.account.lead"),
		Data:        AccountNoticeVersion,
	})
}

func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.rd.PageError(w, r, err)
}
