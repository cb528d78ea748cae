package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/png"
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
		file                   string
		typ, ext               string
		duration               time.Duration
		rate, channels         int
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

func probeBytes(data []byte) (Audio, error) {
	return ProbeAudio(bytes.NewReader(data), int64(len(data)))
}

// frameEnds returns the offsets where the MP3 frames of data end, in order.
func frameEnds(t *testing.T, data []byte) []int64 {
	t.Helper()
	start, err := skipID3v2(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	w := &mp3Walker{r: bytes.NewReader(data), end: trailingTagsStart(bytes.NewReader(data), start, int64(len(data)))}
	pos, err := w.findFirst(start)
	if err != nil {
		t.Fatal(err)
	}
	var ends []int64
	for {
		h, ok, _ := w.header(pos)
		if !ok || pos+h.length > w.end {
			return ends
		}
		pos += h.length
		ends = append(ends, pos)
	}
}

func TestProbeAudioTruncated(t *testing.T) {
	cbr := readFixture(t, "cbr-noxing.mp3")
	vbr := readFixture(t, "vbr.mp3")
	m4a := readFixture(t, "audio.m4a")
	moovLast := readFixture(t, "moovlast.m4a")
	vbrEnds := frameEnds(t, vbr)
	tests := []struct {
		name string
		data []byte
	}{
		{"mp3 cut mid-frame", cbr[:len(cbr)*2/3]},
		{"mp3 cut inside the last frame header", cbr[:frameEnds(t, cbr)[5]+2]},
		{"vbr mp3 cut mid-frame", vbr[:len(vbr)-100]},
		// Cut exactly between two frames: only the Xing frame count tells.
		{"vbr mp3 cut at a frame boundary", vbr[:vbrEnds[len(vbrEnds)/2]]},
		{"vbr mp3 cut after its info frame", vbr[:vbrEnds[0]]},
		{"m4a cut inside the media data", m4a[:len(m4a)-500]},
		{"m4a cut before its movie box", moovLast[:len(moovLast)*3/4]},
		{"m4a cut inside a box header", m4a[:len(m4a)-len(m4a)+40]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := probeBytes(tt.data)
			if !errors.Is(err, ErrTruncated) {
				t.Fatalf("got %+v, %v; want ErrTruncated", a, err)
			}
		})
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestProbeAudioRejectsWhatIsNotAudio(t *testing.T) {
	var pngData bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	text := bytes.Repeat([]byte("İzmir ile Bakü kardeş şehirdir. Bakı ilə İzmir qardaşlaşmış şəhərlərdir.\n"), 40)
	// Bytes that look like one MP3 frame header and nothing after it.
	lone := append([]byte{0xFF, 0xFB, 0x90, 0x64}, bytes.Repeat([]byte{'x'}, 600)...)
	tests := []struct {
		name string
		data []byte
	}{
		{"png renamed .mp3", pngData.Bytes()},
		{"text renamed .mp3", text},
		{"video-only mp4", readFixture(t, "video.mp4")},
		{"a lone frame header", lone},
		{"empty", nil},
		{"ten bytes", []byte("ID3\x04\x00\x00\x00\x00\x00\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := probeBytes(tt.data)
			if !errors.Is(err, ErrNotAudio) {
				t.Fatalf("got %+v, %v; want ErrNotAudio", a, err)
			}
		})
	}
}

func TestCheckClaim(t *testing.T) {
	mp3, _ := probeFile(t, "cbr.mp3")
	m4a, _ := probeFile(t, "audio.m4a")
	tests := []struct {
		claim string
		a     Audio
		lies  bool
	}{
		{"audio/mpeg", mp3, false},
		{"audio/MP3", mp3, false},
		{"", mp3, false},
		{"application/octet-stream", m4a, false},
		{"audio/x-m4a", m4a, false},
		{"audio/mp4; codecs=mp4a.40.2", m4a, false},
		{"audio/mp4", mp3, true},
		{"audio/mpeg", m4a, true},
		{"image/png", mp3, true},
		{"video/mp4", m4a, true},
	}
	for _, tt := range tests {
		err := CheckClaim(tt.claim, tt.a)
		if lies := errors.Is(err, ErrTypeMismatch); lies != tt.lies || (err != nil && !lies) {
			t.Errorf("CheckClaim(%q, %s) = %v, want mismatch %v", tt.claim, tt.a.Type, err, tt.lies)
		}
	}
}

// apeTag builds an APEv2 tag with a header and one item, as taggers append it.
func apeTag() []byte {
	item := append([]byte{5, 0, 0, 0, 0, 0, 0, 0}, []byte("Title\x00İzmir")...)
	frame := func(flags uint32) []byte {
		b := make([]byte, 32)
		copy(b, "APETAGEX")
		binary.LittleEndian.PutUint32(b[8:], 2000)
		binary.LittleEndian.PutUint32(b[12:], uint32(len(item)+32))
		binary.LittleEndian.PutUint32(b[16:], 1)
		binary.LittleEndian.PutUint32(b[20:], flags)
		return b
	}
	tag := frame(1<<31 | 1<<29)
	tag = append(tag, item...)
	return append(tag, frame(1<<31)...)
}

// Tags and padding around the frames change neither the length nor the verdict.
func TestProbeAudioMP3Surroundings(t *testing.T) {
	bare := readFixture(t, "cbr-noxing.mp3")
	want, err := probeBytes(bare)
	if err != nil {
		t.Fatal(err)
	}
	id3v1 := append([]byte("TAG"), make([]byte, 125)...)
	id3v2 := append([]byte("ID3\x03\x00\x00\x00\x00\x02\x00"), make([]byte, 256)...) // a 256-byte tag of padding
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name string
		data []byte
	}{
		{"APEv2 and ID3v1 at the end", cat(bare, apeTag(), id3v1)},
		{"ID3v2 followed by stray zero padding", cat(id3v2, make([]byte, 700), bare)},
		{"two ID3v2 tags", cat(id3v2, id3v2, bare)},
		{"junk after the last frame", cat(bare, []byte("\n-- end of stream --\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := probeBytes(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if a.Duration != want.Duration || a.Size != int64(len(tt.data)) {
				t.Fatalf("got %v, %d bytes; want %v, %d bytes", a.Duration, a.Size, want.Duration, len(tt.data))
			}
		})
	}
}
