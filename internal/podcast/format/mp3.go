package format

import (
	"encoding/binary"
	"fmt"
	"io"
)

// An MP3 file is a sequence of MPEG audio frames, each starting with a 4-byte header
// that gives the frame's length, so the whole file can be measured by jumping from header
// to header without reading the audio in between. ID3v2 tags may precede the frames,
// ID3v1 and APEv2 tags follow them. An encoder may put a Xing/Info or VBRI header in a
// first, silent frame that states how many frames follow: when the file holds fewer, it
// was cut.

// frameHeader is a decoded MPEG audio layer III frame header.
type frameHeader struct {
	version    byte // the header's version bits: 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
	sampleRate int
	bitrate    int // bits per second
	channels   int
	crc        bool  // a 16-bit CRC follows the header
	length     int64 // bytes, header included
	samples    int64 // samples per channel the frame decodes to
}

// layer III bitrates in kbit/s by index; row 0 MPEG-1, row 1 MPEG-2 and 2.5.
var mp3Bitrates = [2][16]int{
	{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
	{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
}

// sample rates by version bits and index (version bits 1 are reserved).
var mp3SampleRates = [4][3]int{
	0: {11025, 12000, 8000},
	2: {22050, 24000, 16000},
	3: {44100, 48000, 32000},
}

// parseFrameHeader decodes b[0:4]; ok is false for anything that is not a usable layer
// III header (free-format bitrate and reserved values included).
func parseFrameHeader(b []byte) (h frameHeader, ok bool) {
	if b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return h, false
	}
	version, layer := (b[1]>>3)&3, (b[1]>>1)&3
	brIdx, srIdx := b[2]>>4, (b[2]>>2)&3
	if version == 1 || layer != 1 || brIdx == 0 || brIdx == 15 || srIdx == 3 || b[3]&3 == 2 {
		return h, false
	}
	h.version = version
	h.sampleRate = mp3SampleRates[version][srIdx]
	h.crc = b[1]&1 == 0
	h.channels = 2
	if b[3]>>6 == 3 {
		h.channels = 1
	}
	padding := int64(b[2]>>1) & 1
	if version == 3 {
		h.bitrate = mp3Bitrates[0][brIdx] * 1000
		h.samples = 1152
		h.length = 144*int64(h.bitrate)/int64(h.sampleRate) + padding
	} else {
		h.bitrate = mp3Bitrates[1][brIdx] * 1000
		h.samples = 576
		h.length = 72*int64(h.bitrate)/int64(h.sampleRate) + padding
	}
	return h, true
}

// sideInfoLen is the length of the side information after the header (and its CRC), where
// a Xing/Info header starts.
func (h frameHeader) sideInfoLen() int {
	switch {
	case h.version == 3 && h.channels == 1:
		return 17
	case h.version == 3:
		return 32
	case h.channels == 1:
		return 9
	}
	return 17
}

// sameStream reports whether two headers can belong to one stream: a version or sample
// rate change means the walk lost sync.
func sameStream(a, b frameHeader) bool {
	return a.version == b.version && a.sampleRate == b.sampleRate
}

// mp3Walker visits frame headers between a start and end offset of the file.
type mp3Walker struct {
	r      io.ReaderAt
	end    int64 // where the frames end (before trailing tags)
	first  frameHeader
	buf    [4]byte
	resync int64 // bytes the walk may still scan to find lost sync again
}

// resyncBudget bounds the bytes scanned for frames after junk in the middle or at the end
// of a file, so that a file of garbage after a few frames costs little.
const resyncBudget = 1 << 20

// syncWindow is how far after the tags the first frame is looked for.
const syncWindow = 64 << 10

func probeMP3(r io.ReaderAt, size int64) (Audio, error) {
	start, err := skipID3v2(r, size)
	if err != nil {
		return Audio{}, err
	}
	w := &mp3Walker{r: r, end: trailingTagsStart(r, start, size), resync: resyncBudget}
	pos, err := w.findFirst(start)
	if err != nil {
		return Audio{}, err
	}
	declared, hasInfo := w.vbrFrameCount(pos)
	if hasInfo {
		pos += w.first.length // the info frame is silent: it carries no audio
	}
	frames, samples, bytes, err := w.walk(pos)
	if err != nil {
		return Audio{}, err
	}
	if frames == 0 {
		return Audio{}, fmt.Errorf("%w: no audio frames after the info frame", ErrTruncated)
	}
	// Encoders differ on whether the count includes the info frame itself: one frame of
	// slack keeps a valid file from being refused, and a cut is nearly always longer.
	if declared > frames+1 {
		return Audio{}, fmt.Errorf("%w: the header announces %d frames, the file holds %d",
			ErrTruncated, declared, frames)
	}
	d := durationOf(samples, int64(w.first.sampleRate))
	return Audio{
		Type: TypeMP3, Ext: "mp3", Duration: d, Bitrate: averageBitrate(bytes, d),
		SampleRate: w.first.sampleRate, Channels: w.first.channels, Size: size,
	}, nil
}

// header reads and decodes the frame header at pos; ok is false when there is none.
func (w *mp3Walker) header(pos int64) (h frameHeader, ok bool, err error) {
	if pos < 0 || pos+4 > w.end {
		return h, false, nil
	}
	if err := readAt(w.r, w.buf[:], pos, w.end); err != nil {
		return h, false, err
	}
	h, ok = parseFrameHeader(w.buf[:])
	return h, ok, nil
}

// confirmed reports whether the frame h at pos is followed by two more frames of the same
// stream (or ends exactly where the audio ends): a lone 0xFF byte pair in an image or in
// junk passes the header check often enough, three frames in a row almost never.
func (w *mp3Walker) confirmed(pos int64, h frameHeader) (bool, error) {
	for range 2 {
		pos += h.length
		if pos == w.end {
			return true, nil
		}
		next, ok, err := w.header(pos)
		if err != nil || !ok || !sameStream(h, next) {
			return false, err
		}
		h = next
	}
	return true, nil
}

// findFirst finds the first confirmed frame within syncWindow bytes of start and records
// its header as the stream's.
func (w *mp3Walker) findFirst(start int64) (int64, error) {
	n := min(w.end-start, syncWindow+3)
	if n < 4 {
		return 0, fmt.Errorf("%w: no MPEG audio frames", ErrNotAudio)
	}
	buf := make([]byte, n)
	if err := readAt(w.r, buf, start, w.end); err != nil {
		return 0, err
	}
	for i := 0; i+4 <= len(buf); i++ {
		if buf[i] != 0xFF {
			continue
		}
		h, ok := parseFrameHeader(buf[i:])
		if !ok {
			continue
		}
		pos := start + int64(i)
		ok, err := w.confirmed(pos, h)
		if err != nil {
			return 0, err
		}
		if ok {
			w.first = h
			return pos, nil
		}
	}
	return 0, fmt.Errorf("%w: no MPEG audio frames", ErrNotAudio)
}

// walk visits every frame header from pos on and sums frames, samples and bytes. A frame
// that runs past the end of the audio means the file was cut: ErrTruncated.
func (w *mp3Walker) walk(pos int64) (frames, samples, bytes int64, err error) {
	for pos < w.end {
		if w.end-pos < 4 {
			return frames, samples, bytes, w.checkTail(pos)
		}
		h, ok, err := w.header(pos)
		if err != nil {
			return 0, 0, 0, err
		}
		if !ok || !sameStream(w.first, h) {
			next, found, err := w.resyncFrom(pos + 1)
			if err != nil {
				return 0, 0, 0, err
			}
			if !found {
				break // junk after the last frame, which players ignore too
			}
			pos = next
			continue
		}
		if pos+h.length > w.end {
			return 0, 0, 0, fmt.Errorf("%w: the frame at byte %d needs %d bytes, %d remain",
				ErrTruncated, pos, h.length, w.end-pos)
		}
		frames++
		samples += h.samples
		bytes += h.length
		pos += h.length
	}
	return frames, samples, bytes, nil
}

// checkTail looks at the last one to three bytes after a frame: the start of a frame
// header there means the file was cut inside it; anything else is junk players ignore.
func (w *mp3Walker) checkTail(pos int64) error {
	var b [1]byte
	if err := readAt(w.r, b[:], pos, w.end); err != nil {
		return err
	}
	if b[0] == 0xFF {
		return fmt.Errorf("%w: the last frame header is cut", ErrTruncated)
	}
	return nil
}

// resyncFrom scans forward from pos for the next confirmed frame of the stream, within
// what remains of the walk's resync budget.
func (w *mp3Walker) resyncFrom(pos int64) (int64, bool, error) {
	var chunk [4096]byte
	for pos+4 <= w.end && w.resync > 0 {
		n := min(int64(len(chunk)), w.end-pos, w.resync)
		if n < 4 {
			return 0, false, nil
		}
		if err := readAt(w.r, chunk[:n], pos, w.end); err != nil {
			return 0, false, err
		}
		for i := int64(0); i+4 <= n; i++ {
			h, ok := parseFrameHeader(chunk[i:])
			if !ok || !sameStream(w.first, h) {
				continue
			}
			ok, err := w.confirmed(pos+i, h)
			if err != nil {
				return 0, false, err
			}
			if ok {
				return pos + i, true, nil
			}
		}
		w.resync -= n - 3
		pos += n - 3 // overlap so that a header across two chunks is seen
	}
	return 0, false, nil
}

// vbrFrameCount reads a Xing/Info or VBRI header from the first frame. hasInfo reports
// that the frame is such an info frame; declared is the number of audio frames it
// announces (0 when it does not say).
func (w *mp3Walker) vbrFrameCount(pos int64) (declared int64, hasInfo bool) {
	b := make([]byte, min(w.first.length, 64))
	if readAt(w.r, b, pos, w.end) != nil {
		return 0, false
	}
	off := 4 + w.first.sideInfoLen()
	for _, o := range []int{off, off + 2} { // +2: after a CRC
		if o+8 > len(b) {
			continue
		}
		if tag := string(b[o : o+4]); tag != "Xing" && tag != "Info" {
			continue
		}
		flags := binary.BigEndian.Uint32(b[o+4:])
		if flags&1 != 0 && o+12 <= len(b) {
			return int64(binary.BigEndian.Uint32(b[o+8:])), true
		}
		return 0, true
	}
	if len(b) >= 54 && string(b[36:40]) == "VBRI" {
		return int64(binary.BigEndian.Uint32(b[50:])), true
	}
	return 0, false
}

// skipID3v2 returns the offset after the ID3v2 tags at the start of the file (there may
// be more than one).
func skipID3v2(r io.ReaderAt, size int64) (int64, error) {
	var pos int64
	var h [10]byte
	for range 16 {
		if pos+10 > size {
			break
		}
		if err := readAt(r, h[:], pos, size); err != nil {
			return 0, err
		}
		if string(h[:3]) != "ID3" {
			break
		}
		if h[3] == 0xFF || h[4] == 0xFF || (h[6]|h[7]|h[8]|h[9])&0x80 != 0 {
			return 0, fmt.Errorf("%w: malformed ID3v2 tag", ErrNotAudio)
		}
		pos += 10 + (int64(h[6])<<21 | int64(h[7])<<14 | int64(h[8])<<7 | int64(h[9]))
		if h[5]&0x10 != 0 {
			pos += 10 // footer
		}
		if pos > size {
			return 0, fmt.Errorf("%w: the ID3v2 tag runs past the end", ErrTruncated)
		}
	}
	return pos, nil
}

// trailingTagsStart returns where the ID3v1 and APEv2 tags at the end of the file begin
// (size when there are none).
func trailingTagsStart(r io.ReaderAt, start, size int64) int64 {
	end := size
	var b [32]byte
	if end-start >= 128 && readAt(r, b[:3], end-128, size) == nil && string(b[:3]) == "TAG" {
		end -= 128
	}
	if end-start >= 32 && readAt(r, b[:], end-32, size) == nil && string(b[:8]) == "APETAGEX" {
		total := int64(binary.LittleEndian.Uint32(b[12:16]))
		if binary.LittleEndian.Uint32(b[20:24])&(1<<31) != 0 {
			total += 32 // header
		}
		if total >= 32 && total <= end-start {
			end -= total
		}
	}
	return end
}
