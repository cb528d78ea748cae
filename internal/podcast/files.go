package podcast

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/jpeg" // artwork may be JPEG
	_ "image/png"  // or PNG
	"io"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/podcast/format"
)

// Limits of uploads. Audio is checked by the handlers with http.MaxBytesReader as well,
// so an oversized body is cut off while it arrives.
const (
	MaxAudioBytes   = 200 << 20
	MaxArtworkBytes = 10 << 20
	MaxTextBytes    = 2 << 20 // a transcript or a chapters file
	// UploadBodyLimit is the most an episode upload request may carry: the audio, the
	// artwork, a transcript, chapters and the form's text.
	UploadBodyLimit = MaxAudioBytes + MaxArtworkBytes + 2*MaxTextBytes + 1<<20
)

// Artwork sizes Apple Podcasts accepts: square, 1400 to 3000 pixels a side.
const (
	minArtworkSide = 1400
	maxArtworkSide = 3000
)

// checkArtwork reads the image's format and size from its header and returns the
// extension to store it under; failures are field errors on field.
func checkArtwork(data []byte, field string) (string, error) {
	if len(data) > MaxArtworkBytes {
		return "", fail.Fields{field: "podcast.error.artwork_too_large"}
	}
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (kind != "jpeg" && kind != "png") {
		return "", fail.Fields{field: "podcast.error.artwork_format"}
	}
	if cfg.Width != cfg.Height || cfg.Width < minArtworkSide || cfg.Width > maxArtworkSide {
		return "", fail.Fields{field: "podcast.error.artwork_size"}
	}
	if kind == "jpeg" {
		return "jpg", nil
	}
	return "png", nil
}

// probeAudio measures an uploaded audio file and checks the type the client claimed.
func probeAudio(a *Audio, max int64) (format.Audio, error) {
	if a == nil || a.R == nil || a.Size == 0 {
		return format.Audio{}, fail.Fields{"audio": "podcast.error.audio_missing"}
	}
	if a.Size > max {
		return format.Audio{}, fail.Fields{"audio": "podcast.error.audio_too_large"}
	}
	info, err := format.ProbeAudio(a.R, a.Size)
	switch {
	case errors.Is(err, format.ErrTruncated):
		return info, fail.Fields{"audio": "podcast.error.audio_truncated"}
	case errors.Is(err, format.ErrUnsupported):
		return info, fail.Fields{"audio": "podcast.error.audio_unsupported"}
	case err != nil:
		return info, fail.Fields{"audio": "podcast.error.not_audio"}
	}
	if err := format.CheckClaim(a.Claimed, info); err != nil {
		return info, fail.Fields{"audio": "podcast.error.audio_type_mismatch"}
	}
	return info, nil
}

// parseTranscript turns an SRT or WebVTT upload into the WebVTT served and its plain text.
func parseTranscript(data []byte) (vtt, plain string, err error) {
	if len(data) > MaxTextBytes {
		return "", "", fail.Fields{"transcript": "podcast.error.text_too_large"}
	}
	t, err := format.ParseTranscript(data)
	if err != nil {
		var te *format.TranscriptError
		reason := "format"
		if errors.As(err, &te) {
			reason = te.Reason
		}
		return "", "", fail.Fields{"transcript": "podcast.error.transcript." + reason}
	}
	return string(t.VTT()), strings.TrimSpace(t.Text()), nil
}

// parseChapters checks a JSON chapters upload against the audio's duration.
func parseChapters(data []byte, e *Episode) (string, error) {
	if len(data) > MaxTextBytes {
		return "", fail.Fields{"chapters": "podcast.error.text_too_large"}
	}
	c, err := format.ParseChapters(data, e.Duration)
	if err != nil {
		var ce *format.ChaptersError
		reason := "json"
		if errors.As(err, &ce) {
			reason = ce.Reason
		}
		return "", fail.Fields{"chapters": "podcast.error.chapters." + reason}
	}
	return string(c.JSON()), nil
}

// Files is the media storage the module keeps artwork and audio in.
type Files interface {
	Put(ctx context.Context, key string, data []byte, contentType string) error
	// PutStream copies size bytes from r into storage without holding them in memory.
	PutStream(ctx context.Context, key string, r io.Reader, size int64, contentType string) error
	Open(ctx context.Context, key string) (io.ReadCloser, media.Info, error)
	Delete(ctx context.Context, key string) error
}
