package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/text"
)

const (
	// SnippetLen is a snippet's length in characters: about two lines of a result list.
	SnippetLen = 200
	// snippetLead is how much text a snippet shows before its first match, for context.
	snippetLead = 40
	// maxScan bounds how much of a body is read for a snippet (bytes), so one huge page
	// cannot slow down a whole result list.
	maxScan = 64 << 10
)

// span is a matched word in the original text: byte and character offsets, and the term.
type span struct {
	start, end   int
	rstart, rend int
	term         int
}

// inWord reports whether r continues a word of the original text. Combining marks and
// invisible format characters belong to the word they sit in, because Fold removes them:
// "Bak\u0075\u0308" and "Azər\u00ADbaycan" are single words.
func inWord(r rune) bool {
	return isWordRune(r) || r >= utf8.RuneSelf && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r))
}

// findMatches folds each word of s on its own and keeps those that match a term. Folding
// word by word maps matches back to the original letters even where Fold is not
// character for character.
func findMatches(s string, t terms) (ms []span, runes int) {
	start, rstart, n := -1, 0, 0
	add := func(end int) {
		if k := t.match(text.Fold(s[start:end])); k >= 0 {
			ms = append(ms, span{start, end, rstart, n, k})
		}
		start = -1
	}
	for i, r := range s {
		if inWord(r) {
			if start < 0 {
				start, rstart = i, n
			}
		} else if start >= 0 {
			add(i)
		}
		n++
	}
	if start >= 0 {
		add(len(s))
	}
	return ms, n
}

// highlight is s escaped, with matched words marked: for titles.
func highlight(s string, t terms) string {
	var b strings.Builder
	ms, _ := findMatches(s, t)
	writeMarked(&b, s, 0, ms)
	return b.String()
}

// snippet is about SnippetLen characters of body around the window holding the most
// distinct query terms (the earliest such window), escaped and marked. Without a match
// in the body (a title-only hit) it is the body's beginning.
func snippet(body string, t terms) string {
	cut := false
	if len(body) > maxScan {
		n := maxScan
		for n > 0 && !utf8.RuneStart(body[n]) {
			n--
		}
		body, cut = body[:n], true
	}
	ms, runes := findMatches(body, t)
	start := 0
	if len(ms) > 0 {
		m := ms[bestWindow(ms)]
		// Lead into the match with some context, but use the whole length near the end.
		from := max(0, min(m.rstart-snippetLead, runes-SnippetLen))
		start = wordStart(body, backRunes(body, m.start, m.rstart-from), m.start)
	}
	for start < len(body) {
		r, size := utf8.DecodeRuneInString(body[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	end := forwardRunes(body, start, SnippetLen)
	if end < len(body) {
		end = wordEnd(body, start, end)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	var inside []span
	for _, m := range ms {
		if m.start >= start && m.end <= end {
			inside = append(inside, m)
		}
	}
	writeMarked(&b, strings.TrimRightFunc(body[start:end], unicode.IsSpace), start, inside)
	if end < len(body) || cut {
		b.WriteString(" …")
	}
	return b.String()
}

// bestWindow returns the index of the match that starts the window with the most distinct
// terms; only the first matches are tried, which is plenty for a snippet.
func bestWindow(ms []span) int {
	best, bestCount := 0, 0
	for i := range min(len(ms), 64) {
		limit := max(0, ms[i].rstart-snippetLead) + SnippetLen
		var seen uint32
		for j := i; j < len(ms) && ms[j].rend <= limit; j++ {
			seen |= 1 << ms[j].term
		}
		if c := popcount(seen); c > bestCount {
			best, bestCount = i, c
		}
	}
	return best
}

func popcount(x uint32) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// backRunes steps n characters back from byte offset i.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forwardRunes steps n characters forward from byte offset i.
func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// wordStart moves i forward to the beginning of a word (skipping a cut-off word and the
// separators after it), but never past limit, the first match.
func wordStart(s string, i, limit int) int {
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	cutWord := inWord(r)
	for i < limit {
		r, size := utf8.DecodeRuneInString(s[i:])
		if inWord(r) && !cutWord {
			break
		}
		if !inWord(r) {
			cutWord = false
		}
		i += size
	}
	return i
}

// wordEnd moves end back so the snippet does not stop in the middle of a word, unless the
// word is all there is after start.
func wordEnd(s string, start, end int) int {
	r, _ := utf8.DecodeRuneInString(s[end:])
	if !inWord(r) {
		return end
	}
	for i := end; i > start; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !inWord(r) {
			return i
		}
		i -= size
	}
	return end
}

// writeMarked writes s (which starts at byte off of the text ms refers to) HTML-escaped,
// with whitespace runs collapsed and <mark> around the matched words.
func writeMarked(b *strings.Builder, s string, off int, ms []span) {
	at := 0
	for _, m := range ms {
		writeEscaped(b, s[at:m.start-off])
		b.WriteString("<mark>")
		writeEscaped(b, s[m.start-off:m.end-off])
		b.WriteString("</mark>")
		at = m.end - off
	}
	writeEscaped(b, s[at:])
}

// writeEscaped writes s HTML-escaped with each whitespace run as one space, since line
// breaks and indentation of a body mean nothing in a one-paragraph snippet.
func writeEscaped(b *strings.Builder, s string) {
	for s != "" {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			b.WriteString(html.EscapeString(s))
			return
		}
		b.WriteString(html.EscapeString(s[:i]))
		b.WriteByte(' ')
		s = strings.TrimLeftFunc(s[i:], unicode.IsSpace)
	}
}
