package feed

import "testing"

func TestAppendText(t *testing.T) {
	cases := []struct{ in, text, attr string }{
		{"İzmir–Bakü Əə Iıİi", "İzmir–Bakü Əə Iıİi", "İzmir–Bakü Əə Iıİi"},
		{`a & b < c > d "e"`, "a &amp; b &lt; c &gt; d &quot;e&quot;", "a &amp; b &lt; c &gt; d &quot;e&quot;"},
		{"satır\nbir\tiki\r", "satır\nbir\tiki&#13;", "satır&#10;bir&#9;iki&#13;"},
		{"x\x00y\x1fz", "x\uFFFDy\uFFFDz", "x\uFFFDy\uFFFDz"},
		{"bad \xff\xfe utf8 \xc3", "bad \uFFFD\uFFFD utf8 \uFFFD", "bad \uFFFD\uFFFD utf8 \uFFFD"},
		{"no\uFFFEt \uFFFF", "no\uFFFDt \uFFFD", "no\uFFFDt \uFFFD"},
		{"]]>", "]]&gt;", "]]&gt;"},
	}
	for _, c := range cases {
		if got := string(appendText(nil, c.in, false)); got != c.text {
			t.Errorf("text %q = %q, want %q", c.in, got, c.text)
		}
		if got := string(appendText(nil, c.in, true)); got != c.attr {
			t.Errorf("attr %q = %q, want %q", c.in, got, c.attr)
		}
	}
}

func TestAppendCDATA(t *testing.T) {
	cases := map[string]string{
		"<p>Şiir & çay</p>": "<![CDATA[<p>Şiir & çay</p>]]>",
		"a]]>b":             "<![CDATA[a]]]]><![CDATA[>b]]>",
		"]]>]]>":            "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>",
		"]]":                "<![CDATA[]]]]>",
		"x]]":               "<![CDATA[x]]]]>",
		"zil\x07\xff":       "<![CDATA[zil\uFFFD\uFFFD]]>",
		"":                  "<![CDATA[]]>",
	}
	for in, want := range cases {
		if got := string(appendCDATA(nil, in)); got != want {
			t.Errorf("%q = %q, want %q", in, got, want)
		}
	}
}
