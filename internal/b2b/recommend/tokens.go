package recommend

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Words are compared in folded, lightly stemmed form so that "Zeytinyağı",
// "ZEYTİNYAĞLARI" and "zeytinyağları" meet, and so do "ixracat" and
// "ixracatı". The stemmer is deliberately crude: it strips common Turkish and
// Azerbaijani plural, possessive and case endings (and an English plural s)
// from the end of a word, at most three times, never leaving fewer than four
// letters (three for the English s, so "figs" meets "fig"). It over-stems now and then ("makine" → "makin"), but it does so
// the same way on both sides of a comparison, which is all a match needs.

// stopWords are folded function words of tr, az and en that carry no topic.
var stopWords = setOf(
	// tr
	"ve", "ile", "icin", "bir", "bu", "su", "da", "de", "ya", "veya", "gibi", "olan", "olarak",
	"daha", "cok", "en", "her", "ki", "mi", "ne", "biz", "siz", "onlar", "bizim", "sizin", "tum",
	// az
	"ile", "ucun", "hem", "kimi", "cox", "olan", "biz", "siz", "bizim", "sizin", "butun", "ve", "yaxud",
	// en
	"the", "and", "for", "with", "of", "to", "in", "on", "a", "an", "our", "we", "is", "are", "from",
	"by", "or", "as", "at", "be", "this", "that", "your", "you", "their", "they", "new", "looking",
)

// suffixes are folded endings, longest first so "lari" wins over "i".
var suffixes = []string{
	"larin", "lerin", "lari", "leri", "nin", "nun", "dan", "den", "tan", "ten",
	"lar", "ler", "si", "su", "in", "un", "da", "de", "ta", "te", "ya", "ye",
	"a", "e", "i", "u", "s",
}

// Letters a stem keeps: Turkic endings are cut only from longer words, since
// short Turkic roots end in the same letters ("kuru", "ada").
const (
	minStem        = 4
	minEnglishStem = 3
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stem strips up to three endings from a folded word.
func stem(w string) string {
	for range 3 {
		cut := false
		for _, s := range suffixes {
			keep := minStem
			if s == "s" {
				keep = minEnglishStem
			}
			if len(w)-len(s) >= keep && strings.HasSuffix(w, s) {
				w = w[:len(w)-len(s)]
				cut = true
				break
			}
		}
		if !cut {
			break
		}
	}
	return w
}

// word is one token of a text: its stem and the form it was written in.
type word struct {
	stem, surface string
}

// tokenize folds s, splits it at everything that is not a letter or digit
// (punctuation, apostrophes as in "İzmir'in"), drops stop words and
// one-letter words, and stems the rest.
func tokenize(s string, emit func(word)) {
	// Each word of the original is folded on its own, so the form it was
	// written in stays at hand for the reasons.
	for {
		i := strings.IndexFunc(s, isWordRune)
		if i < 0 {
			return
		}
		s = s[i:]
		j := strings.IndexFunc(s, notWordRune)
		if j < 0 {
			j = len(s)
		}
		orig := s[:j]
		s = s[j:]
		f := text.Fold(orig)
		if strings.IndexFunc(f, notWordRune) < 0 {
			emitWord(f, orig, emit)
			continue
		}
		for _, w := range strings.FieldsFunc(f, notWordRune) { // rare: a letter folded into a mark
			emitWord(w, orig, emit)
		}
	}
}

func emitWord(folded, orig string, emit func(word)) {
	if utf8.RuneCountInString(folded) < 2 || stopWords[folded] {
		return
	}
	emit(word{stem: stem(folded), surface: orig})
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
