package media

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Keys never contain any part of the uploaded file's name: 128 random bits make them
// unguessable, and the fixed shape leaves no room for "..", slashes or absolute paths.
var (
	keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)
	keyShape    = regexp.MustCompile(`^[0-9]{4}/(0[1-9]|1[0-2])/[a-z2-7]{26}\.[a-z0-9]{1,8}$`)
)

// NewKey returns a fresh key like "2026/11/<26 random base32 letters>.<ext>", grouped by
// the UTC month so that no directory grows without bound. ext is given with or without its dot.
func NewKey(ext string, now time.Time) string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather than return short)
	now = now.UTC()
	return fmt.Sprintf("%04d/%02d/%s.%s", now.Year(), int(now.Month()), strings.ToLower(keyEncoding.EncodeToString(b[:])), strings.TrimPrefix(strings.ToLower(ext), "."))
}

// ValidKey reports whether key has exactly the shape NewKey produces; handlers check it
// before touching storage, so a crafted path never reaches the bucket.
func ValidKey(key string) bool { return keyShape.MatchString(key) }
