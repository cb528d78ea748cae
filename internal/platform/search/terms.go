package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/text"
)

const (
	// maxTerms bounds the work one query can cause; further words add little precision.
	maxTerms = 10
	// minPrefix is the shortest last word matched as a prefix: "izm" finds İzmir, while
	// a one- or two-letter prefix would match half the index and rank it for nothing.
	minPrefix = 3
)

// isWordRune reports whether r belongs to a word. Both engines index exactly these words
// and queries are cut the same way, so nothing a reader types can act as an FTS5 or
// tsquery operator: quotes, stars, colons, dashes and brackets are all separators.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// words returns the words of s, which should already be folded.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// indexText is what the engines index for s: its folded words separated by single spaces,
// so SQLite's unicode61 tokenizer and PostgreSQL's parser see the same words the query
// parser produces.
func indexText(s string) string { return strings.Join(words(text.Fold(s)), " ") }

// kindToken is the single word a kind is indexed and filtered as.
func kindToken(kind string) string { return strings.Join(words(text.Fold(kind)), "") }

// terms is a parsed query: the distinct folded words to find, all of them required.
type terms struct {
	words  []string
	prefix bool // the last word also matches longer words ("izm" → "izmir")
}

// parse turns what a reader typed into terms, or ErrQueryTooLong / ErrEmptyQuery.
func parse(q string) (terms, error) {
	q = strings.TrimSpace(q)
	// The byte test first: a 10 kB paste is refused without counting its runes.
	if len(q) > utf8.UTFMax*MaxQueryLen || utf8.RuneCountInString(q) > MaxQueryLen {
		return terms{}, ErrQueryTooLong
	}
	all := words(text.Fold(q))
	if len(all) == 0 {
		return terms{}, ErrEmptyQuery
	}
	// Keep each word's last occurrence, so the word being typed stays last (the prefix).
	seen := make(map[string]bool, len(all))
	var ws []string
	for i := len(all) - 1; i >= 0; i-- {
		if !seen[all[i]] {
			seen[all[i]] = true
			ws = append(ws, all[i])
		}
	}
	for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
		ws[i], ws[j] = ws[j], ws[i]
	}
	if len(ws) > maxTerms {
		ws = append(ws[:maxTerms-1], ws[len(ws)-1])
	}
	return terms{words: ws, prefix: utf8.RuneCountInString(ws[len(ws)-1]) >= minPrefix}, nil
}

// fts5 is the plain FTS5 MATCH expression: every word quoted as a phrase (implicit AND),
// the last one with FTS5's own * when it is a prefix.
func (t terms) fts5() string {
	var b strings.Builder
	for i, w := range t.words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(w)
		b.WriteByte('"')
	}
	if t.prefix {
		b.WriteByte('*')
	}
	return b.String()
}

// tsquery is the to_tsquery('simple', …) input: the words joined by &, the last with :*
// when it is a prefix. Words hold only letters and digits, so none is an operator.
func (t terms) tsquery() string {
	s := strings.Join(t.words, " & ")
	if t.prefix {
		s += ":*"
	}
	return s
}

// match reports which term the folded word w matches, or -1.
func (t terms) match(w string) int {
	last := len(t.words) - 1
	for i, tw := range t.words {
		if w == tw || i == last && t.prefix && strings.HasPrefix(w, tw) {
			return i
		}
	}
	return -1
}
