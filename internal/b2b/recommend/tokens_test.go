package recommend

import (
	"slices"
	"testing"
)

func stems(s string) []string {
	var out []string
	tokenize(s, func(w word) { out = append(out, w.stem) })
	return out
}

func TestTokenizeFoldsAndStems(t *testing.T) {
	same := [][2]string{
		{"zeytinyağı", "ZEYTİNYAĞLARI"},
		{"Zeytinyağları", "zeytinyagi"},
		{"ixracat", "İXRACATI"},
		{"ixracatı", "Ixracat"},
		{"İzmir'in", "izmir"},
		{"kuru meyveler", "Kuru Meyve"},
		{"tekstil ürünleri", "TEKSTİL ÜRÜNÜ"},
		{"məhsulları", "MƏHSUL"},
		{"olives", "olive"},
		{"figs", "fig"},
	}
	for _, c := range same {
		a, b := stems(c[0]), stems(c[1])
		if !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q → %v, %q → %v: want the same non-empty stems", c[0], a, c[1], b)
		}
	}
}

func TestTokenizeDropsStopWordsAndPunctuation(t *testing.T) {
	got := stems("Zeytinyağı ve kuru incir, için; the olive-oil AND figs!")
	want := []string{"zeytinyag", "kuru", "incir", "oliv", "oil", "fig"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := stems(" ,.;!? - ve the "); len(got) != 0 {
		t.Errorf("punctuation and stop words gave %v", got)
	}
}

func TestTokenizeKeepsSurface(t *testing.T) {
	var got []string
	tokenize("Sızma ZEYTİNYAĞLARI", func(w word) { got = append(got, w.surface) })
	if !slices.Equal(got, []string{"Sızma", "ZEYTİNYAĞLARI"}) {
		t.Errorf("surfaces %v", got)
	}
}

func TestStemKeepsShortWords(t *testing.T) {
	for _, w := range []string{"oil", "gaz", "neft", "ada"} {
		if got := stem(w); got != w {
			t.Errorf("stem(%q) = %q, want it whole", w, got)
		}
	}
}
