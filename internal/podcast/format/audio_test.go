package format

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func probeFile(t *testing.T, name string) (Audio, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := ProbeAudio(f, int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a, data
}

func near(d, want time.Duration) bool {
	diff := d - want
	return diff > -100*time.Millisecond && diff < 100*time.Millisecond
}

// The fixtures were encoded from generated tones of known length (see testdata/README).
func TestProbeAudioFixtures(t *testing.T) {
	tests := []struct {
		file                 string
		typ, ext             string
		duration             time.Duration
		rate, channels       int
		minBitrate, maxBitrate int
	}{
		{"cbr.mp3", TypeMP3, "mp3", 3500 * time.Millisecond, 44100, 1, 31_500, 32_500},
		{"cbr-noxing.mp3", TypeMP3, "mp3", 2250 * time.Millisecond, 44100, 1, 31_500, 32_500},
		{"vbr.mp3", TypeMP3, "mp3", 4200 * time.Millisecond, 22050, 1, 30_000, 60_000},
		{"audio.m4a", TypeM4A, "m4a", 3700 * time.Millisecond, 44100, 1, 28_000, 36_000},
		{"moovlast.m4a", TypeM4A, "m4a", 2600 * time.Millisecond, 44100, 1, 28_000, 36_000},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, data := probeFile(t, tt.file)
			if a.Type != tt.typ || a.Ext != tt.ext {
				t.Errorf("type %s .%s, want %s .%s", a.Type, a.Ext, tt.typ, tt.ext)
			}
			if !near(a.Duration, tt.duration) {
				t.Errorf("duration %v, want %v ± 0.1 s", a.Duration, tt.duration)
			}
			if a.SampleRate != tt.rate || a.Channels != tt.channels {
				t.Errorf("%d Hz × %d, want %d Hz × %d", a.SampleRate, a.Channels, tt.rate, tt.channels)
			}
			if a.Bitrate < tt.minBitrate || a.Bitrate > tt.maxBitrate {
				t.Errorf("bitrate %d, want %d–%d", a.Bitrate, tt.minBitrate, tt.maxBitrate)
			}
			if a.Size != int64(len(data)) {
				t.Errorf("size %d, want %d", a.Size, len(data))
			}
		})
	}
}
