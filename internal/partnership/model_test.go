package partnership

import (
	"errors"
	"testing"
)

func TestTextFallback(t *testing.T) {
	tests := []struct {
		name     string
		text     Text
		lang     string
		want     string
		wantLang string
	}{
		{"own language", Text{TR: "Bakü", AZ: "Bakı", EN: "Baku"}, "az", "Bakı", "az"},
		{"tr falls back to az", Text{AZ: "Bakı", EN: "Baku"}, "tr", "Bakı", "az"},
		{"tr falls back to en last", Text{EN: "Baku"}, "tr", "Baku", "en"},
		{"az falls back to tr", Text{TR: "Bakü", EN: "Baku"}, "az", "Bakü", "tr"},
		{"az falls back to en last", Text{EN: "Baku"}, "az", "Baku", "en"},
		{"en falls back to tr before az", Text{TR: "Bakü", AZ: "Bakı"}, "en", "Bakü", "tr"},
		{"en falls back to az", Text{AZ: "Bakı"}, "en", "Bakı", "az"},
		{"blank counts as missing", Text{TR: "  ", AZ: "Bakı"}, "tr", "Bakı", "az"},
		{"unknown language reads as tr", Text{TR: "Bakü", EN: "Baku"}, "ru", "Bakü", "tr"},
		{"nothing at all", Text{}, "en", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.text.In(tt.lang); got != tt.want {
				t.Errorf("In(%q) = %q, want %q", tt.lang, got, tt.want)
			}
			if got := tt.text.Lang(tt.lang); got != tt.wantLang {
				t.Errorf("Lang(%q) = %q, want %q", tt.lang, got, tt.wantLang)
			}
		})
	}
}

func TestTextRoundTrip(t *testing.T) {
	in := Text{TR: "İzmir'de ığdır ş ç ö ü", AZ: "Bakıda əlifba ğ ş", EN: `quote " and \ slash`}
	v, err := in.Value()
	if err != nil {
		t.Fatal(err)
	}
	var out Text
	if err := out.Scan(v); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
	if err := out.Scan([]byte(`{"tr":"x"}`)); err != nil || out.TR != "x" {
		t.Errorf("Scan([]byte) = %+v, %v", out, err)
	}
	if err := out.Scan(42); err == nil {
		t.Error("Scan(int) succeeded, want error")
	}
}

func TestOrdinal(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"tr", 40, "40."}, {"en", 40, "40th"}, {"az", 40, "40-cı"},
		{"en", 1, "1st"}, {"en", 2, "2nd"}, {"en", 3, "3rd"}, {"en", 11, "11th"}, {"en", 12, "12th"}, {"en", 13, "13th"},
		{"en", 21, "21st"}, {"en", 112, "112th"}, {"en", 101, "101st"},
		{"az", 1, "1-ci"}, {"az", 3, "3-cü"}, {"az", 6, "6-cı"}, {"az", 9, "9-cu"},
		{"az", 10, "10-cu"}, {"az", 30, "30-cu"}, {"az", 50, "50-ci"}, {"az", 60, "60-cı"}, {"az", 90, "90-cı"},
		{"az", 100, "100-cü"}, {"az", 1000, "1000-ci"}, {"az", 2026, "2026-cı"}, {"az", 25, "25-ci"},
	}
	for _, tt := range tests {
		if got := ordinal(tt.lang, tt.n); got != tt.want {
			t.Errorf("ordinal(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestMilestoneValidate(t *testing.T) {
	ok := Milestone{Date: ymd(2026, 5, 1), Precision: PrecisionDay, Kind: KindVisit, Title: Text{AZ: "Səfər"}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid milestone refused: %v", err)
	}
	bad := Milestone{Precision: "month", Kind: "party", Title: Text{EN: string(make([]byte, maxTitle+1))}}
	var verr *ValidationError
	if err := bad.Validate(); !errors.As(err, &verr) {
		t.Fatalf("Validate = %v, want *ValidationError", err)
	}
	want := map[string]string{"date": "partnership.error.date", "kind": "partnership.error.kind", "title": "partnership.error.too_long"}
	for f, k := range want {
		if verr.Fields[f] != k {
			t.Errorf("field %s: got %q, want %q", f, verr.Fields[f], k)
		}
	}
	noTitle := ok
	noTitle.Title = Text{}
	if err := noTitle.Validate(); !errors.As(err, &verr) || verr.Fields["title"] != "partnership.error.required" {
		t.Errorf("empty title: %v", err)
	}
}

func TestPartnershipValidate(t *testing.T) {
	p := demoPartnership()
	if err := p.Validate(); err != nil {
		t.Fatalf("demo partnership invalid: %v", err)
	}
	p.Slug, p.A.Country, p.B.Zone = "İzmir Bakü", "tur", "Local"
	var verr *ValidationError
	if err := p.Validate(); !errors.As(err, &verr) {
		t.Fatalf("Validate = %v, want *ValidationError", err)
	}
	for _, f := range []string{"slug", "country_a", "zone_b"} {
		if verr.Fields[f] == "" {
			t.Errorf("field %s not reported: %v", f, verr.Fields)
		}
	}
}

func TestAnniversary(t *testing.T) {
	if got := demoPartnership().Anniversary(2026); got != 40 {
		t.Errorf("Anniversary(2026) = %d, want 40", got)
	}
}
