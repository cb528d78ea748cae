package e2e

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/identity"
)

// contentTimeout bounds the publishing journey: it types three languages and uploads a file.
const contentTimeout = 90 * time.Second

// The article of the journey. "İnciraltı" (a district on İzmir's bay) is in no other text of
// the empty platform, so a search that finds it can only be finding this article.
const (
	trTitle = "İnciraltı kıyısında kardeş şehir fidanları"
	azTitle = "İnciraltı sahilində qardaş şəhər fidanları"
	enTitle = "Sister-city saplings on the İnciraltı shore"
	trLead  = "İzmir ve Bakü'den gelen gençler kıyıya kırk fidan dikti."
	azLead  = "İzmir və Bakıdan gələn gənclər sahilə qırx fidan əkdilər."
	enLead  = "Young people from İzmir and Baku planted forty saplings by the sea."
	trBody  = "## Fidanlar toprakla buluştu\n\nGençler sabah erkenden kıyıda buluştu ve kırk zeytin fidanı dikti."
	azBody  = "## Fidanlar torpaqla görüşdü\n\nGənclər səhər tezdən sahildə görüşdülər və qırx zeytun fidanı əkdilər."
	enBody  = "## The saplings in the ground\n\nThe young people met on the shore early in the morning and planted forty olive saplings."
	trAlt   = "İnciraltı kıyısında fidan diken gençler"
	azAlt   = "İnciraltı sahilində ağac əkən gənclər"
	enAlt   = "Young people planting saplings on the İnciraltı shore"

	// searchWord is the title's word as a visitor may type it: upper case, dotted capital İ.
	searchWord = "İNCİRALTI"
)

var mediaItemPath = regexp.MustCompile(`^/tr/admin/media/([0-9]+)$`)
var newsEditPath = regexp.MustCompile(`^/tr/admin/news/[0-9]+$`)

// TestCoordinatorPublishesArticleVisitorSearchesAndReadsSideBySide walks issue 3's journey:
// a coordinator uploads an image with alt texts in three languages, writes a news article in
// Turkish, Azerbaijani and English with that image as its cover and publishes it; a visitor
// finds it by searching an upper-case dotted-İ word, opens it and switches to the Turkish |
// Azerbaijani view with one click.
func TestCoordinatorPublishesArticleVisitorSearchesAndReadsSideBySide(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !srv.App.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return srv.App.Catalog.T(lang, key, args...)
		}
		const (
			name     = "Leyla Koordinatör"
			email    = "leyla.koordinator@example.org"
			password = "körfezden xəzərə 1986"
		)
		if _, err := srv.App.Identity.CreateUser(context.Background(), email, name, password, "tr", []string{identity.RoleCoordinator}); err != nil {
			t.Fatalf("create the coordinator: %v", err)
		}
		photo := writeJPEG(t, filepath.Join(t.TempDir(), "inciralti-fidanlar.jpg"), 960, 640)
		b := newBrowserWithin(t, chrome, srv.URL, contentTimeout)

		// Sign in.
		b.open("/tr/login")
		b.typeInto("#f-email", email)
		b.typeInto("#f-password", password)
		if resp := b.click(`form[action="/tr/login"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("signing in: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got := b.path(); got != "/tr/me" {
			t.Fatalf("signing in led to %s, want /tr/me; page says %q", got, b.text("main"))
		}

		// Upload the photo with its alt text in three languages.
		if resp := b.open("/tr/admin/media"); resp.Status != http.StatusOK {
			t.Fatalf("GET /tr/admin/media: status %d; page says %q", resp.Status, b.text("main"))
		}
		b.upload("#f-file", photo)
		b.typeInto("#f-alt_tr", trAlt)
		b.typeInto("#f-alt_az", azAlt)
		b.typeInto("#f-alt_en", enAlt)
		if resp := b.click(`form[action="/tr/admin/media"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("uploading: status %d; page says %q", resp.Status, b.text("main"))
		}
		m := mediaItemPath.FindStringSubmatch(b.path())
		if m == nil {
			t.Fatalf("uploading led to %s, want /tr/admin/media/{id}; page says %q", b.path(), b.text("main"))
		}
		mediaID := m[1]
		if got, want := b.text("main .flash"), msg("tr", "content.flash.uploaded"); got != want {
			t.Errorf("flash after uploading: %q, want %q", got, want)
		}
		for css, want := range map[string]string{"#f-alt_tr": trAlt, "#f-alt_az": azAlt, "#f-alt_en": enAlt} {
			if got := b.value(css); got != want {
				t.Errorf("saved alt text %s is %q, want %q", css, got, want)
			}
		}
		b.screenshot("media")

		// Write the article in three languages, with the photo as its cover, and publish it.
		if resp := b.open("/tr/admin/news/new"); resp.Status != http.StatusOK {
			t.Fatalf("GET /tr/admin/news/new: status %d; page says %q", resp.Status, b.text("main"))
		}
		for _, f := range []struct{ css, text string }{
			{"#f-title_tr", trTitle}, {"#f-lead_tr", trLead}, {"#f-body_tr", trBody},
			{"#f-title_az", azTitle}, {"#f-lead_az", azLead}, {"#f-body_az", azBody},
			{"#f-title_en", enTitle}, {"#f-lead_en", enLead}, {"#f-body_en", enBody},
		} {
			b.typeInto(f.css, f.text)
		}
		if n := b.count(fmt.Sprintf(`#f-cover_id option[value="%s"]`, mediaID)); n != 1 {
			t.Fatalf("the cover list does not offer the uploaded image #%s", mediaID)
		}
		b.choose("#f-cover_id", mediaID)
		b.screenshot("editor")
		if resp := b.click(`form.editor-form button[name="action"][value="publish"]`); resp.Status != http.StatusOK {
			t.Fatalf("publishing: status %d; page says %q", resp.Status, b.text("main"))
		}
		if got := b.path(); !newsEditPath.MatchString(got) {
			t.Fatalf("publishing led to %s, want /tr/admin/news/{id}; page says %q", got, b.text("main"))
		}
		if got, want := b.text("main .flash"), msg("tr", "content.flash.publish"); got != want {
			t.Errorf("flash after publishing: %q, want %q", got, want)
		}
		if got, want := b.text(".editor-status .badge"), msg("tr", "content.status.published"); got != want {
			t.Errorf("status after publishing: %q, want %q", got, want)
		}
		if got := b.value("#f-cover_id"); got != mediaID {
			t.Errorf("saved cover is %q, want the uploaded image %s", got, mediaID)
		}
		article := b.attr(`.editor-status a[href^="/tr/news/"]`, "href")
		if !strings.HasPrefix(article, "/tr/news/inciralti") {
			t.Fatalf("the editor links the published article at %q, want /tr/news/inciralti…", article)
		}

		// Sign out.
		if resp := b.click(`form[action="/tr/logout"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("signing out: status %d", resp.Status)
		}
		if n := b.count(`form[action$="/logout"]`); n != 0 {
			t.Fatalf("after signing out the page still has %d logout form(s)", n)
		}

		// A visitor searches the upper-case word with the dotted capital İ.
		if resp := b.open("/tr/search"); resp.Status != http.StatusOK {
			t.Fatalf("GET /tr/search: status %d", resp.Status)
		}
		b.typeInto("#f-q", searchWord)
		if resp := b.click(`main form[role="search"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("searching %q: status %d; page says %q", searchWord, resp.Status, b.text("main"))
		}
		hit := fmt.Sprintf(`.search-hit[lang="tr"] h3 a[href="%s"]`, article)
		if n := b.count(hit); n != 1 {
			t.Fatalf("searching %q: %d Turkish hit(s) link %s; page says %q", searchWord, n, article, b.text("main"))
		}
		if got := b.attr(".search-hit h3 a", "href"); got != article {
			t.Errorf("searching %q in Turkish: the first hit links %s, want the article %s", searchWord, got, article)
		}
		if got := b.text(hit); got != trTitle {
			t.Errorf("the hit's title reads %q, want %q", got, trTitle)
		}
		if n := b.count(hit + " mark"); n != 1 {
			t.Errorf("the hit's title highlights %d word(s), want 1 for %q", n, searchWord)
		} else if got := b.text(hit + " mark"); got != "İnciraltı" {
			t.Errorf("the hit's title highlights %q, want the word as written, İnciraltı", got)
		}
		b.screenshot("search")
		// Folded the other way: lower case, without the dots and the Turkish ı.
		if resp := b.open("/tr/search?q=inciralti"); resp.Status != http.StatusOK {
			t.Fatalf("GET /tr/search?q=inciralti: status %d", resp.Status)
		}
		if n := b.count(hit); n != 1 {
			t.Errorf(`searching "inciralti": %d Turkish hit(s) link %s; page says %q`, n, article, b.text("main"))
		}

		// Open the article from the results.
		if resp := b.click(hit); resp.Status != http.StatusOK {
			t.Fatalf("opening the hit: status %d", resp.Status)
		}
		if got := b.path(); got != article {
			t.Fatalf("the hit led to %s, want %s", got, article)
		}
		if got := b.text("#entry-title"); got != trTitle {
			t.Errorf("article heading %q, want %q", got, trTitle)
		}
		if got := b.text(".entry-lead"); got != trLead {
			t.Errorf("article lead %q, want %q", got, trLead)
		}
		if got := b.attr(".entry-cover img", "alt"); got != trAlt {
			t.Errorf("cover alt text %q, want %q", got, trAlt)
		}

		// One click: Turkish | Azerbaijani side by side.
		pair := `.entry-tools a[href$="?view=tr-az"]`
		if got, want := b.text(pair), msg("tr", "content.view.pair"); got != want {
			t.Errorf("side-by-side link says %q, want %q", got, want)
		}
		if resp := b.click(pair); resp.Status != http.StatusOK {
			t.Fatalf("switching to side by side: status %d", resp.Status)
		}
		if got, want := b.path(), article+"?view=tr-az"; got != want {
			t.Fatalf("side-by-side link led to %s, want %s", got, want)
		}
		langs, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".pair-col"), c => c.lang)`))
		b.must(err, "read the columns' languages")
		if strings.Join(langs, "|") != "tr|az" {
			t.Fatalf("side-by-side columns have lang %q, want [tr az]", langs)
		}
		for _, c := range []struct{ lang, title, lead string }{{"tr", trTitle, trLead}, {"az", azTitle, azLead}} {
			col := fmt.Sprintf(`.pair .pair-col[lang="%s"]`, c.lang)
			if got := b.text(col + " .pair-title"); got != c.title {
				t.Errorf("%s column title %q, want %q", c.lang, got, c.title)
			}
			if got := b.text(col + " .lead"); got != c.lead {
				t.Errorf("%s column lead %q, want %q", c.lang, got, c.lead)
			}
			if n := b.count(col + " .entry-body h2"); n != 1 {
				t.Errorf("%s column body has %d section heading(s), want the one from the Markdown", c.lang, n)
			}
		}
		if got := b.text(`.pair-col[lang="az"] .entry-body h2`); got != "Fidanlar torpaqla görüşdü" {
			t.Errorf("Azerbaijani section heading %q", got)
		}

		// The cover image has loaded.
		const cover = `document.querySelector(".entry-cover img")`
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](cover+".complete", chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
		b.must(err, "wait for the cover image to load")
		width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](cover+".naturalWidth"))
		b.must(err, "read the cover's naturalWidth")
		if width <= 0 {
			src, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](cover+".currentSrc"))
			t.Errorf("the cover image %s did not render (naturalWidth %d)", src, width)
		}
		b.screenshot("side_by_side")
	})
}

// writeJPEG writes a real w×h JPEG photo-like gradient to path and returns the path.
func writeJPEG(t *testing.T, path string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			// sky over the sea over the shore
			c := color.RGBA{R: uint8(40 + 120*y/h), G: uint8(110 + 100*x/w), B: uint8(220 - 150*y/h), A: 255}
			if y > h*2/3 {
				c = color.RGBA{R: 200, G: uint8(170 + 40*x/w), B: 110, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatalf("create %s: %v", path, err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		t.Fatalf("encode JPEG: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	return path
}
