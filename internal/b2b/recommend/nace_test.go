package recommend

import "testing"

func TestParseSector(t *testing.T) {
	cases := []struct {
		code string
		want sector
		ok   bool
	}{
		{"10.41", sector{'C', 10}, true},
		{"C10.41", sector{'C', 10}, true},
		{"c10", sector{'C', 10}, true},
		{"10", sector{'C', 10}, true},
		{"10.4", sector{'C', 10}, true},
		{"C", sector{'C', 0}, true},
		{" 01.26 ", sector{'A', 1}, true},
		{"46.33", sector{'G', 46}, true},
		{"99", sector{'U', 99}, true},
		{"A10", sector{}, false}, // division 10 is not in section A
		{"00", sector{}, false},
		{"Z", sector{}, false},
		{"", sector{}, false},
		{"1", sector{}, false},
		{"zeytin", sector{}, false},
	}
	for _, c := range cases {
		got, ok := parseSector(c.code)
		if ok != c.ok || got != c.want {
			t.Errorf("parseSector(%q) = %v, %v; want %v, %v", c.code, got, ok, c.want, c.ok)
		}
	}
}

func TestLinkSectors(t *testing.T) {
	s := func(codes ...string) []sector {
		var out []sector
		for _, c := range codes {
			v, _ := parseSector(c)
			out = append(out, v)
		}
		return out
	}
	cases := []struct {
		a, b []sector
		want reasonKind
	}{
		{s("10.41"), s("10.39"), sameDivision},
		{s("01.26"), s("10.41"), supplyChain}, // olives → olive oil
		{s("46.33"), s("10.41"), supplyChain}, // wholesale ← food, either direction
		{s("10.41"), s("13.10"), sameSection}, // both manufacturing
		{s("C"), s("13"), sameSection},
		{s("10.41"), s("62.01"), none},
		{s("62.01", "10.41"), s("13.10", "10.82"), sameDivision}, // the strongest pair wins
		{nil, s("10"), none},
	}
	for i, c := range cases {
		if got := linkSectors(c.a, c.b).kind; got != c.want {
			t.Errorf("case %d: link %v, want %v", i, got, c.want)
		}
	}
}
