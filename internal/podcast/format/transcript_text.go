package format

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// cueText turns payload lines into plain text: tags (<i>, <b>, <c.class>, timestamps,
// voices) removed, entities decoded, each line trimmed, empty lines dropped. The first
// WebVTT voice tag names the speaker.
func cueText(lines []string) (speaker, text string) {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = plainLine(stripTags(l, &speaker))
		if l != "" {
			out = append(out, l)
		}
	}
	return speaker, strings.Join(out, "\n")
}

// stripTags removes <…> markup from s; the first voice tag (<v Name> or <v.class Name>)
// sets *speaker when it is still empty.
func stripTags(s string, speaker *string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		tag := s[i+1 : i+j]
		if *speaker == "" && len(tag) > 1 && tag[0] == 'v' && strings.ContainsRune(" \t.", rune(tag[1])) {
			if k := strings.IndexAny(tag, " \t"); k > 0 {
				*speaker = plainLine(tag[k+1:])
			}
		}
		b.WriteString(s[:i])
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// plainLine decodes entities and trims; decoded line breaks become spaces, so that a
// line never splits in two when written out again.
func plainLine(s string) string {
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// escapeVTT writes &, < and > as entities, which is all WebVTT cue text needs.
var escapeVTT = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// VTT renders the transcript as WebVTT, the format HTML players read: serve an SRT
// upload as this, with Content-Type TypeVTT. Speakers become voice tags.
func (t Transcript) VTT() []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	for _, c := range t.Cues {
		fmt.Fprintf(&b, "\n%s --> %s\n", vttTime(c.Start), vttTime(c.End))
		if c.Speaker != "" {
			b.WriteString("<v " + escapeVTT.Replace(c.Speaker) + ">")
		}
		if c.Text != "" || c.Speaker != "" {
			b.WriteString(escapeVTT.Replace(c.Text) + "\n")
		}
	}
	return []byte(b.String())
}

// Text returns the transcript as plain text for search and for reading: one line per
// line of cue text, the speaker's name in front whenever the speaker changes.
func (t Transcript) Text() string {
	var b strings.Builder
	prev := ""
	for _, c := range t.Cues {
		if c.Text == "" {
			continue
		}
		if c.Speaker != "" && c.Speaker != prev {
			b.WriteString(c.Speaker + ": ")
		}
		prev = c.Speaker
		b.WriteString(c.Text + "\n")
	}
	return b.String()
}

// vttTime writes hh:mm:ss.mmm.
func vttTime(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}
