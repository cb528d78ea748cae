-- +goose Up
-- The site search index (internal/platform/search): one row per language version of a
-- public document of any module. title and body keep the original text for display and
-- snippets. id is a sort key chosen by the application (publication second, sequence,
-- language; see search/sqlite.go) and is also the rowid in search_fts.
CREATE TABLE search_documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref          TEXT NOT NULL,
    lang         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    url          TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    indexed_at   TIMESTAMP NOT NULL, -- lets a reindex remove what no source lists any more
    UNIQUE (kind, ref, lang)
);

-- The folded words of title and body, and the kind as one word for filtering.
-- Contentless: the text is not stored a second time.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title,
    body,
    kind,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- The title weighs ten times the body; the kind does not count.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)');

-- Every word ever indexed, for expanding a prefix into whole words. Words of deleted
-- documents stay: they match nothing and cost nothing.
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- +goose Down
DROP TABLE search_terms;
DROP TABLE search_fts;
DROP TABLE search_documents;
