// Package nace is the NACE Rev. 2 classification of economic activities at its two top
// levels (21 sections A–U, 88 divisions 01–99), named in Turkish, Azerbaijani and English.
// B2B profiles and opportunities store division codes; pages show the names.
package nace

import (
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
)

// Entry is a section (Code "A".."U", Section "") or a division (Code "01".."99", Section the
// letter it belongs to).
type Entry struct {
	Code    string    `json:"code"`
	Section string    `json:"section,omitempty"`
	Name    i18n.Text `json:"name"`
}

// IsDivision reports whether e is a two-digit division rather than a section.
func (e Entry) IsDivision() bool { return e.Section != "" }

func names(tr, az, en string) i18n.Text { return i18n.Text{TR: tr, AZ: az, EN: en} }

// folded holds each entry's names folded once, so a search does not fold 109×3 names.
type folded struct {
	entry Entry
	names [3]string
}

var (
	byCode = map[string]Entry{}
	index  []folded // sections first, then divisions, in code order
)

func init() {
	for _, list := range [][]Entry{sections, divisions} {
		for _, e := range list {
			byCode[e.Code] = e
			index = append(index, folded{e, [3]string{text.Fold(e.Name.TR), text.Fold(e.Name.AZ), text.Fold(e.Name.EN)}})
		}
	}
}

// Sections returns the 21 sections in order.
func Sections() []Entry { return append([]Entry(nil), sections...) }

// Divisions returns the 88 divisions in code order.
func Divisions() []Entry { return append([]Entry(nil), divisions...) }

// Lookup finds a section or division by its code; letters may be lower case and a
// single-digit division may omit its leading zero ("1" is division 01).
func Lookup(code string) (Entry, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) == 1 && code[0] >= '0' && code[0] <= '9' {
		code = "0" + code
	}
	e, ok := byCode[code]
	return e, ok
}

// ValidDivision reports whether code is exactly a division code as stored ("10", not "C").
func ValidDivision(code string) bool {
	e, ok := byCode[code]
	return ok && e.IsDivision()
}

// Search returns the entries whose code equals the query, or whose name in any of the three
// languages contains every word of the query, compared folded (so "gida", "gıda" and "GIDA"
// all find division 10). Entries in the lang name come first, since a reader is most likely
// searching in the language of the page; an empty query finds nothing.
func Search(query, lang string) []Entry {
	q := text.Fold(query)
	if q == "" {
		return nil
	}
	if e, ok := Lookup(q); ok {
		return []Entry{e}
	}
	words := strings.Fields(q)
	first := langSlot(lang)
	var primary, other []Entry
	for _, f := range index {
		switch {
		case containsAll(f.names[first], words):
			primary = append(primary, f.entry)
		case containsAll(f.names[0], words) || containsAll(f.names[1], words) || containsAll(f.names[2], words):
			other = append(other, f.entry)
		}
	}
	return append(primary, other...)
}

func langSlot(lang string) int {
	switch lang {
	case "az":
		return 1
	case "en":
		return 2
	}
	return 0
}

func containsAll(name string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(name, w) {
			return false
		}
	}
	return true
}
