package content

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	coordinator = &web.Viewer{ID: 0, Name: "Koordinatör", Roles: []string{"coordinator"}}
	member      = &web.Viewer{ID: 0, Name: "Üye"}
	ctx         = context.Background()
)

type fixture struct {
	svc   *Service
	d     *db.DB
	queue *jobs.Queue
	index *search.Index
	files *media.Storage
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	files, err := media.OpenStorage(ctx, "mem://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { files.Close() })
	quiet := slog.New(slog.DiscardHandler)
	q := jobs.New(d, quiet)
	ix := search.New(d)
	return &fixture{svc: NewService(d, q, ix, files, quiet), d: d, queue: q, index: ix, files: files}
}

func article(title string) Input {
	return Input{
		Title: Text{TR: title, AZ: title + " (az)"},
		Lead:  Text{TR: "Kısa giriş"},
		Body:  Text{TR: "## Bölüm\n\nİzmir ile Bakü arasında yeni bir program.", AZ: "İzmir və Bakı arasında yeni proqram."},
		Tags:  ParseTags("Gençlik, İZAZDER"),
	}
}

func fieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	var fields fail.Fields
	if !errors.As(err, &fields) || fields[field] != key {
		t.Fatalf("err = %v (%#v); want %s: %s", err, fields, field, key)
	}
}

func TestDraftPublishUnpublish(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e, err := f.svc.Create(ctx, coordinator, News, article("Gençlik buluşması"), Change{})
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != Draft || e.Slug != "genclik-bulusmasi" {
			t.Fatalf("new entry: %s %q", e.Status, e.Slug)
		}
		// A draft is invisible to readers and members, by slug and by ID.
		if _, err := f.svc.Public(ctx, News, e.Slug); !errors.Is(err, fail.NotFound) {
			t.Fatalf("public draft: %v", err)
		}
		if _, err := f.svc.Get(ctx, member, News, e.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("member reads draft: %v", err)
		}
		if _, err := f.svc.Get(ctx, nil, News, e.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("anonymous reads draft: %v", err)
		}
		if list, _, _ := f.svc.List(ctx, member, Filter{Kind: News, Status: Draft, Limit: 10}); len(list) != 0 {
			t.Fatalf("a member listed %d drafts", len(list))
		}
		// An entry of the other kind with the same ID does not exist.
		if _, err := f.svc.Get(ctx, coordinator, Page, e.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("news read as page: %v", err)
		}

		if e, err = f.svc.Publish(ctx, coordinator, News, e.ID, time.Time{}); err != nil || e.Status != Published || e.PublishedAt == nil {
			t.Fatalf("publish: %v %+v", err, e)
		}
		pub, err := f.svc.Public(ctx, News, e.Slug)
		if err != nil || !strings.Contains(pub.BodyHTML.TR, "<h2>Bölüm</h2>") || len(pub.Tags) != 2 || pub.Tags[1].Slug != "izazder" {
			t.Fatalf("public: %v %+v", err, pub)
		}
		hits, err := f.index.Search(ctx, search.Query{Text: "BAKU", Lang: "tr", Kinds: []string{"news"}})
		if err != nil || len(hits) == 0 || hits[0].URL != "/tr/news/genclik-bulusmasi" {
			t.Fatalf("search after publish: %v %+v", err, hits)
		}

		if _, err := f.svc.Unpublish(ctx, coordinator, News, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Public(ctx, News, e.Slug); !errors.Is(err, fail.NotFound) {
			t.Fatalf("unpublished is public: %v", err)
		}
		if hits, _ := f.index.Search(ctx, search.Query{Text: "BAKU", Lang: "tr"}); len(hits) != 0 {
			t.Fatalf("unpublished entry still found: %+v", hits)
		}
		// Published again, it keeps its first date.
		again, err := f.svc.Publish(ctx, coordinator, News, e.ID, time.Time{})
		if err != nil || !again.PublishedAt.Equal(*e.PublishedAt) {
			t.Fatalf("republish: %v %v vs %v", err, again.PublishedAt, e.PublishedAt)
		}
	})
}

func TestOnlyEditorsWrite(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.Create(ctx, member, News, article("Üye yazısı"), Change{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member create: %v", err)
		}
		if _, err := f.svc.Create(ctx, nil, News, article("Anonim"), Change{}); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous create: %v", err)
		}
		e, err := f.svc.Create(ctx, &web.Viewer{Name: "Yönetici", Roles: []string{"admin"}}, Page, article("Hakkında"), Change{Action: ActionPublish})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Update(ctx, member, Page, e.ID, article("Değişti"), Change{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member update: %v", err)
		}
		if _, err := f.svc.Unpublish(ctx, member, Page, e.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member unpublish: %v", err)
		}
		if err := f.svc.Delete(ctx, member, Page, e.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member delete: %v", err)
		}
		if _, _, err := f.svc.Revisions(ctx, member, Page, e.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member history: %v", err)
		}
		if _, err := f.svc.AddMenuItem(ctx, member, MenuItem{Label: Text{TR: "X"}, URL: "/news"}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member menu: %v", err)
		}
		// The member's published read works.
		if _, err := f.svc.Get(ctx, member, Page, e.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSlugs(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := article("İzmir–Bakü Festivali")
		in.Slug = "İzmir Bakü!"
		_, err := f.svc.Create(ctx, coordinator, News, in, Change{})
		fieldErr(t, err, "slug", "content.slug_invalid")

		in.Slug = "festival"
		if _, err := f.svc.Create(ctx, coordinator, News, in, Change{}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Create(ctx, coordinator, News, in, Change{})
		var taken *SlugTakenError
		if !errors.As(err, &taken) || taken.Suggestion != "festival-2" {
			t.Fatalf("duplicate slug: %v", err)
		}
		fieldErr(t, err, "slug", "content.slug_taken") // still a field error for generic handlers
		// A page may use a news slug; a slug made from the title takes the next free one.
		if _, err := f.svc.Create(ctx, coordinator, Page, in, Change{}); err != nil {
			t.Fatalf("same slug, other kind: %v", err)
		}
		in.Slug = ""
		a, _ := f.svc.Create(ctx, coordinator, News, in, Change{})
		b, err := f.svc.Create(ctx, coordinator, News, in, Change{})
		if err != nil || a.Slug != "izmir-baku-festivali" || b.Slug != "izmir-baku-festivali-2" {
			t.Fatalf("derived slugs %q %q: %v", a.Slug, b.Slug, err)
		}
		// Updating without a slug keeps the address.
		b2, err := f.svc.Update(ctx, coordinator, News, b.ID, article("Yeni başlık"), Change{})
		if err != nil || b2.Slug != b.Slug {
			t.Fatalf("update kept slug? %q: %v", b2.Slug, err)
		}
	})
}

func TestValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.svc.Create(ctx, coordinator, News, Input{}, Change{})
		fieldErr(t, err, "title_tr", "content.title_required")
		in := article("Başlık")
		in.Title.EN = "Two\nlines"
		_, err = f.svc.Create(ctx, coordinator, News, in, Change{})
		fieldErr(t, err, "title_en", "content.one_line")
		in = article("Başlık")
		in.Body = Text{}
		_, err = f.svc.Create(ctx, coordinator, News, in, Change{Action: ActionPublish})
		fieldErr(t, err, "body_tr", "content.body_required")
		in = article("Başlık")
		in.Body.AZ = "![şəkil](media:999)"
		_, err = f.svc.Create(ctx, coordinator, News, in, Change{})
		fieldErr(t, err, "body_az", "content.media_unknown")
		in = article("Başlık")
		in.CategoryID = 77
		_, err = f.svc.Create(ctx, coordinator, News, in, Change{})
		fieldErr(t, err, "category_id", "form.choice")
		// Nothing was written by any of these.
		if list, total, _ := f.svc.List(ctx, coordinator, Filter{Kind: News, Limit: 10}); total != 0 {
			t.Fatalf("half-written entries: %+v", list)
		}
	})
}

// jobsDue moves every queued job's run time into the past: the clock "passes" the
// scheduled time without anyone waiting for it.
func jobsDue(t *testing.T, d *db.DB) {
	t.Helper()
	if _, err := d.Exec(ctx, `UPDATE jobs SET run_at = ? WHERE status = 'queued'`, time.Now().UTC().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
}

func runJobs(t *testing.T, q *jobs.Queue) int {
	t.Helper()
	n := 0
	for {
		ran, err := q.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return n
		}
		n++
	}
}

func TestScheduledPublishing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		e, err := f.svc.Create(ctx, coordinator, News, article("Zamanlı haber"), Change{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Publish(ctx, coordinator, News, e.ID, time.Now().Add(-time.Hour))
		fieldErr(t, err, "publish_at", "content.schedule_past")

		at := time.Now().Add(2 * time.Hour).Truncate(time.Minute)
		if e, err = f.svc.Publish(ctx, coordinator, News, e.ID, at); err != nil || e.Status != Scheduled || !e.PublishedAt.Equal(at) {
			t.Fatalf("schedule: %v %+v", err, e)
		}
		if n := runJobs(t, f.queue); n != 0 {
			t.Fatalf("%d jobs ran before their time", n)
		}
		if _, err := f.svc.Public(ctx, News, e.Slug); !errors.Is(err, fail.NotFound) {
			t.Fatal("scheduled entry is public early")
		}
		jobsDue(t, d)
		if n := runJobs(t, f.queue); n != 1 {
			t.Fatalf("ran %d jobs, want 1", n)
		}
		pub, err := f.svc.Public(ctx, News, e.Slug)
		if err != nil || !pub.PublishedAt.Equal(at) {
			t.Fatalf("after the job: %v %+v", err, pub)
		}
		_, revs, _ := f.svc.Revisions(ctx, coordinator, News, e.ID)
		if revs[0].Action != "publish" || revs[0].UserName != "" || revs[0].UserID != 0 {
			t.Fatalf("latest revision %+v, want the scheduler's publish", revs[0])
		}
	})
}

func TestRescheduledAndCancelledJobsDoNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		first, second := time.Now().Add(time.Hour).Truncate(time.Second), time.Now().Add(3*time.Hour).Truncate(time.Second)

		moved, _ := f.svc.Create(ctx, coordinator, News, article("Ertelenen"), Change{})
		if _, err := f.svc.Publish(ctx, coordinator, News, moved.ID, first); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Publish(ctx, coordinator, News, moved.ID, second); err != nil {
			t.Fatal(err)
		}
		cancelled, _ := f.svc.Create(ctx, coordinator, News, article("İptal edilen"), Change{Action: ActionSchedule, At: first})
		if cancelled.Status != Scheduled {
			t.Fatalf("created scheduled? %s", cancelled.Status)
		}
		if e, err := f.svc.Unpublish(ctx, coordinator, News, cancelled.ID); err != nil || e.Status != Draft || e.PublishedAt != nil {
			t.Fatalf("cancel: %v %+v", err, e)
		}

		jobsDue(t, d)
		if n := runJobs(t, f.queue); n != 3 {
			t.Fatalf("ran %d jobs, want 3 (two for the moved entry, one cancelled)", n)
		}
		// The stale job left the moved entry alone; the current one published it at its time.
		got, _ := f.svc.Get(ctx, coordinator, News, moved.ID)
		if got.Status != Published || !got.PublishedAt.Equal(second) {
			t.Fatalf("moved: %s %v, want published at %v", got.Status, got.PublishedAt, second)
		}
		if got, _ := f.svc.Get(ctx, coordinator, News, cancelled.ID); got.Status != Draft {
			t.Fatalf("cancelled entry became %s", got.Status)
		}
		// Running a finished job's work again changes nothing (handler idempotence).
		if err := f.svc.runPublish(ctx, []byte(`{"id":`+strconv.FormatInt(moved.ID, 10)+`,"at":"`+second.UTC().Format(time.RFC3339Nano)+`"}`)); err != nil {
			t.Fatal(err)
		}
		_, revs, _ := f.svc.Revisions(ctx, coordinator, News, moved.ID)
		if n := len(slices.DeleteFunc(revs, func(r Revision) bool { return r.UserName != "" })); n != 1 {
			t.Fatalf("the scheduler published %d times", n)
		}
	})
}

func TestRevisionHistory(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		editor := &web.Viewer{ID: 0, Name: "Ayşe Koordinatör", Roles: []string{"coordinator"}}
		e, _ := f.svc.Create(ctx, editor, News, article("İlk başlık"), Change{Action: ActionPublish})
		if e.RevisedAt != nil {
			t.Fatal("a new article counts as revised")
		}
		in := article("İkinci başlık")
		if e, _ = f.svc.Update(ctx, editor, News, e.ID, in, Change{}); e.RevisedAt == nil {
			t.Fatal("a title change while public did not set the update time")
		}
		in.Tags = ParseTags("kültür")
		if _, err := f.svc.Update(ctx, coordinator, News, e.ID, in, Change{}); err != nil {
			t.Fatal(err)
		}
		// Saving without a change writes no revision.
		if _, err := f.svc.Update(ctx, coordinator, News, e.ID, in, Change{}); err != nil {
			t.Fatal(err)
		}
		_, revs, err := f.svc.Revisions(ctx, coordinator, News, e.ID)
		if err != nil || len(revs) != 3 {
			t.Fatalf("revisions: %v %d", err, len(revs))
		}
		if revs[0].UserName != "Koordinatör" || !slices.Equal(revs[0].Fields, []string{"tags"}) {
			t.Fatalf("newest: %+v", revs[0])
		}
		if revs[1].Action != "update" || !slices.Equal(revs[1].Fields, []string{"title"}) || revs[1].Snapshot.Title.TR != "İkinci başlık" {
			t.Fatalf("middle: %+v", revs[1])
		}
		if revs[2].Action != "create" || revs[2].UserName != "Ayşe Koordinatör" || !slices.Contains(revs[2].Fields, "status") {
			t.Fatalf("first: %+v", revs[2])
		}
	})
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 140, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func upload(t *testing.T, f *fixture, data []byte, name string, alt, caption Text) *Media {
	t.Helper()
	u, err := media.Inspect(bytes.NewReader(data), name, MaxUpload)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.svc.Upload(ctx, coordinator, u, alt, caption)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMediaInArticles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		data := pngBytes(t, 1600, 900)
		u, _ := media.Inspect(bytes.NewReader(data), "salon.png", MaxUpload)
		_, err := f.svc.Upload(ctx, coordinator, u, Text{}, Text{})
		fieldErr(t, err, "alt_tr", "content.alt_required")
		if _, err := f.svc.Upload(ctx, member, u, Text{TR: "x"}, Text{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member upload: %v", err)
		}

		m := upload(t, f, data, "salon.png", Text{TR: "Toplantı salonu"}, Text{TR: "Görüşmeden bir kare", AZ: "Görüşdən bir kadr"})
		if len(m.Variants) != 2 || m.Width != 1600 {
			t.Fatalf("variants: %+v", m)
		}
		for _, key := range append([]string{m.Key}, m.Variants[0].Key, m.Variants[1].Key) {
			rc, _, err := f.files.Open(ctx, key)
			if err != nil {
				t.Fatalf("stored file %s: %v", key, err)
			}
			rc.Close()
		}

		in := article("Görselli haber")
		in.CoverID = m.ID
		in.Body.TR = "Giriş.\n\n![](media:" + strconv.FormatInt(m.ID, 10) + ")\n\nSon."
		in.Body.AZ = "![Salon](media:" + strconv.FormatInt(m.ID, 10) + ")"
		e, err := f.svc.Create(ctx, coordinator, News, in, Change{Action: ActionPublish})
		if err != nil {
			t.Fatal(err)
		}
		tr := e.BodyHTML.TR
		for _, want := range []string{"<figure>", `srcset="/media/`, " 320w", " 1280w", " 1600w", `alt="Toplantı salonu"`, "<figcaption>Görüşmeden bir kare</figcaption>", `loading="lazy"`} {
			if !strings.Contains(tr, want) {
				t.Fatalf("body lacks %q:\n%s", want, tr)
			}
		}
		if strings.Contains(tr, "<p><figure>") {
			t.Fatal("figure inside a paragraph")
		}
		if !strings.Contains(e.BodyHTML.AZ, `alt="Salon"`) || !strings.Contains(e.BodyHTML.AZ, "Görüşdən bir kadr") {
			t.Fatalf("az body: %s", e.BodyHTML.AZ)
		}

		// In use: refused.
		if err := f.svc.DeleteMedia(ctx, coordinator, m.ID); !errors.Is(err, ErrInUse) {
			t.Fatalf("delete used media: %v", err)
		}
		_, users, _ := f.svc.MediaItem(ctx, coordinator, m.ID)
		if len(users) != 1 || users[0].ID != e.ID {
			t.Fatalf("users: %+v", users)
		}
		// A new caption reaches the article at once.
		if err := f.svc.UpdateMedia(ctx, coordinator, m.ID, Text{TR: "Salon"}, Text{TR: "Yeni altyazı"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.svc.Public(ctx, News, e.Slug); !strings.Contains(got.BodyHTML.TR, "Yeni altyazı") {
			t.Fatalf("caption not re-rendered: %s", got.BodyHTML.TR)
		}
		// Unused: deleted with its files.
		if err := f.svc.Delete(ctx, coordinator, News, e.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DeleteMedia(ctx, coordinator, m.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.files.Open(ctx, m.Key); !errors.Is(err, fail.NotFound) {
			t.Fatalf("file survived: %v", err)
		}
	})
}

func TestMenu(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		live, _ := f.svc.Create(ctx, coordinator, Page, Input{Slug: "hakkinda", Title: Text{TR: "Hakkında"}, Body: Text{TR: "Metin"}}, Change{Action: ActionPublish})
		draft, _ := f.svc.Create(ctx, coordinator, Page, Input{Slug: "taslak", Title: Text{TR: "Taslak"}}, Change{})
		news, _ := f.svc.Create(ctx, coordinator, News, article("Haber"), Change{})
		_, err := f.svc.AddMenuItem(ctx, coordinator, MenuItem{Label: Text{TR: "Haber"}, EntryID: news.ID})
		fieldErr(t, err, "entry_id", "form.choice")
		_, err = f.svc.AddMenuItem(ctx, coordinator, MenuItem{Label: Text{TR: "Kötü"}, URL: "javascript:alert(1)"})
		fieldErr(t, err, "url", "form.url")
		_, err = f.svc.AddMenuItem(ctx, coordinator, MenuItem{Label: Text{TR: "Boş"}})
		fieldErr(t, err, "url", "content.menu_target")

		for _, it := range []MenuItem{
			{Label: Text{TR: "Haberler", AZ: "Xəbərlər"}, URL: "/news"},
			{Label: Text{TR: "Hakkında"}, EntryID: live.ID},
			{Label: Text{TR: "Taslak"}, EntryID: draft.ID},
			{Label: Text{TR: "Bakü", EN: "Baku"}, URL: "https://www.baku.example"},
		} {
			if _, err := f.svc.AddMenuItem(ctx, coordinator, it); err != nil {
				t.Fatal(err)
			}
		}
		items, _ := f.svc.MenuItems(ctx, coordinator)
		if err := f.svc.MoveMenuItem(ctx, coordinator, items[3].ID, -1); err != nil { // Bakü above the draft
			t.Fatal(err)
		}
		if err := f.svc.MoveMenuItem(ctx, coordinator, items[0].ID, -1); err != nil { // already first: stays
			t.Fatal(err)
		}
		links, err := f.svc.Menu(ctx, "az")
		if err != nil {
			t.Fatal(err)
		}
		want := []MenuLink{
			{Label: "Xəbərlər", Href: "/az/news"},
			{Label: "Hakkında", Lang: "tr", Href: "/az/pages/hakkinda"},
			{Label: "Bakü", Lang: "tr", Href: "https://www.baku.example"},
		}
		if !slices.Equal(links, want) {
			t.Fatalf("menu:\n got %+v\nwant %+v", links, want)
		}
		// Publishing the draft page shows it at once (the cache follows changes made here).
		if _, err := f.svc.Publish(ctx, coordinator, Page, draft.ID, time.Time{}); err == nil {
			t.Fatal("a page without body was published")
		}
		if _, err := f.svc.Update(ctx, coordinator, Page, draft.ID, Input{Title: Text{TR: "Taslak"}, Body: Text{TR: "Artık hazır"}}, Change{Action: ActionPublish}); err != nil {
			t.Fatal(err)
		}
		if links, _ := f.svc.Menu(ctx, "tr"); len(links) != 4 || links[3].Href != "/tr/pages/taslak" {
			t.Fatalf("after publishing: %+v", links)
		}
	})
}

func TestSeedDemoIsIdempotentAndSearchable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for range 2 {
			if err := f.svc.SeedDemo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		news, total, _ := f.svc.List(ctx, nil, Filter{Kind: News, Limit: 10})
		if total != 1 {
			t.Fatalf("%d demo articles", total)
		}
		a := news[0]
		if want := time.Date(2026, 1, 12, 13, 3, 0, 0, time.UTC); !a.PublishedAt.Equal(want) {
			t.Fatalf("published at %v, want %v", a.PublishedAt, want)
		}
		if a.Cover == nil || a.Category == nil || a.Author.Name == "" || a.Title.AZ == "" || a.Title.EN == "" {
			t.Fatalf("demo article incomplete: %+v", a)
		}
		pages, total, _ := f.svc.List(ctx, nil, Filter{Kind: Page, Limit: 10})
		if total != 4 {
			t.Fatalf("%d demo pages: %+v", total, pages)
		}
		if links, _ := f.svc.Menu(ctx, "en"); len(links) != 4 {
			t.Fatalf("demo menu: %+v", links)
		}
		// The sources announce exactly what they yield, for reindex progress.
		for _, src := range f.svc.SearchSources() {
			n, err := src.Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			if err := src.Each(ctx, func(search.Document) error { seen++; return nil }); err != nil {
				t.Fatal(err)
			}
			if n != seen || n == 0 {
				t.Fatalf("%s: count %d, each %d", src.Kind(), n, seen)
			}
		}
		hits, err := f.index.Search(ctx, search.Query{Text: "azerbaycan", Lang: "az"})
		if err != nil || len(hits) == 0 || hits[0].Lang != "az" {
			t.Fatalf("search azerbaycan: %v %+v", err, hits)
		}
	})
}
