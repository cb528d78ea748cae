package nace

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestCatalogueIsComplete(t *testing.T) {
	if got := len(Sections()); got != 21 {
		t.Fatalf("sections = %d, want 21", got)
	}
	if got := len(Divisions()); got != 88 {
		t.Fatalf("divisions = %d, want 88", got)
	}
	seen := map[string]bool{}
	for _, e := range append(Sections(), Divisions()...) {
		if seen[e.Code] {
			t.Errorf("code %s twice", e.Code)
		}
		seen[e.Code] = true
		for _, s := range []string{e.Name.TR, e.Name.AZ, e.Name.EN} {
			if s == "" || !utf8.ValidString(s) {
				t.Errorf("%s: a name is missing: %+v", e.Code, e.Name)
			}
		}
		if e.IsDivision() {
			if _, ok := Lookup(e.Section); !ok {
				t.Errorf("%s: unknown section %q", e.Code, e.Section)
			}
		}
	}
	// Divisions run in code order, and each section's divisions are contiguous.
	codes := []string{}
	for _, d := range Divisions() {
		codes = append(codes, d.Code)
	}
	if !slices.IsSorted(codes) {
		t.Errorf("divisions out of order: %v", codes)
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		code, want string
		ok         bool
	}{
		{"10", "Manufacture of food products", true},
		{"1", "Crop and animal production, hunting and related service activities", true},
		{" c ", "Manufacturing", true},
		{"04", "", false}, // a gap in the classification
		{"100", "", false},
		{"", "", false},
	} {
		e, ok := Lookup(tc.code)
		if ok != tc.ok || e.Name.EN != tc.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tc.code, e.Name.EN, ok, tc.want, tc.ok)
		}
	}
	if !ValidDivision("13") || ValidDivision("C") || ValidDivision("3") {
		t.Error("ValidDivision accepts only stored division codes")
	}
}

func codes(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Code)
	}
	return out
}

func TestSearch(t *testing.T) {
	for _, tc := range []struct {
		query, lang string
		want        []string // must be among the results
		wantFirst   string
	}{
		{"gıda", "tr", []string{"10"}, "10"},
		{"GIDA", "tr", []string{"10"}, "10"},
		{"qida", "az", []string{"10"}, "10"},
		{"food", "en", []string{"10", "56", "I"}, ""},
		{"tekstil", "tr", []string{"13"}, "13"},
		{"toxuculuq", "az", []string{"13"}, "13"},
		{"textiles", "en", []string{"13"}, "13"},
		{"İNŞAAT", "tr", []string{"F"}, "F"},
		{"tikinti", "tr", []string{"F", "41"}, ""}, // Azerbaijani word on a Turkish page still finds it
		{"emal", "az", []string{"C"}, ""},
		{"62", "en", []string{"62"}, "62"},
		{"computer programming", "en", []string{"62"}, "62"},
	} {
		got := codes(Search(tc.query, tc.lang))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("Search(%q, %s) = %v, missing %s", tc.query, tc.lang, got, w)
			}
		}
		if tc.wantFirst != "" && (len(got) == 0 || got[0] != tc.wantFirst) {
			t.Errorf("Search(%q, %s) = %v, want %s first", tc.query, tc.lang, got, tc.wantFirst)
		}
	}
	for _, q := range []string{"zeytin", "olive", "", "   ", "xyzzy"} {
		if got := Search(q, "tr"); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, codes(got))
		}
	}
	// Exactly one division speaks of textiles in every language.
	for _, q := range []string{"tekstil", "toxuculuq", "textiles"} {
		if got := codes(Search(q, "en")); !slices.Equal(got, []string{"13"}) {
			t.Errorf("Search(%q) = %v, want [13]", q, got)
		}
	}
}
