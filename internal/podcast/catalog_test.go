package podcast

import (
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/podcast/format"
	"github.com/kopru-platform/kopru/ui"
)

// Every reason the format package may give has a message in every language, so a bad
// transcript or chapters file never shows a bare key.
func TestEveryFormatReasonHasAMessage(t *testing.T) {
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for _, r := range format.TranscriptReasons() {
		keys = append(keys, "podcast.error.transcript."+r)
	}
	for _, r := range format.ChaptersReasons() {
		keys = append(keys, "podcast.error.chapters."+r)
	}
	if len(keys) < 15 {
		t.Fatalf("only %d reasons", len(keys))
	}
	for _, k := range keys {
		for _, l := range i18n.Supported {
			if !cat.Has(l, k) {
				t.Errorf("%s: no %q", l, k)
			}
		}
	}
}
