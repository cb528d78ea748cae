package recommend

import (
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

// Every reason, with the arguments the ranking gives it, renders in all
// three languages through the real catalog: no missing key, no argument
// too many or too few, no empty argument.
func TestEveryReasonRendersInEveryLanguage(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	x := build(t, forum())
	imp, exp := x.pos["baku-importer"], x.pos["izmir-olive"]
	c := &candidate{dMine: 0, dTheirs: 1, sMine: 1, sTheirs: 0, demand: 1, supply: 1}
	f := x.factors(imp, exp, c)
	f.sector = sectorLink{supplyChain, sector{'G', 46}, sector{'C', 10}}
	for k := offerMatches; k < numKinds; k++ {
		if k == sharedLanguage {
			// The exporter and the Ankara firm share Turkish.
			renderAll(t, cat, Reason{Key: reasonKeys[k], Args: x.args(k, exp, x.pos["ankara-olive"], c, f)})
			for _, l := range append(languageNames, "ka") { // ka has no catalog name: shown as its code
				renderAll(t, cat, Reason{Key: reasonKeys[k], Args: []Arg{languageArg(l)}})
			}
			continue
		}
		renderAll(t, cat, Reason{Key: reasonKeys[k], Args: x.args(k, imp, exp, c, f)})
	}
}

func renderAll(t *testing.T, cat *i18n.Catalog, r Reason) {
	t.Helper()
	for _, lang := range i18n.Supported {
		if !cat.Has(lang, r.Key) {
			t.Errorf("%s: %s missing", lang, r.Key)
			continue
		}
		got := r.Render(cat, lang)
		if strings.Contains(got, "%!") || strings.Contains(got, "b2b.why.") {
			t.Errorf("%s %s: %q", lang, r.Key, got)
		}
		for _, a := range r.Args {
			if a.Key != "" && !cat.Has(lang, a.Key) {
				t.Errorf("%s: argument key %s missing", lang, a.Key)
			}
			if a.Key == "" && a.Text.In(lang) == "" {
				t.Errorf("%s %s: empty argument", lang, r.Key)
			}
		}
		// Every argument must be shown: count the placeholders.
		if n := strings.Count(cat.T(lang, r.Key), "%s"); n != len(r.Args) {
			t.Errorf("%s %s: %d placeholders for %d arguments", lang, r.Key, n, len(r.Args))
		}
	}
}

func TestSuggestionLine(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	x := build(t, forum())
	got, _ := x.For("baku-importer", 1)
	want := map[string]string{
		"en": "Their offer “Extra virgin olive oil exports” answers your request (olive) · Their sector (NACE 10) trades with yours (NACE 46)",
		"tr": "“Sızma zeytinyağları ihracatı” teklifleri talebinizi karşılıyor (Sızma) · Sektörleri (NACE 10) sizinkiyle (NACE 46) ticaret yapıyor",
		"az": "Onların “Sızma zeytinyağları ihracatı” təklifi sorğunuza cavab verir (Sızma) · Onların sektoru (NACE 10) sizinki (NACE 46) ilə ticarət edir",
	}
	for lang, w := range want {
		if line := got[0].Line(cat, lang); line != w {
			t.Errorf("%s:\n got %q\nwant %q", lang, line, w)
		}
	}
}
