package i18n

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
)

// Text is a translatable field. All three languages travel together, so an editor fills
// them side by side and a reader can see Turkish and Azerbaijani at once; a database
// column holds it as JSON {"tr","az","en"}.
type Text struct {
	TR string `json:"tr"`
	AZ string `json:"az"`
	EN string `json:"en"`
}

// textFallbacks: the two Turkic languages are mutually intelligible, so each stands in for
// the other before English does (the catalogs follow the same order).
var textFallbacks = map[string][3]string{
	"tr": {"tr", "az", "en"},
	"az": {"az", "tr", "en"},
	"en": {"en", "tr", "az"},
}

// Get returns the text in exactly lang, without fallback.
func (t Text) Get(lang string) string {
	switch lang {
	case "tr":
		return t.TR
	case "az":
		return t.AZ
	case "en":
		return t.EN
	}
	return ""
}

// Set replaces the text in lang.
func (t *Text) Set(lang, s string) {
	switch lang {
	case "tr":
		t.TR = s
	case "az":
		t.AZ = s
	case "en":
		t.EN = s
	}
}

// Lang reports which language In(lang) shows ("" when every language is empty), so a page
// can mark the text with lang="…" and say that it falls back.
func (t Text) Lang(lang string) string {
	order, ok := textFallbacks[lang]
	if !ok {
		order = textFallbacks[Default]
	}
	for _, l := range order {
		if strings.TrimSpace(t.Get(l)) != "" {
			return l
		}
	}
	return ""
}

// In returns the text in lang, or in the first fallback language that has it.
func (t Text) In(lang string) string { return t.Get(t.Lang(lang)) }

// Empty reports whether no language has any text.
func (t Text) Empty() bool { return t.Lang(Default) == "" }

// Map applies f to each language.
func (t Text) Map(f func(lang, s string) string) Text {
	var out Text
	for _, l := range Supported {
		out.Set(l, f(l, t.Get(l)))
	}
	return out
}

// Trimmed is the text with surrounding spaces removed in every language.
func (t Text) Trimmed() Text {
	return t.Map(func(_, s string) string { return strings.TrimSpace(s) })
}

// Value stores the text as a JSON column.
func (t Text) Value() (driver.Value, error) {
	b, err := json.Marshal(t)
	return string(b), err
}

// Scan reads the JSON column back.
func (t *Text) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), t)
	case []byte:
		return json.Unmarshal(v, t)
	}
	return fmt.Errorf("i18n: cannot scan %T into Text", src)
}
