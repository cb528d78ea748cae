// Package search keeps one full-text index over the public documents of every module
// (news, pages, milestones, later events, projects, episodes) and answers the site's search
// box. It runs on each engine's own full-text machinery, SQLite FTS5 and PostgreSQL
// tsvector/GIN, over text folded with text.Fold, so "IZMIR", "İzmir" and "izmir" and
// "Bakü"/"baku" find the same documents on both.
//
// Modules write their documents with Put and Delete inside the transaction that changes
// the content, so the index never disagrees with what has been committed, and provide a
// Source each for Reindex.
//
// A query finds documents holding all its words, the last one also as a prefix ("izm"
// finds İzmir, "festival" finds festivalda). Nothing typed is syntax: words are runs of
// letters and digits, everything else separates them.
package search

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

// A Document is one language version of one public thing.
type Document struct {
	Kind  string    // "news", "page", "milestone", … (the owning module's word)
	Ref   string    // the thing's id within its kind
	Lang  string    // "tr", "az" or "en": one Document per language the thing exists in
	Title string    // plain text
	Body  string    // plain text: callers strip Markdown and HTML first
	URL   string    // site path, e.g. "/tr/news/izmir-baku"
	Date  time.Time // publication time: ranking tie-break and display
}

// Query is what a reader asks.
type Query struct {
	Text  string
	Lang  string   // the reader's language: hits in it come first
	Kinds []string // only these kinds; all when empty
	Limit int      // at most this many hits; 0 means DefaultLimit, capped at MaxLimit
}

// Hit is one found document with its highlighted texts.
type Hit struct {
	Document
	// Snippet is about SnippetLen characters of the body around the best match, HTML-escaped,
	// with <mark>…</mark> around matched words; safe to insert into a page as is.
	Snippet string
	// TitleHTML is the title, escaped and marked the same way.
	TitleHTML string
	// Score is the engine's relevance (higher is better); comparable only within one search.
	Score float64
}

const (
	DefaultLimit = 20
	MaxLimit     = 100
	// MaxQueryLen bounds a query in characters after trimming, so a pasted essay is
	// refused at once instead of becoming a slow search.
	MaxQueryLen = 200
)

// Errors for queries that cannot be searched. Both unwrap to fail.Fields on the "q" field,
// so web.StatusOf answers 422 with a translated message, and stay comparable with errors.Is.
var (
	ErrEmptyQuery   error = &queryError{"search.query_empty"}
	ErrQueryTooLong error = &queryError{"search.query_too_long"}
)

// queryError exists because fail.Fields is a map: a map value cannot be matched by
// errors.Is, while a pointer can.
type queryError struct{ key string }

func (e *queryError) Error() string { return "search: " + e.key }
func (e *queryError) Unwrap() error { return fail.Fields{"q": e.key} }

// candidates bounds the matches a search ranks: the newest ones. Ranking is work per
// matching document on both engines (bm25 in FTS5 costs about a microsecond each, ts_rank
// reads each tsvector), so a word found in nearly every document, such as "İzmir" on this
// site, would cost a hundred milliseconds to rank in full. A query matching fewer
// documents is ranked exactly; one matching more is ranked among its newest candidates,
// which is also what a reader of a news site expects.
const candidates = 1000

// Index is the search index of one database.
type Index struct {
	db  *db.DB
	eng engine
}

// engine is what differs between SQLite and PostgreSQL; each lives in its own file.
type engine interface {
	// put writes one checked document, replacing an earlier version with the same key.
	put(ctx context.Context, q db.Querier, d Document, indexed time.Time) error
	delete(ctx context.Context, q db.Querier, kind, ref string) error
	// find returns the best hits without snippets, ranked as Search promises.
	find(ctx context.Context, t terms, q Query) ([]Hit, error)
	bare(ctx context.Context, t terms, limit int) (int, error)
	// sweep removes the documents last written before a reindex started.
	sweep(ctx context.Context, q db.Querier, before time.Time) error
	// compact brings the index into its fastest shape after a bulk write.
	compact(ctx context.Context) error
}

// New returns the index kept in d (its tables come with the migrations).
func New(d *db.DB) *Index {
	if d.Dialect == db.Postgres {
		return &Index{db: d, eng: postgresEngine{d}}
	}
	return &Index{db: d, eng: sqliteEngine{d}}
}
