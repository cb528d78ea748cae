package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestLineFolds: no line passes 75 octets and no character is cut, so "Şəhərlərarası"
// survives folding whole.
func TestLineFolds(t *testing.T) {
	var w Writer
	long := strings.Repeat("Şəhərlərarası əməkdaşlıq, İzmir; Bakı. ", 6)
	w.Prop("SUMMARY", Text(long))
	var joined strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(string(w.Bytes()), "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Fatalf("line %d: %d octets, valid %v", i, len(l), utf8.ValidString(l))
		}
		joined.WriteString(strings.TrimPrefix(l, " "))
	}
	if want := "SUMMARY:" + Text(long); joined.String() != want {
		t.Errorf("unfolded %q, want %q", joined.String(), want)
	}
}

func TestOffsetsAndZones(t *testing.T) {
	for sec, want := range map[int]string{14400: "+0400", 10800: "+0300", -12600: "-0330", 3661: "+010101"} {
		if got := Offset(sec); got != want {
			t.Errorf("Offset(%d) = %q, want %q", sec, got, want)
		}
	}
	baku, err := time.LoadLocation("Asia/Baku")
	if err != nil {
		t.Skip("no zone data")
	}
	var w Writer
	at := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	w.Timezone("Asia/Baku", baku, at, at.Add(8*time.Hour))
	out := string(w.Bytes())
	for _, s := range []string{"TZID:Asia/Baku", "BEGIN:STANDARD", "TZOFFSETTO:+0400"} {
		if !strings.Contains(out, s) {
			t.Errorf("VTIMEZONE lacks %s:\n%s", s, out)
		}
	}
	if Host("https://kopru.example.org/x") != "kopru.example.org" || Host("") != "kopru" {
		t.Error("Host")
	}
}
