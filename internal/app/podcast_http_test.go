package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
)

// podcastDemo seeds the demo show (a published trailer and a published episode 1 with
// chapters and a transcript) and adds a draft, returning the show and the draft's id.
func podcastDemo(t *testing.T, a *App) (*podcast.Show, int64) {
	t.Helper()
	ctx := context.Background()
	admin := &web.Viewer{ID: 1, Roles: []string{"coordinator"}}
	if err := a.Podcast.Seed(ctx, admin); err != nil {
		t.Fatal(err)
	}
	sh, err := a.Podcast.ShowBySlug(ctx, "izmir-baku-40")
	if err != nil {
		t.Fatal(err)
	}
	mp3 := podcast.SilentMP3(5 * time.Second)
	draft, err := a.Podcast.CreateEpisode(ctx, admin, sh.ID, podcast.EpisodeInput{Title: "Taslak bölüm", Language: "tr", Season: 1, Number: 2},
		&podcast.Audio{R: bytes.NewReader(mp3), Size: int64(len(mp3)), Claimed: "audio/mpeg"})
	if err != nil {
		t.Fatal(err)
	}
	return sh, draft.ID
}

func TestPodcastFeedIsReadByAnIndependentParser(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		c := newClient(t, a)
		sh, _ := podcastDemo(t, a)
		r := c.get("/podcast/izmir-baku-40/feed.xml")
		r.must(t, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != "application/rss+xml; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		f, err := gofeed.NewParser().ParseString(r.Body)
		if err != nil {
			t.Fatalf("gofeed: %v", err)
		}
		if f.Title != "İzmir–Bakü 40" || f.Language != "tr" || f.ITunesExt == nil || f.ITunesExt.Owner == nil ||
			f.ITunesExt.Owner.Email != "podcast@example.org" || f.ITunesExt.Categories[0].Text != "Society & Culture" {
			t.Fatalf("channel: %+v", f)
		}
		if got := f.Extensions["podcast"]["guid"][0].Value; got != sh.GUID {
			t.Fatalf("podcast:guid %q, want %q", got, sh.GUID)
		}
		if len(f.Items) != 2 {
			t.Fatalf("%d items, want the trailer and episode 1 (not the draft)", len(f.Items))
		}
		var full *gofeed.Item
		for _, it := range f.Items {
			if it.Title == "Taslak bölüm" {
				t.Fatal("a draft is in the feed")
			}
			if it.ITunesExt.EpisodeType == "full" {
				full = it
			}
		}
		if full == nil || full.ITunesExt.Episode != "1" || full.ITunesExt.Season != "1" || full.ITunesExt.Duration != "30" {
			t.Fatalf("episode 1: %+v", full)
		}
		enc := full.Enclosures[0]
		if enc.Type != "audio/mpeg" || !strings.HasSuffix(enc.URL, "/podcast/izmir-baku-40/"+full.GUID+".mp3") {
			t.Fatalf("enclosure %+v", enc)
		}
		if enc.Length != fmt.Sprint(len(podcast.SilentMP3(30*time.Second))) {
			t.Fatalf("enclosure length %s", enc.Length)
		}
		ext := full.Extensions["podcast"]
		if len(ext["transcript"]) != 1 || ext["transcript"][0].Attrs["type"] != "text/vtt" || len(ext["chapters"]) != 1 || len(ext["person"]) != 2 {
			t.Fatalf("podcasting 2.0 elements: %+v", ext)
		}
		// The transcript and chapters it points to are served.
		path := ext["transcript"][0].Attrs["url"][strings.Index(ext["transcript"][0].Attrs["url"], "/podcast/"):]
		c.get(path).must(t, http.StatusOK, "WEBVTT", "Protokol 1986")
		path = ext["chapters"][0].Attrs["url"][strings.Index(ext["chapters"][0].Attrs["url"], "/podcast/"):]
		ch := c.get(path)
		ch.must(t, http.StatusOK, `"Protokol"`, `"version"`)
		if !strings.HasPrefix(ch.Header.Get("Content-Type"), "application/json+chapters") {
			t.Fatalf("chapters type %q", ch.Header.Get("Content-Type"))
		}

		// A poll with the ETag is answered 304 without a body.
		again := c.get("/podcast/izmir-baku-40/feed.xml", "If-None-Match", r.Header.Get("ETag"))
		if again.Status != http.StatusNotModified || again.Body != "" {
			t.Fatalf("revalidation: %d %q", again.Status, again.Body)
		}
		if r.Header.Get("Last-Modified") == "" {
			t.Fatal("no Last-Modified")
		}
		c.get("/podcast/no-such-show/feed.xml").must(t, http.StatusNotFound)
	})
}

func TestPodcastAudioRanges(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		c := newClient(t, a)
		sh, draftID := podcastDemo(t, a)
		eps, err := a.Podcast.Episodes(context.Background(), nil, sh.ID)
		if err != nil || len(eps) != 2 {
			t.Fatalf("episodes: %v %d", err, len(eps))
		}
		e := eps[0]
		file := podcast.SilentMP3(30 * time.Second)
		path := "/podcast/izmir-baku-40/" + e.GUID + ".mp3"

		whole := c.get(path)
		whole.must(t, http.StatusOK)
		if whole.Header.Get("Content-Type") != "audio/mpeg" || whole.Header.Get("Content-Length") != fmt.Sprint(len(file)) ||
			whole.Body != string(file) || whole.Header.Get("Accept-Ranges") != "bytes" {
			t.Fatalf("whole file: %v", whole.Header)
		}
		part := c.get(path, "Range", "bytes=100-299")
		part.must(t, http.StatusPartialContent)
		if part.Body != string(file[100:300]) || part.Header.Get("Content-Range") != fmt.Sprintf("bytes 100-299/%d", len(file)) {
			t.Fatalf("range: %q %v", part.Header.Get("Content-Range"), len(part.Body))
		}
		tail := c.get(path, "Range", "bytes=-10")
		tail.must(t, http.StatusPartialContent)
		if tail.Body != string(file[len(file)-10:]) {
			t.Fatal("suffix range: wrong bytes")
		}
		past := c.get(path, "Range", fmt.Sprintf("bytes=%d-", len(file)+10))
		if past.Status != http.StatusRequestedRangeNotSatisfiable || past.Header.Get("Content-Range") != fmt.Sprintf("bytes */%d", len(file)) {
			t.Fatalf("past the end: %d %v", past.Status, past.Header)
		}
		if bad := c.get(path, "Range", "bytes=abc-def"); bad.Status != http.StatusRequestedRangeNotSatisfiable {
			t.Fatalf("malformed range: %d", bad.Status)
		}
		// By id too, and never a draft's audio from the public address.
		c.get(fmt.Sprintf("/podcast/izmir-baku-40/%d.mp3", e.ID)).must(t, http.StatusOK)
		draft, _, err := a.Podcast.Episode(context.Background(), &web.Viewer{Roles: []string{"admin"}}, draftID)
		if err != nil {
			t.Fatal(err)
		}
		c.get("/podcast/izmir-baku-40/"+draft.GUID+".mp3").must(t, http.StatusNotFound)
		c.get(fmt.Sprintf("/tr/admin/podcast/episodes/%d/audio.mp3", draftID)).must(t, http.StatusNotFound)
		// A coordinator previews the draft through the session.
		user(t, a, "koordinator@example.org", "coordinator")
		c.login("koordinator@example.org")
		preview := c.get(fmt.Sprintf("/tr/admin/podcast/episodes/%d/audio.mp3", draftID), "Range", "bytes=0-3")
		preview.must(t, http.StatusPartialContent)
		if preview.Body != string(podcast.SilentMP3(time.Second)[:4]) || preview.Header.Get("Cache-Control") != "private, no-store" {
			t.Fatalf("draft preview: %q %v", preview.Body, preview.Header)
		}
	})
}

func TestPodcastPublicPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		c := newClient(t, a)
		sh, draftID := podcastDemo(t, a)
		eps, _ := a.Podcast.Episodes(context.Background(), nil, sh.ID)
		var full *podcast.Episode
		for _, e := range eps {
			if e.Number == 1 {
				full = e
			}
		}
		c.get("/tr/podcast").must(t, http.StatusOK, "İzmir–Bakü 40")
		if strings.Contains(c.get("/en/podcast/izmir-baku-40").Body, "Open in Apple Podcasts") {
			t.Fatal("an Apple Podcasts link before one is set")
		}
		in := podcast.ShowInput{Slug: sh.Slug, Title: sh.Title, Description: sh.Description, Language: sh.Language,
			Category: podcast.CategoryLabel(sh.Category), OwnerEmail: sh.OwnerEmail, AppleURL: "https://podcasts.apple.com/tr/podcast/id1"}
		if _, err := a.Podcast.UpdateShow(context.Background(), &web.Viewer{ID: 1, Roles: []string{"admin"}}, sh.ID, in); err != nil {
			t.Fatal(err)
		}
		c.get("/en/podcast/izmir-baku-40").must(t, http.StatusOK, "Open in Apple Podcasts", "https://podcasts.apple.com/tr/podcast/id1")
		show := c.get("/az/podcast/izmir-baku-40")
		show.must(t, http.StatusOK, "/podcast/izmir-baku-40/feed.xml", "1986&#39;dan bugüne", "Abunə olun")
		if strings.Contains(show.Body, "Taslak bölüm") {
			t.Fatal("the show page lists a draft")
		}
		page := c.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d", full.ID))
		page.must(t, http.StatusOK, "<audio controls", `property="og:audio"`, `content="audio/mpeg"`,
			`data-seek="10"`, "Protokol", "Protokol 1986&#39;da imzalandı.", "js/podcast_player", "<li>Eğitim ve öğrenciler</li>", " İzmir · ", " Bakü")
		if strings.Contains(page.Body, "<script>") {
			t.Fatal("inline script on the episode page")
		}
		// The no-script seek: ?t= starts the player at the chapter.
		c.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d?t=10", full.ID)).must(t, http.StatusOK, ".mp3#t=10")
		c.get(fmt.Sprintf("/tr/podcast/izmir-baku-40/%d", draftID)).must(t, http.StatusNotFound)
		c.get(fmt.Sprintf("/tr/podcast/other-show/%d", full.ID)).must(t, http.StatusNotFound)

		embed := c.get(fmt.Sprintf("/en/podcast/izmir-baku-40/%d/embed", full.ID))
		embed.must(t, http.StatusOK, "<audio controls")
		if csp := embed.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") || embed.Header.Get("X-Frame-Options") != "" {
			t.Fatalf("embed may not be framed: %q %q", csp, embed.Header.Get("X-Frame-Options"))
		}
		if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Fatalf("the episode page itself may be framed: %q", csp)
		}
	})
}

// upload builds a multipart body of fields and files (name → filename, content type, bytes).
type upFile struct {
	field, name, contentType string
	data                     []byte
}

func multipartBody(t *testing.T, fields map[string]string, files ...upFile) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, f.field, f.name))
		h.Set("Content-Type", f.contentType)
		part, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = part.Write(f.data)
	}
	_ = w.Close()
	return &buf, w.FormDataContentType()
}

func (c *client) postMultipart(path string, fields map[string]string, files ...upFile) response {
	body, ct := multipartBody(c.t, fields, files...)
	req := c.newRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func countRows(t *testing.T, a *App, table string) int {
	t.Helper()
	var n int
	if err := a.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPodcastUploadForm(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		sh, draftID := podcastDemo(t, a)
		user(t, a, "koordinator@example.org", "coordinator")
		user(t, a, "uye@example.org", "member")
		mp3 := podcast.SilentMP3(20 * time.Second)
		fields := map[string]string{"title": "Limanlar ve ticaret", "language": "tr", "type": "full", "season": "1", "number": "3",
			"notes_tr": "İzmir limanı ve **Bakü**.", "person_name_0": "İzmir Ticaret Odası", "person_role_0": "guest"}
		audio := upFile{"audio", "bolum3.mp3", "audio/mpeg", mp3}
		path := fmt.Sprintf("/tr/admin/podcast/shows/%d/episodes", sh.ID)
		before := countRows(t, a, "podcast_episodes")

		member := newClient(t, a)
		member.login("uye@example.org")
		member.postMultipart(path, fields, audio).must(t, http.StatusForbidden)
		member.get("/tr/admin/podcast").must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/tr/admin/podcast/shows/%d", sh.ID)).must(t, http.StatusForbidden)
		member.post(fmt.Sprintf("/tr/admin/podcast/shows/%d", sh.ID), map[string][]string{"title": {"Ele geçirildi"}}).must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/tr/admin/podcast/episodes/%d", draftID)).must(t, http.StatusNotFound)
		member.post(fmt.Sprintf("/tr/admin/podcast/episodes/%d/publish", draftID), map[string][]string{"action": {"publish"}}).must(t, http.StatusForbidden)
		member.get(fmt.Sprintf("/tr/admin/podcast/episodes/%d/audio.mp3", draftID)).must(t, http.StatusNotFound)
		if got, _ := a.Podcast.ShowBySlug(context.Background(), "izmir-baku-40"); got.Title != "İzmir–Bakü 40" {
			t.Fatalf("a member renamed the show to %q", got.Title)
		}

		c := newClient(t, a)
		c.login("koordinator@example.org")
		bad := []struct {
			name    string
			edit    map[string]string
			file    upFile
			message string
		}{
			{"not audio", nil, upFile{"audio", "kapak.mp3", "audio/mpeg", podcast.Artwork(16)}, "Bu dosya MP3 ya da M4A ses dosyası değil."},
			{"lying type", nil, upFile{"audio", "bolum.m4a", "audio/mp4", mp3}, "Dosyanın türü bildirilen türle uyuşmuyor."},
			{"truncated", nil, upFile{"audio", "bolum.mp3", "audio/mpeg", mp3[:len(mp3)-100]}, "Ses dosyası yarım kalmış"},
			{"duplicate number", map[string]string{"number": "1"}, audio, "Bu sezonda bu numaralı bir bölüm zaten var."},
		}
		for _, b := range bad {
			f := map[string]string{}
			for k, v := range fields {
				f[k] = v
			}
			for k, v := range b.edit {
				f[k] = v
			}
			r := c.postMultipart(path, f, b.file)
			r.must(t, http.StatusUnprocessableEntity, b.message, "Limanlar ve ticaret", "İzmir Ticaret Odası")
		}
		r := c.postMultipart(path, fields, audio, upFile{"transcript", "metin.srt", "text/plain", []byte("bu bir altyazı değil")})
		r.must(t, http.StatusUnprocessableEntity, "Bu dosya SRT ya da WebVTT değil.")
		r = c.postMultipart(path, fields, audio, upFile{"chapters", "bolumler.json", "application/json", []byte(`{"version":"1.2.0","chapters":[{"startTime":5,"title":"B"},{"startTime":1,"title":"A"}]}`)})
		r.must(t, http.StatusUnprocessableEntity, "Bölümler zaman sırasında değil.")
		a.Podcast.SetAudioLimit(int64(len(mp3) - 1))
		c.postMultipart(path, fields, audio).must(t, http.StatusUnprocessableEntity, "Ses dosyası izin verilen boyutu")
		a.Podcast.SetAudioLimit(podcast.MaxAudioBytes)
		if n := countRows(t, a, "podcast_episodes"); n != before {
			t.Fatalf("bad uploads wrote %d episodes", n-before)
		}

		ok := c.postMultipart(path, fields, audio)
		ok.must(t, http.StatusSeeOther)
		edit := c.get(ok.Header.Get("Location"))
		edit.must(t, http.StatusOK, "Limanlar ve ticaret", "Taslak")
		// Schedule in the past is refused with the form kept; publishing now works.
		id := strings.TrimPrefix(ok.Header.Get("Location"), "/tr/admin/podcast/episodes/")
		sched := c.post("/tr/admin/podcast/episodes/"+id+"/publish", map[string][]string{"action": {"schedule"}, "publish_at": {"2020-01-01T10:00"}})
		sched.must(t, http.StatusUnprocessableEntity, "Zamanlanan yayın zamanı gelecekte olmalı.", "2020-01-01T10:00")
		c.post("/tr/admin/podcast/episodes/"+id+"/publish", map[string][]string{"action": {"publish"}}).must(t, http.StatusSeeOther)
		c.get("/podcast/izmir-baku-40/feed.xml").must(t, http.StatusOK, "Limanlar ve ticaret", "İzmir Ticaret Odası")
	})
}

func TestPodcastAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		sh, _ := podcastDemo(t, a)
		user(t, a, "koordinator@example.org", "coordinator")
		c := newClient(t, a)
		c.login("koordinator@example.org")
		c.get("/api/v1/podcast/shows").must(t, http.StatusOK, `"slug":"izmir-baku-40"`, `"feed_url"`)
		anon := newClient(t, a)
		list := anon.get(fmt.Sprintf("/api/v1/podcast/shows/%d/episodes", sh.ID))
		list.must(t, http.StatusOK)
		if strings.Contains(list.Body, "Taslak bölüm") {
			t.Fatal("the API lists a draft to an anonymous caller")
		}
		path := fmt.Sprintf("/api/v1/podcast/shows/%d/episodes", sh.ID)
		body, ct := multipartBody(t, map[string]string{"title": "API bölümü", "language": "az", "type": "bonus",
			"persons": `[{"name":"Bakı Dövlət Universiteti","role":"guest"}]`},
			upFile{"audio", "x.mp3", "application/octet-stream", podcast.SilentMP3(3 * time.Second)})
		req := anon.newRequest(http.MethodPost, path, body)
		req.Header.Set("Content-Type", ct)
		anon.do(req).must(t, http.StatusUnauthorized)

		body, ct = multipartBody(t, map[string]string{"title": "API bölümü", "language": "az", "type": "bonus",
			"persons": `[{"name":"Bakı Dövlət Universiteti","role":"guest"}]`},
			upFile{"audio", "x.mp3", "application/octet-stream", podcast.SilentMP3(3 * time.Second)})
		req = c.newRequest(http.MethodPost, path, body)
		req.Header.Set("Content-Type", ct)
		created := c.do(req)
		created.must(t, http.StatusCreated, `"status":"draft"`, `"audio_type":"audio/mpeg"`, "Bakı Dövlət Universiteti")
		defer func() {
			// Published, the Azerbaijani episode of the Turkish show is marked in the feed's title.
			c.get("/podcast/izmir-baku-40/feed.xml").must(t, http.StatusOK, "API bölümü (yeni) (Azerbaycan Türkçesi)", "<dc:language>az</dc:language>")
		}()

		body, ct = multipartBody(t, map[string]string{"title": "Yanlış", "language": "tr"}, upFile{"audio", "x.mp3", "audio/mpeg", []byte("not audio at all, only text")})
		req = c.newRequest(http.MethodPost, path, body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Accept-Language", "en")
		bad := c.do(req)
		bad.must(t, http.StatusUnprocessableEntity, `"audio":"This file is not MP3 or M4A audio."`)
		if !strings.HasPrefix(bad.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("problem type %q", bad.Header.Get("Content-Type"))
		}
		var id int64
		fmt.Sscanf(created.Body[strings.Index(created.Body, `"id":`)+5:], "%d", &id)
		put := c.api(http.MethodPut, fmt.Sprintf("/api/v1/podcast/episodes/%d", id),
			`{"title":"API bölümü (yeni)","language":"az","type":"bonus","chapters":{"version":"1.2.0","chapters":[{"startTime":0,"title":"Giriş"}]}}`, "")
		put.must(t, http.StatusOK, "API bölümü (yeni)", `"chapters_url"`)
		pub := c.api(http.MethodPost, fmt.Sprintf("/api/v1/podcast/episodes/%d/publish", id), `{"publish_at":"2020-01-01T00:00:00Z"}`, "")
		pub.must(t, http.StatusUnprocessableEntity, "publish_at")
		c.api(http.MethodPost, fmt.Sprintf("/api/v1/podcast/episodes/%d/publish", id), "", "").must(t, http.StatusOK, `"status":"published"`)
	})
}

// The demo loads the show (twice changes nothing), and an episode links to the demo's
// festival and its project; an id that is no public event is refused.
func TestPodcastDemoAndRelatedLinks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := newTestAppOn(t, d)
		ctx := context.Background()
		for range 2 {
			if err := a.LoadDemo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := countRows(t, a, "podcast_episodes"); n != 2 {
			t.Fatalf("%d demo episodes, want a trailer and episode 1", n)
		}
		festival, err := a.Events.BySlug(ctx, nil, "izmir-baku-kultur-festivali")
		if err != nil {
			t.Fatal(err)
		}
		proj, err := a.Tracker.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali")
		if err != nil {
			t.Fatal(err)
		}
		sh, _ := a.Podcast.ShowBySlug(ctx, "izmir-baku-40")
		eps, _ := a.Podcast.Episodes(ctx, nil, sh.ID)
		e := eps[0]
		user(t, a, "koordinator@example.org", "coordinator")
		c := newClient(t, a)
		c.login("koordinator@example.org")
		path := fmt.Sprintf("/api/v1/podcast/episodes/%d", e.ID)
		body := func(events string) string {
			return fmt.Sprintf(`{"title":%q,"language":"tr","type":%q,"season":%d,"number":%d,"event_ids":%s,"project_ids":[%d]}`,
				e.Title, e.Type, e.Season, e.Number, events, proj.ID)
		}
		c.api(http.MethodPut, path, body("[999999]"), "").must(t, http.StatusUnprocessableEntity, "event_ids")
		c.api(http.MethodPut, path, body(fmt.Sprintf("[%d]", festival.ID)), "").must(t, http.StatusOK)
		anon := newClient(t, a)
		anon.get(fmt.Sprintf("/en/podcast/izmir-baku-40/%d", e.ID)).must(t, http.StatusOK,
			"/en/events/izmir-baku-kultur-festivali", "/en/projects/kardeslik-40-genclik-festivali", "Related events and projects")
		anon.get("/tr/search?q=protokol").must(t, http.StatusOK, "/tr/podcast/izmir-baku-40/")
	})
}
