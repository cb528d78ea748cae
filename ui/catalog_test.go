package ui_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

// Every message key must exist in Turkish, Azerbaijani and English.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	for lang, keys := range cat.Missing() {
		if len(keys) > 0 {
			t.Errorf("%s is missing %d keys: %s", lang, len(keys), strings.Join(keys, ", "))
		}
	}
}

// Every literal key a template translates must exist, so no page shows a raw key.
func TestTemplatesUseKnownKeys(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	err = fs.WalkDir(ui.FS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ui.FS, p)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			for _, lang := range i18n.Supported {
				if !cat.Has(lang, m[1]) {
					t.Errorf("%s: key %q missing in %s", p, m[1], lang)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
