// Package format reads and checks the files a podcast episode is made of: the audio
// (MP3 or M4A), the transcript (SRT or WebVTT) and the chapters (Podcasting 2.0 JSON
// chapters). It is a pure package (no database, no HTTP): the podcast module hands it the
// bytes of an upload and stores what it returns.
//
// Nothing a client says about a file is trusted. ProbeAudio reads the type, duration,
// bitrate and layout from the bytes themselves, through an io.ReaderAt so that a file of
// hundreds of megabytes is never held in memory, and tells a truncated upload
// (ErrTruncated) from a file that is not audio at all (ErrNotAudio). CheckClaim then
// compares that finding with the Content-Type the client sent.
//
// ParseTranscript and ParseChapters return typed errors (*TranscriptError,
// *ChaptersError) whose Reason is a stable code, so that pages can show a message in the
// reader's language and point at the line or the chapter at fault. A parsed Transcript
// renders as WebVTT (what HTML players read, so an SRT upload is served as VTT) and as
// plain text (for search); parsed Chapters render as canonical JSON for the feed.
package format
