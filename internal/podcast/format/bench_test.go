package format

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// cbrMP3 builds an MP3 stream of n MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz, joint
// stereo, with silent (zero) payloads: 417 bytes a frame, 1152 samples.
func cbrMP3(n int) []byte {
	frame := make([]byte, 417)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0x44})
	return bytes.Repeat(frame, n)
}

func TestProbeAudioGeneratedCBR(t *testing.T) {
	const frames = 2000
	a, err := probeBytes(cbrMP3(frames))
	if err != nil {
		t.Fatal(err)
	}
	want := durationOf(frames*1152, 44100) // 52.24 s
	// Without padding bytes, 417-byte frames average a little under 128 kbit/s.
	if a.Duration != want || a.Bitrate != 127_706 || a.Channels != 2 {
		t.Fatalf("got %v %d bit/s %d channels, want %v 127706 2", a.Duration, a.Bitrate, a.Channels, want)
	}
}

// BenchmarkProbeAudioMP3 probes a 50 MB CBR MP3 (about 27 minutes) held in memory: the
// cost is one 4-byte read per frame header.
func BenchmarkProbeAudioMP3(b *testing.B) {
	data := cbrMP3(50 << 20 / 417)
	r := bytes.NewReader(data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		a, err := ProbeAudio(r, int64(len(data)))
		if err != nil || a.Duration < 27*time.Minute {
			b.Fatal(a, err)
		}
	}
}

// BenchmarkProbeAudioMP3File probes the same 50 MB MP3 from a file, as an upload is
// probed: one pread per frame header.
func BenchmarkProbeAudioMP3File(b *testing.B) {
	data := cbrMP3(50 << 20 / 417)
	path := filepath.Join(b.TempDir(), "episode.mp3")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ProbeAudio(f, int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}
