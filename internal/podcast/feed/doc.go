// Package feed writes the RSS feed of a podcast show: RSS 2.0 with Apple's iTunes
// namespace and the Podcasting 2.0 namespace, as Apple Podcasts, Spotify and other
// podcast apps read it. It is a pure package (no database, no HTTP): the podcast module
// loads a Show and its published Episodes and calls
//
//	err := feed.Write(w, show, episodes)
//
// Write checks the input first (Validate) and writes nothing when it is invalid: the
// error is an Invalid, a list of *Error values naming the field at fault (of the show,
// or of an episode by index and GUID) and the reason, one of ErrMissing, ErrInvalid,
// ErrUnknownCategory, ErrUnsupportedType, ErrDuplicateGUID and ErrDuplicateNumber.
// The checks cover what Apple requires of a feed (title, description, artwork,
// language, a category from Apple's list, explicit flag, owner e-mail, an enclosure
// with length and type for every episode) and what keeps apps from confusing episodes
// (unique GUIDs, unique episode numbers within a season).
//
// Write sorts the episodes newest first (ties by GUID) and takes the build date from
// the data, never from the clock, so the same input always gives the same bytes. It
// writes by hand into one buffer that it streams out in pieces, which keeps a feed of
// a thousand episodes to a few milliseconds and a handful of allocations (see the
// benchmarks). ETag gives a strong validator for the same input without writing the
// feed; read its contract about UpdatedAt.
//
// Times are written in UTC (RFC 1123 with a numeric zone); durations in whole seconds;
// show notes as HTML in CDATA, both as description and as content:encoded. Text is
// escaped, and characters XML cannot carry are replaced, so a typed title cannot break
// the feed.
//
// # Identity
//
// The channel carries podcast:guid: Show.GUID when set, otherwise PodcastGUID(FeedURL),
// the UUIDv5 the Podcasting 2.0 namespace derives from the feed URL. The module should
// store the GUID when a show is created and pass it on ever after, so that a later
// change of the feed URL does not change the show's identity. Episode GUIDs are given by
// the caller and must never change.
//
// # Bilingual series
//
// RSS has one language per channel (the language element, tr, az or en here), and
// apps and directories file a show under it; there is no per-episode language in RSS,
// iTunes or Podcasting 2.0. So the recommended way to run a Turkish–Azerbaijani series
// is one show per language, each feed in its own language, linked both ways: each
// lists the other in Show.Related, written as podcast:podroll with podcast:remoteItem
// entries (feedGuid, feedUrl, title), the namespace's way for a show to point listeners
// to another show.
//
// A single show with episodes in several languages also works: Episode.Language marks
// an episode whose language differs from the show's. The feed writes it as the item's
// dc:language (Dublin Core; read by some apps and parsers, ignored by the rest) and as
// the default language of its transcripts; since most apps show no language per
// episode, the module should also mark such an episode where people see it, in its
// title or at the top of its notes. The package never changes titles itself.
package feed
