package format

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"
)

// Content types of the audio formats a podcast episode may use.
const (
	TypeMP3 = "audio/mpeg"
	TypeM4A = "audio/mp4"
)

// Errors of ProbeAudio and CheckClaim; the returned errors wrap them with a detail, so
// test them with errors.Is.
var (
	// ErrNotAudio: the bytes are neither MP3 nor MP4 audio (an image, a text, a video
	// without sound, a damaged file).
	ErrNotAudio = errors.New("not an MP3 or M4A audio file")
	// ErrTruncated: the file starts as audio but ends early, as an interrupted upload does.
	ErrTruncated = errors.New("audio file is truncated")
	// ErrUnsupported: audio in a variant this package cannot measure (free-format MP3,
	// MPEG layer I or II, a fragmented MP4 without a total duration).
	ErrUnsupported = errors.New("unsupported audio variant")
	// ErrTypeMismatch: the client claimed a content type other than the one in the bytes.
	ErrTypeMismatch = errors.New("claimed content type does not match the file")
)

// Audio is what ProbeAudio found in a file.
type Audio struct {
	Type       string        // TypeMP3 or TypeM4A, read from the bytes
	Ext        string        // "mp3" or "m4a", the extension to store and serve the file under
	Duration   time.Duration // playing time
	Bitrate    int           // average bits per second of the audio data
	SampleRate int           // samples per second, e.g. 44100
	Channels   int           // 1 (mono) or 2
	Size       int64         // the file's length in bytes (the feed's enclosure length)
}

// ProbeAudio reads an MP3 or M4A file of size bytes through r and returns its type and
// measurements. It reads only headers: an MP3's frame headers are visited one by one
// without reading the audio between them, an MP4's boxes without reading the media data.
// Errors wrap ErrNotAudio, ErrTruncated or ErrUnsupported, or are r's own read errors.
//
// An MP3 costs one small read per frame (about 38 per second of audio), so pass a local
// file or memory: spool an upload to a temporary file, probe it, then store it.
func ProbeAudio(r io.ReaderAt, size int64) (Audio, error) {
	var head [12]byte
	if size < int64(len(head)) {
		return Audio{}, fmt.Errorf("%w: only %d bytes", ErrNotAudio, size)
	}
	if err := readAt(r, head[:], 0, size); err != nil {
		return Audio{}, err
	}
	if string(head[4:8]) == "ftyp" {
		return probeMP4(r, size)
	}
	return probeMP3(r, size)
}

// CheckClaim compares the content type a client sent with the one ProbeAudio read. An
// empty claim or application/octet-stream (what browsers send when they do not know)
// claims nothing and passes; the common aliases of each type (audio/mp3, audio/x-m4a, …)
// count as the type. Anything else returns an error wrapping ErrTypeMismatch.
func CheckClaim(claimedType string, a Audio) error {
	claimed := strings.ToLower(strings.TrimSpace(claimedType))
	if mt, _, err := mime.ParseMediaType(claimed); err == nil {
		claimed = mt
	}
	if claimed == "" || claimed == "application/octet-stream" {
		return nil
	}
	if canonicalAudioType(claimed) == a.Type {
		return nil
	}
	return fmt.Errorf("%w: claimed %q, the file is %s", ErrTypeMismatch, claimedType, a.Type)
}

// canonicalAudioType maps the names browsers and tools use for MP3 and M4A to TypeMP3 and
// TypeM4A, and returns any other type unchanged.
func canonicalAudioType(t string) string {
	switch t {
	case "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mp3", "audio/mpa":
		return TypeMP3
	case "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/mp4a-latm":
		return TypeM4A
	}
	return t
}

// readAt fills buf from offset off of a file of size bytes. Reading past the end means
// the file is shorter than its own structure says, so it reports ErrTruncated.
func readAt(r io.ReaderAt, buf []byte, off, size int64) error {
	if off < 0 || off+int64(len(buf)) > size {
		return fmt.Errorf("%w: a header at byte %d runs past the end", ErrTruncated, off)
	}
	n, err := r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: short read at byte %d", ErrTruncated, off)
	}
	return fmt.Errorf("read audio: %w", err)
}

// durationOf returns samples/rate as a duration without overflowing for long files.
func durationOf(samples, rate int64) time.Duration {
	if rate <= 0 {
		return 0
	}
	sec := samples / rate
	rem := samples % rate
	return time.Duration(sec)*time.Second + time.Duration(rem*int64(time.Second)/rate)
}

// averageBitrate returns bytes*8 per second of d, rounded.
func averageBitrate(bytes int64, d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((float64(bytes) * 8 / d.Seconds()) + 0.5)
}
