package format

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const srtSample = "\uFEFF1\r\n" +
	"00:00:01,000 --> 00:00:04,250\r\n" +
	"<i>İzmir</i> ile Bakü'nün kardeşliği 1986'da başladı.\r\n" +
	"\r\n" +
	"2\r\n" +
	"00:00:04,500 --> 00:00:07,000\r\n" +
	"Bakı ilə İzmir qardaşlaşmış şəhərlərdir;\r\n" +
	"ağır işlər & şənlik.\r\n"

func TestParseSRTAndRenderVTT(t *testing.T) {
	tr, err := ParseTranscript([]byte(srtSample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Cue{
		{Start: time.Second, End: 4250 * time.Millisecond, Text: "İzmir ile Bakü'nün kardeşliği 1986'da başladı."},
		{Start: 4500 * time.Millisecond, End: 7 * time.Second, Text: "Bakı ilə İzmir qardaşlaşmış şəhərlərdir;\nağır işlər & şənlik."},
	}
	if tr.Type != TypeSRT || !equalCues(tr.Cues, want) {
		t.Fatalf("got %s %+v\nwant %+v", tr.Type, tr.Cues, want)
	}
	vtt := string(tr.VTT())
	wantVTT := "WEBVTT\n\n" +
		"00:00:01.000 --> 00:00:04.250\n" +
		"İzmir ile Bakü'nün kardeşliği 1986'da başladı.\n\n" +
		"00:00:04.500 --> 00:00:07.000\n" +
		"Bakı ilə İzmir qardaşlaşmış şəhərlərdir;\nağır işlər &amp; şənlik.\n"
	if vtt != wantVTT {
		t.Fatalf("VTT:\n%s\nwant:\n%s", vtt, wantVTT)
	}
	again, err := ParseTranscript([]byte(vtt))
	if err != nil {
		t.Fatal(err)
	}
	if again.Type != TypeVTT || !equalCues(again.Cues, want) {
		t.Fatalf("round trip: %+v", again.Cues)
	}
	if got := tr.Text(); !strings.Contains(got, "qardaşlaşmış şəhərlərdir") || strings.Contains(got, "<i>") {
		t.Fatalf("Text: %q", got)
	}
}

func TestParseVTTWithVoicesAndBlocks(t *testing.T) {
	src := "WEBVTT - İzmir–Bakü söyleşisi\n" +
		"Kind: captions\n\n" +
		"STYLE\n::cue { color: yellow }\n\n" +
		"NOTE the host is the association's spokesperson\n\n" +
		"NOTE\tkısa not\n\n" +
		"intro\n" +
		"00:05.000 --> 00:09.500 align:start line:90%\n" +
		"<v.host Derneğin sözcüsü>Hoş geldiniz, <b>dinleyiciler</b>.\n\n" +
		"01:00:00.000 --> 01:00:02.000\n" +
		"<v Belediye temsilcisi>Təşəkkür edirik &lt;3\n"
	tr, err := ParseTranscript([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Cue{
		{Start: 5 * time.Second, End: 9500 * time.Millisecond, Speaker: "Derneğin sözcüsü", Text: "Hoş geldiniz, dinleyiciler."},
		{Start: time.Hour, End: time.Hour + 2*time.Second, Speaker: "Belediye temsilcisi", Text: "Təşəkkür edirik <3"},
	}
	if tr.Type != TypeVTT || !equalCues(tr.Cues, want) {
		t.Fatalf("got %+v\nwant %+v", tr.Cues, want)
	}
	if got, wantText := tr.Text(), "Derneğin sözcüsü: Hoş geldiniz, dinleyiciler.\nBelediye temsilcisi: Təşəkkür edirik <3\n"; got != wantText {
		t.Fatalf("Text %q, want %q", got, wantText)
	}
	if vtt := string(tr.VTT()); !strings.Contains(vtt, "<v Belediye temsilcisi>Təşəkkür edirik &lt;3\n") {
		t.Fatalf("VTT lost the voice or the escaping:\n%s", vtt)
	}
}

func TestParseTranscriptErrors(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		line   int
		reason string
	}{
		{"invalid UTF-8", "1\n00:00:01,000 --> 00:00:02,000\nŞ\xffe\n", 3, ReasonEncoding},
		{"empty", "\n \n", 0, ReasonNoCues},
		{"header only", "WEBVTT\n\nNOTE nothing yet\n", 0, ReasonNoCues},
		{"neither format", "Merhaba\n00:01.000 --> 00:02.000\n", 1, ReasonFormat},
		{"cues without a WEBVTT header", "00:01.000 --> 00:02.000\nSalam\n", 1, ReasonFormat},
		{"header after a blank line", "\nWEBVTT\n\n00:01.000 --> 00:02.000\nSalam\n", 2, ReasonHeader},
		{"header glued to a word", "WEBVTTX\n\n00:01.000 --> 00:02.000\nSalam\n", 1, ReasonHeader},
		{"header without a blank line", "WEBVTT\n00:01.000 --> 00:02.000\nSalam\n", 2, ReasonBlankLine},
		{"srt cue without number", "1\n00:00:01,000 --> 00:00:02,000\nBir\n\nİki\n00:00:03,000 --> 00:00:04,000\n", 5, ReasonNumber},
		{"srt bad timestamp", "1\n00:00:01,000 --> 00:00:62,000\nBir\n", 2, ReasonTiming},
		{"srt missing timing", "1\nBir\n", 2, ReasonTiming},
		{"srt number alone", "1\n", 2, ReasonTiming},
		{"vtt comma in timestamp", "WEBVTT\n\n00:01,000 --> 00:02.000\nSalam\n", 3, ReasonTiming},
		{"vtt identifier without timing", "WEBVTT\n\nintro\nSalam\n", 4, ReasonTiming},
		{"vtt minutes out of range", "WEBVTT\n\n00:75:01.000 --> 00:75:02.000\nSalam\n", 3, ReasonTiming},
		{"end before start", "WEBVTT\n\n00:05.000 --> 00:04.000\nSalam\n", 3, ReasonEndBeforeStart},
		{"backwards order", "1\n00:00:05,000 --> 00:00:06,000\nBir\n\n2\n00:00:01,000 --> 00:00:02,000\nİki\n", 6, ReasonOrder},
		{"missing blank line between cues", "1\n00:00:01,000 --> 00:00:02,000\nBir\n2\n00:00:03,000 --> 00:00:04,000\nİki\n", 5, ReasonBlankLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTranscript([]byte(tt.src))
			var te *TranscriptError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a *TranscriptError", err)
			}
			if te.Line != tt.line || te.Reason != tt.reason {
				t.Fatalf("got line %d %q (%v), want line %d %q", te.Line, te.Reason, err, tt.line, tt.reason)
			}
		})
	}
}

func equalCues(a, b []Cue) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
