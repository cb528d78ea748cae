// Package text holds the Turkish/Azerbaijani-aware string helpers used across
// Köprü: casing, the search fold, collation-based sorting and URL slugs.
//
// Language codes are "tr", "az" and "en". Any other code gets language-neutral
// (English) rules, so a bad code degrades gracefully instead of failing.
package text

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// langIndex maps a language code to an index into tags.
func langIndex(lang string) int {
	switch lang {
	case "tr":
		return 0
	case "az":
		return 1
	}
	return 2
}

var tags = [3]language.Tag{language.Turkish, language.Azerbaijani, language.English}

const (
	kindUpper = iota
	kindLower
	kindTitle
)

// Casers may be stateful and must not be shared between goroutines, while
// building one runs a language match; pooling gives both safety and speed.
var casers [3][3]sync.Pool // [kind][lang]

// Collators are not safe for concurrent use either and are costlier to build.
var collators [3]sync.Pool

func init() {
	makers := [3]func(language.Tag, ...cases.Option) cases.Caser{cases.Upper, cases.Lower, cases.Title}
	for k, mk := range makers {
		for l, tag := range tags {
			casers[k][l].New = func() any { c := mk(tag); return &c }
		}
	}
	for l, tag := range tags {
		collators[l].New = func() any { return collate.New(tag) }
	}
}

func applyCase(kind int, lang, s string) string {
	p := &casers[kind][langIndex(lang)]
	c := p.Get().(*cases.Caser)
	defer p.Put(c)
	return c.String(s) // String resets the caser first.
}

// Upper upper-cases s; tr and az map i→İ and ı→I.
func Upper(lang, s string) string { return applyCase(kindUpper, lang, s) }

// Lower lower-cases s; tr and az map I→ı and İ→i.
func Lower(lang, s string) string { return applyCase(kindLower, lang, s) }

// Title capitalises the first letter of each word and lower-cases the rest.
func Title(lang, s string) string { return applyCase(kindTitle, lang, s) }

// Fold normalises s for search matching, independent of language: it
// lower-cases (treating I, İ and ı all as i, since a searcher's keyboard
// rarely matches the author's), strips diacritics (ç→c, ə→e, ü→u, …),
// drops invisible format characters such as soft hyphens and zero-width
// spaces, collapses whitespace runs to one space and trims.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s)) // folding never grows ASCII and rarely grows anything else
	space := false // a space is pending; written only before the next rune so trailing space vanishes
	put := func(r rune) {
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				put(rune(c + 'a' - 'A'))
				i++
			case asciiSpace(c):
				space = b.Len() > 0
				i++
			default:
				// Copy the whole run of unchanged ASCII at once: this is the hot path.
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf && !('A' <= s[j] && s[j] <= 'Z') && !asciiSpace(s[j]) {
					j++
				}
				put(rune(c))
				b.WriteString(s[i+1 : j])
				i = j
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if f, ok := foldTR(r); ok {
			put(f)
			i += size
			continue
		}
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			// Combining mark from decomposed input, or invisible format character.
		default:
			if d := norm.NFD.PropertiesString(s[i:]).Decomposition(); d != nil {
				for _, dr := range string(d) {
					if !unicode.Is(unicode.Mn, dr) {
						put(unicode.ToLower(dr))
					}
				}
			} else {
				put(unicode.ToLower(r))
			}
		}
		i += size
	}
	return b.String()
}

// foldTR handles the Turkish and Azerbaijani letters directly: ı and ə have
// no decomposition, and the rest are common enough to skip the NFD lookup.
func foldTR(r rune) (rune, bool) {
	switch r {
	case 'ı', 'İ', 'î', 'Î':
		return 'i', true
	case 'ç', 'Ç':
		return 'c', true
	case 'ğ', 'Ğ':
		return 'g', true
	case 'ö', 'Ö':
		return 'o', true
	case 'ş', 'Ş':
		return 's', true
	case 'ü', 'Ü', 'û', 'Û':
		return 'u', true
	case 'ə', 'Ə':
		return 'e', true
	case 'â', 'Â':
		return 'a', true
	}
	return 0, false
}

func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// isFolded reports whether s is already in folded form, so Fold can return it
// without allocating (typical for typed queries and already-folded keys).
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c != ' ' && asciiSpace(c):
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// Compare compares a and b by the collation rules of lang and returns -1, 0 or +1.
func Compare(lang, a, b string) int {
	p := &collators[langIndex(lang)]
	c := p.Get().(*collate.Collator)
	defer p.Put(c)
	return c.CompareString(a, b)
}

// Sort sorts ss in the alphabetical order of lang (in tr: c < ç < d, ı < i;
// in az also e < ə). The sort is stable.
func Sort(lang string, ss []string) {
	SortFunc(lang, ss, func(s string) string { return s })
}

// SortFunc stably sorts items by key in the alphabetical order of lang.
// Each key is computed and converted to a collation key once.
func SortFunc[T any](lang string, items []T, key func(T) string) {
	if len(items) < 2 {
		return
	}
	p := &collators[langIndex(lang)]
	c := p.Get().(*collate.Collator)
	defer p.Put(c)
	type entry struct {
		key  []byte
		item T
	}
	var buf collate.Buffer // keys stay valid until buf.Reset, which we never call
	es := make([]entry, len(items))
	for i, it := range items {
		es[i] = entry{c.KeyFromString(&buf, key(it)), it}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
	for i := range es {
		items[i] = es[i].item
	}
}

// maxSlug is the longest slug Slug returns, in bytes.
const maxSlug = 80

// Slug turns s into a URL path segment: folded, with every run of characters
// other than letters and digits replaced by one hyphen, trimmed, and at most
// 80 bytes (cut at a hyphen when there is one). Letters of scripts Fold does
// not reduce to ASCII (Cyrillic, Arabic, …) are kept so such titles still get
// a meaningful slug. The result is "" when s has no letters or digits;
// callers need a fallback (an ID) for that case.
func Slug(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	hyphen := false
	for _, r := range f {
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else {
			hyphen = true
		}
	}
	out := b.String()
	if len(out) <= maxSlug {
		return out
	}
	if out[maxSlug] == '-' { // the cut falls exactly on a word boundary
		return out[:maxSlug]
	}
	if i := strings.LastIndexByte(out[:maxSlug], '-'); i > 0 {
		return out[:i]
	}
	// One huge word: cut at the last rune boundary that fits.
	n := maxSlug
	for n > 0 && !utf8.RuneStart(out[n]) {
		n--
	}
	return out[:n]
}
