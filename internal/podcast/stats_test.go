package podcast

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

const (
	listenerIP = "203.0.113.77"
	appleUA    = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; tr_tr)"
)

// statsFixture is a published episode of d seconds behind the audio handler with Stats
// as its counter.
type statsFixture struct {
	*fixture
	stats *Stats
	h     *Handlers
	sh    *Show
	ep    *Episode
}

func newStatsFixture(t *testing.T, d *db.DB, length time.Duration) *statsFixture {
	t.Helper()
	f := newFixture(t, d)
	sh := f.show(t)
	e, err := f.svc.CreateEpisode(context.Background(), coordinator, sh.ID, episodeInput(1), mp3Audio(length))
	if err != nil {
		t.Fatal(err)
	}
	if e, err = f.svc.Publish(context.Background(), coordinator, e.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	s := &statsFixture{fixture: f, stats: NewStats(d, f.svc, nil, nil), sh: sh, ep: e}
	s.h = NewHandlers(f.svc, nil, nil)
	s.h.Counter = s.stats
	return s
}

// get asks for the episode's audio as ip with user agent ua; rng is a Range header or "".
func (s *statsFixture) get(t *testing.T, method, ip, ua, rng string) int {
	t.Helper()
	r := httptest.NewRequest(method, "/podcast/"+s.sh.Slug+"/"+s.ep.GUID+".mp3", nil)
	r.SetPathValue("slug", s.sh.Slug)
	r.SetPathValue("file", s.ep.GUID+".mp3")
	r.RemoteAddr = ip + ":50123"
	r.Header.Set("User-Agent", ua)
	if rng != "" {
		r.Header.Set("Range", rng)
	}
	w := httptest.NewRecorder()
	s.h.Files(w, r)
	return w.Code
}

func (s *statsFixture) downloads(t *testing.T) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM podcast_stats_events WHERE kind = 'download'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStatsOncePerListenerPer24Hours(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		if code := s.get(t, http.MethodGet, listenerIP, appleUA, ""); code != http.StatusOK {
			t.Fatalf("GET: %d", code)
		}
		s.now = s.now.Add(3 * time.Hour)
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		if n := s.downloads(t); n != 1 {
			t.Fatalf("two requests within 24 h: %d downloads, want 1", n)
		}
		s.get(t, http.MethodGet, "198.51.100.9", appleUA, "") // another listener
		if n := s.downloads(t); n != 2 {
			t.Fatalf("another listener: %d downloads, want 2", n)
		}
		s.now = s.now.Add(22 * time.Hour) // 25 h after the first request
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		if n := s.downloads(t); n != 3 {
			t.Fatalf("25 h later: %d downloads, want 3", n)
		}
	})
}

func TestStatsMinimumBytes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second) // shorter than a minute: the whole file
		for _, probe := range []string{"bytes=0-0", "bytes=0-1"} {
			if code := s.get(t, http.MethodGet, listenerIP, appleUA, probe); code != http.StatusPartialContent {
				t.Fatalf("%s: %d", probe, code)
			}
		}
		if n := s.downloads(t); n != 0 {
			t.Fatalf("probes counted: %d", n)
		}
		half := s.ep.AudioSize / 2
		s.get(t, http.MethodGet, listenerIP, appleUA, fmt.Sprintf("bytes=2-%d", half))
		if n := s.downloads(t); n != 0 {
			t.Fatalf("half the file counted: %d", n)
		}
		s.get(t, http.MethodGet, listenerIP, appleUA, fmt.Sprintf("bytes=%d-", half+1))
		s.get(t, http.MethodGet, listenerIP, appleUA, "bytes=0-")
		if n := s.downloads(t); n != 1 {
			t.Fatalf("ranges adding up to the file: %d downloads, want 1", n)
		}
		// 304 and 416 deliver nothing.
		if code := s.get(t, http.MethodGet, "198.51.100.9", appleUA, fmt.Sprintf("bytes=%d-", s.ep.AudioSize+10)); code != http.StatusRequestedRangeNotSatisfiable {
			t.Fatalf("past the end: %d", code)
		}
		if n := s.downloads(t); n != 1 {
			t.Fatalf("416 counted: %d", n)
		}
	})
}

func TestStatsMinuteOfLongEpisode(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 3*time.Minute)
		minimum := MinBytes(s.ep.AudioSize, s.ep.Duration)
		if minimum >= s.ep.AudioSize/2 || minimum <= s.ep.AudioSize/4 {
			t.Fatalf("one minute of three is %d bytes of %d", minimum, s.ep.AudioSize)
		}
		s.get(t, http.MethodGet, listenerIP, appleUA, fmt.Sprintf("bytes=0-%d", minimum-2))
		if n := s.downloads(t); n != 0 {
			t.Fatalf("under a minute counted: %d", n)
		}
		s.get(t, http.MethodGet, listenerIP, appleUA, fmt.Sprintf("bytes=%d-%d", minimum, minimum+10))
		if n := s.downloads(t); n != 1 {
			t.Fatalf("past a minute: %d downloads, want 1", n)
		}
	})
}

func TestStatsBotsAndHeadNeverCount(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		for _, ua := range []string{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			"curl/8.5.0", "python-requests/2.31", "facebookexternalhit/1.1", "UptimeRobot/2.0", ""} {
			s.get(t, http.MethodGet, listenerIP, ua, "")
		}
		if code := s.get(t, http.MethodHead, listenerIP, appleUA, ""); code != http.StatusOK {
			t.Fatalf("HEAD: %d", code)
		}
		if n := s.downloads(t); n != 0 {
			t.Fatalf("bots or HEAD counted: %d", n)
		}
		if n := count(t, d, "podcast_stats_windows"); n != 0 {
			t.Fatalf("bots or HEAD opened %d windows", n)
		}
	})
}

func TestStatsStoreNoRawAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		if _, err := s.stats.Listen(context.Background(), listenerRequest(), s.sh.Slug, s.ep.ID); err != nil {
			t.Fatal(err)
		}
		for table, columns := range map[string][]string{
			"podcast_stats_keys":    {"day", "secret"},
			"podcast_stats_windows": {"kind", "listener"},
			"podcast_stats_events":  {"kind", "day", "app", "device", "country"},
		} {
			for _, c := range columns {
				var n int
				if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table+` WHERE `+c+` LIKE ?`,
					"%"+listenerIP+"%").Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 0 {
					t.Fatalf("%s.%s holds the raw IP", table, c)
				}
			}
		}
		if n := count(t, d, "podcast_stats_windows"); n != 2 {
			t.Fatalf("%d windows, want a download's and a listen's", n)
		}
	})
}

func listenerRequest() *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/tr/podcast/x/1/listen", nil)
	r.RemoteAddr = listenerIP + ":50123"
	r.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
	return r
}

func TestStatsKeyRotationAcrossMidnight(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		s.now = time.Date(2026, 5, 4, 23, 30, 0, 0, time.UTC)
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		s.now = time.Date(2026, 5, 5, 0, 30, 0, 0, time.UTC) // a new day, a new secret
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		if n := s.downloads(t); n != 1 {
			t.Fatalf("across midnight: %d downloads, want 1", n)
		}
		if n := count(t, d, "podcast_stats_keys"); n != 2 {
			t.Fatalf("%d keys, want today's and yesterday's", n)
		}
		// Two days on: the first day's secret is gone and the listener counts again.
		s.now = time.Date(2026, 5, 6, 1, 0, 0, 0, time.UTC)
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		var oldest string
		if err := d.QueryRow(context.Background(), `SELECT MIN(day) FROM podcast_stats_keys`).Scan(&oldest); err != nil {
			t.Fatal(err)
		}
		if oldest != "2026-05-05" {
			t.Fatalf("oldest key %s, want 2026-05-05", oldest)
		}
		if n := s.downloads(t); n != 2 {
			t.Fatalf("after the window: %d downloads, want 2", n)
		}
	})
}

func TestStatsConcurrentRangesCountOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		var wg sync.WaitGroup
		codes := make(chan int, 20)
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes <- s.get(t, http.MethodGet, listenerIP, appleUA, "bytes=0-")
			}()
		}
		wg.Wait()
		close(codes)
		for c := range codes {
			if c != http.StatusPartialContent {
				t.Fatalf("range request: %d", c)
			}
		}
		if n := s.downloads(t); n != 1 {
			t.Fatalf("20 concurrent ranges: %d downloads, want 1", n)
		}
	})
}

func TestStatsReportAndAccess(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		s.get(t, http.MethodGet, listenerIP, appleUA, "")
		s.get(t, http.MethodGet, "198.51.100.9", "Spotify/8.9.10 Android/34 (Pixel 8)", "")
		if _, err := s.stats.Listen(context.Background(), listenerRequest(), s.sh.Slug, s.ep.ID); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.stats.Listen(context.Background(), listenerRequest(), s.sh.Slug, s.ep.ID); ok {
			t.Fatal("a second listen within 24 h counted")
		}
		from, to, err := ParseStatsRange("", "", s.now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.stats.Report(context.Background(), member, s.sh.ID, from, to); err == nil {
			t.Fatal("a member saw the statistics")
		}
		rep, err := s.stats.Report(context.Background(), coordinator, s.sh.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Downloads != 2 || rep.Listens != 1 || len(rep.Days) != 30 || rep.Days[29].Downloads != 2 {
			t.Fatalf("report: %d downloads, %d listens, %d days", rep.Downloads, rep.Listens, len(rep.Days))
		}
		apps := fmt.Sprint(rep.Apps)
		if !strings.Contains(apps, "Apple Podcasts") || !strings.Contains(apps, "Spotify") {
			t.Fatalf("apps: %v", rep.Apps)
		}
		if fmt.Sprint(rep.Devices) != "[{phone 2}]" || fmt.Sprint(rep.Countries) != "[{unknown 2}]" {
			t.Fatalf("devices %v, countries %v", rep.Devices, rep.Countries)
		}
		if _, _, err := ParseStatsRange("2026-05-10", "2026-05-01", s.now); err == nil {
			t.Fatal("a range ending before it starts was taken")
		}
	})
}

func TestStatsSeedDemo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newStatsFixture(t, d, 30*time.Second)
		if err := s.stats.SeedDemo(context.Background(), coordinator, s.sh.Slug); err != nil {
			t.Fatal(err)
		}
		first := count(t, d, "podcast_stats_events")
		if err := s.stats.SeedDemo(context.Background(), coordinator, s.sh.Slug); err != nil {
			t.Fatal(err)
		}
		if first == 0 || count(t, d, "podcast_stats_events") != first {
			t.Fatalf("seeded %d, then %d", first, count(t, d, "podcast_stats_events"))
		}
		from, to, _ := ParseStatsRange("", "", s.now)
		rep, err := s.stats.Report(context.Background(), coordinator, s.sh.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Downloads == 0 || rep.Listens == 0 || len(rep.Apps) < 5 || len(rep.Devices) < 3 || len(rep.Countries) < 3 {
			t.Fatalf("demo report: %d downloads, %d listens, %v, %v, %v", rep.Downloads, rep.Listens, rep.Apps, rep.Devices, rep.Countries)
		}
	})
}
