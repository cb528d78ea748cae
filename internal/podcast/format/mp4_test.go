package format

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

// mp4 box builders for cases the fixtures do not cover.

func box(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func ftyp(brands ...string) []byte {
	p := []byte(brands[0] + "\x00\x00\x00\x00")
	for _, b := range brands[1:] {
		p = append(p, b...)
	}
	return box("ftyp", p)
}

// times builds an mvhd or mdhd payload of version 0 (or 1 when long).
func times(typ string, scale uint32, duration uint64, long bool) []byte {
	if long {
		return box(typ, u32(1<<24), u64(0), u64(0), u32(scale), u64(duration), make([]byte, 80))
	}
	return box(typ, u32(0), u32(0), u32(0), u32(scale), u32(uint32(duration)), make([]byte, 80))
}

func soundTrak(scale uint32, duration uint64, long bool) []byte {
	entry := box("mp4a", make([]byte, 6), []byte{0, 1}, make([]byte, 8),
		[]byte{0, 2, 0, 16, 0, 0, 0, 0}, u32(scale<<16))
	stsd := box("stsd", u32(0), u32(1), entry)
	hdlr := box("hdlr", u32(0), u32(0), []byte("soun"), make([]byte, 13))
	return box("trak", box("mdia", times("mdhd", scale, duration, long), hdlr,
		box("minf", box("stbl", stsd))))
}

func TestProbeAudioBuiltMP4(t *testing.T) {
	audio := bytes.Repeat([]byte{0x21}, 4000)
	moov := box("moov", times("mvhd", 1000, 90_500, false), soundTrak(48000, 48000*90+24000, false))
	bigMdat := append(append(u32(1), "mdat"...), u64(uint64(16+len(audio)))...)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	brokenMoov := box("moov", u32(200), []byte("trak"), make([]byte, 16)) // a 200-byte trak in 24 bytes
	tests := []struct {
		name     string
		data     []byte
		duration time.Duration
		err      error
	}{
		{"64-bit mdat", cat(ftyp("M4A ", "M4A ", "mp42", "isom"), moov, bigMdat, audio), 90500 * time.Millisecond, nil},
		{"mdat to the end of the file", cat(ftyp("mp42", "isom"), moov, u32(0), []byte("mdat"), audio), 90500 * time.Millisecond, nil},
		{"version 1 headers", cat(ftyp("isom"), box("moov", times("mvhd", 1000, 0, true), soundTrak(44100, 44100*7200, true)), box("mdat", audio)), 2 * time.Hour, nil},
		{"movie duration when the track has none", cat(ftyp("isom"), box("moov", times("mvhd", 600, 600*42, false), soundTrak(44100, 0, false)), box("mdat", audio)), 42 * time.Second, nil},
		{"fragmented with a movie extends header", cat(ftyp("iso6", "dash"), box("moov", times("mvhd", 1000, 0, false), soundTrak(44100, 0, false), box("mvex", box("mehd", u32(0), u32(61_000)))), box("mdat", audio)), 61 * time.Second, nil},
		{"fragmented without a duration", cat(ftyp("iso6"), box("moov", times("mvhd", 1000, 0, false), soundTrak(44100, 0, false)), box("moof"), box("mdat", audio)), 0, ErrUnsupported},
		{"64-bit mdat past the end", cat(ftyp("M4A "), moov, bigMdat, audio[:3000]), 0, ErrTruncated},
		{"no media data", cat(ftyp("M4A "), moov), 0, ErrTruncated},
		{"an image brand", cat(ftyp("heic", "mif1", "heic"), moov, box("mdat", audio)), 0, ErrNotAudio},
		{"a box shorter than its header", cat(ftyp("M4A "), u32(4), []byte("free"), moov), 0, ErrNotAudio},
		{"a child past its parent", cat(ftyp("M4A "), brokenMoov, box("mdat", audio)), 0, ErrNotAudio},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := probeBytes(tt.data)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %+v, %v; want %v", a, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Type != TypeM4A || a.Duration != tt.duration || a.Channels != 2 {
				t.Fatalf("got %+v, want %s %v stereo", a, TypeM4A, tt.duration)
			}
		})
	}
}
