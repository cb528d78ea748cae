package events

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	icsw "github.com/kopru-platform/kopru/internal/platform/ical"
)

const icsBase = "https://kopru.example/"

var icsNow = time.Date(2026, 5, 1, 8, 30, 0, 0, time.UTC)

func icsEvent() *Event {
	lat, lon := 40.3777, 49.892
	return &Event{
		ID: 42,
		Input: Input{
			Kind: Festival,
			Slug: "izmir-baku-genclik-festivali",
			Title: i18n.Text{
				TR: "İzmir–Bakü Kardeş Şehir Gençlik Festivali: Çağdaş Müzik, Şiir ve Görsel Sanatlar Buluşması",
				AZ: "İzmir–Bakı Qardaş Şəhər Gənclər Festivalı: Müasir Musiqi, Şeir və Təsviri Sənətlər Görüşü",
			},
			Description: i18n.Text{TR: "Giriş ücretsiz; kayıt zorunlu, yer sınırlı.\nYol: C:\\Festival\\Alan 2."},
			Venue:       Venue{Name: "Heydər Əliyev Mərkəzi", Address: "Heydər Əliyev prospekti 1", City: "Bakı", Lat: &lat, Lon: &lon},
			Zone:        "Asia/Baku",
			StartsAt:    time.Date(2026, 6, 12, 15, 0, 0, 0, time.UTC), // 19:00 in Baku
			EndsAt:      time.Date(2026, 6, 12, 18, 0, 0, 0, time.UTC),
			Status:      Published,
		},
		CreatedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 4, 2, 11, 0, 0, 0, time.UTC),
	}
}

// icsCheckLines is a strict check of the physical lines: CRLF only, at most 75 octets, no
// UTF-8 character split across a fold. It returns the unfolded content lines.
func icsCheckLines(t *testing.T, raw []byte) []string {
	t.Helper()
	s := string(raw)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("file does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(lines) == 0 {
				t.Fatal("file starts with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// icsParse checks the lines, decodes with an independent parser (go-ical), re-encodes it to
// run go-ical's structural checks (exactly one UID, DTSTAMP, PRODID, VERSION…), and checks
// every TZID against the file's own VTIMEZONE definitions.
func icsParse(t *testing.T, raw []byte) *ical.Calendar {
	t.Helper()
	icsCheckLines(t, raw)
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, raw)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("go-ical rejects the structure: %v", err)
	}
	if v := cal.Props.Get(ical.PropVersion); v == nil || v.Value != "2.0" {
		t.Error("VERSION is not 2.0")
	}
	icsCheckZones(t, cal)
	return cal
}

type icsObservance struct {
	onset string // local wall time, icsw.Local format
	to    int    // offset in seconds
}

// icsCheckZones resolves every DTSTART/DTEND with a TZID through the file's VTIMEZONE (not the
// host's zone database) and requires the instant go-ical computes from the zone name.
func icsCheckZones(t *testing.T, cal *ical.Calendar) {
	t.Helper()
	defs := map[string][]icsObservance{}
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		id, _ := c.Props.Text(ical.PropTimezoneID)
		for _, o := range c.Children {
			if o.Name != ical.CompTimezoneStandard && o.Name != ical.CompTimezoneDaylight {
				t.Fatalf("unexpected %s in VTIMEZONE", o.Name)
			}
			onset := o.Props.Get(ical.PropDateTimeStart).Value
			to := icsParseOffset(t, o.Props.Get(ical.PropTimezoneOffsetTo).Value)
			icsParseOffset(t, o.Props.Get(ical.PropTimezoneOffsetFrom).Value)
			defs[id] = append(defs[id], icsObservance{onset, to})
		}
	}
	for _, ev := range cal.Events() {
		for _, name := range []string{ical.PropDateTimeStart, ical.PropDateTimeEnd} {
			p := ev.Props.Get(name)
			if p == nil {
				t.Fatalf("%s missing", name)
			}
			tzid := p.Params.Get(ical.PropTimezoneID)
			if tzid == "" {
				continue
			}
			obs, ok := defs[tzid]
			if !ok {
				t.Fatalf("no VTIMEZONE for TZID=%s", tzid)
			}
			best := -1
			for i, o := range obs {
				if o.onset <= p.Value && (best < 0 || o.onset > obs[best].onset) {
					best = i
				}
			}
			if best < 0 {
				t.Fatalf("%s %s precedes every icsObservance of %s", name, p.Value, tzid)
			}
			wall, err := time.Parse(icsw.Local, p.Value)
			if err != nil {
				t.Fatal(err)
			}
			viaVTZ := wall.Add(-time.Duration(obs[best].to) * time.Second)
			viaName, err := p.DateTime(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !viaVTZ.Equal(viaName) {
				t.Errorf("%s %s in %s: VTIMEZONE gives %v, the zone %v", name, p.Value, tzid, viaVTZ, viaName.UTC())
			}
		}
	}
}

func icsParseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		t.Fatalf("bad UTC offset %q", s)
	}
	n := func(a string) int {
		v := int(a[0]-'0')*10 + int(a[1]-'0')
		return v
	}
	sec := n(s[1:3])*3600 + n(s[3:5])*60
	if len(s) == 7 {
		sec += n(s[5:7])
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec
}

func icsProp(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s missing", name)
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestICSEvent(t *testing.T) {
	e := icsEvent()
	raw := EventICS(e, "az", icsBase, icsNow)
	cal := icsParse(t, raw)

	if m := cal.Props.Get(ical.PropMethod); m == nil || m.Value != "PUBLISH" {
		t.Error("METHOD is not PUBLISH")
	}
	if p := cal.Props.Get(ical.PropProductID).Value; p == "" || !icsIsASCII(p) {
		t.Errorf("PRODID %q", p)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0].Component

	// The Azerbaijani title is far longer than 75 octets and full of two-byte letters.
	if len(e.Title.AZ) <= 75 {
		t.Fatal("test title too short to fold")
	}
	if got := icsProp(t, ev, ical.PropSummary); got != e.Title.AZ {
		t.Errorf("SUMMARY = %q, want %q", got, e.Title.AZ)
	}
	if l := ev.Props.Get(ical.PropSummary).Params.Get(ical.ParamLanguage); l != "az" {
		t.Errorf("SUMMARY LANGUAGE = %q", l)
	}
	// No Azerbaijani description: the Turkish one, said to be Turkish.
	if got := icsProp(t, ev, ical.PropDescription); got != e.Description.TR {
		t.Errorf("DESCRIPTION = %q, want %q", got, e.Description.TR)
	}
	if l := ev.Props.Get(ical.PropDescription).Params.Get(ical.ParamLanguage); l != "tr" {
		t.Errorf("DESCRIPTION LANGUAGE = %q", l)
	}
	for _, esc := range []string{`ücretsiz\; kayıt zorunlu\, yer`, `sınırlı.\nYol: C:\\Festival\\Alan 2.`} {
		if !bytes.Contains(icsUnfold(raw), []byte(esc)) {
			t.Errorf("escaped %q not in output", esc)
		}
	}
	if got, want := icsProp(t, ev, ical.PropLocation), "Heydər Əliyev Mərkəzi, Heydər Əliyev prospekti 1, Bakı"; got != want {
		t.Errorf("LOCATION = %q, want %q", got, want)
	}
	if g := ev.Props.Get(ical.PropGeo).Value; g != "40.3777;49.892" {
		t.Errorf("GEO = %q", g)
	}
	if u := ev.Props.Get(ical.PropURL).Value; u != "https://kopru.example/az/events/izmir-baku-genclik-festivali" {
		t.Errorf("URL = %q", u)
	}
	if s := ev.Props.Get(ical.PropStatus).Value; s != "CONFIRMED" {
		t.Errorf("STATUS = %q", s)
	}
	if d := ev.Props.Get(ical.PropDateTimeStamp).Value; d != "20260501T083000Z" {
		t.Errorf("DTSTAMP = %q", d)
	}
	if d := ev.Props.Get(ical.PropLastModified).Value; d != "20260402T110000Z" {
		t.Errorf("LAST-MODIFIED = %q", d)
	}

	// 19:00 in Baku is 15:00 UTC, written as the venue's wall clock.
	start := ev.Props.Get(ical.PropDateTimeStart)
	if start.Value != "20260612T190000" || start.Params.Get(ical.PropTimezoneID) != "Asia/Baku" {
		t.Errorf("DTSTART = %v %q", start.Params, start.Value)
	}
	got, err := evs[0].DateTimeStart(nil)
	if err != nil || !got.Equal(time.Date(2026, 6, 12, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("DTSTART is %v (%v), want 15:00Z", got.UTC(), err)
	}
	tzs := icsTimezones(cal)
	if len(tzs) != 1 || tzs[0] != "Asia/Baku" {
		t.Errorf("VTIMEZONEs %v", tzs)
	}
	if !bytes.Contains(raw, []byte("BEGIN:STANDARD\r\n")) || !bytes.Contains(raw, []byte("TZOFFSETTO:+0400\r\n")) {
		t.Errorf("Baku is not a +04 STANDARD icsObservance:\n%s", raw)
	}
}

func TestICSFoldingNeverSplitsARune(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aıİşŞğĞüÜöÖçÇəƏ–€𝄞 ,;\\\n")
	for n := range 300 {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		want := b.String()
		var w icsw.Writer
		w.Prop("SUMMARY", icsw.Text(want))
		lines := icsCheckLines(t, w.Bytes())
		if len(lines) != 1 {
			t.Fatalf("%d content lines", len(lines))
		}
		p := ical.NewProp("SUMMARY")
		p.Value = strings.TrimPrefix(lines[0], "SUMMARY:")
		if got, err := p.Text(); err != nil || got != want {
			t.Fatalf("round trip of %q: %q, %v", want, got, err)
		}
	}
}

func TestICSEscapesAndDropsControls(t *testing.T) {
	if got, want := icsw.Text("a\\b;c,d\r\ne\rf\x00g\th"), `a\\b\;c\,d\ne\nfg`+"\th"; got != want {
		t.Errorf("icsText = %q, want %q", got, want)
	}
}

func TestICSUIDStableAndCancelled(t *testing.T) {
	e := icsEvent()
	a := icsParse(t, EventICS(e, "tr", icsBase, icsNow)).Events()[0]
	e.Status = Cancelled
	e.UpdatedAt = icsNow
	b := icsParse(t, EventICS(e, "en", "https://kopru.example", icsNow.Add(time.Hour))).Events()[0]
	ua, ub := a.Props.Get(ical.PropUID).Value, b.Props.Get(ical.PropUID).Value
	if ua != "event-42@kopru.example" || ua != ub {
		t.Errorf("UIDs %q and %q", ua, ub)
	}
	if s := b.Props.Get(ical.PropStatus).Value; s != "CANCELLED" {
		t.Errorf("STATUS = %q", s)
	}
	if u := b.Props.Get(ical.PropURL).Value; u != "https://kopru.example/en/events/izmir-baku-genclik-festivali" {
		t.Errorf("URL = %q", u)
	}
	// English is missing: Turkish stands in.
	if got := icsProp(t, b.Component, ical.PropSummary); got != e.Title.TR {
		t.Errorf("SUMMARY = %q", got)
	}
}

func TestICSCalendarTwoZones(t *testing.T) {
	baku := *icsEvent()
	izmir := *icsEvent()
	izmir.ID, izmir.Slug = 7, "kultur-park-konseri"
	izmir.Title = i18n.Text{TR: "Kültürpark Konseri"}
	izmir.Venue = Venue{Name: "Kültürpark Açıkhava Tiyatrosu", City: "İzmir"}
	izmir.Zone = "Europe/Istanbul"
	izmir.StartsAt = time.Date(2026, 7, 1, 17, 30, 0, 0, time.UTC) // 20:30 in İzmir
	izmir.EndsAt = time.Date(2026, 7, 1, 22, 0, 0, 0, time.UTC)    // 01:00 the next day
	izmir.UpdatedAt = time.Time{}

	name := "Köprü: İzmir, Bakı; tədbirlər"
	raw := CalendarICS([]Event{baku, izmir}, name, "tr", icsBase, icsNow)
	cal := icsParse(t, raw)

	if got := icsProp(t, cal.Component, "X-WR-CALNAME"); got != name {
		t.Errorf("X-WR-CALNAME = %q", got)
	}
	for prop, want := range map[string]string{"REFRESH-INTERVAL": "PT1H", "X-PUBLISHED-TTL": "PT1H"} {
		if p := cal.Props.Get(prop); p == nil || p.Value != want {
			t.Errorf("%s = %v", prop, p)
		}
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	if tzs := icsTimezones(cal); len(tzs) != 2 || tzs[0] != "Asia/Baku" || tzs[1] != "Europe/Istanbul" {
		t.Errorf("VTIMEZONEs %v", tzs)
	}
	uids := map[string]bool{}
	for _, ev := range evs {
		uids[ev.Props.Get(ical.PropUID).Value] = true
	}
	if !uids["event-42@kopru.example"] || !uids["event-7@kopru.example"] {
		t.Errorf("UIDs %v", uids)
	}
	end := evs[1].Props.Get(ical.PropDateTimeEnd)
	if end.Value != "20260702T010000" || end.Params.Get(ical.PropTimezoneID) != "Europe/Istanbul" {
		t.Errorf("DTEND = %v %q", end.Params, end.Value)
	}
	if evs[1].Props.Get(ical.PropLastModified) != nil {
		t.Error("LAST-MODIFIED without an update time")
	}
	if evs[1].Props.Get(ical.PropGeo) != nil {
		t.Error("GEO without coordinates")
	}

	empty := CalendarICS(nil, "Boş", "tr", icsBase, icsNow)
	icsCheckLines(t, empty)
	if _, err := ical.NewDecoder(bytes.NewReader(empty)).Decode(); err != nil {
		t.Errorf("empty feed: %v", err)
	}
}

// A zone with DST (or Baku before 2016) gets one icsObservance per period the events touch.
func TestICSZoneWithTransitions(t *testing.T) {
	winter, summer := *icsEvent(), *icsEvent()
	for _, e := range []*Event{&winter, &summer} {
		e.Zone = "Europe/Berlin"
	}
	winter.ID, summer.ID = 1, 2
	winter.StartsAt, winter.EndsAt = time.Date(2026, 1, 10, 17, 0, 0, 0, time.UTC), time.Date(2026, 1, 10, 19, 0, 0, 0, time.UTC)
	summer.StartsAt, summer.EndsAt = time.Date(2026, 7, 10, 17, 0, 0, 0, time.UTC), time.Date(2026, 7, 10, 19, 0, 0, 0, time.UTC)
	raw := CalendarICS([]Event{summer, winter}, "DST", "tr", icsBase, icsNow)
	icsParse(t, raw) // checks each time against the VTIMEZONE
	if !bytes.Contains(raw, []byte("BEGIN:DAYLIGHT\r\n")) || !bytes.Contains(raw, []byte("DTSTART:20260329T020000\r\n")) {
		t.Errorf("no spring-forward icsObservance:\n%s", raw)
	}

	// Ends at the very instant clocks go forward: its DTEND needs the summer observance.
	edge := winter
	edge.StartsAt, edge.EndsAt = time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)
	icsParse(t, EventICS(&edge, "tr", icsBase, icsNow))

	old := *icsEvent()
	old.StartsAt, old.EndsAt = time.Date(2015, 7, 1, 15, 0, 0, 0, time.UTC), time.Date(2015, 7, 1, 16, 0, 0, 0, time.UTC)
	raw = EventICS(&old, "tr", icsBase, icsNow)
	icsParse(t, raw)
	if !bytes.Contains(raw, []byte("DTSTART;TZID=Asia/Baku:20150701T200000\r\n")) {
		t.Errorf("Baku in summer 2015 was +05:\n%s", raw)
	}
}

func TestICSInvalidZoneFallsBackToUTC(t *testing.T) {
	e := icsEvent()
	e.Zone = ""
	raw := EventICS(e, "tr", icsBase, icsNow)
	cal := icsParse(t, raw)
	if v := cal.Events()[0].Props.Get(ical.PropDateTimeStart).Value; v != "20260612T150000Z" {
		t.Errorf("DTSTART = %q", v)
	}
	if len(icsTimezones(cal)) != 0 {
		t.Error("VTIMEZONE for no zone")
	}
}

func TestICSAddToCalendarLinks(t *testing.T) {
	e := icsEvent()
	g, err := url.Parse(GoogleCalendarLink(e, "tr", icsBase))
	if err != nil || g.Host != "calendar.google.com" {
		t.Fatalf("google link %v %v", g, err)
	}
	q := g.Query()
	if q.Get("action") != "TEMPLATE" || q.Get("dates") != "20260612T150000Z/20260612T180000Z" ||
		q.Get("text") != e.Title.TR || q.Get("ctz") != "Asia/Baku" ||
		q.Get("details") != "https://kopru.example/tr/events/izmir-baku-genclik-festivali" {
		t.Errorf("google query %v", q)
	}
	if strings.Contains(g.RawQuery, "+") {
		t.Errorf("spaces as +: %s", g.RawQuery)
	}

	o, err := url.Parse(OutlookLink(e, "az", icsBase))
	if err != nil || o.Host != "outlook.live.com" {
		t.Fatalf("outlook link %v %v", o, err)
	}
	q = o.Query()
	if q.Get("rru") != "addevent" || q.Get("startdt") != "2026-06-12T15:00:00Z" || q.Get("enddt") != "2026-06-12T18:00:00Z" ||
		q.Get("subject") != e.Title.AZ || q.Get("location") != "Heydər Əliyev Mərkəzi, Heydər Əliyev prospekti 1, Bakı" {
		t.Errorf("outlook query %v", q)
	}
}

func icsTimezones(cal *ical.Calendar) []string {
	var ids []string
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			ids = append(ids, c.Props.Get(ical.PropTimezoneID).Value)
		}
	}
	return ids
}

func icsUnfold(raw []byte) []byte { return bytes.ReplaceAll(raw, []byte("\r\n "), nil) }

func icsIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
