package format

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// An MP4 (M4A) file is a tree of boxes, each with its length and a four-letter type. The
// measurements sit in the movie box (moov): its header (mvhd) and, per track, the media
// header (mdhd, timescale and duration), the handler (hdlr, "soun" for audio) and the
// sample description (stsd, channels and sample rate). The audio itself sits in media
// data boxes (mdat), which are skipped. A cut upload shows as a top-level box that runs
// past the end of the file, or as a missing moov when the encoder wrote it last.

// audioBrands are the ftyp brands an M4A file may carry (as major or compatible brand).
var audioBrands = []string{"M4A ", "M4B ", "M4P ", "mp42", "mp41", "isom", "iso2", "iso3",
	"iso4", "iso5", "iso6", "iso8", "iso9", "dash", "3gp4", "3gp5", "3gp6"}

// maxBoxes bounds the boxes visited in one file, so that a crafted file of millions of
// empty boxes cannot keep the prober busy.
const maxBoxes = 100_000

type mp4Box struct {
	typ  string
	body int64 // offset of the payload
	end  int64 // offset after the box
}

var (
	errBoxOverrun   = errors.New("box runs past its container")
	errBoxMalformed = errors.New("malformed box header")
)

type mp4Reader struct {
	r     io.ReaderAt
	boxes int
}

// box reads the box header at pos inside a container that ends at limit.
func (m *mp4Reader) box(pos, limit int64) (mp4Box, error) {
	m.boxes++
	if m.boxes > maxBoxes {
		return mp4Box{}, fmt.Errorf("%w: more than %d boxes", ErrNotAudio, maxBoxes)
	}
	var h [16]byte
	if limit-pos < 8 {
		return mp4Box{}, errBoxOverrun
	}
	if err := readAt(m.r, h[:8], pos, limit); err != nil {
		return mp4Box{}, err
	}
	b := mp4Box{typ: string(h[4:8]), body: pos + 8}
	switch n := int64(binary.BigEndian.Uint32(h[:4])); {
	case n == 0: // the box extends to the end of its container
		b.end = limit
	case n == 1: // a 64-bit length follows
		if limit-pos < 16 {
			return b, errBoxOverrun
		}
		if err := readAt(m.r, h[8:16], pos+8, limit); err != nil {
			return b, err
		}
		n64 := binary.BigEndian.Uint64(h[8:16])
		if n64 < 16 {
			return b, errBoxMalformed
		}
		if n64 > uint64(limit-pos) {
			return b, errBoxOverrun
		}
		b.body, b.end = pos+16, pos+int64(n64)
	case n < 8:
		return b, errBoxMalformed
	default:
		b.end = pos + n
	}
	if b.end > limit {
		return b, errBoxOverrun
	}
	return b, nil
}

// children calls fn for each box inside parent; a child that does not fit its parent
// makes the file malformed.
func (m *mp4Reader) children(parent mp4Box, fn func(mp4Box) error) error {
	for pos := parent.body; pos < parent.end; {
		b, err := m.box(pos, parent.end)
		if errors.Is(err, errBoxOverrun) || errors.Is(err, errBoxMalformed) {
			return fmt.Errorf("%w: malformed %q box inside %q", ErrNotAudio, b.typ, parent.typ)
		}
		if err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		pos = b.end
	}
	return nil
}

// child returns the first box of type typ inside parent (found false when none).
func (m *mp4Reader) child(parent mp4Box, typ string) (found mp4Box, ok bool, err error) {
	err = m.children(parent, func(b mp4Box) error {
		if !ok && b.typ == typ {
			found, ok = b, true
		}
		return nil
	})
	return found, ok, err
}

// bytes reads n bytes at the start of b's payload (fewer when the box is shorter).
func (m *mp4Reader) bytes(b mp4Box, n int64) ([]byte, error) {
	buf := make([]byte, min(n, b.end-b.body))
	return buf, readAt(m.r, buf, b.body, b.end)
}

// mp4Track is what the prober needs from one trak box.
type mp4Track struct {
	handler    string
	timescale  uint32
	duration   uint64
	channels   int
	sampleRate int
}

func probeMP4(r io.ReaderAt, size int64) (Audio, error) {
	m := &mp4Reader{r: r}
	var moov mp4Box
	var haveMoov, audioBrand bool
	var mdatBytes int64
	var mdatCount int
	for pos := int64(0); pos < size; {
		b, err := m.box(pos, size)
		if errors.Is(err, errBoxOverrun) {
			return Audio{}, fmt.Errorf("%w: the %q box runs past the end", ErrTruncated, b.typ)
		}
		if errors.Is(err, errBoxMalformed) {
			return Audio{}, fmt.Errorf("%w: malformed %q box", ErrNotAudio, b.typ)
		}
		if err != nil {
			return Audio{}, err
		}
		switch b.typ {
		case "ftyp":
			if audioBrand, err = hasAudioBrand(m, b); err != nil {
				return Audio{}, err
			}
		case "moov":
			moov, haveMoov = b, true
		case "mdat":
			mdatBytes += b.end - b.body
			mdatCount++
		}
		pos = b.end
	}
	if !audioBrand {
		return Audio{}, fmt.Errorf("%w: an MP4 file without an audio brand", ErrNotAudio)
	}
	if !haveMoov {
		if mdatCount > 0 {
			return Audio{}, fmt.Errorf("%w: the file ends before its movie box", ErrTruncated)
		}
		return Audio{}, fmt.Errorf("%w: an MP4 file without a movie box", ErrNotAudio)
	}
	track, movieScale, movieDuration, err := readMoov(m, moov)
	if err != nil {
		return Audio{}, err
	}
	if mdatCount == 0 || mdatBytes == 0 {
		return Audio{}, fmt.Errorf("%w: the file holds no media data", ErrTruncated)
	}
	d := durationOf(int64(track.duration), int64(track.timescale))
	if track.duration == 0 || track.timescale == 0 {
		d = durationOf(int64(movieDuration), int64(movieScale))
	}
	if d <= 0 {
		return Audio{}, fmt.Errorf("%w: the MP4 file does not state its duration", ErrUnsupported)
	}
	rate := track.sampleRate
	if rate == 0 {
		rate = int(track.timescale)
	}
	return Audio{
		Type: TypeM4A, Ext: "m4a", Duration: d, Bitrate: averageBitrate(mdatBytes, d),
		SampleRate: rate, Channels: track.channels, Size: size,
	}, nil
}

func hasAudioBrand(m *mp4Reader, ftyp mp4Box) (bool, error) {
	b, err := m.bytes(ftyp, 4096)
	if err != nil || len(b) < 8 {
		return false, err
	}
	if slices.Contains(audioBrands, string(b[:4])) {
		return true, nil
	}
	for i := 8; i+4 <= len(b); i += 4 { // compatible brands follow the minor version
		if slices.Contains(audioBrands, string(b[i:i+4])) {
			return true, nil
		}
	}
	return false, nil
}

// readMoov returns the first sound track and the movie's own timescale and duration
// (the fallback when the track does not state one; for a fragmented file the movie
// extends header's). A movie without a sound track is not audio.
func readMoov(m *mp4Reader, moov mp4Box) (track mp4Track, scale uint32, duration uint64, err error) {
	var found bool
	var fragmentDuration uint64
	err = m.children(moov, func(b mp4Box) error {
		switch b.typ {
		case "mvhd":
			s, d, err := readTimes(m, b)
			scale, duration = s, d
			return err
		case "mvex":
			mehd, ok, err := m.child(b, "mehd")
			if err != nil || !ok {
				return err
			}
			fragmentDuration, err = readFragmentDuration(m, mehd)
			return err
		case "trak":
			if found {
				return nil
			}
			t, err := readTrak(m, b)
			if err == nil && t.handler == "soun" {
				track, found = t, true
			}
			return err
		}
		return nil
	})
	if err != nil {
		return track, 0, 0, err
	}
	if !found {
		return track, 0, 0, fmt.Errorf("%w: the MP4 file has no sound track", ErrNotAudio)
	}
	if duration == 0 {
		duration = fragmentDuration
	}
	return track, scale, duration, nil
}

// readTimes reads timescale and duration from an mvhd or mdhd box (versions 0 and 1);
// a duration of all ones means unknown and is returned as 0.
func readTimes(m *mp4Reader, b mp4Box) (scale uint32, duration uint64, err error) {
	p, err := m.bytes(b, 32)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case len(p) >= 32 && p[0] == 1:
		scale, duration = binary.BigEndian.Uint32(p[20:]), binary.BigEndian.Uint64(p[24:])
		if duration == 1<<64-1 {
			duration = 0
		}
	case len(p) >= 20 && p[0] == 0:
		scale, duration = binary.BigEndian.Uint32(p[12:]), uint64(binary.BigEndian.Uint32(p[16:]))
		if duration == 1<<32-1 {
			duration = 0
		}
	default:
		return 0, 0, fmt.Errorf("%w: malformed %q box", ErrNotAudio, b.typ)
	}
	if duration > 1<<62 {
		duration = 0 // no real recording is this long; treat as unknown
	}
	return scale, duration, nil
}

func readFragmentDuration(m *mp4Reader, mehd mp4Box) (uint64, error) {
	p, err := m.bytes(mehd, 12)
	if err != nil {
		return 0, err
	}
	switch {
	case len(p) >= 12 && p[0] == 1:
		return min(binary.BigEndian.Uint64(p[4:]), 1<<62), nil
	case len(p) >= 8:
		return uint64(binary.BigEndian.Uint32(p[4:])), nil
	}
	return 0, nil
}

// readTrak reads a track's handler, media times and first sample description.
func readTrak(m *mp4Reader, trak mp4Box) (t mp4Track, err error) {
	mdia, ok, err := m.child(trak, "mdia")
	if err != nil || !ok {
		return t, err
	}
	return t, m.children(mdia, func(b mp4Box) error {
		switch b.typ {
		case "hdlr":
			p, err := m.bytes(b, 12)
			if err == nil && len(p) == 12 {
				t.handler = string(p[8:12])
			}
			return err
		case "mdhd":
			t.timescale, t.duration, err = readTimes(m, b)
			return err
		case "minf":
			return readSampleEntry(m, b, &t)
		}
		return nil
	})
}

// readSampleEntry reads channels and sample rate from minf/stbl/stsd's first entry
// (an AudioSampleEntry such as mp4a or alac).
func readSampleEntry(m *mp4Reader, minf mp4Box, t *mp4Track) error {
	stbl, ok, err := m.child(minf, "stbl")
	if err != nil || !ok {
		return err
	}
	stsd, ok, err := m.child(stbl, "stsd")
	if err != nil || !ok || stsd.end-stsd.body < 16 {
		return err
	}
	entry, err := m.box(stsd.body+8, stsd.end)
	if err != nil {
		return fmt.Errorf("%w: malformed sample description", ErrNotAudio)
	}
	p, err := m.bytes(entry, 28)
	if err != nil || len(p) < 28 {
		return err
	}
	t.channels = int(binary.BigEndian.Uint16(p[16:]))
	t.sampleRate = int(binary.BigEndian.Uint32(p[24:]) >> 16)
	if entry.typ != "mp4a" || binary.BigEndian.Uint16(p[8:]) != 0 {
		return nil
	}
	// MP4 writers put a placeholder 2 in channelcount; AAC's real channel layout is in
	// the decoder configuration of the esds box that follows the entry's fields.
	esds, ok, err := m.child(mp4Box{typ: entry.typ, body: entry.body + 28, end: entry.end}, "esds")
	if err != nil || !ok {
		return err
	}
	d, err := m.bytes(esds, 256)
	if err != nil {
		return err
	}
	if ch := aacChannels(d); ch > 0 {
		t.channels = ch
	}
	return nil
}

// aacChannels finds the AudioSpecificConfig in an esds payload (ES_Descriptor →
// DecoderConfigDescriptor → DecoderSpecificInfo) and returns its channel count, or 0 when
// it cannot tell.
func aacChannels(esds []byte) int {
	if len(esds) < 4 {
		return 0
	}
	p := esds[4:] // version and flags
	for _, want := range []byte{0x03, 0x04, 0x05} {
		tag, body, ok := descriptor(p)
		if !ok || tag != want {
			return 0
		}
		switch tag {
		case 0x03: // ES_ID, then flags saying which optional fields follow
			if len(body) < 3 {
				return 0
			}
			flags, skip := body[2], 3
			if flags&0x80 != 0 {
				skip += 2
			}
			if flags&0x40 != 0 && len(body) > skip {
				skip += 1 + int(body[skip])
			}
			if flags&0x20 != 0 {
				skip += 2
			}
			if len(body) < skip {
				return 0
			}
			p = body[skip:]
		case 0x04: // object type, stream type, buffer size, max and average bitrate
			if len(body) < 13 {
				return 0
			}
			p = body[13:]
		case 0x05:
			return ascChannels(body)
		}
	}
	return 0
}

// descriptor splits an MPEG-4 descriptor: a tag, a length of up to four 7-bit groups.
func descriptor(p []byte) (tag byte, body []byte, ok bool) {
	if len(p) < 2 {
		return 0, nil, false
	}
	tag, n, i := p[0], 0, 1
	for ; i < len(p) && i <= 4; i++ {
		n = n<<7 | int(p[i]&0x7F)
		if p[i]&0x80 == 0 {
			break
		}
	}
	i++
	if i > len(p) || n > len(p)-i {
		return 0, nil, false
	}
	return tag, p[i : i+n], true
}

// ascChannels reads the channel configuration of an AudioSpecificConfig: object type (5
// bits, or 11 when escaped), frequency index (4 bits, or 28 when explicit), channels (4).
func ascChannels(asc []byte) int {
	var bits uint64
	for i := 0; i < 8; i++ {
		bits <<= 8
		if i < len(asc) {
			bits |= uint64(asc[i])
		}
	}
	pos := 5
	if bits>>59 == 31 {
		pos += 6
	}
	if (bits>>(60-pos))&0xF == 15 {
		pos += 24
	}
	pos += 4
	if len(asc)*8 < pos+4 {
		return 0
	}
	switch ch := int(bits>>(60-pos)) & 0xF; {
	case ch == 7:
		return 8
	case ch > 7:
		return 0
	default:
		return ch
	}
}
