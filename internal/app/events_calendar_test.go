package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// otherEvent creates an event like smallEvent with the given kind, visibility and status.
func otherEvent(t *testing.T, a *App, slug string, kind events.Kind, vis events.Visibility, st events.Status, title i18n.Text) *events.Event {
	t.Helper()
	ctx := context.Background()
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	e, err := a.Events.Create(ctx, identityViewer(t, a, "kurucu-"+slug+"@example.org", identity.RoleCoordinator), events.Input{
		PartnershipID: p.ID, Kind: kind, Slug: slug, Title: title,
		Description: i18n.Text{TR: "Açık havada bir akşam.", AZ: "Açıq havada bir axşam.", EN: "An evening in the open air."},
		Venue:       events.Venue{Name: "Kültürpark", City: "İzmir"}, Zone: "Europe/Istanbul",
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Status: st, Visibility: vis, Capacity: 50, AllowGuests: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// feedSlugs parses a calendar feed with an independent parser and returns the events' slugs.
func feedSlugs(t *testing.T, body string) []string {
	t.Helper()
	cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	var slugs []string
	for _, ev := range cal.Events() {
		if ev.Props.Get(ical.PropUID) == nil || ev.Props.Get(ical.PropDateTimeStart) == nil {
			t.Fatalf("event without UID or DTSTART:\n%s", body)
		}
		u := ev.Props.Get(ical.PropURL)
		if u == nil {
			t.Fatalf("event without URL:\n%s", body)
		}
		slugs = append(slugs, u.Value[strings.LastIndex(u.Value, "/")+1:])
	}
	return slugs
}

func TestEventCalendarFeeds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		smallEvent(t, a, "kucuk-konser", 10) // a public, published ceremony
		title := i18n.Text{TR: "Gizli", AZ: "Gizli", EN: "Hidden"}
		otherEvent(t, a, "taslak", events.Festival, events.Public, events.Draft, title)
		otherEvent(t, a, "gizli", events.Festival, events.Unlisted, events.Published, title)
		otherEvent(t, a, "davetli", events.Festival, events.Invitation, events.Published, title)
		otherEvent(t, a, "iptal", events.Festival, events.Public, events.Cancelled, title)
		c := newClient(t, a)

		r := c.get("/tr/events/calendar.ics")
		r.must(t, http.StatusOK, "BEGIN:VCALENDAR", "X-WR-CALNAME:Etkinlikler")
		if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Fatalf("Content-Type %q", ct)
		}
		if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "public") || !strings.Contains(cc, "max-age=900") {
			t.Fatalf("Cache-Control %q", cc)
		}
		if r.Header.Get("Set-Cookie") != "" {
			t.Fatal("the feed touched the session or language cookie: not on the lean mux")
		}
		got := feedSlugs(t, r.Body)
		for _, want := range []string{"kucuk-konser", "izmir-baku-kultur-festivali", "baku-izmir-is-forumu"} {
			if !slices.Contains(got, want) {
				t.Fatalf("feed lacks %s: %v", want, got)
			}
		}
		for _, hidden := range []string{"taslak", "gizli", "davetli", "iptal"} {
			if slices.Contains(got, hidden) {
				t.Fatalf("feed shows %s: %v", hidden, got)
			}
		}
		etag := r.Header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		c.get("/tr/events/calendar.ics", "If-None-Match", etag).must(t, http.StatusNotModified)

		// One kind.
		r = c.get("/en/events/calendar.ics?kind=ceremony")
		r.must(t, http.StatusOK, "X-WR-CALNAME:Events · ")
		if got := feedSlugs(t, r.Body); !slices.Equal(got, []string{"kucuk-konser"}) {
			t.Fatalf("ceremonies: %v", got)
		}
		if got := feedSlugs(t, c.get("/az/events/calendar.ics?kind=festival").Body); !slices.Equal(got, []string{"izmir-baku-kultur-festivali"}) {
			t.Fatalf("festivals: %v", got)
		}
		if r.Header.Get("ETag") == etag {
			t.Fatal("a narrower feed has the same ETag")
		}

		// One partnership, by slug or by id.
		p, err := a.Partnership.Default(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range []string{p.Slug, strconv.FormatInt(p.ID, 10)} {
			if got := feedSlugs(t, c.get("/tr/events/calendar.ics?partnership="+url.QueryEscape(ref)).Body); !slices.Contains(got, "kucuk-konser") {
				t.Fatalf("partnership %s: %v", ref, got)
			}
		}

		// Malformed requests are refused, never a server error.
		for path, status := range map[string]int{
			"/tr/events/calendar.ics?kind=%3Cscript%3E":                       http.StatusBadRequest,
			"/tr/events/calendar.ics?kind=":                                   http.StatusBadRequest,
			"/tr/events/calendar.ics?kind=festival&kind=ceremony":             http.StatusBadRequest,
			"/tr/events/calendar.ics?partnership=":                            http.StatusBadRequest,
			"/tr/events/calendar.ics?partnership=" + strings.Repeat("x", 200): http.StatusBadRequest,
			"/tr/events/calendar.ics?partnership=yok-boyle":                   http.StatusNotFound,
			"/tr/events/calendar.ics?partnership=999999":                      http.StatusNotFound,
			"/tr/events/calendar.ics?partnership=%27%3B--":                    http.StatusNotFound,
			"/tr/events/yok-boyle.ics":                                        http.StatusNotFound,
		} {
			if r := c.get(path); r.Status != status {
				t.Fatalf("%s: status %d, want %d\n%.500s", path, r.Status, status, r.Body)
			}
		}

		// The event's own file still answers beside the feed, and the pages link both.
		c.get("/tr/events/kucuk-konser.ics").must(t, http.StatusOK, "BEGIN:VCALENDAR", "SUMMARY;LANGUAGE=tr:Küçük Konser")
		c.get("/tr/events/kucuk-konser").must(t, http.StatusOK, `href="/tr/events/kucuk-konser.ics"`,
			"https://calendar.google.com/calendar/render?", "https://outlook.live.com/calendar/0/deeplink/compose?", "Takvime ekle")
		c.get("/tr/events").must(t, http.StatusOK, `href="webcal://127.0.0.1:8080/tr/events/calendar.ics"`)
		c.get("/tr/events?kind=festival").must(t, http.StatusOK, `href="webcal://127.0.0.1:8080/tr/events/calendar.ics?kind=festival"`)
	})
}

func TestTicketAndBadgePDFs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		e := smallEvent(t, a, "kucuk-konser", 1)
		owner := newClient(t, a)
		r := owner.post("/tr/events/kucuk-konser/register", url.Values{"name": {"Gülnarə Əliyeva"}, "email": {"gulnare@example.org"}})
		r.must(t, http.StatusSeeOther)
		ticketPath := r.Header.Get("Location")
		owner.get(ticketPath).must(t, http.StatusOK, `href="`+ticketPath+`.pdf"`)
		pdf := owner.get(ticketPath + ".pdf")
		pdf.must(t, http.StatusOK)
		if !strings.HasPrefix(pdf.Body, "%PDF-") || pdf.Header.Get("Content-Type") != "application/pdf" ||
			pdf.Header.Get("Content-Disposition") != `attachment; filename="ticket-kucuk-konser.pdf"` {
			t.Fatalf("ticket PDF: %q %q %.20q", pdf.Header.Get("Content-Type"), pdf.Header.Get("Content-Disposition"), pdf.Body)
		}
		// Whoever holds the code has the ticket, as with the page.
		newClient(t, a).get(ticketPath+".pdf").must(t, http.StatusOK)

		// A waiting registration has no ticket to print; unknown and forged codes are not found.
		waiting, err := a.Events.Register(context.Background(), nil, events.RegisterInput{EventID: e.ID, Name: "Bekleyen", Email: "bekleyen@example.org", Locale: "tr"})
		if err != nil || waiting.Status != events.Waiting || waiting.Ticket == "" {
			t.Fatalf("waiting: %v %+v", err, waiting)
		}
		owner.get("/tr/tickets/"+waiting.Ticket).must(t, http.StatusOK) // the page says "waiting"
		owner.get("/tr/tickets/"+waiting.Ticket+".pdf").must(t, http.StatusNotFound)
		owner.get("/tr/tickets/bozuk.kod.pdf").must(t, http.StatusNotFound)
		owner.get("/tr/tickets/.pdf").must(t, http.StatusNotFound)

		// Badges: coordinators only.
		badges := fmt.Sprintf("/tr/admin/events/%d/badges.pdf", e.ID)
		newClient(t, a).get(badges).must(t, http.StatusUnauthorized)
		user(t, a, "uye@example.org")
		member := newClient(t, a)
		member.login("uye@example.org")
		member.get(badges).must(t, http.StatusForbidden)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		staff := newClient(t, a)
		staff.login("koord@example.org")
		staff.get(fmt.Sprintf("/tr/admin/events/%d/registrations", e.ID)).must(t, http.StatusOK, `href="`+badges+`"`)
		b := staff.get(badges)
		b.must(t, http.StatusOK)
		if !strings.HasPrefix(b.Body, "%PDF-") || b.Header.Get("Content-Disposition") != `attachment; filename="kucuk-konser-badges.pdf"` {
			t.Fatalf("badges: %q %.20q", b.Header.Get("Content-Disposition"), b.Body)
		}
		staff.get("/tr/admin/events/999999/badges.pdf").must(t, http.StatusNotFound)
		empty := otherEvent(t, a, "bos-etkinlik", events.Festival, events.Public, events.Published, i18n.Text{TR: "Boş"})
		staff.get(fmt.Sprintf("/tr/admin/events/%d/badges.pdf", empty.ID)).must(t, http.StatusSeeOther)
	})
}

func TestEventsInSiteSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := eventsSite(t, d)
		ctx := context.Background()
		e := otherEvent(t, a, "bahar-senligi", events.Festival, events.Public, events.Published,
			i18n.Text{TR: "Bahar Şenliği", AZ: "Bahar Bayramı", EN: "Spring Festival"})
		found := func(lang string) bool {
			t.Helper()
			hits, err := a.Search.Search(ctx, search.Query{Text: "FESTİVAL", Lang: lang, Kinds: []string{"event"}})
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(hits, func(h search.Hit) bool { return h.URL == "/en/events/bahar-senligi" })
		}
		if !found("en") {
			t.Fatal("the event is not found by a folded title word")
		}
		hits, err := a.Search.Search(ctx, search.Query{Text: "senligi", Lang: "tr", Kinds: []string{"event"}})
		if err != nil || len(hits) == 0 || hits[0].URL != "/tr/events/bahar-senligi" || !hits[0].Date.Equal(e.StartsAt) {
			t.Fatalf("Turkish document: %v %+v", err, hits)
		}
		newClient(t, a).get("/en/search?q=FESTİVAL").must(t, http.StatusOK, `href="/en/events/bahar-senligi"`)
		// Nothing unpublished or non-public is indexed.
		for _, q := range []string{"Gizli"} {
			otherEvent(t, a, "gizli-senlik", events.Festival, events.Unlisted, events.Published, i18n.Text{TR: q})
			if hits, _ := a.Search.Search(ctx, search.Query{Text: q, Kinds: []string{"event"}}); len(hits) != 0 {
				t.Fatalf("unlisted event indexed: %+v", hits)
			}
		}

		// A rebuild finds it too.
		if err := a.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if !found("en") {
			t.Fatal("lost by reindex")
		}

		// Cancelling takes it out of search, in the same save.
		in := e.Input
		in.Status = events.Cancelled
		if _, _, err := a.Events.Update(ctx, identityViewer(t, a, "iptal-eden@example.org", identity.RoleCoordinator), e.ID, in); err != nil {
			t.Fatal(err)
		}
		if found("en") {
			t.Fatal("a cancelled event is still found")
		}
		if err := a.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if found("en") {
			t.Fatal("reindex brought a cancelled event back")
		}
	})
}
