package feed

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// podcastNamespace is the UUID the Podcasting 2.0 namespace fixes for podcast:guid
// (ead4c236-bf58-58c6-a2c6-a6b28d128cb6), as bytes.
var podcastNamespace = [16]byte{
	0xea, 0xd4, 0xc2, 0x36, 0xbf, 0x58, 0x58, 0xc6,
	0xa2, 0xc6, 0xa6, 0xb2, 0x8d, 0x12, 0x8c, 0xb6,
}

// PodcastGUID returns the podcast:guid the Podcasting 2.0 namespace derives from a
// feed URL: a UUIDv5 (RFC 9562: SHA-1 of namespace and name) in the podcast namespace,
// of the URL without its scheme and without trailing slashes. A show is given it once,
// from the feed URL it has then, and keeps it when the URL changes later.
func PodcastGUID(feedURL string) string {
	name := feedURL
	if i := strings.Index(name, "://"); i >= 0 {
		name = name[i+3:]
	}
	name = strings.TrimRight(name, "/")

	h := sha1.New()
	h.Write(podcastNamespace[:])
	h.Write([]byte(name))
	var sum [sha1.Size]byte
	u := h.Sum(sum[:0])[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // the RFC variant

	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return string(out[:])
}

// isUUID reports whether s has the textual form of a UUID (8-4-4-4-12 hex digits).
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
