package e2e

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// b2bTimeout bounds one person's browser in the B2B journey: it has more pages than the
// others, and its five browsers share two cores with the server.
const b2bTimeout = 2 * time.Minute

// b2bCompany is one company at the forum: its organisation in identity and the one member
// who represents it, in the language of her account.
type b2bCompany struct {
	org      *identity.Organisation
	user     *identity.User
	viewer   *web.Viewer
	lang     string
	email    string
	password string
}

// TestB2BTwoCompaniesMeetAtTheBusinessForum walks issue 5's B2B journey in the browser: an
// İzmir exporter (account in Turkish) and a Bakü logistics company (account in
// Azerbaijani) join the forum's B2B programme through the profile form, sector picker
// included; the coordinator validates both; the exporter asks for a meeting with a message;
// the carrier reads it among its pending requests and accepts; the coordinator schedules
// all and publishes; both agendas show the same slot and table, each in its own language,
// with the calendar file linked, and the publication mail reaches both in their language.
func TestB2BTwoCompaniesMeetAtTheBusinessForum(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a := srv.App
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return a.Catalog.T(lang, key, args...)
		}
		coordEmail, coordPassword, forum, programme := b2bForum(t, srv)
		slug := forum.Slug

		exporter := b2bMember(t, srv, "tr", identity.Organisation{Name: "Ege Zeytinyağı İhracat A.Ş.", Kind: "company", City: "İzmir", Country: "TR"},
			"Gülşen Yıldırımoğlu", "gulsen@ege-zeytinyagi.example.org", "körfezden hazar'a zeytinyağı")
		carrier := b2bMember(t, srv, "az", identity.Organisation{Name: "Xəzər Logistika MMC", Kind: "company", City: "Bakı", Country: "AZ"},
			"Şəbnəm Əliyeva", "sebnem@xezer-logistika.example.org", "xəzərdən egeyə yük daşıyırıq")

		// --- Both companies join through the profile form, each in its own language.
		type joining struct {
			c           *b2bCompany
			kind        string
			city        string
			country     string
			moreLangs   []string
			searches    map[string][]string // sector search → divisions to tick among the hits
			description map[string]string   // by language
		}
		joins := []joining{
			{c: exporter, kind: "seller", city: "İzmir", country: "TR", moreLangs: []string{"en"},
				// Upper case with a dotless I: the picker folds as Turkish readers type.
				searches: map[string][]string{"GIDA": {"10"}, "toptan": {"46"}},
				description: map[string]string{
					"tr": "Ege'nin soğuk sıkım zeytinyağını Azerbaycan'a ihraç ediyoruz; Bakü'de dağıtıcı arıyoruz.",
					"en": "We export cold-pressed Aegean olive oil and look for a distributor in Baku.",
				}},
			{c: carrier, kind: "buyer", city: "Bakı", country: "AZ", moreLangs: []string{"tr", "ru"},
				searches: map[string][]string{"nəqliyyat": {"49", "52"}},
				description: map[string]string{
					"az": "Bakı–İzmir xəttində soyuducu yük daşımaları və gömrük anbarı xidmətləri göstəririk.",
					"en": "Refrigerated freight on the Baku–İzmir route and bonded warehousing.",
				}},
		}
		browsers := map[*b2bCompany]*browser{}
		for _, j := range joins {
			c, l := j.c, j.c.lang
			b := newBrowserWithin(t, chrome, srv.URL, b2bTimeout)
			browsers[c] = b
			signIn(t, b, l, c.email, c.password)

			joinPath := fmt.Sprintf("/%s/b2b/%s/join", l, slug)
			b.open(joinPath)
			if got := b.htmlLang(); got != l {
				t.Errorf("%s's join page is in %q, want %q", c.user.Name, got, l)
			}
			// With one organisation to join for, the form opens at once, filled from identity.
			if got := b.text(".lead"); !strings.Contains(got, c.org.Name) {
				t.Errorf("the join form is for %q, want %s", got, c.org.Name)
			}
			if got := b.value("#f-city"); got != c.org.City {
				t.Errorf("the join form offers the city %q, want the organisation's %q", got, c.org.City)
			}
			b.choose("#f-type", j.kind)
			b.fill("#f-city", j.city)
			b.fill("#f-country", j.country)
			for _, code := range j.moreLangs {
				b.tick(fmt.Sprintf(`input[name="languages"][value=%q]`, code))
			}
			for lang, text := range j.description {
				b.typeInto("#f-description_"+lang, text)
			}
			// The sector picker sends the form back with the matches to tick, keeping what
			// was typed; searches run one after the other, each keeping the earlier ticks.
			queries := make([]string, 0, len(j.searches))
			for q := range j.searches {
				queries = append(queries, q)
			}
			slices.Sort(queries)
			for _, q := range queries {
				b.fill("#f-sector_q", q)
				if resp := b.click(`button[name="action"][value="sectors"]`); resp.Status != http.StatusOK {
					t.Fatalf("sector search %q: status %d; page says %q", q, resp.Status, b.text("main"))
				}
				for _, code := range j.searches[q] {
					b.tick(fmt.Sprintf(`input[name="sectors"][value=%q]`, code))
				}
			}
			if got := b.value("#f-description_" + l); got != j.description[l] {
				t.Errorf("the sector search lost the description: %q", got)
			}
			if resp := b.click(fmt.Sprintf(`form[action=%q] button[type="submit"]:not([name])`, joinPath)); resp.Status != http.StatusOK {
				t.Fatalf("%s joining: status %d; page says %q", c.org.Name, resp.Status, b.text("main"))
			}
			if want := fmt.Sprintf("/%s/b2b/%s/profile?org=%d", l, slug, c.org.ID); b.path() != want {
				t.Fatalf("joining led to %s, want %s; page says %q", b.path(), want, b.text("main"))
			}
			if got := b.text(".flash"); got != msg(l, "b2b.join.done") {
				t.Errorf("after joining the page says %q, want %q", got, msg(l, "b2b.join.done"))
			}
			if got := b.text(".lead strong"); got != msg(l, "b2b.status.pending") {
				t.Errorf("a new profile shows the status %q, want pending", got)
			}

			// What the page sent is what the profile holds.
			p := b2bProfile(t, srv, c, forum.ID)
			var sectors []string
			for _, codes := range j.searches {
				sectors = append(sectors, codes...)
			}
			slices.Sort(sectors)
			got := slices.Clone(p.Sectors)
			slices.Sort(got)
			langs := append([]string{l}, j.moreLangs...)
			slices.Sort(langs)
			gotLangs := slices.Clone(p.Languages)
			slices.Sort(gotLangs)
			if string(p.Type) != j.kind || p.City != j.city || p.Country != j.country || !slices.Equal(got, sectors) ||
				!slices.Equal(gotLangs, langs) || !slices.Equal(p.Attendees, []int64{c.user.ID}) || p.Description.Get(l) != j.description[l] {
				t.Errorf("%s's stored profile: type %s, %s/%s, sectors %v, languages %v, attendees %v, description %q; want %s, %s/%s, %v, %v, [%d], %q",
					c.org.Name, p.Type, p.City, p.Country, got, gotLangs, p.Attendees, p.Description.Get(l),
					j.kind, j.city, j.country, sectors, langs, c.user.ID, j.description[l])
			}
		}
		profileA := b2bProfile(t, srv, exporter, forum.ID)
		profileB := b2bProfile(t, srv, carrier, forum.ID)

		// Until the organisers validate it, a profile is nobody's to request a meeting from.
		bA := browsers[exporter]
		participantsA := fmt.Sprintf("/tr/b2b/%s/participants", slug)
		bA.open(participantsA)
		if n := bA.count(fmt.Sprintf(`input[name="to"][value="%d"]`, profileB.ID)); n != 0 {
			t.Errorf("a pending profile already gets %d request form(s) in the participant list", n)
		}

		// --- The coordinator validates both on the review page.
		bC := newBrowserWithin(t, chrome, srv.URL, b2bTimeout)
		signIn(t, bC, "tr", coordEmail, coordPassword)
		review := fmt.Sprintf("/tr/admin/events/%d/b2b/profiles", forum.ID)
		bC.open(review + "?status=pending")
		if n := bC.count("table.data tbody tr"); n != 2 {
			t.Fatalf("the review page lists %d pending profiles, want 2: %q", n, bC.text("main"))
		}
		for _, p := range []*b2b.Profile{profileA, profileB} {
			act := fmt.Sprintf("%s/%d", review, p.ID)
			if resp := bC.click(fmt.Sprintf(`form[action=%q]:has(input[name="decision"][value="validate"]) button`, act)); resp.Status != http.StatusOK {
				t.Fatalf("validating %s: status %d; page says %q", p.Organisation.Name, resp.Status, bC.text("main"))
			}
			if got := bC.text(".flash"); got != msg("tr", "b2b.review.saved") {
				t.Errorf("validating %s: the page says %q", p.Organisation.Name, got)
			}
		}
		bC.open(review + "?status=validated")
		if n := bC.count("table.data tbody tr"); n != 2 {
			t.Fatalf("after validating, %d profiles are validated, want 2: %q", n, bC.text("main"))
		}
		for _, c := range []*b2bCompany{exporter, carrier} {
			if p := b2bProfile(t, srv, c, forum.ID); p.Status != b2b.Validated {
				t.Errorf("%s's profile is %s after the coordinator validated it", c.org.Name, p.Status)
			}
		}

		// --- The exporter finds the carrier among the participants and asks for a meeting.
		const request = "Merhaba, zeytinyağı sevkiyatlarımız için Bakü'de soğuk zincir arıyoruz. Forumda görüşelim mi?"
		bA.open(participantsA)
		card := fmt.Sprintf(`li.card:has(input[name="to"][value="%d"])`, profileB.ID)
		if got := bA.text(card + " h2"); got != carrier.org.Name {
			t.Fatalf("the request form for profile %d sits on the card of %q, want %s", profileB.ID, got, carrier.org.Name)
		}
		if n := bA.count(fmt.Sprintf(`input[name="to"][value="%d"]`, profileA.ID)); n != 0 {
			t.Errorf("the exporter is offered %d form(s) to request a meeting with itself", n)
		}
		// The form is folded under its button: open it, as a reader would.
		bA.must(chromedp.Do(bA.ctx, chromedp.Click(chromedp.CSS(card+" summary"), chromedp.NodeVisible)), "unfold the request form")
		bA.typeInto(fmt.Sprintf("#m-%d", profileB.ID), request)
		if resp := bA.click(card + ` form button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("sending the request: status %d; page says %q", resp.Status, bA.text("main"))
		}
		if want := fmt.Sprintf("/tr/b2b/%s/requests", slug); bA.path() != want {
			t.Fatalf("sending the request led to %s, want %s; page says %q", bA.path(), want, bA.text("main"))
		}
		if got, want := bA.text(".flash"), msg("tr", "b2b.req.done.sent", carrier.org.Name); got != want {
			t.Errorf("after sending, the page says %q, want %q", got, want)
		}
		if got := bA.text(`li.card[id^="request-"] .badge`); got != msg("tr", "b2b.req.status.pending") {
			t.Errorf("the sent request shows %q, want pending", got)
		}

		// --- The carrier reads it, in Azerbaijani, and accepts.
		bB := browsers[carrier]
		bB.open(fmt.Sprintf("/az/b2b/%s/requests", slug))
		incoming := `li.card[id^="request-"]`
		if n := bB.count(incoming); n != 1 {
			t.Fatalf("the carrier sees %d requests, want 1: %q", n, bB.text("main"))
		}
		if got := bB.text(incoming + " h3"); got != exporter.org.Name {
			t.Errorf("the incoming request is from %q, want %s", got, exporter.org.Name)
		}
		if got := bB.text(incoming + " blockquote"); got != request {
			t.Errorf("the incoming request's message is %q, want %q", got, request)
		}
		if got := bB.text(incoming + " .badge"); got != msg("az", "b2b.req.status.pending") {
			t.Errorf("the incoming request shows %q, want pending in Azerbaijani", got)
		}
		if resp := bB.click(incoming + ` form[action$="/accept"] button`); resp.Status != http.StatusOK {
			t.Fatalf("accepting: status %d; page says %q", resp.Status, bB.text("main"))
		}
		if got := bB.text(".flash"); !strings.HasPrefix(got, msg("az", "b2b.req.done.accepted")) {
			t.Errorf("after accepting, the page says %q, want it to start with %q", got, msg("az", "b2b.req.done.accepted"))
		}
		if got := bB.text(incoming + " .badge"); got != msg("az", "b2b.req.status.accepted") {
			t.Errorf("the accepted request shows %q, want accepted", got)
		}

		// --- The coordinator schedules all and publishes, after confirming.
		schedule := fmt.Sprintf("/tr/admin/events/%d/b2b/schedule", forum.ID)
		bC.open(schedule)
		if resp := bC.click(`form[action$="/schedule/run"] button`); resp.Status != http.StatusOK {
			t.Fatalf("schedule all: status %d; page says %q", resp.Status, bC.text("main"))
		}
		if !strings.HasPrefix(bC.path(), schedule) {
			t.Fatalf("schedule all led to %s, want back to %s", bC.path(), schedule)
		}
		if got, want := bC.text(".flash"), msg("tr", "b2b.schedule.ran", 1, 1, 1); got != want {
			t.Errorf("after schedule all the page says %q, want %q", got, want)
		}
		placed := `dl.facts dt:nth-of-type(2) + dd`
		if got := bC.text(`dl.facts dt:nth-of-type(2)`); got != msg("tr", "b2b.schedule.placed") {
			t.Fatalf("the second fact is %q, want the number placed", got)
		}
		if got := bC.text(placed); got != "1" {
			t.Errorf("the schedule page shows %s placed, want 1", got)
		}
		if n := bC.count("#unplaced"); n != 0 {
			t.Errorf("the schedule page lists unplaced meetings after placing the only one")
		}
		bC.screenshot("b2b_schedule")
		bC.tick(`form[action$="/schedule/publish"] input[name="confirm"]`)
		if resp := bC.click(`form[action$="/schedule/publish"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("publishing: status %d; page says %q", resp.Status, bC.text("main"))
		}
		if got := bC.text(".flash"); got != msg("tr", "b2b.schedule.published") {
			t.Errorf("after publishing the page says %q, want %q", got, msg("tr", "b2b.schedule.published"))
		}
		if n := bC.count(`form[action$="/schedule/publish"]`); n != 0 {
			t.Errorf("a published schedule still offers to publish")
		}
		if n := bC.count("dl.facts .badge.ok"); n != 1 {
			t.Errorf("the schedule page does not show the schedule as published: %q", bC.text("dl.facts"))
		}

		// --- Both agendas: the same meeting, at the same time and table, each in its language.
		agA, agB := b2bAgenda(t, srv, exporter, forum.ID), b2bAgenda(t, srv, carrier, forum.ID)
		if len(agA.Meetings) != 1 || len(agB.Meetings) != 1 {
			t.Fatalf("after publishing, the agendas hold %d and %d meetings, want 1 each", len(agA.Meetings), len(agB.Meetings))
		}
		mA, mB := agA.Meetings[0], agB.Meetings[0]
		if mA.Meeting.ID != mB.Meeting.ID || !mA.Slot.StartsAt.Equal(mB.Slot.StartsAt) || mA.Table.Number != mB.Table.Number {
			t.Fatalf("the two sides' agendas disagree: meeting %d at %v table %d, and meeting %d at %v table %d",
				mA.Meeting.ID, mA.Slot.StartsAt, mA.Table.Number, mB.Meeting.ID, mB.Slot.StartsAt, mB.Table.Number)
		}
		if mA.Table.Number < 1 || mA.Table.Number > len(programme.Tables) {
			t.Fatalf("the meeting sits at table %d; the programme has %d", mA.Table.Number, len(programme.Tables))
		}
		baku := i18n.MustLocation(forum.Zone)
		var shown []string
		for _, side := range []struct {
			c     *b2bCompany
			other *b2bCompany
		}{{exporter, carrier}, {carrier, exporter}} {
			c, l, b := side.c, side.c.lang, browsers[side.c]
			agendaPath := fmt.Sprintf("/%s/b2b/%s/agenda", l, slug)
			b.open(agendaPath)
			if got := b.path(); got != agendaPath {
				t.Fatalf("%s's agenda led to %s", c.org.Name, got)
			}
			row := fmt.Sprintf("#meeting-%d", mA.Meeting.ID)
			if n := b.count(row); n != 1 {
				t.Fatalf("%s's agenda does not show meeting %d: %q", c.org.Name, mA.Meeting.ID, b.text("main"))
			}
			when := b.text(row + " h3")
			start := i18n.FormatTime(l, mA.Slot.StartsAt, baku)
			end := i18n.FormatTime(l, mA.Slot.EndsAt, baku)
			if !strings.Contains(when, start) || !strings.HasSuffix(when, "– "+end) {
				t.Errorf("%s's agenda says %q; want the slot %s – %s (Bakü time)", c.org.Name, when, start, end)
			}
			table := b.text(row + " strong")
			if want := msg(l, "b2b.agenda.table", mA.Table.Number); !strings.HasPrefix(table, want) {
				t.Errorf("%s's agenda says %q, want %q", c.org.Name, table, want)
			}
			if got := b.text(fmt.Sprintf("#meeting-%d-other", mA.Meeting.ID)); !strings.HasPrefix(got, side.other.org.Name) {
				t.Errorf("%s's agenda names the other side %q, want %s", c.org.Name, got, side.other.org.Name)
			}
			ics := fmt.Sprintf("/%s/b2b/%s/agenda.ics?org=%d", l, slug, c.org.ID)
			if n := b.count(fmt.Sprintf(`a[href=%q]`, ics)); n != 1 {
				t.Errorf("%s's agenda does not link its calendar file %s", c.org.Name, ics)
			}
			// The calendar file holds the meeting too, where the page says it is.
			cal := b.fetchText(ics)
			dtstart := "DTSTART;TZID=" + forum.Zone + ":" + mA.Slot.StartsAt.In(baku).Format("20060102T150405")
			if !strings.Contains(cal, "BEGIN:VEVENT") || !strings.Contains(cal, dtstart) {
				t.Errorf("%s's calendar file does not hold the meeting at %v:\n%s", c.org.Name, mA.Slot.StartsAt, cal)
			}
			// Every page of the forum menu has a name of its own: two links read alike
			// would leave a reader (or a screen reader) guessing which is which.
			labels := b.texts("nav.subnav a")
			if len(labels) < 2 || len(slices.Compact(slices.Sorted(slices.Values(labels)))) != len(labels) {
				t.Errorf("%s's forum menu names two pages alike: %q", c.org.Name, labels)
			}
			b.screenshot("b2b_agenda_" + l)
			shown = append(shown, start+"|"+table)
		}
		// Turkish and Azerbaijani write times and "Masa N" alike: one line for both.
		if shown[0] != shown[1] {
			t.Errorf("the two agendas show the meeting differently: %q and %q", shown[0], shown[1])
		}

		// --- The publication reached both, each in the language of the account.
		for _, c := range []*b2bCompany{exporter, carrier} {
			m := latestMail(t, a.Outbox, c.email, msg(c.lang, "b2b.schedule.mail.published.subject", forum.Title.In(c.lang)))
			if m.Locale != c.lang {
				t.Errorf("%s's publication mail is in %q, want %q", c.org.Name, m.Locale, c.lang)
			}
			other := exporter
			if c == exporter {
				other = carrier
			}
			if !strings.Contains(m.Text, other.org.Name) || !strings.Contains(m.Text, i18n.FormatTime(c.lang, mA.Slot.StartsAt, baku)) {
				t.Errorf("%s's publication mail does not name the meeting with %s at %s:\n%s",
					c.org.Name, other.org.Name, i18n.FormatTime(c.lang, mA.Slot.StartsAt, baku), m.Text)
			}
			if link := fmt.Sprintf("%s/%s/b2b/%s/agenda", srv.URL, c.lang, slug); !strings.Contains(m.Text, link) {
				t.Errorf("%s's publication mail does not link the agenda %s:\n%s", c.org.Name, link, m.Text)
			}
		}
	})
}

// b2bForum makes a coordinator (returned with the password to sign in) and a published
// business forum in Bakü four days ahead, with a batch-mode B2B programme whose booking
// window is open now: one morning session of six 20-minute slots and four tables.
func b2bForum(t *testing.T, srv *server) (email, password string, forum *events.Event, programme *b2b.Programme) {
	t.Helper()
	a, ctx := srv.App, context.Background()
	email, password = "forum.koordinatoru@example.org", "hazar kıyısında iş forumu"
	u, err := a.Identity.CreateUser(ctx, email, "Forum Koordinatörü", password, "tr", []string{identity.RoleCoordinator})
	if err != nil {
		t.Fatalf("create the coordinator: %v", err)
	}
	if err := a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatalf("seed the partnership: %v", err)
	}
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		t.Fatalf("default partnership: %v", err)
	}
	v := identity.Viewer(u)
	baku := i18n.MustLocation("Asia/Baku")
	day := time.Now().In(baku).AddDate(0, 0, 4)
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, baku).UTC()
	forum, err = a.Events.Create(ctx, v, events.Input{
		PartnershipID: p.ID, Kind: events.BusinessForum,
		Title:       i18n.Text{TR: "Bakü–İzmir İş Forumu", AZ: "Bakı–İzmir Biznes Forumu", EN: "Baku–İzmir Business Forum"},
		Description: i18n.Text{TR: "İki şehrin şirketleri birebir görüşüyor.", AZ: "İki şəhərin şirkətləri təkbətək görüşür.", EN: "Companies of both cities meet one to one."},
		Venue:       events.Venue{Name: "Bakı Ekspo Mərkəzi", City: "Bakı"},
		Zone:        "Asia/Baku", StartsAt: start, EndsAt: start.Add(9 * time.Hour),
		Status: events.Published, Visibility: events.Public,
	})
	if err != nil {
		t.Fatalf("create the forum: %v", err)
	}
	programme, err = a.B2B.SaveProgramme(ctx, v, forum.ID, b2b.ProgrammeInput{
		Mode: b2b.Batch, OpensAt: time.Now().Add(-time.Hour), ClosesAt: start.Add(-24 * time.Hour), MaxOpenRequests: 10,
		Sessions: []b2b.Session{{StartsAt: start.Add(time.Hour), SlotMinutes: 20, Slots: 6, MaxMeetings: 4}},
		Tables:   b2b.NumberedTables(4, nil),
	})
	if err != nil {
		t.Fatalf("save the B2B programme: %v", err)
	}
	return email, password, forum, programme
}

// b2bMember makes an organisation in identity with one member, whose account speaks lang.
func b2bMember(t *testing.T, srv *server, lang string, o identity.Organisation, name, email, password string) *b2bCompany {
	t.Helper()
	a, ctx := srv.App, context.Background()
	org, err := a.Identity.SeedOrganisation(ctx, o)
	if err != nil {
		t.Fatalf("create %s: %v", o.Name, err)
	}
	u, err := a.Identity.CreateUser(ctx, email, name, password, lang, nil)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	if err := a.Identity.AddMemberByID(ctx, org.ID, u.ID, "manager"); err != nil {
		t.Fatalf("make %s a member of %s: %v", name, o.Name, err)
	}
	return &b2bCompany{org: org, user: u, viewer: identity.Viewer(u), lang: lang, email: email, password: password}
}

// b2bProfile is c's profile at the forum, as the service has it.
func b2bProfile(t *testing.T, srv *server, c *b2bCompany, eventID int64) *b2b.Profile {
	t.Helper()
	_, mine, err := srv.App.B2B.Mine(context.Background(), c.viewer, eventID)
	if err != nil || mine[c.org.ID] == nil {
		t.Fatalf("%s's profile at the forum: %v, %v", c.org.Name, mine, err)
	}
	return mine[c.org.ID]
}

// b2bAgenda is c's agenda at the forum, as the service has it.
func b2bAgenda(t *testing.T, srv *server, c *b2bCompany, eventID int64) *b2b.Agenda {
	t.Helper()
	ag, err := srv.App.B2B.Agenda(context.Background(), c.viewer, eventID, c.org.ID)
	if err != nil {
		t.Fatalf("%s's agenda: %v", c.org.Name, err)
	}
	return ag
}

// signIn signs the browser in through the login page in lang.
func signIn(t *testing.T, b *browser, lang, email, password string) {
	t.Helper()
	b.open("/" + lang + "/login")
	b.typeInto("#f-email", email)
	b.typeInto("#f-password", password)
	if resp := b.click(fmt.Sprintf(`form[action="/%s/login"] button[type="submit"]`, lang)); resp.Status != http.StatusOK {
		t.Fatalf("signing in %s: status %d; page says %q", email, resp.Status, b.text("main"))
	}
	if strings.HasPrefix(b.path(), "/"+lang+"/login") {
		t.Fatalf("signing in %s stayed on the login page: %q", email, b.text("main"))
	}
}

// fill replaces what the field matching the CSS selector holds with text, typed.
func (b *browser) fill(css, text string) {
	b.t.Helper()
	b.must(chromedp.Do(b.ctx, chromedp.Clear(chromedp.CSS(css), chromedp.NodeVisible)), "clear %s", css)
	b.typeInto(css, text)
}

// fetchText fetches path with the page's own session, as following a link would, and
// returns the body; a status other than 200 fails the test.
func (b *browser) fetchText(path string) string {
	b.t.Helper()
	js := fmt.Sprintf(`fetch(%q, {credentials: "same-origin"}).then(r => r.ok ? r.text() : Promise.reject(new Error("status " + r.status)))`, path)
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	b.must(err, "fetch %s", path)
	return s
}

// texts returns the visible text of every element matching the CSS selector now, trimmed.
func (b *browser) texts(css string) []string {
	b.t.Helper()
	js := fmt.Sprintf(`Array.from(document.querySelectorAll(%q), e => e.innerText.trim())`, css)
	out, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js))
	b.must(err, "read the texts of %s", css)
	return out
}
