// Package ui embeds the templates, static files and message catalogs into the binary, so
// one file is the whole platform.
package ui

import "embed"

//go:embed templates static locales fonts
var FS embed.FS
