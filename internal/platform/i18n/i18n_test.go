package i18n

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(fstest.MapFS{
		"locales/tr/common.json": file(`{"hello": "Merhaba", "welcome": "Hoş geldiniz, %s", "count": "%d kayıt", "tr_only": "yalnız tr"}`),
		"locales/tr/events.json": file(`{"events.title": "Etkinlikler", "blank": ""}`),
		"locales/tr/README.md":   file(`not json, ignored`),
		"locales/az/common.json": file(`{"hello": "Salam", "welcome": "Xoş gəlmisiniz, %s", "az_only": "yalnız az", "blank": "boş"}`),
		"locales/en/common.json": file(`{"hello": "Hello", "count": "%d records", "en_only": "en only", "percent": "100%"}`),
		"locales/ru/common.json": file(`{"hello": "Привет"}`),
	}, "locales")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string // substrings of the error
	}{
		{"duplicate across files", fstest.MapFS{
			"m/tr/a.json": file(`{"x": "1"}`),
			"m/tr/b.json": file(`{"y": "2", "x": "3"}`),
		}, []string{`"x"`, "m/tr/a.json", "m/tr/b.json"}},
		{"duplicate within file", fstest.MapFS{
			"m/az/a.json": file(`{"x": "1", "x": "2"}`),
		}, []string{`"x"`, "m/az/a.json"}},
		{"malformed", fstest.MapFS{
			"m/tr/ok.json":  file(`{"x": "1"}`),
			"m/en/bad.json": file(`{"x": "1",}`),
		}, []string{"m/en/bad.json"}},
		{"not an object", fstest.MapFS{"m/tr/a.json": file(`["x"]`)}, []string{"m/tr/a.json"}},
		{"nested value", fstest.MapFS{"m/tr/a.json": file(`{"x": {"y": "z"}}`)}, []string{"m/tr/a.json", `"x"`}},
		{"trailing data", fstest.MapFS{"m/tr/a.json": file(`{"x": "1"} {}`)}, []string{"m/tr/a.json"}},
		{"wrong root", fstest.MapFS{"m/tr/a.json": file(`{"x": "1"}`)}, []string{"no messages"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := "m"
			if tt.name == "wrong root" {
				root = "locales"
			}
			_, err := Load(tt.fs, root)
			if err == nil {
				t.Fatal("Load succeeded, want error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
}

func TestT(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"tr", "hello", nil, "Merhaba"},
		{"az", "hello", nil, "Salam"},
		{"en", "hello", nil, "Hello"},
		{"tr", "welcome", []any{"Aysel"}, "Hoş geldiniz, Aysel"},
		{"az", "welcome", []any{"Aysel"}, "Xoş gəlmisiniz, Aysel"},
		{"tr", "count", []any{1234}, "1234 kayıt"},
		{"en", "count", []any{3}, "3 records"},
		{"en", "percent", nil, "100%"}, // no args: no Sprintf, % survives
		// Fallbacks: tr→az→en, az→tr→en, en→tr→az.
		{"en", "welcome", []any{"Ali"}, "Hoş geldiniz, Ali"},
		{"tr", "az_only", nil, "yalnız az"},
		{"tr", "en_only", nil, "en only"},
		{"az", "count", []any{2}, "2 kayıt"},
		{"az", "en_only", nil, "en only"},
		{"en", "az_only", nil, "yalnız az"},
		{"tr", "blank", nil, "boş"}, // empty message counts as missing
		{"ru", "hello", nil, "Merhaba"},
		{"", "hello", nil, "Merhaba"},
		{"tr", "nope", nil, "nope"},
		{"en", "nope", []any{1}, "nope"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("T(%q, %q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
	var nilCat *Catalog
	if got := nilCat.T("tr", "hello"); got != "hello" {
		t.Errorf("nil Catalog T = %q, want key", got)
	}
}

func TestHas(t *testing.T) {
	c := testCatalog(t)
	for _, tt := range []struct {
		lang, key string
		want      bool
	}{
		{"tr", "hello", true}, {"en", "welcome", false}, {"az", "az_only", true},
		{"tr", "blank", false}, {"ru", "hello", false}, {"tr", "nope", false},
	} {
		if got := c.Has(tt.lang, tt.key); got != tt.want {
			t.Errorf("Has(%q, %q) = %v, want %v", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestMissing(t *testing.T) {
	got := testCatalog(t).Missing()
	want := map[string][]string{
		"tr": {"az_only", "blank", "en_only", "percent"},
		"az": {"count", "en_only", "events.title", "percent", "tr_only"},
		"en": {"az_only", "blank", "events.title", "tr_only", "welcome"},
	}
	if !maps.EqualFunc(got, want, func(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }) {
		t.Errorf("Missing() = %v, want %v", got, want)
	}

	complete, err := Load(fstest.MapFS{
		"l/tr/a.json": file(`{"k": "a"}`), "l/az/a.json": file(`{"k": "b"}`), "l/en/a.json": file(`{"k": "c"}`),
	}, "l")
	if err != nil {
		t.Fatal(err)
	}
	if m := complete.Missing(); len(m) != 0 {
		t.Errorf("complete catalog Missing() = %v, want empty", m)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct{ cookie, accept, want string }{
		{"az", "en-US,en;q=0.9", "az"}, // cookie wins
		{"EN", "tr", "en"},             // cookie case-insensitive
		{"ru", "en-US,en;q=0.9", "en"}, // unsupported cookie ignored
		{"../../etc", "", "tr"},        // garbage cookie ignored
		{"", "az-AZ,az;q=0.9,tr;q=0.8", "az"},
		{"", "az-Latn-AZ", "az"},
		{"", "tr-TR", "tr"},
		{"", "en-GB", "en"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "ru-RU", "tr"},
		{"", "ru-RU,ru;q=0.9", "tr"},
		{"", "de, en;q=0.5", "en"},
		{"", "tr;q=0.3, en;q=0.8", "en"}, // q-values, not order
		{"", "ru, az;q=0.2", "az"},
		{"", "", "tr"},
		{"", "*", "tr"},
		{"", ";;;garbage", "tr"},
	}
	for _, tt := range tests {
		if got := Negotiate(tt.cookie, tt.accept); got != tt.want {
			t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.cookie, tt.accept, got, tt.want)
		}
	}
}

func TestIsSupported(t *testing.T) {
	for lang, want := range map[string]bool{"tr": true, "az": true, "en": true, "ru": false, "": false, "TR": false} {
		if got := IsSupported(lang); got != want {
			t.Errorf("IsSupported(%q) = %v", lang, got)
		}
	}
}
