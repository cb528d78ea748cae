package feed

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// formatVersion changes whenever Write changes what it writes for the same input, so
// that caches holding feeds of the old writer are invalidated by a new release.
const formatVersion = "kopru-podcast-feed-1"

// ETag returns a strong HTTP validator, quoted and ready for the ETag header, for the
// feed Write would produce from the same input; so the module can answer a conditional
// request with 304 without rendering the feed.
//
// It hashes every field of the show, but of each episode only GUID, PublishedAt and
// UpdatedAt: it can then be computed from a cheap query that loads no show notes.
// That is the contract: whoever changes any field of an episode (title, notes, audio,
// transcripts, persons…) must move its UpdatedAt forward. Adding, removing,
// rescheduling or reordering episodes is seen without that. The order the episodes are
// given in does not matter, as it does not for Write.
func ETag(show Show, episodes []Episode) string {
	b := make([]byte, 0, 512+len(episodes)*64)
	b = appendString(b, formatVersion)
	b = appendShow(b, &show)
	for _, i := range newestFirst(episodes) {
		e := &episodes[i]
		b = appendString(b, e.GUID)
		b = appendTime(b, e.PublishedAt)
		b = appendTime(b, e.UpdatedAt)
	}
	sum := sha256.Sum256(b)
	out := make([]byte, 0, 2+base64.RawURLEncoding.EncodedLen(24))
	out = append(out, '"')
	out = base64.RawURLEncoding.AppendEncode(out, sum[:24])
	out = append(out, '"')
	return string(out)
}

// appendShow appends every field of the show, each string with its length in front so
// that no two different shows give the same bytes.
func appendShow(b []byte, s *Show) []byte {
	for _, f := range [...]string{s.FeedURL, s.GUID, s.HubURL, s.NewFeedURL, s.Title, s.Link,
		s.Description, s.Language, s.Copyright, s.Author, s.OwnerName, s.OwnerEmail,
		s.ImageURL, string(s.Type)} {
		b = appendString(b, f)
	}
	b = append(b, flag(s.Explicit), flag(s.Locked))
	b = binary.AppendUvarint(b, uint64(len(s.Categories)))
	for _, c := range s.Categories {
		b = appendString(appendString(b, c.Name), c.Sub)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Funding)))
	for _, f := range s.Funding {
		b = appendString(appendString(b, f.URL), f.Text)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Persons)))
	for _, p := range s.Persons {
		b = appendString(appendString(appendString(appendString(b, p.Name), string(p.Role)), p.Href), p.Img)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Related)))
	for _, r := range s.Related {
		b = appendString(appendString(appendString(b, r.GUID), r.FeedURL), r.Title)
	}
	return appendTime(b, s.UpdatedAt)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime appends the instant (the zone does not change the feed: it is written in UTC).
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix()))
	return binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
}

func flag(v bool) byte {
	if v {
		return 1
	}
	return 0
}
