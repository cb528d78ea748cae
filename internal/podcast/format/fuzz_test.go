package format

import (
	"errors"
	"testing"
	"time"
)

// The fuzz tests run their seeds in every `go test`; run them for real by hand, e.g.
// `go test -run '^$' -fuzz FuzzProbeAudio -fuzztime 20s ./internal/podcast/format/`.

func FuzzProbeAudio(f *testing.F) {
	for _, name := range []string{"cbr.mp3", "cbr-noxing.mp3", "vbr.mp3", "audio.m4a", "moovlast.m4a", "video.mp4"} {
		data := readFixture(f, name)
		f.Add(data[:min(len(data), 1500)])
	}
	f.Add(cbrMP3(4))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := probeBytes(data)
		if err != nil {
			if !errors.Is(err, ErrNotAudio) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if (a.Type != TypeMP3 && a.Type != TypeM4A) || a.Size != int64(len(data)) || a.Duration <= 0 || a.Bitrate < 0 {
			t.Fatalf("implausible result %+v", a)
		}
	})
}

func FuzzParseTranscript(f *testing.F) {
	f.Add([]byte(srtSample))
	f.Add([]byte("WEBVTT\n\nNOTE x\n\nid\n00:05.000 --> 00:09.500 align:start\n<v.a Ayla>Salam <i>dünya</i> &amp; &lt;3\n"))
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\nBir\n2\n00:00:03,000 --> 00:00:04,000\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseTranscript(data)
		if err != nil {
			var te *TranscriptError
			if !errors.As(err, &te) || transcriptReasons[te.Reason] == "" || te.Line < 0 {
				t.Fatalf("error without a known reason: %#v", err)
			}
			return
		}
		// What we render for players must read back as the same cues.
		again, err := ParseTranscript(tr.VTT())
		if err != nil {
			t.Fatalf("rendered VTT does not parse: %v\n%s", err, tr.VTT())
		}
		if !equalCues(tr.Cues, again.Cues) {
			t.Fatalf("round trip changed the cues:\n%+v\n%+v", tr.Cues, again.Cues)
		}
	})
}

func FuzzParseChapters(f *testing.F) {
	f.Add([]byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"Açılış"},{"startTime":94.5,"endTime":120,"title":"Ş","img":"https://a.example/i.png","toc":false}]}`), int64(0))
	f.Add([]byte(`{"version":"1.2.0","chapters":[{"startTime":1e300,"title":"x"}]}`), int64(time.Hour))
	f.Add([]byte(`{"version":"1.1","chapters":[{"startTime":0.000000001,"title":"x","url":"http://h/"}]}`), int64(time.Second))
	f.Fuzz(func(t *testing.T, data []byte, duration int64) {
		c, err := ParseChapters(data, time.Duration(duration))
		if err != nil {
			var ce *ChaptersError
			if !errors.As(err, &ce) || chaptersReasons[ce.Reason] == "" || ce.Index < -1 {
				t.Fatalf("error without a known reason: %#v", err)
			}
			return
		}
		again, err := ParseChapters(c.JSON(), time.Duration(duration))
		if err != nil {
			t.Fatalf("rendered JSON does not parse: %v\n%s", err, c.JSON())
		}
		if len(again.Items) != len(c.Items) {
			t.Fatalf("round trip changed the chapters")
		}
		for i := range c.Items {
			if again.Items[i] != c.Items[i] {
				t.Fatalf("round trip changed chapter %d: %+v → %+v", i, c.Items[i], again.Items[i])
			}
		}
	})
}
