-- +goose Up
-- The site search index (internal/platform/search): one row per language version of a
-- public document of any module. title and body keep the original text for display and
-- snippets; tsv holds the folded words of the title (weight A) and body (weight B),
-- written by the application because the fold is Go code (text.Fold).
CREATE TABLE search_documents (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref          TEXT NOT NULL,
    lang         TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    url          TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    indexed_at   TIMESTAMPTZ NOT NULL, -- lets a reindex remove what no source lists any more
    tsv          TSVECTOR NOT NULL,
    UNIQUE (kind, ref, lang)
);
-- Keep tsv in the row, where ranking and filtering read it, and let the body go to TOAST
-- first when a row is too long: otherwise every match would cost a TOAST fetch.
ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE MAIN;
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
-- Searches rank the newest matches; for a word in most documents, walking this index is
-- cheaper than collecting every match from GIN.
CREATE INDEX search_documents_published ON search_documents (published_at DESC, id DESC);

-- +goose Down
DROP TABLE search_documents;
