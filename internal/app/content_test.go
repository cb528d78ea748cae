package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"golang.org/x/net/html"
)

const meetingPath = "/news/izazder-buyuksehir-belediyesi-ile-kardesligi-kurumsallastirma-gorusmesi"

func seededContent(t *testing.T, d *db.DB) *App {
	t.Helper()
	a := newTestAppOn(t, d)
	if err := a.Content.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestArticlePage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		c := newClient(t, seededContent(t, d))
		r := c.get("/tr" + meetingPath)
		r.must(t, http.StatusOK,
			"<h1 id=\"entry-title\">İZAZDER ile İzmir Büyükşehir Belediyesi",
			"Yayın Tarihi <time datetime=\"2026-01-12T13:03:00Z\">12.01.2026 16:03</time>",
			`<meta property="og:title" content="İZAZDER ile`,
			`<meta property="og:locale" content="tr_TR">`,
			`<meta property="og:image" content="http://127.0.0.1:8080/media/`,
			`<script type="application/ld+json" nonce="`,
			`"@type":"NewsArticle"`, `"datePublished":"2026-01-12T13:03:00Z"`,
			"<figure", `srcset="/media/`, "İZAZDER</a>", `?view=tr-az"`)
		if strings.Contains(r.Body, "Güncelleme Tarihi") {
			t.Fatal("an article never revised shows an update time")
		}
		// One click: Turkish and Azerbaijani side by side, each marked with its language.
		pair := c.get("/en" + meetingPath + "?view=tr-az")
		pair.must(t, http.StatusOK, `<section class="pair-col" lang="tr"`, `<section class="pair-col" lang="az"`,
			"İZAZDER və İzmir Böyükşəhər Bələdiyyəsi", "İZAZDER ile İzmir Büyükşehir Belediyesi")
		// English reader of a Turkish-only page is told what language it is in.
		c.get("/en/news").must(t, http.StatusOK, "İZAZDER and İzmir Metropolitan Municipality")
		c.get("/tr/news?category=kardes-sehir").must(t, http.StatusOK, "İZAZDER ile")
		if r := c.get("/tr/news?tag=yok-boyle-etiket"); strings.Contains(r.Body, "İZAZDER ile") {
			t.Fatal("tag filter ignored")
		}
		c.get("/tr/news?tag=izazder").must(t, http.StatusOK, "İZAZDER ile")
		c.get("/az/pages/40-yil-programi").must(t, http.StatusOK, "40-cı il", `lang="az"`)
		c.get("/tr/pages/yok").must(t, http.StatusNotFound)
	})
}

func TestFallbackLanguageIsAnnounced(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	ed := identityViewer(t, a, "ed@example.org", identity.RoleCoordinator)
	_, err := a.Content.Create(ctx, ed, content.Page, content.Input{Slug: "yalniz-turkce", Title: content.Text{TR: "Yalnız Türkçe"}, Body: content.Text{TR: "Türkçe metin."}}, content.Change{Action: content.ActionPublish})
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, a)
	c.get("/az/pages/yalniz-turkce").must(t, http.StatusOK, "Bu məzmun türk dilində göstərilir.", `<h1 id="entry-title" lang="tr">`, `lang="tr">`)
	c.get("/en/pages/yalniz-turkce?view=tr-az").must(t, http.StatusOK, "Not translated into this language yet.")
}

func identityViewer(t *testing.T, a *App, email string, roles ...string) *web.Viewer {
	t.Helper()
	return identity.Viewer(user(t, a, email, roles...))
}

func TestArticleRevalidation(t *testing.T) {
	a := seededContent(t, dbtest.SQLite(t))
	c := newClient(t, a)
	for _, path := range []string{"/tr" + meetingPath, "/tr/news", "/tr/pages/hakkinda"} {
		first := c.get(path)
		first.must(t, http.StatusOK)
		etag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if etag == "" || modified == "" {
			t.Fatalf("%s: validators %q %q", path, etag, modified)
		}
		// Twice: once answered by the handler, once by the page cache in front of it.
		for range 2 {
			r := c.get(path, "If-None-Match", etag)
			if r.Status != http.StatusNotModified || r.Body != "" {
				t.Fatalf("%s If-None-Match: %d %q", path, r.Status, r.Body)
			}
		}
		if r := c.get(path, "If-Modified-Since", modified); r.Status != http.StatusNotModified {
			t.Fatalf("%s If-Modified-Since: %d", path, r.Status)
		}
		if r := c.get(path, "If-None-Match", `W/"something-else"`); r.Status != http.StatusOK {
			t.Fatalf("%s stale tag: %d", path, r.Status)
		}
	}
	// An edit changes the validator at once.
	first := c.get("/tr" + meetingPath)
	ed := identityViewer(t, a, "ed@example.org", identity.RoleCoordinator)
	list, _, _ := a.Content.List(context.Background(), ed, content.Filter{Kind: content.News, Limit: 1})
	in := list[0].Input
	in.Lead.TR = "Yeni spot."
	if _, err := a.Content.Update(context.Background(), ed, content.News, list[0].ID, in, content.Change{}); err != nil {
		t.Fatal(err)
	}
	r := c.get("/tr"+meetingPath, "If-None-Match", first.Header.Get("ETag"))
	r.must(t, http.StatusOK, "Yeni spot.", "Güncelleme Tarihi")
}

func TestHostileContentIsInert(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		c := newClient(t, a)
		c.login("koord@example.org")
		body := map[string]any{
			"slug":  "zararli",
			"title": map[string]string{"tr": `</script><script>alert("t")</script>`, "az": "", "en": ""},
			"lead":  map[string]string{"tr": `<img src=x onerror=alert(1)>`, "az": "", "en": ""},
			"body": map[string]string{"tr": "Metin <script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n[tık](javascript:alert(4))\n\n<a href=# onclick=alert(5)>a</a>",
				"az": "", "en": ""},
			"author": map[string]any{"kind": "person", "name": `<b onmouseover=alert(6)>Ad</b>`, "bio": map[string]string{"tr": "", "az": "", "en": ""}},
			"tags":   []string{"<script>"},
		}
		raw, _ := json.Marshal(body)
		r := c.api("POST", "/api/v1/news", string(raw), "")
		r.must(t, http.StatusCreated)
		var e struct {
			ID int64 `json:"id"`
		}
		_ = json.Unmarshal([]byte(r.Body), &e)
		c.api("POST", fmt.Sprintf("/api/v1/news/%d/publish", e.ID), "", "").must(t, http.StatusOK, `"status":"published"`)

		page := newClient(t, a).get("/tr/news/zararli")
		page.must(t, http.StatusOK, "&lt;/script&gt;&lt;script&gt;alert(", `\u003c/script\u003e`)
		// Parsed as a browser would: no element may carry an event handler, a script other
		// than the JSON-LD data block, or a javascript: link.
		doc, err := html.Parse(strings.NewReader(page.Body))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, at := range n.Attr {
				if strings.HasPrefix(at.Key, "on") || (at.Key == "href" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(at.Val)), "javascript:")) {
					t.Fatalf("<%s %s=%q> reached the reader", n.Data, at.Key, at.Val)
				}
			}
			if n.Data == "script" && !slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "type" && a.Val == "application/ld+json" }) {
				t.Fatalf("a script element reached the reader: %+v", n)
			}
		}
		low := strings.ToLower(page.Body)
		// The only </script> closes the JSON-LD block.
		if n := strings.Count(low, "</script>"); n != 1 {
			t.Fatalf("%d </script> in the page", n)
		}
	})
}

func TestEditorRightsAndForms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := seededContent(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")
		anon := newClient(t, a)
		anon.get("/tr/admin/news").must(t, http.StatusUnauthorized)
		anon.post("/tr/admin/news", url.Values{"title_tr": {"x"}}).must(t, http.StatusUnauthorized)
		anon.api("POST", "/api/v1/news", `{"title":{"tr":"x","az":"","en":""}}`, "").must(t, http.StatusUnauthorized)

		member := newClient(t, a)
		member.login("uye@example.org")
		for _, p := range []string{"/tr/admin/news", "/tr/admin/news/new", "/tr/admin/pages", "/tr/admin/media", "/tr/admin/menu", "/tr/admin/categories", "/tr/admin/news/1/history"} {
			member.get(p).must(t, http.StatusForbidden)
		}
		member.post("/tr/admin/news", url.Values{"title_tr": {"Üye haberi"}}).must(t, http.StatusForbidden)
		member.post("/tr/admin/pages/1", url.Values{"title_tr": {"Değişti"}}).must(t, http.StatusForbidden)
		member.api("PUT", "/api/v1/pages/1", `{"title":{"tr":"Değişti","az":"","en":""}}`, "").must(t, http.StatusForbidden, `"status":403`)
		member.api("GET", "/api/v1/news?status=draft", "", "").must(t, http.StatusForbidden)

		coord := newClient(t, a)
		coord.login("koord@example.org")
		// Every editor page renders, in every language, with the demo's content in it.
		for _, l := range []string{"tr", "az", "en"} {
			for _, p := range []string{"/admin/news", "/admin/news?status=draft", "/admin/news/5", "/admin/news/5/history", "/admin/pages",
				"/admin/pages/1", "/admin/pages/new", "/admin/media", "/admin/media?kind=image", "/admin/media/1", "/admin/menu", "/admin/categories"} {
				coord.get("/"+l+p).must(t, http.StatusOK, `lang="`+l+`"`)
			}
		}
		coord.get("/tr/admin/media/1").must(t, http.StatusOK, "kullanımda olduğu için silinemez")
		coord.post("/tr/admin/media/1/delete", nil).must(t, http.StatusSeeOther)
		coord.get("/tr/admin/media/1").must(t, http.StatusOK, "kopru-40-yil.png") // still there
		coord.get("/tr/admin/news/new").must(t, http.StatusOK, `lang="tr"`, `lang="az"`, `lang="en"`, `name="title_az"`, `name="body_en"`)
		// Invalid slug, then a duplicate one: both explained, nothing written.
		form := url.Values{"title_tr": {"Festival"}, "body_tr": {"Metin"}, "slug": {"Festival 2026!"}, "action": {"save"}}
		coord.post("/tr/admin/news", form).must(t, http.StatusUnprocessableEntity, "Yalnızca küçük harf", `value="Festival 2026!"`)
		form.Set("slug", strings.TrimPrefix(meetingPath, "/news/"))
		coord.post("/tr/admin/news", form).must(t, http.StatusUnprocessableEntity, "başka bir içerikte kullanılıyor", "-kurumsallastirma-gorusmesi-2</code>")
		// A past time for scheduling is refused; a future one is taken.
		form.Set("slug", "festival")
		form.Set("action", "schedule")
		form.Set("publish_at", time.Now().In(time.FixedZone("TRT", 3*3600)).Add(-time.Hour).Format("2006-01-02T15:04"))
		coord.post("/tr/admin/news", form).must(t, http.StatusUnprocessableEntity, "ileri bir tarih")
		form.Set("publish_at", time.Now().In(time.FixedZone("TRT", 3*3600)).Add(48*time.Hour).Format("2006-01-02T15:04"))
		r := coord.post("/tr/admin/news", form)
		r.must(t, http.StatusSeeOther)
		edit := r.Header.Get("Location")
		coord.get(edit).must(t, http.StatusOK, "Zamanlandı", "Zamanlamayı iptal et")
		coord.get(edit+"/history").must(t, http.StatusOK, "Test koord@example.org", "Oluşturdu")
		// Not public yet, for anyone but editors.
		anon.get("/tr/news/festival").must(t, http.StatusNotFound)
		id := edit[strings.LastIndex(edit, "/")+1:]
		anon.api("GET", "/api/v1/news/"+id, "", "").must(t, http.StatusNotFound)
		member.api("GET", "/api/v1/news/"+id, "", "").must(t, http.StatusNotFound)
		coord.api("GET", "/api/v1/news/"+id, "", "").must(t, http.StatusOK, `"status":"scheduled"`)
	})
}

func TestContentAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		c := newClient(t, a)
		c.login("koord@example.org")
		r := c.api("POST", "/api/v1/pages", `{"title":{"tr":"İletişim","az":"Əlaqə","en":"Contact"},"body":{"tr":"Bize yazın.","az":"","en":""}}`, "")
		r.must(t, http.StatusCreated, `"slug":"iletisim"`, `"status":"draft"`, `"url":{"tr":"http://127.0.0.1:8080/tr/pages/iletisim"`)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/api/v1/pages/") {
			t.Fatalf("Location %q", loc)
		}
		c.api("POST", "/api/v1/pages", `{"slug":"iletisim","title":{"tr":"İkinci","az":"","en":""}}`, "").
			must(t, http.StatusUnprocessableEntity, `"slug":"Bu adres başka bir içerikte kullanılıyor; boş olan bir öneri: iletisim-2"`)
		c.api("POST", "/api/v1/pages", `{"title":{"tr":"x","az":"","en":""},"secret":1}`, "").must(t, http.StatusBadRequest)
		c.api("POST", "/api/v1/pages/1/publish", `{"at":"2020-01-01T10:00:00Z"}`, "").must(t, http.StatusUnprocessableEntity, `"at":`)
		c.api("POST", "/api/v1/pages/1/publish", "", "").must(t, http.StatusOK, `"status":"published"`, `"body_html":{"tr":"<p>Bize yazın.</p>`)
		anon := newClient(t, a)
		anon.api("GET", "/api/v1/pages", "", "").must(t, http.StatusOK, `"slug":"iletisim"`)
		c.api("PUT", "/api/v1/pages/1", `{"title":{"tr":"İletişim bilgileri","az":"","en":""},"body":{"tr":"Yeni.","az":"","en":""}}`, "").
			must(t, http.StatusOK, `"slug":"iletisim"`, `"revised_at"`)
		c.api("POST", "/api/v1/pages/1/unpublish", "", "").must(t, http.StatusOK, `"status":"unpublished"`)
		anon.api("GET", "/api/v1/pages/1", "", "").must(t, http.StatusNotFound)
		anon.get("/tr/pages/iletisim").must(t, http.StatusNotFound)
		if r := anon.api("GET", "/api/v1/pages", "", ""); r.Body != "[]\n" || r.Header.Get("X-Total-Count") != "0" {
			t.Fatalf("public list after unpublish: %q", r.Body)
		}
		c.api("GET", "/api/v1/news/1", "", "").must(t, http.StatusNotFound) // a page is not news
	})
}

func pngFile(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 3), 90, uint8(y * 5), 255})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// uploadFile posts one file to the library the way the browser form does.
func (c *client) uploadFile(name string, data []byte, fields map[string]string) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req := c.newRequest("POST", "/tr/admin/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestMediaLibraryUploads(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		user(t, a, "koord@example.org", identity.RoleCoordinator)
		user(t, a, "uye@example.org")
		alt := map[string]string{"alt_tr": "Bir görsel", "caption_az": "Alt yazı"}

		member := newClient(t, a)
		member.login("uye@example.org")
		member.uploadFile("a.png", pngFile(t, 40, 30), alt).must(t, http.StatusForbidden)

		c := newClient(t, a)
		c.login("koord@example.org")
		// The extension lies: an HTML page called .jpg is refused by its content.
		c.uploadFile("foto.jpg", []byte("<html><script>alert(1)</script></html>"), alt).must(t, http.StatusUnprocessableEntity, "JPEG, PNG, WebP ya da PDF değil")
		// Too large: refused before the body is read.
		c.uploadFile("big.png", bytes.Repeat([]byte{0}, content.UploadBodyLimit+1), alt).must(t, http.StatusRequestEntityTooLarge)
		// No alt text for a picture.
		c.uploadFile("a.png", pngFile(t, 40, 30), nil).must(t, http.StatusUnprocessableEntity, "Görmeyen okurlar için")

		// Larger than the 1 MiB other forms get, within the library's limit.
		noise := image.NewRGBA(image.Rect(0, 0, 900, 700))
		_, _ = rand.Read(noise.Pix)
		var big bytes.Buffer
		_ = png.Encode(&big, noise)
		if big.Len() <= maxBody {
			t.Fatalf("test picture too small: %d bytes", big.Len())
		}
		c.uploadFile("buyuk.png", big.Bytes(), alt).must(t, http.StatusSeeOther)
		// A path in the file name goes nowhere: the file is stored under a generated key.
		r := c.uploadFile("../../../etc/passwd.png", pngFile(t, 400, 300), alt)
		r.must(t, http.StatusSeeOther)
		page := c.get(r.Header.Get("Location"))
		page.must(t, http.StatusOK, "passwd.png", "![](media:")
		if strings.Contains(page.Body, "../") {
			t.Fatal("the name kept its path")
		}
		key := regexp.MustCompile(`/media/(\d{4}/\d{2}/[a-z0-9]+\.png)`).FindStringSubmatch(page.Body)
		if key == nil {
			t.Fatalf("no file address on the page:\n%s", page.Body)
		}
		file := newClient(t, a).get("/media/" + key[1])
		file.must(t, http.StatusOK)
		if file.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(file.Body, "\x89PNG") {
			t.Fatalf("served %q", file.Header.Get("Content-Type"))
		}
		for _, bad := range []string{"/media/..%2f..%2fetc%2fpasswd", "/media/2026/01/x.png", "/media/" + key[1] + "x"} {
			if r := newClient(t, a).get(bad); r.Status != http.StatusNotFound && r.Status != http.StatusMovedPermanently {
				t.Fatalf("%s: %d", bad, r.Status)
			}
		}
		// A PDF under an image's name is kept as what it is.
		pdf := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
		r = c.uploadFile("program.png", pdf, nil)
		r.must(t, http.StatusSeeOther)
		c.get(r.Header.Get("Location")).must(t, http.StatusOK, "application/pdf", "[program.pdf](media:")
		c.get("/tr/admin/media").must(t, http.StatusOK, "passwd.png", "400×300")
	})
}
