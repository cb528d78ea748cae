package search

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		q, fts5, tsquery string
	}{
		{"İZMİR", `"izmir"*`, "izmir:*"},
		{"  Bakü   Gəncə ", `"baku" "gence"*`, "baku & gence:*"},
		{`"izmir" NEAR(a, b) title:x -y`, `"izmir" "near" "a" "b" "title" "x" "y"`, "izmir & near & a & b & title & x & y"},
		{"a OR b AND c*", `"a" "or" "b" "and" "c"`, "a & or & b & and & c"},
		{"'; DROP TABLE x; --", `"drop" "table" "x"`, "drop & table & x"},
		{"iz", `"iz"`, "iz"}, // too short for a prefix
		{"fuar izmir fuar", `"izmir" "fuar"*`, "izmir & fuar:*"}, // the last word typed stays the prefix
		{"İzmir'de", `"izmir" "de"`, "izmir & de"},
	}
	for _, c := range cases {
		p, err := parse(c.q)
		if err != nil {
			t.Errorf("parse(%q): %v", c.q, err)
			continue
		}
		if p.fts5() != c.fts5 || p.tsquery() != c.tsquery {
			t.Errorf("parse(%q) = %s | %s, want %s | %s", c.q, p.fts5(), p.tsquery(), c.fts5, c.tsquery)
		}
	}
	many, _ := parse(strings.Repeat("kelime ", 3) + "a b c d e f g h i j k l son")
	if len(many.words) != maxTerms || many.words[maxTerms-1] != "son" {
		t.Errorf("terms are capped at %d, keeping the last: %v", maxTerms, many.words)
	}
	for _, q := range []string{"", "  ", "\"*:-()", "…—!?"} {
		if _, err := parse(q); !errors.Is(err, ErrEmptyQuery) {
			t.Errorf("parse(%q) = %v, want ErrEmptyQuery", q, err)
		}
	}
	if _, err := parse(strings.Repeat("ş", 201)); !errors.Is(err, ErrQueryTooLong) {
		t.Errorf("201 characters: %v", err)
	}
}

func TestIndexText(t *testing.T) {
	for in, want := range map[string]string{
		"İzmir'in limanları, Bakü'nün \"Qız Qalası\"!": "izmir in limanlari baku nun qiz qalasi",
		"Azər\u00adbaycan ve Baku\u0308":               "azerbaycan ve baku",
		"  \n ":                                        "",
	} {
		if got := indexText(in); got != want {
			t.Errorf("indexText(%q) = %q, want %q", in, got, want)
		}
	}
}
