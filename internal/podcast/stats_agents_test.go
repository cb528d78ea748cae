package podcast

import (
	"strings"
	"testing"
	"time"
)

func TestUserAgentsApps(t *testing.T) {
	for _, c := range []struct{ ua, app, device string }{
		{"AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; tr_tr)", "Apple Podcasts", DevicePhone},
		{"Podcasts/1650.20 CFNetwork/1485 Darwin/23.1.0", "Apple Podcasts", DeviceUnknown},
		{"AppleCoreMedia/1.0.0.20L563 (HomePod; U; CPU OS 16_6 like Mac OS X; en_us)", "Apple Podcasts", DeviceSpeaker},
		{"atc/1.0 watchOS/10.1 model/Watch6,2 hwp/t8301 build/21S71 (6; dt:280)", "Apple Podcasts", DeviceWatch},
		{"Spotify/8.8.96 Android/33 (SM-G991B)", "Spotify", DevicePhone},
		{"Spotify/1.2.25 iOS/17.1 (iPad13,4)", "Spotify", DeviceTablet},
		{"Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Overcast", DeviceUnknown},
		{"Pocket Casts", "Pocket Casts", DeviceUnknown},
		{"AntennaPod/3.2.0", "AntennaPod", DeviceUnknown},
		{"Podcast Addict - Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)", "Podcast Addict", DevicePhone},
		{"CastBox/10.2.1 (fm.castbox.audiobook.radio.podcast; build:1; Android 13)", "Castbox", DevicePhone},
		{"Deezer/9.0 (Android; 13; Mobile; tr)", "Deezer", DevicePhone},
		{"Alexa Media Player/2.2 (Linux;Android 5.1.1) ExoPlayerLib/1.5.9", "Amazon Music / Alexa", DeviceSpeaker},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Browser (Edge)", DeviceDesktop},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "Browser (Safari)", DeviceDesktop},
		{"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Browser (Firefox)", DeviceDesktop},
		{"SomethingNew/1.0", "Other", DeviceUnknown},
	} {
		if got := AppOf(c.ua); got != c.app {
			t.Errorf("AppOf(%q) = %q, want %q", c.ua, got, c.app)
		}
		if got := DeviceOf(c.ua); got != c.device {
			t.Errorf("DeviceOf(%q) = %q, want %q", c.ua, got, c.device)
		}
		if IsBot(c.ua) {
			t.Errorf("IsBot(%q): a listener app taken for a robot", c.ua)
		}
	}
	for _, ua := range []string{"Googlebot/2.1", "curl/8.5.0", "Wget/1.21", "python-requests/2.31", "Go-http-client/1.1",
		"facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0", "WhatsApp/2.23", "UptimeRobot/2.0", "Pingdom.com_bot", ""} {
		if !IsBot(ua) {
			t.Errorf("IsBot(%q) = false", ua)
		}
	}
}

func TestMinBytes(t *testing.T) {
	if got := MinBytes(1000, 30*time.Second); got != 1000 {
		t.Fatalf("short file: %d, want the whole", got)
	}
	if got := MinBytes(1_600_000, 10*time.Minute); got != 160_000 {
		t.Fatalf("ten minutes: %d, want a tenth", got)
	}
}

func TestGeoDB(t *testing.T) {
	g, err := ReadGeoDB(strings.NewReader(`start_ip,end_ip,country
1.0.0.0,1.0.0.255,AU
85.132.0.0,85.132.127.255,AZ
78.160.0.0,78.191.255.255,TR
2a02:ff0::,2a02:ff0:ffff:ffff:ffff:ffff:ffff:ffff,TR
2a01:9e00::,2a01:9e00:ffff:ffff:ffff:ffff:ffff:ffff,AZ
`))
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]string{"85.132.10.1": "AZ", "78.170.1.2": "TR", "1.0.0.0": "AU", "1.0.0.255": "AU",
		"1.0.1.0": CountryUnknown, "::ffff:78.160.0.1": "TR", "2a02:ff0::1": "TR", "2a01:9e00:1::9": "AZ",
		"2001:db8::1": CountryUnknown, "not an ip": CountryUnknown} {
		if got := g.Country(ip); got != want {
			t.Errorf("Country(%s) = %s, want %s", ip, got, want)
		}
	}
	if (*GeoDB)(nil).Country("85.132.10.1") != CountryUnknown {
		t.Fatal("no database must give unknown")
	}
	if _, err := ReadGeoDB(strings.NewReader("1.0.0.0,1.0.0.255,AU\nbroken,row,XX\n")); err == nil {
		t.Fatal("a broken row was taken")
	}
}

func TestStatsChartFitsAnyRange(t *testing.T) {
	for _, n := range []int{1, 30, 731} {
		days := make([]StatsDay, n)
		for i := range days {
			days[i] = StatsDay{Day: "2026-05-04", Downloads: i % 5}
		}
		c := newStatsChart(days)
		labels := 0
		for _, b := range c.Bars {
			if b.X+b.W > c.Width || b.Y < 0 || b.Y+b.H != c.Baseline {
				t.Fatalf("%d days: bar %+v outside %dx%d", n, b, c.Width, c.Height)
			}
			if b.Label {
				labels++
			}
		}
		if len(c.Bars) != n || labels == 0 || labels > 11 {
			t.Fatalf("%d days: %d bars, %d labels", n, len(c.Bars), labels)
		}
	}
}
