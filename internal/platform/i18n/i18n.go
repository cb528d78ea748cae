// Package i18n holds Köprü's message catalogs, locale negotiation and the
// per-locale formatting of dates, times and numbers.
//
// Functions taking a lang treat an unsupported code as Default, so a bad
// value from a URL or cookie degrades to Turkish rather than failing.
package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Supported lists the interface languages in display order.
var Supported = []string{"tr", "az", "en"}

// Default is the language used when nothing better is known.
const Default = "tr"

// IsSupported reports whether lang is one of Supported.
func IsSupported(lang string) bool { return slices.Contains(Supported, lang) }

// orDefault maps unsupported codes to Default.
func orDefault(lang string) string {
	if IsSupported(lang) {
		return lang
	}
	return Default
}

// fallbacks is the lookup order per language: the two Turkic languages are
// mutually intelligible, so each falls back to the other before English.
var fallbacks = map[string][]string{
	"tr": {"tr", "az", "en"},
	"az": {"az", "tr", "en"},
	"en": {"en", "tr", "az"},
}

// Catalog holds every message in every supported language. It is immutable
// after Load and safe for concurrent use.
type Catalog struct {
	msgs map[string]map[string]string // lang → key → message
}

// Load reads messages from fsys laid out as <root>/<lang>/*.json, each file a
// flat JSON object of string keys to string messages. Files of one language
// are merged; a key defined twice in one language is an error naming both
// files. Directories for unsupported languages are ignored, a missing
// language directory is allowed (Missing reports the gap), but finding no
// messages at all is an error since it almost certainly means a wrong root.
// Empty messages are treated as absent so the fallback applies and Missing
// reports them as untranslated.
func Load(fsys fs.FS, root string) (*Catalog, error) {
	c := &Catalog{msgs: make(map[string]map[string]string)}
	total := 0
	for _, lang := range Supported {
		dir := path.Join(root, lang)
		entries, err := fs.ReadDir(fsys, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		msgs := make(map[string]string)
		origin := make(map[string]string) // key → file defining it, for duplicate errors
		for _, e := range entries {       // ReadDir sorts by name, so errors are deterministic
			if e.IsDir() || path.Ext(e.Name()) != ".json" {
				continue
			}
			file := path.Join(dir, e.Name())
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				return nil, fmt.Errorf("i18n: %w", err)
			}
			err = parseMessages(data, func(key, msg string) error {
				if prev, ok := origin[key]; ok {
					return fmt.Errorf("key %q already defined in %s", key, prev)
				}
				origin[key] = file
				if msg != "" {
					msgs[key] = msg
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("i18n: %s: %w", file, err)
			}
		}
		c.msgs[lang] = msgs
		total += len(msgs)
	}
	if total == 0 {
		return nil, fmt.Errorf("i18n: no messages found under %q", root)
	}
	return c, nil
}

// parseMessages decodes a flat JSON object of strings, calling add for each
// pair in order. It walks tokens rather than unmarshalling into a map because
// a map would silently keep only the last of two equal keys.
func parseMessages(data []byte, add func(key, msg string) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil {
		return err
	} else if tok != json.Delim('{') {
		return errors.New("want a JSON object of strings")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // object keys are always strings
		if tok, err = dec.Token(); err != nil {
			return err
		}
		msg, ok := tok.(string)
		if !ok {
			return fmt.Errorf("key %q: value must be a string", key)
		}
		if err := add(key, msg); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // closing brace
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON object")
	}
	return nil
}

// T returns the message for key in lang, formatted with fmt.Sprintf when args
// are given (so a literal % in a message with arguments must be written %%).
// A key missing in lang is looked up in the fallback languages
// (tr→az→en, az→tr→en, en→tr→az); a key missing everywhere yields the key
// itself, so a gap shows up on screen but never breaks the page.
func (c *Catalog) T(lang, key string, args ...any) string {
	msg, ok := c.lookup(lang, key)
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

func (c *Catalog) lookup(lang, key string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, l := range fallbacks[orDefault(lang)] {
		if msg, ok := c.msgs[l][key]; ok {
			return msg, true
		}
	}
	return "", false
}

// Has reports whether key exists in lang itself, without fallback.
func (c *Catalog) Has(lang, key string) bool {
	if c == nil {
		return false
	}
	_, ok := c.msgs[lang][key]
	return ok
}

// Missing returns, per supported language, the sorted keys that exist in
// some other language but not in it. Languages missing nothing are omitted,
// so a complete catalog yields an empty map.
func (c *Catalog) Missing() map[string][]string {
	out := make(map[string][]string)
	if c == nil {
		return out
	}
	all := make(map[string]bool)
	for _, msgs := range c.msgs {
		for k := range msgs {
			all[k] = true
		}
	}
	for _, lang := range Supported {
		for k := range all {
			if _, ok := c.msgs[lang][k]; !ok {
				out[lang] = append(out[lang], k)
			}
		}
		slices.Sort(out[lang])
	}
	return out
}

// matcher's tags are in the order of Supported, so a match index is an index
// into Supported. A Matcher is safe for concurrent use.
var matcher = language.NewMatcher([]language.Tag{language.Turkish, language.Azerbaijani, language.English})

// Negotiate picks the interface language: the cookie value when it names a
// supported language, else the best match for the Accept-Language header
// (q-values honoured, regional variants such as tr-TR or az-Latn-AZ accepted),
// else Default.
func Negotiate(cookie, acceptLanguage string) string {
	if c := strings.ToLower(strings.TrimSpace(cookie)); IsSupported(c) {
		return c
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	// Use the index, not the returned tag: the tag carries extensions such
	// as "tr-u-rg-trzzzz" for regional requests.
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Supported[i]
}
