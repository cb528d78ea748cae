package text

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestCase(t *testing.T) {
	tests := []struct {
		fn       func(lang, s string) string
		name     string
		lang, in string
		want     string
	}{
		{Upper, "Upper", "tr", "istanbul", "İSTANBUL"},
		{Upper, "Upper", "az", "istanbul", "İSTANBUL"},
		{Upper, "Upper", "en", "istanbul", "ISTANBUL"},
		{Upper, "Upper", "tr", "ırmak", "IRMAK"},
		{Upper, "Upper", "en", "ırmak", "IRMAK"},
		{Upper, "Upper", "tr", "çağ şöğüt", "ÇAĞ ŞÖĞÜT"},
		{Upper, "Upper", "az", "azərbaycan", "AZƏRBAYCAN"},
		{Upper, "Upper", "en", "azərbaycan", "AZƏRBAYCAN"},
		{Upper, "Upper", "xx", "izmir", "IZMIR"},
		{Lower, "Lower", "tr", "IRMAK", "ırmak"},
		{Lower, "Lower", "az", "IRMAK", "ırmak"},
		{Lower, "Lower", "en", "IRMAK", "irmak"},
		{Lower, "Lower", "tr", "İZMİR", "izmir"},
		{Lower, "Lower", "az", "BAKI", "bakı"},
		{Lower, "Lower", "en", "BAKI", "baki"},
		{Lower, "Lower", "tr", "ÇAĞ ŞÖĞÜT", "çağ şöğüt"},
		{Lower, "Lower", "az", "AZƏRBAYCAN", "azərbaycan"},
		{Lower, "Lower", "en", "ƏLİ", "əli̇"}, // Unicode default keeps İ's dot as U+0307
		{Title, "Title", "tr", "istanbul ırmak", "İstanbul Irmak"},
		{Title, "Title", "tr", "İZMİR KIYISI", "İzmir Kıyısı"},
		{Title, "Title", "az", "əli işıq", "Əli İşıq"},
		{Title, "Title", "en", "istanbul IRMAK", "Istanbul Irmak"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.lang, tt.in); got != tt.want {
			t.Errorf("%s(%q, %q) = %q, want %q", tt.name, tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestCaseConcurrent(t *testing.T) {
	// Pooled casers must not leak state between goroutines (run with -race).
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if got := Title("tr", "istanbul ırmak"); got != "İstanbul Irmak" {
					t.Errorf("Title = %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestFold(t *testing.T) {
	groups := map[string][]string{
		"izmir":      {"İZMİR", "IZMIR", "izmir", "İzmir", "ızmır", "I\u0307zmir"},
		"baku":       {"Bakü", "BAKU", "baku", "BAKÜ", "Baku\u0308"},
		"azerbaycan": {"Azərbaycan", "AZƏRBAYCAN", "azerbaycan"},
		"cag sogut":  {"ÇAĞ ŞÖĞÜT", "çağ şöğüt", "  cag \t\n sogut  "},
		"kar":        {"kâr", "KÂR"},
		"milli":      {"millî"},
		"hukumet":    {"hükûmet"},
		"cafe naive": {"Café NAÏVE", "cafe\u00a0naive", "ca\u00adfé\u200b naïve"},
		"sao paulo":  {"São Paulo"},
		"москва":     {"МОСКВА"},
		"":           {"", "   ", "\u00ad"},
	}
	for want, ins := range groups {
		for _, in := range ins {
			if got := Fold(in); got != want {
				t.Errorf("Fold(%q) = %q, want %q", in, got, want)
			}
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"İzmir–Bakü 40. Yıl", "a  b", " x", "ŞÇ"} {
		f := Fold(s)
		if g := Fold(f); g != f {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, g, f)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		lang, a, b string
		want       int
	}{
		{"tr", "cam", "çay", -1},
		{"tr", "çay", "dağ", -1},
		{"tr", "ılık", "ilik", -1},
		{"tr", "gül", "ğ", -1},
		{"tr", "ö", "p", -1},
		{"tr", "şeker", "sus", 1},
		{"az", "elma", "əl", -1},
		{"az", "əl", "fal", -1},
		{"en", "çay", "dağ", -1},
		{"tr", "abc", "abc", 0},
	}
	for _, tt := range tests {
		if got := Compare(tt.lang, tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q, %q) = %d, want %d", tt.lang, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		lang     string
		in, want []string
	}{
		{"tr", []string{"dağ", "çay", "cam", "bal"}, []string{"bal", "cam", "çay", "dağ"}},
		{"tr", []string{"iğne", "ılık", "ufuk", "üzüm", "şiş", "sis", "ördek", "ot"},
			[]string{"ılık", "iğne", "ot", "ördek", "sis", "şiş", "ufuk", "üzüm"}},
		{"tr", []string{"İzmir", "Irmak", "ışık", "ilçe"}, []string{"Irmak", "ışık", "ilçe", "İzmir"}},
		{"az", []string{"fındıq", "əl", "elm", "dəniz"}, []string{"dəniz", "elm", "əl", "fındıq"}},
		// English treats ç and ı as accented/variant c and i: no separate letters.
		{"en", []string{"dağ", "çay", "cam", "cz"}, []string{"cam", "çay", "cz", "dağ"}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.in)
		Sort(tt.lang, got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sort(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestSortFunc(t *testing.T) {
	type city struct {
		name string
		id   int
	}
	cs := []city{{"Şamaxı", 1}, {"Sumqayıt", 2}, {"Çanakkale", 3}, {"Ceyhan", 4}, {"Sumqayıt", 5}}
	SortFunc("tr", cs, func(c city) string { return c.name })
	var ids []int
	for _, c := range cs {
		ids = append(ids, c.id)
	}
	if want := []int{4, 3, 2, 5, 1}; !slices.Equal(ids, want) { // stable: 2 before 5
		t.Errorf("SortFunc order = %v, want %v", ids, want)
	}
}

func TestSlug(t *testing.T) {
	long := strings.Repeat("kelime ", 20)                      // 6+1 per word
	huge := strings.Repeat("a", 100)                           // no hyphen at all
	multi := strings.Repeat("ş", 30) + strings.Repeat("я", 30) // folds to s×30 + 2-byte я×30
	tests := []struct{ in, want string }{
		{"İzmir–Bakü 40. Yıl Festivali", "izmir-baku-40-yil-festivali"},
		{"  Azərbaycan & Türkiye!!  ", "azerbaycan-turkiye"},
		{"Çeşme---Şəki", "cesme-seki"},
		{"C'est déjà l'été", "c-est-deja-l-ete"},
		{"Москва 2026", "москва-2026"},
		{"!!!", ""},
		{"", ""},
		{long, strings.TrimSuffix(strings.Repeat("kelime-", 11), "-")}, // 11 words = 76 bytes
		{huge, strings.Repeat("a", 80)},
		{multi, strings.Repeat("s", 30) + strings.Repeat("я", 25)}, // 30+50 bytes, rune-safe
	}
	for _, tt := range tests {
		got := Slug(tt.in)
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) > 80 || !utf8.ValidString(got) {
			t.Errorf("Slug(%q) = %q: too long or invalid UTF-8", tt.in, got)
		}
	}
}

var sink string

func BenchmarkFold(b *testing.B) {
	doc := strings.Repeat("İzmir–Bakü kardeş şehir ortaklığı: AZƏRBAYCAN ve Türkiye arasında kültür, "+
		"sanat ve gençlik değişim programları. ", 20)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		sink = Fold(doc)
	}
}
