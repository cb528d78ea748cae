package format

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Content types of the transcript formats.
const (
	TypeSRT = "application/x-subrip"
	TypeVTT = "text/vtt"
)

// Cue is one timed piece of a transcript.
type Cue struct {
	Start, End time.Duration
	Speaker    string // from a WebVTT voice tag (<v Name>); empty when unknown
	Text       string // plain text, lines joined by "\n"; markup removed, entities decoded
}

// Transcript is a parsed SRT or WebVTT file.
type Transcript struct {
	Type string // TypeSRT or TypeVTT: the format it was uploaded in
	Cues []Cue
}

// Reasons of a TranscriptError: stable codes that pages map to localized messages.
const (
	ReasonEncoding       = "encoding"         // not valid UTF-8
	ReasonFormat         = "format"           // neither a WEBVTT header nor a numbered SRT cue
	ReasonHeader         = "header"           // a WEBVTT header that is malformed or not on line 1
	ReasonNumber         = "number"           // an SRT cue that does not start with its number
	ReasonTiming         = "timing"           // a missing or malformed "start --> end" line
	ReasonEndBeforeStart = "end_before_start" // a cue that ends before it starts
	ReasonOrder          = "order"            // a cue that starts before the cue above it
	ReasonBlankLine      = "blank_line"       // a timing line where a blank line must come first
	ReasonNoCues         = "no_cues"          // a file without a single cue
)

var transcriptReasons = map[string]string{
	ReasonEncoding:       "the file is not UTF-8 text",
	ReasonFormat:         "not an SRT or WebVTT file",
	ReasonHeader:         "malformed WEBVTT header",
	ReasonNumber:         "expected the number of an SRT cue",
	ReasonTiming:         `expected a timing line "00:00:01.000 --> 00:00:04.000"`,
	ReasonEndBeforeStart: "the cue ends before it starts",
	ReasonOrder:          "the cue starts before the previous one",
	ReasonBlankLine:      "a blank line must separate cues",
	ReasonNoCues:         "the file holds no cues",
}

// TranscriptError says what is wrong with a transcript and where.
type TranscriptError struct {
	Line   int    // 1-based line number; 0 when the whole file is at fault
	Reason string // one of the Reason… codes
}

func (e *TranscriptError) Error() string {
	if e.Line == 0 {
		return "transcript: " + transcriptReasons[e.Reason]
	}
	return fmt.Sprintf("transcript line %d: %s", e.Line, transcriptReasons[e.Reason])
}

// ParseTranscript reads an SRT or WebVTT file, recognised by its content: a WEBVTT first
// line, or a first cue that starts with its number. A byte order mark and CRLF line ends
// are accepted. Errors are *TranscriptError.
func ParseTranscript(data []byte) (Transcript, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return Transcript{}, &TranscriptError{Line: invalidUTF8Line(data), Reason: ReasonEncoding}
	}
	lines := splitLines(string(data))
	first := 0
	for first < len(lines) && isBlank(lines[first]) {
		first++
	}
	if first == len(lines) {
		return Transcript{}, &TranscriptError{Reason: ReasonNoCues}
	}
	head := strings.TrimSpace(lines[first])
	switch {
	case first == 0 && strings.HasPrefix(lines[0], "WEBVTT"):
		return parseVTT(lines)
	case strings.HasPrefix(head, "WEBVTT"):
		return Transcript{}, &TranscriptError{Line: first + 1, Reason: ReasonHeader}
	case isDigits(head):
		return parseSRT(lines)
	}
	return Transcript{}, &TranscriptError{Line: first + 1, Reason: ReasonFormat}
}

// block is a run of non-blank lines; line is the 0-based index of its first line.
type block struct {
	line  int
	lines []string
}

func blocks(lines []string) []block {
	var out []block
	for i := 0; i < len(lines); {
		if isBlank(lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(lines) && !isBlank(lines[j]) {
			j++
		}
		out = append(out, block{line: i, lines: lines[i:j]})
		i = j
	}
	return out
}

// cueBuilder collects cues and checks their times and order.
type cueBuilder struct {
	cues []Cue
}

// add parses the timing line (0-based index line) and the payload that follows it.
func (c *cueBuilder) add(lines []string, line int, srt bool) error {
	start, end, ok := parseTiming(lines[0], srt)
	if !ok {
		return &TranscriptError{Line: line + 1, Reason: ReasonTiming}
	}
	if end < start {
		return &TranscriptError{Line: line + 1, Reason: ReasonEndBeforeStart}
	}
	if n := len(c.cues); n > 0 && start < c.cues[n-1].Start {
		return &TranscriptError{Line: line + 1, Reason: ReasonOrder}
	}
	for i, l := range lines[1:] {
		if strings.Contains(l, "-->") {
			return &TranscriptError{Line: line + 2 + i, Reason: ReasonBlankLine}
		}
	}
	speaker, text := cueText(lines[1:])
	c.cues = append(c.cues, Cue{Start: start, End: end, Speaker: speaker, Text: text})
	return nil
}

func (c *cueBuilder) transcript(typ string) (Transcript, error) {
	if len(c.cues) == 0 {
		return Transcript{}, &TranscriptError{Reason: ReasonNoCues}
	}
	return Transcript{Type: typ, Cues: c.cues}, nil
}

// parseSRT reads numbered cues: a number, a timing line, text lines, a blank line.
func parseSRT(lines []string) (Transcript, error) {
	var c cueBuilder
	for _, b := range blocks(lines) {
		if !isDigits(strings.TrimSpace(b.lines[0])) {
			return Transcript{}, &TranscriptError{Line: b.line + 1, Reason: ReasonNumber}
		}
		if len(b.lines) < 2 {
			return Transcript{}, &TranscriptError{Line: b.line + 2, Reason: ReasonTiming}
		}
		if err := c.add(b.lines[1:], b.line+1, true); err != nil {
			return Transcript{}, err
		}
	}
	return c.transcript(TypeSRT)
}

// parseVTT reads a WEBVTT header block, then cues (an optional identifier line, a timing
// line, payload lines), skipping NOTE, STYLE and REGION blocks.
func parseVTT(lines []string) (Transcript, error) {
	if rest := lines[0][len("WEBVTT"):]; rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return Transcript{}, &TranscriptError{Line: 1, Reason: ReasonHeader}
	}
	bs := blocks(lines)
	for i, l := range bs[0].lines {
		if strings.Contains(l, "-->") {
			return Transcript{}, &TranscriptError{Line: i + 1, Reason: ReasonBlankLine}
		}
	}
	var c cueBuilder
	for _, b := range bs[1:] {
		if isCommentBlock(b.lines[0]) {
			continue
		}
		timing := 0
		if !strings.Contains(b.lines[0], "-->") {
			timing = 1 // the first line is the cue's identifier
		}
		if timing >= len(b.lines) {
			return Transcript{}, &TranscriptError{Line: b.line + 2, Reason: ReasonTiming}
		}
		if err := c.add(b.lines[timing:], b.line+timing, false); err != nil {
			return Transcript{}, err
		}
	}
	return c.transcript(TypeVTT)
}

// isCommentBlock reports whether a WebVTT block is a NOTE, STYLE or REGION block, which
// carry nothing for a transcript.
func isCommentBlock(first string) bool {
	if strings.Contains(first, "-->") {
		return false
	}
	word := strings.Fields(first)[0]
	return word == "NOTE" || word == "STYLE" || word == "REGION"
}

// parseTiming reads "start --> end", ignoring WebVTT cue settings or SRT coordinates after
// the end time.
func parseTiming(line string, srt bool) (start, end time.Duration, ok bool) {
	a, b, found := strings.Cut(line, "-->")
	fields := strings.Fields(b)
	if !found || len(fields) == 0 {
		return 0, 0, false
	}
	start, ok1 := parseTimestamp(strings.TrimSpace(a), srt)
	end, ok2 := parseTimestamp(fields[0], srt)
	return start, end, ok1 && ok2
}

// parseTimestamp reads [hours:]mm:ss.mmm; SRT writes a comma before the milliseconds
// (a dot is accepted too), WebVTT a dot.
func parseTimestamp(s string, srt bool) (time.Duration, bool) {
	if len(s) < 9 {
		return 0, false
	}
	sep := s[len(s)-4]
	if sep != '.' && !(srt && sep == ',') {
		return 0, false
	}
	ms, ok := number(s[len(s)-3:], 3, 999)
	if !ok {
		return 0, false
	}
	parts := strings.Split(s[:len(s)-4], ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	sec, ok1 := number(parts[len(parts)-1], 2, 59)
	mins, ok2 := number(parts[len(parts)-2], 2, 59)
	hours := 0
	ok3 := true
	if len(parts) == 3 {
		hours, ok3 = number(parts[0], 0, 99_999)
	}
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	return time.Duration(hours)*time.Hour + time.Duration(mins)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(ms)*time.Millisecond, true
}

// number parses a decimal of exactly width digits (any width from 1 to 5 when width is
// 0) that is at most max.
func number(s string, width, max int) (int, bool) {
	if (width > 0 && len(s) != width) || s == "" || len(s) > 5 || !isDigits(s) {
		return 0, false
	}
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n, n <= max
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

// invalidUTF8Line returns the 1-based line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// TranscriptReasons lists every Reason a TranscriptError may carry, so that a module can
// check that its message catalogs cover them all.
func TranscriptReasons() []string { return slices.Sorted(maps.Keys(transcriptReasons)) }
