package i18n

import "testing"

func TestTextFallsBackBetweenTheTurkicLanguagesFirst(t *testing.T) {
	only := Text{AZ: "Bakı", EN: "Baku"}
	if only.In("tr") != "Bakı" || only.Lang("tr") != "az" {
		t.Fatalf("tr falls back to az first: %q (%s)", only.In("tr"), only.Lang("tr"))
	}
	if en := (Text{TR: "İzmir"}); en.In("en") != "İzmir" || en.Lang("en") != "tr" {
		t.Fatalf("en falls back to tr: %q", en.In("en"))
	}
	if !(Text{TR: "  "}).Empty() || (Text{EN: "x"}).Empty() {
		t.Fatal("Empty")
	}
	var back Text
	v, _ := Text{TR: "Şəki", AZ: "Şəki"}.Value()
	if err := back.Scan(v); err != nil || back.AZ != "Şəki" {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	if got := (Text{TR: " a ", EN: "b "}).Trimmed(); got.TR != "a" || got.EN != "b" {
		t.Fatalf("Trimmed: %+v", got)
	}
}
