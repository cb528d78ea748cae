package partnership

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/ui"
)

func renderer(t *testing.T) *web.Renderer {
	t.Helper()
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	assets, err := web.NewAssets(ui.FS, "static")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := web.NewRenderer(ui.FS, cat, assets, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// get runs handler for a GET of path in lang and returns the status and body.
func get(t *testing.T, handler http.HandlerFunc, lang, path string) (int, string) {
	t.Helper()
	r := web.WithLocale(httptest.NewRequest(http.MethodGet, path, nil), lang)
	w := httptest.NewRecorder()
	handler(w, r)
	return w.Code, w.Body.String()
}

func handlers(t *testing.T, d *db.DB) *Handlers {
	t.Helper()
	return NewHandlers(seeded(t, d), renderer(t)) // clock: 2 March 2026, 15:30 UTC
}

// mustContain looks for text as a reader sees it, so "UTC+3" matches html/template's "UTC&#43;3".
func mustContain(t *testing.T, body string, want ...string) {
	t.Helper()
	body = html.UnescapeString(body)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestHomePage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		h := handlers(t, d)
		for _, tt := range []struct {
			lang string
			want []string
		}{
			{"tr", []string{"İzmir–Bakü Kardeşliğinin 40. Yılı", `anniversary-number">40.<`, ">Yıl<", "Türkiye", "Azerbaycan",
				"18:30 İzmir · 19:30 Bakü", "UTC+3", "UTC+4", `<time datetime="2026-03-02T18:30+03:00">18:30</time>`,
				`href="/tr/timeline"`, `href="/tr/register"`}},
			{"az", []string{"İzmir–Bakı qardaşlığının 40-cı ili", `anniversary-number">40-cı<`, "Türkiyə", "Azərbaycan",
				"18:30 İzmir · 19:30 Bakı", `href="/az/timeline"`}},
			{"en", []string{"40th Year of İzmir–Baku Sisterhood", `anniversary-number">40th<`, "Azerbaijan",
				"18:30 İzmir · 19:30 Baku", `href="/en/register"`}},
		} {
			t.Run(tt.lang, func(t *testing.T) {
				status, body := get(t, h.Home, tt.lang, "/"+tt.lang+"/")
				if status != http.StatusOK {
					t.Fatalf("status %d", status)
				}
				mustContain(t, body, tt.want...)
				mustContain(t, body, `<html lang="`+tt.lang+`">`)
			})
		}
		// The next programme items and the latest meeting are both on the page.
		_, body := get(t, h.Home, "tr", "/tr/")
		mustContain(t, body, "Kültür festivalleri", "İZAZDER yönetimi İzmir Büyükşehir Belediye Başkanı ile görüştü",
			`<time datetime="2026-01-12">12 Ocak 2026</time>`)
	})
}

func TestHomeSignedInAndEmpty(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		h := handlers(t, d)
		r := web.WithLocale(httptest.NewRequest(http.MethodGet, "/tr/", nil), "tr")
		r = web.WithViewer(r, member)
		w := httptest.NewRecorder()
		h.Home(w, r)
		if strings.Contains(w.Body.String(), `href="/tr/register"`) {
			t.Error("a signed-in member is invited to register")
		}
		mustContain(t, w.Body.String(), `href="/tr/me"`)

		empty := NewHandlers(NewService(dbtest.SQLite(t)), h.rd)
		status, body := get(t, empty.Home, "en", "/en/")
		if status != http.StatusOK {
			t.Fatalf("home without a partnership: status %d", status)
		}
		mustContain(t, body, "No partnership has been added yet")
	})
}

func TestTimelinePage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		h := handlers(t, d)
		ctx := context.Background()
		p, _ := h.svc.Default(ctx)
		// A Turkish-only entry, read in English, says which language it is in.
		m := &Milestone{PartnershipID: p.ID, Date: ymd(2010, time.October, 4), Precision: PrecisionDay, Kind: KindVisit,
			Title: Text{TR: "Bakü heyeti İzmir'de"}}
		if err := h.svc.CreateMilestone(ctx, admin, m); err != nil {
			t.Fatal(err)
		}

		status, body := get(t, h.Timeline, "en", "/en/timeline")
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, body, `<ol class="timeline">`, `<time datetime="1986">1986</time>`,
			`<time datetime="2026-01-12">12 January 2026</time>`, `lang="tr">Bakü heyeti İzmir'de</h2>`, "Shown in Turkish",
			"Sister-city protocol signed", "Planned")
		order := []string{"Sister-city protocol signed", "Bakü heyeti", "2026 declared", "İZAZDER board", "Cultural festivals", "Podcast series"}
		last := -1
		for _, s := range order {
			i := strings.Index(body, s)
			if i < last {
				t.Errorf("%q is out of order on the timeline", s)
			}
			last = i
		}
		if n := strings.Count(body, `<li class="timeline-item`); n != len(demoMilestones())+1 {
			t.Errorf("%d timeline items, want %d", n, len(demoMilestones())+1)
		}

		_, body = get(t, h.Timeline, "az", "/az/timeline")
		mustContain(t, body, "İzmir–Bakı xronologiyası", "Qardaş şəhər protokolu imzalandı", "12 yanvar 2026")

		r := web.WithLocale(httptest.NewRequest(http.MethodGet, "/tr/partnerships/nowhere/timeline", nil), "tr")
		r.SetPathValue("slug", "nowhere")
		w := httptest.NewRecorder()
		h.Timeline(w, r)
		if w.Code != http.StatusNotFound {
			t.Errorf("unknown slug: status %d, want 404", w.Code)
		}
	})
}

func TestPrivacyPage(t *testing.T) {
	h := NewHandlers(nil, renderer(t))
	for lang, want := range map[string][]string{
		"tr": {"Hesap aydınlatma metni", "Veri sorumlusu", "KVKK madde 11", "Kişisel Verileri Koruma Kurulu"},
		"az": {"Hesab üzrə məxfilik bildirişi", "Hüquqlarınız", "GDPR"},
		"en": {"Privacy notice for your account", "Legal basis", "GDPR Articles 15–22"},
	} {
		status, body := get(t, h.Privacy, lang, "/"+lang+"/privacy/account")
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", lang, status)
		}
		mustContain(t, body, append(want, AccountNoticeVersion)...)
	}
}

func TestAPIList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		h := handlers(t, d)
		w := httptest.NewRecorder()
		h.APIList(w, httptest.NewRequest(http.MethodGet, "/api/v1/partnerships", nil))
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
		}
		var got []struct {
			ID     int64  `json:"id"`
			Slug   string `json:"slug"`
			Cities []struct {
				Name    map[string]string `json:"name"`
				Country string            `json:"country"`
				Zone    string            `json:"zone"`
			} `json:"cities"`
			ProtocolDate string            `json:"protocol_date"`
			Precision    string            `json:"protocol_date_precision"`
			Anniversary  int               `json:"anniversary"`
			Summary      map[string]string `json:"summary"`
			Milestones   []struct {
				Date    string            `json:"date"`
				Kind    string            `json:"kind"`
				Planned bool              `json:"planned"`
				Title   map[string]string `json:"title"`
			} `json:"milestones"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("%v in %s", err, w.Body)
		}
		if len(got) != 1 {
			t.Fatalf("%d partnerships, want 1", len(got))
		}
		p := got[0]
		if p.Slug != DemoSlug || p.Anniversary != 40 || p.ProtocolDate != "1986-01-01" || p.Precision != "year" {
			t.Errorf("partnership = %+v", p)
		}
		if len(p.Cities) != 2 || p.Cities[1].Name["az"] != "Bakı" || p.Cities[1].Zone != "Asia/Baku" || p.Cities[0].Country != "TR" {
			t.Errorf("cities = %+v", p.Cities)
		}
		if p.Summary["tr"] == "" || p.Summary["az"] == "" || p.Summary["en"] == "" {
			t.Errorf("summary lacks a language: %+v", p.Summary)
		}
		if len(p.Milestones) != len(demoMilestones()) || p.Milestones[0].Kind != "protocol" || p.Milestones[2].Date != "2026-01-12" {
			t.Errorf("milestones = %+v", p.Milestones)
		}
	})
}

// TestTemplateKeysExist catches a key typed in a template but missing from a catalog, which
// would otherwise show the raw key to visitors of one language only.
func TestTemplateKeysExist(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\.T "([A-Za-z0-9_.]+)"`)
	files := []string{"layout/base.html", "layout/header.html", "layout/footer.html", "errors/error.html",
		"partnership/home.html", "partnership/timeline.html", "partnership/privacy.html"}
	for _, f := range files {
		src, err := fs.ReadFile(ui.FS, "templates/"+f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			for _, lang := range i18n.Supported {
				if !cat.Has(lang, m[1]) {
					t.Errorf("%s: key %q missing in %s", f, m[1], lang)
				}
			}
		}
	}
	computed := []string{"privacy.account.title", "privacy.account.lead"}
	for _, k := range Kinds {
		computed = append(computed, "partnership.kind."+string(k))
	}
	for _, l := range i18n.Supported {
		computed = append(computed, "partnership.shown_in."+l)
	}
	for _, code := range []int{403, 404, 405, 413, 429, 500} {
		computed = append(computed, "error."+strconv.Itoa(code)+".title", "error."+strconv.Itoa(code)+".text")
	}
	for _, k := range computed {
		for _, lang := range i18n.Supported {
			if !cat.Has(lang, k) {
				t.Errorf("key %q missing in %s", k, lang)
			}
		}
	}
}
