package content

import "github.com/kopru-platform/kopru/internal/platform/i18n"

// Text is a translatable field (title, lead, body, captions …); see i18n.Text.
type Text = i18n.Text

// Langs lists the content languages in the order forms show them.
var Langs = i18n.Supported
