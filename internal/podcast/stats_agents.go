package podcast

import "strings"

// User agents: which requests are robots (never counted) and which app and device class a
// counted one came from. Matching is by lower-case substring, first match wins.
//
// The robot patterns follow the categories of the IAB Tech Lab Podcast Measurement
// Technical Guidelines (v2.2, "filtering": known bots, spiders and crawlers, server-side
// tools, monitoring and link previewers) and the public OPAWG podcast user-agent list
// (github.com/opawg/user-agents); the IAB/ABC International Spiders & Bots List itself is
// licensed and not shipped. Keep this table when adding: a false entry hides real listens.
var botPatterns = []string{
	"bot", "crawler", "spider", "crawl", "slurp", "archiver", "scraper",
	"curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpx", "go-http-client",
	"java/", "libwww-perl", "php/", "ruby", "node-fetch", "axios/", "postmanruntime", "insomnia",
	"headlesschrome", "phantomjs", "lighthouse", "pagespeed", "gtmetrix",
	"facebookexternalhit", "whatsapp", "embedly", "iframely", "skypeuripreview",
	"pingdom", "uptimerobot", "statuscake", "site24x7", "newrelic", "datadog", "monitor", "check_http",
	"feedfetcher", "feedburner", "podnews", "podcastindex.org", "feedvalidator", "castfeedvalidator",
}

// IsBot reports whether a user agent is a known robot or tool, or empty (no listener app
// sends no user agent).
func IsBot(ua string) bool {
	ua = strings.ToLower(strings.TrimSpace(ua))
	if ua == "" {
		return true
	}
	for _, p := range botPatterns {
		if strings.Contains(ua, p) {
			return true
		}
	}
	return false
}

// appPatterns names the podcast apps; order matters (Castbox before a browser, Spotify
// before "android"...). Browsers are last, named by engine.
var appPatterns = []struct{ pattern, app string }{
	{"spotify", "Spotify"},
	{"overcast", "Overcast"},
	{"pocket casts", "Pocket Casts"},
	{"pocketcasts", "Pocket Casts"},
	{"castro", "Castro"},
	{"antennapod", "AntennaPod"},
	{"podcastaddict", "Podcast Addict"},
	{"podcast addict", "Podcast Addict"},
	{"podcastrepublic", "Podcast Republic"},
	{"podcast republic", "Podcast Republic"},
	{"castbox", "Castbox"},
	{"google-podcast", "Google Podcasts"},
	{"googlepodcasts", "Google Podcasts"},
	{"gsa/", "Google Podcasts"},
	{"alexa", "Amazon Music / Alexa"},
	{"amazonmusic", "Amazon Music / Alexa"},
	{"amazon music", "Amazon Music / Alexa"},
	{"echo/", "Amazon Music / Alexa"},
	{"deezer", "Deezer"},
	{"podimo", "Podimo"},
	{"podcasts/", "Apple Podcasts"},
	{"itunes", "Apple Podcasts"},
	{"applecoremedia", "Apple Podcasts"},
	{"watchos", "Apple Podcasts"},
	{"edg/", "Browser (Edge)"},
	{"firefox/", "Browser (Firefox)"},
	{"chrome/", "Browser (Chrome)"},
	{"chromium/", "Browser (Chrome)"},
	{"safari/", "Browser (Safari)"},
}

// AppOf names the app of a user agent, "Other" when none is known.
func AppOf(ua string) string {
	ua = strings.ToLower(ua)
	for _, p := range appPatterns {
		if strings.Contains(ua, p.pattern) {
			return p.app
		}
	}
	return "Other"
}

// Device classes, as stored and shown (the page translates them).
const (
	DevicePhone   = "phone"
	DeviceTablet  = "tablet"
	DeviceDesktop = "desktop"
	DeviceSpeaker = "speaker"
	DeviceWatch   = "watch"
	DeviceCar     = "car"
	DeviceUnknown = "unknown"
)

// DeviceClasses lists the classes in the order the page shows them.
var DeviceClasses = []string{DevicePhone, DeviceTablet, DeviceDesktop, DeviceSpeaker, DeviceWatch, DeviceCar, DeviceUnknown}

var devicePatterns = []struct{ pattern, device string }{
	{"watchos", DeviceWatch}, {"watch", DeviceWatch}, {"wear os", DeviceWatch},
	{"carplay", DeviceCar}, {"android auto", DeviceCar}, {"android-auto", DeviceCar}, {"automotive", DeviceCar},
	{"alexa", DeviceSpeaker}, {"echo/", DeviceSpeaker}, {"homepod", DeviceSpeaker}, {"audioaccessory", DeviceSpeaker},
	{"sonos", DeviceSpeaker}, {"google-home", DeviceSpeaker}, {"cros", DeviceDesktop},
	{"ipad", DeviceTablet}, {"tablet", DeviceTablet},
	{"iphone", DevicePhone}, {"ipod", DevicePhone}, {"mobile", DevicePhone}, {"android", DevicePhone},
	{"macintosh", DeviceDesktop}, {"mac os x", DeviceDesktop}, {"macos", DeviceDesktop},
	{"windows", DeviceDesktop}, {"x11", DeviceDesktop}, {"linux", DeviceDesktop},
}

// DeviceOf is the device class of a user agent.
func DeviceOf(ua string) string {
	ua = strings.ToLower(ua)
	for _, p := range devicePatterns {
		if strings.Contains(ua, p.pattern) {
			return p.device
		}
	}
	return DeviceUnknown
}
